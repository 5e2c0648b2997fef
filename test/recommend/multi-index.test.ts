/**
 * Several indices in one workload (issue 13, item 1) and tenancy (item 5): the schema's forms and
 * refusals, sizing per index with the top level the sum, the data tier planning every shard copy
 * as large as the largest index's, and routing cutting the shards a query reaches.
 * Expected values come from sizing each index alone as a single-index workload, not from the
 * multi-index code under test.
 */
import { describe, expect, it } from 'vitest';
import { indicesOf } from '../../src/model/indices.js';
import { parseWorkload } from '../../src/model/parse-workload.js';
import { planSchema } from '../../src/model/plan.js';
import { UserError } from '../../src/model/problems.js';
import { buildPlan } from '../../src/recommend/build-plan.js';
import { queryModelData, searchLoad } from '../../src/recommend/search-load.js';
import { shardsOnFullestNode } from '../../src/recommend/data-tier.js';
import { sizeWorkload } from '../../src/sizing/size-workload.js';
import { modelData } from '../helpers/model-data.js';

const common = {
  name: 'hybrid',
  elasticsearch: { version: '9.2', license: 'enterprise' },
  availability: { zones: 3, replicas: 2 },
  deployment: { provider: 'aws', region: 'us-east-1' },
};
const kb = {
  index: { name: 'kb-docs' },
  corpus: { documents: 5_000_000, source_bytes_per_document: 4000 },
  vectors: [{ field: 'emb', dims: 1024, per_document: 3 }],
};
const memory = {
  index: { name: 'agent-memory' },
  corpus: { documents: 20_000_000, source_bytes_per_document: 1000 },
  vectors: [{ field: 'emb', dims: 768 }],
};
const options = { data: modelData, esplanVersion: 'test' };

