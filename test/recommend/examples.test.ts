/**
 * Every example workload on every provider: the plan is valid (zones, counts, capacity) and no
 * cheaper plan exists, as an independent brute-force search over the catalog confirms.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadNodeMemory } from '../../src/data/node-memory.js';
import { parseWorkload } from '../../src/model/parse-workload.js';
import { PROVIDERS, type Workload } from '../../src/model/workload.js';
import { chooseTopology } from '../../src/recommend/choose-topology.js';
import { usableDiskBytes } from '../../src/sizing/node-memory.js';
import { sizeWorkload, type SizingResult } from '../../src/sizing/size-workload.js';
import { bruteForce } from './brute-force.js';
import { modelData } from '../helpers/model-data.js';

const examplesDir = join(import.meta.dirname, '..', '..', 'examples');
const examples = readdirSync(examplesDir).filter((f) => f.endsWith('.yaml')).sort();

function onProvider(w: Workload, provider: (typeof PROVIDERS)[number]): Workload {
  const { instance_families: families, price_usd_per_gb_ram_hour: _p, region, ...rest } = w.deployment;
  const same = provider === w.deployment.provider;
  return parseWorkload({
    ...w,
    deployment: { ...rest, provider, ...(same && families ? { instance_families: families } : {}), ...(same && region ? { region } : {}) },
  });
}

describe.each(examples)('example %s', (file) => {
  const base = parseWorkload(parse(readFileSync(join(examplesDir, file), 'utf8')));
  it.each([...PROVIDERS])('on %s: valid and the cheapest', (provider) => {
    const workload = onProvider(base, provider);
    const sizing: SizingResult = sizeWorkload(workload, { constants: 'codec', data: modelData });
    const topo = chooseTopology(workload, sizing, { data: modelData, resize: () => { throw new Error('no resize in this test'); } });
    const z = workload.availability.zones;
    const data = topo.tiers.find((t) => t.role === 'data');
    expect(data).toBeDefined();
    if (!data) return;

    // Zones: every zone the same number of data nodes, and one Kibana per zone.
    expect(data.nodes % z).toBe(0);
    expect(data.nodes_per_zone).toHaveLength(z);
    expect(new Set(data.nodes_per_zone).size).toBe(1);
    expect(data.nodes_per_zone.reduce((a, b) => a + b, 0)).toBe(data.nodes);
    const kibana = topo.tiers.find((t) => t.role === 'kibana');
    expect(kibana?.nodes_per_zone).toEqual(Array.from({ length: z }, () => 1));

    // Capacity: the fullest node's shards fit its vector cache and its disk below the watermark.
    const S = sizing.shards.total_shards;
    const k = Math.ceil(Math.ceil(S / z) / (data.nodes / z));
    expect(k).toBeLessThanOrEqual(1000);
    expect(k * (sizing.sizing.total_ram_bytes / S)).toBeLessThanOrEqual(data.vector_cache_bytes! + 1);
    expect(k * (sizing.sizing.total_disk_bytes / S)).toBeLessThanOrEqual(data.usable_disk_bytes! + 1);
    // disk_gb is shown to two decimals (10 MB): the usable figure follows the low-watermark rule.
    const model = loadNodeMemory();
    expect(data.usable_disk_bytes).toBeGreaterThanOrEqual(usableDiskBytes(data.disk_gb * 1e9 - 1e7, model));
    expect(data.usable_disk_bytes).toBeLessThanOrEqual(usableDiskBytes(data.disk_gb * 1e9 + 1e7, model));
    // One zone lost: every shard keeps a copy (copies sit in different zones). An example that is not
    // highly available on purpose (one zone or no replica: the one-node benchmark) says so instead.
    if (workload.availability.zones > 1 && workload.availability.replicas > 0) {
      expect(sizing.shards.replicas + 1).toBeGreaterThanOrEqual(2);
    } else {
      expect(topo.warnings.map((w) => w.code)).toContain('NOT_HIGHLY_AVAILABLE');
    }
    expect(data.nodes).toBeGreaterThanOrEqual(sizing.shards.replicas + 1);

    // Masters: dedicated from six Elasticsearch nodes, three of them.
    const ml = topo.tiers.find((t) => t.role === 'ml');
    const es = data.nodes + (ml?.nodes ?? 0);
    const masters = topo.tiers.find((t) => t.role === 'master');
    if (es >= 6) expect(masters?.nodes).toBe(3);
    else if (z === 2) expect(masters?.nodes).toBe(1);
    else expect(masters).toBeUndefined();
    expect(Boolean(ml)).toBe(workload.inference.placement === 'ml_nodes');

    // Cheapest: the brute force finds no cheaper whole plan (or, unpriced, no fewer nodes).
    const brute = bruteForce(workload, sizing);
    expect(brute).toBeDefined();
    if (topo.monthly_usd === null) {
      expect(brute?.monthly).toBeNull();
      expect(data.nodes).toBe(brute?.nodes);
    } else {
      expect(Math.abs(topo.monthly_usd - (brute?.monthly ?? NaN))).toBeLessThanOrEqual(0.05);
      const sum = topo.tiers.reduce((s, t) => s + (t.monthly_usd ?? NaN), 0);
      expect(topo.monthly_usd).toBeCloseTo(sum, 2);
      expect(topo.price_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});
