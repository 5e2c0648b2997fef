/**
 * Indexing CPU in the data-tier search: each node carries its share of the shard copies' indexing
 * threads (src/sizing/ingest.ts nodeIndexingThreads) on the same cores as its search threads; a node
 * offers min(search pool, processors) x 0.75 threads (formulas/throughput.json). Hand-derived counts.
 */
import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../src/model/parse-workload.js';
import { searchDataTier, type DataDemand } from '../../src/recommend/data-tier.js';
import { dataTier } from '../../src/recommend/data-tier-view.js';
import { context } from '../../src/recommend/topology-context.js';
import { modelData } from '../helpers/model-data.js';

const w = parseWorkload({
  corpus: { documents: 1000, source_bytes_per_document: 100 },
  availability: { zones: 3, replicas: 1, survive_node_loss: false },
  deployment: { provider: 'aws', instance_families: ['r6gd'] },
});
const ctx = context(w, { data: modelData });
const entries = ctx.entries.filter((e) => e.instance_type === 'r6gd.4xlarge');

function demand(extra: Partial<DataDemand>): DataDemand {
  return { total_ram_bytes: 1e6, total_disk_bytes: 1e9, total_shards: 12, copies: 2, zones: 3, survive_node_loss: false, ...extra };
}

describe('data tier with an indexing load', () => {
  it('the fixture is one 16 vCPU type', () => {
    expect(entries.map((e) => [e.instance_type, e.vcpu])).toEqual([['r6gd.4xlarge', 16]]);
  });

  it('adds nodes until each carries its share: 60 threads over 12 shard copies on 16 vCPU nodes', () => {
    // A node offers min(25, 16) x 0.75 = 12 threads. 3 nodes: 4 copies each -> 60 x 4 / 12 = 20 > 12.
    // 6 nodes: 2 copies each -> 10 <= 12. So 6 nodes, set by indexing CPU.
    const fit = searchDataTier(entries, demand({ indexing: { threads_needed: 60 } }), ctx.policy, ctx.model, undefined, ctx.limits).fits[0]!;
    expect(fit.nodes).toBe(6);
    expect(fit.shards_per_node).toBe(2);
    expect(fit.indexing_threads_needed_per_node).toBe(10);
    expect(fit.search_threads_available_per_node).toBe(12);
    expect(fit.limited_by).toBe('indexing CPU');
    const tier = dataTier(fit, false, 3, ctx.rules, ctx.limits);
    expect(tier).toMatchObject({ indexing_threads_needed_per_node: 10, cpu_threads_available_per_node: 12 });
    expect(tier.notes).toContainEqual({ code: 'INDEXING_THREADS_AT_PEAK', params: { indexing: 10, search: 0, available: 12 } });
    expect(tier.note).toContain('10 indexing threads per node busy at peak ingest, of 12');
  });

  it('without an indexing load the tier is sized as before and carries no indexing key', () => {
    // 12 shard copies, tiny RAM and disk: the 3 zones x 1 node minimum.
    const fit = searchDataTier(entries, demand({}), ctx.policy, ctx.model, undefined, ctx.limits).fits[0]!;
    expect(fit.nodes).toBe(3);
    expect(fit.indexing_threads_needed_per_node).toBeUndefined();
    expect(fit.search_threads_available_per_node).toBeUndefined();
    expect(Object.keys(dataTier(fit, false, 3, ctx.rules, ctx.limits))).not.toContain('indexing_threads_needed_per_node');
  });

  it('a light indexing load fits the minimum tier and does not set the count', () => {
    // 3 nodes, 4 copies each: 6 x 4 / 12 = 2 <= 12.
    const fit = searchDataTier(entries, demand({ indexing: { threads_needed: 6 } }), ctx.policy, ctx.model, undefined, ctx.limits).fits[0]!;
    expect(fit.nodes).toBe(3);
    expect(fit.indexing_threads_needed_per_node).toBe(2);
    expect(fit.limited_by).toBe('zones and copies');
  });

  it('one copy per node that still cannot index its share says more nodes cannot help', () => {
    // 12 copies over 12 nodes: 1 each -> 200 x 1 / 12 = 16.7 > 12 at every count.
    const r = searchDataTier(entries, demand({ indexing: { threads_needed: 200 } }), ctx.policy, ctx.model, undefined, ctx.limits);
    expect(r.fits).toEqual([]);
    expect(r.excluded[0]?.reason).toContain('indexing CPU');
    expect(r.excluded[0]?.reason).toContain('more nodes cannot help');
  });
});