function problems(raw: unknown): string[] {
  try {
    parseWorkload(raw);
  } catch (e) {
    if (e instanceof UserError) return e.problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  return [];
}

describe('the indices form of a workload', () => {
  it('normalises both forms to one entry per index, replicas and peak per index or inherited', () => {
    const one = parseWorkload({ ...common, ...kb });
    expect(indicesOf(one).map((ix) => [ix.name, ix.replicas, ix.index.codec])).toEqual([['kb-docs', 2, 'default']]);
    const two = parseWorkload({ ...common, search: { peak_qps: 100 }, indices: [kb, { ...memory, availability: { replicas: 1 }, search: { peak_qps: 300 } }] });
    expect(indicesOf(two).map((ix) => [ix.name, ix.replicas, ix.peak_qps])).toEqual([
      ['kb-docs', 2, 100],
      ['agent-memory', 1, 300],
    ]);
    // The single-index form's normalised shape is today's: no indices key appears.
    expect('indices' in one).toBe(false);
  });

  it('refuses per-index sections beside indices, twice-used names and fields, and inconsistent field keys', () => {
    expect(problems({ ...common, corpus: kb.corpus, indices: [kb] })).toContain('corpus: cannot sit at the top level beside indices: move it into each entry of indices (indices[i].corpus)');
    expect(problems({ ...common, indices: [kb, kb] })).toContain('indices[1].index.name: kb-docs is already the name of indices[0]; each index needs its own name');
    expect(problems({ ...common, ...kb, text_fields: [{ field: 'emb', words_per_document: 10 }] })).toContain('text_fields[0].field: emb is already a field of vectors; one field has one type');
    expect(problems({ ...common, ...kb, text_fields: [{ field: 'body', words_per_document: 10, bytes_per_document: 60 }] })).toContain(
      'text_fields[0].words_per_document: and bytes_per_document are both set; give one of them',
    );
    expect(problems({ ...common, ...kb, tenancy: { field: 't', tenants: 10, largest_tenant_share: 0.05 } })).toContain(
      'tenancy.largest_tenant_share: 0.05 is below 1/10: the largest of 10 tenants holds at least an even share',
    );
    expect(problems({ ...common, ...kb, tenancy: { field: 't', tenants: 10, largest_tenant_share: 0.5, routing_partition_size: 2 } })).toContain(
      'tenancy.routing_partition_size: applies only to strategy routing, not shared',
    );
    expect(problems({ ...common, indices: [{ ...kb, index: {} }] }).some((p) => p.startsWith('indices[0].index.name'))).toBe(true);
  });
});

describe('sizing several indices', () => {
  const both = parseWorkload({ ...common, indices: [kb, memory] });
  const aloneKb = sizeWorkload(parseWorkload({ ...common, ...kb }), { constants: 'codec', data: modelData });
  const aloneMemory = sizeWorkload(parseWorkload({ ...common, ...memory }), { constants: 'codec', data: modelData });
  const plan = planSchema.parse(buildPlan(both, options));

  it('sizes each index as it would be alone, and the top level is their sum', () => {
    expect(plan.indices.map((ix) => ix.name)).toEqual(['kb-docs', 'agent-memory']);
    expect(plan.indices[0]!.sizing).toEqual(aloneKb.sizing);
    expect(plan.indices[1]!.sizing).toEqual(aloneMemory.sizing);
    expect(plan.indices[0]!.shards).toEqual(aloneKb.shards);
    for (const key of ['documents', 'vector_ram_bytes', 'primary_disk_bytes', 'total_ram_bytes', 'total_disk_bytes'] as const) {
      expect(plan.sizing[key]).toBe(aloneKb.sizing[key] + aloneMemory.sizing[key]);
    }
    expect(plan.sizing.vectors.map((v) => `${v.index}/${v.field}`)).toEqual(['kb-docs/emb', 'agent-memory/emb']);
    // With several indices the plan has no single shard plan at the top level.
    expect(plan.shards).toBeUndefined();
  });

  it('plans the fullest data node as holding its share of shard copies, each as large as the largest index\'s', () => {
    const data = plan.tiers.find((t) => t.role === 'data')!;
    const totalShards = aloneKb.shards.total_shards + aloneMemory.shards.total_shards;
    const largestDisk = Math.max(
      Math.ceil(aloneKb.sizing.total_disk_bytes / aloneKb.shards.total_shards),
      Math.ceil(aloneMemory.sizing.total_disk_bytes / aloneMemory.shards.total_shards),
    );
    const k = shardsOnFullestNode(totalShards, data.nodes, 3);
    expect(data.fullest_node_disk_bytes).toBe(Math.ceil(k * largestDisk));
    // At least what the indices' bytes spread evenly would put there.
    expect(data.fullest_node_disk_bytes!).toBeGreaterThanOrEqual(Math.ceil(plan.sizing.total_disk_bytes / data.nodes));
  });
});

describe('tenancy', () => {
  const base = { ...common, ...kb, search: { peak_qps: 200 } };
  const load = (tenancy: Record<string, unknown>) => {
    const w = parseWorkload({ ...base, index: { name: 'kb-docs', primaries: 4 }, tenancy });
    return searchLoad(w, sizeWorkload(w, { constants: 'codec', data: modelData }), queryModelData(modelData))!;
  };

  it('filters every query on its tenant: filtered, with 1/tenants as the selectivity', () => {
    const w = parseWorkload({ ...base, tenancy: { field: 'tenant_id', tenants: 50, largest_tenant_share: 0.1 } });
    expect(w.search.filtered).toBe(true);
    expect(load({ field: 'tenant_id', tenants: 50, largest_tenant_share: 0.1 }).query.params.filter_selectivity).toBe(1 / 50);
  });

  it('routing sends a query to routing_partition_size shards instead of every primary', () => {
    const shared = load({ field: 'tenant_id', tenants: 50, largest_tenant_share: 0.1 });
    const routed = load({ field: 'tenant_id', tenants: 50, largest_tenant_share: 0.1, strategy: 'routing', routing_partition_size: 2 });
    // Same query time per shard (same selectivity and shard size); 2 of 4 primaries reached.
    expect(routed.shard_query_ms).toBeCloseTo(shared.shard_query_ms, 9);
    expect(routed.threads_per_copy).toBeCloseTo(shared.threads_per_copy * (2 / 4), 9);
    expect(routed.threads_needed).toBeCloseTo((200 * (2 * routed.shard_query_ms + routed.overhead_ms)) / 1000, 9);
  });

  it('one index per tenant: one primary each, tenants x copies shard copies, the largest tenant\'s share per shard', () => {
    const w = parseWorkload({ ...base, tenancy: { field: 'tenant_id', tenants: 40, largest_tenant_share: 0.05, strategy: 'index_per_tenant' } });
    const sized = sizeWorkload(w, { constants: 'codec', data: modelData });
    expect(sized.shards.primaries).toBe(1);
    expect(sized.shards.total_shards).toBe(40 * 3);
    expect(sized.shards.shard_bytes).toBe(Math.ceil(sized.sizing.primary_disk_bytes * 0.05));
  });
});
