import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadNodeMemory, loadTopologyRules, topologyFileSchema } from '../../src/data/node-memory.js';
import { repoRoot } from '../helpers/run-cli.js';
import { autoHeapBytes, diskBytesFor, mlModelCapacityBytes, nodeCapacity, usableDiskBytes } from '../../src/sizing/node-memory.js';

const model = loadNodeMemory();
const GIB = 1024 ** 3;
const MIB = 1024 ** 2;

describe('automatic JVM heap (MachineDependentHeap)', () => {
  it('data nodes: half the RAM, capped at 31 GiB', () => {
    expect(autoHeapBytes(8 * GIB, 'data', model)).toBe(4 * GIB);
    expect(autoHeapBytes(64 * GIB, 'data', model)).toBe(31 * GIB); // 32 GiB capped
    expect(autoHeapBytes(128 * GIB, 'data', model)).toBe(33285996544); // 31 x 1024^3
  });

  it('data nodes under 1 GiB: 40%, whole MiB', () => {
    // 512 MiB x 0.4 = 204.8 MiB -> 204 MiB
    expect(autoHeapBytes(512 * MIB, 'data', model)).toBe(204 * MIB);
  });

  it('master-only nodes: 60%', () => {
    // 16384 MiB x 0.6 = 9830.4 MiB -> 9830 MiB
    expect(autoHeapBytes(16 * GIB, 'master', model)).toBe(9830 * MIB);
  });

  it('ML-only nodes: 40% of the first 16 GiB plus 10% above, multiple of 4 MiB', () => {
    // 8 GiB: 3276.8 MiB -> 3276 MiB (3276 = 4 x 819)
    expect(autoHeapBytes(8 * GIB, 'ml', model)).toBe(3276 * MIB);
    // 64 GiB: 6553.6 + 4915.2 = 11468.8 MiB -> 11468 MiB (= 4 x 2867)
    expect(autoHeapBytes(64 * GIB, 'ml', model)).toBe(11468 * MIB);
  });

  it('switches ratio at the thresholds formulas/node-memory.json gives, not at numbers in code', () => {
    // data at exactly 1 GiB: 50% -> 512 MiB; ML at exactly 16 GiB: 16384 x 0.4 = 6553.6 MiB -> 6552 MiB (4 MiB steps)
    expect(autoHeapBytes(GIB, 'data', model)).toBe(512 * MIB);
    expect(autoHeapBytes(16 * GIB, 'ml', model)).toBe(6552 * MIB);
    // With the data threshold moved to 2 GiB, 1 GiB takes the small-node 40%: 409.6 MiB -> 409 MiB.
    const moved = { ...model, heap: { ...model.heap, data: { ...model.heap.data, small_below_bytes: 2 * GIB }, ml: { ...model.heap.ml, split_bytes: 8 * GIB } } };
    expect(autoHeapBytes(GIB, 'data', moved)).toBe(409 * MIB);
    // ML split at 8 GiB: 8192 x 0.4 + 8192 x 0.1 = 3276.8 + 819.2 = 4096 MiB at 16 GiB
    expect(autoHeapBytes(16 * GIB, 'ml', moved)).toBe(4096 * MIB);
  });

  it('never decreases as RAM grows, never exceeds half the RAM above 1 GiB', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 1, max: 4096 }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(autoHeapBytes(lo * GIB, 'data', model)).toBeLessThanOrEqual(autoHeapBytes(hi * GIB, 'data', model));
        expect(autoHeapBytes(lo * GIB, 'data', model)).toBeLessThanOrEqual((lo * GIB) / 2);
      }),
      { seed: 20261110 },
    );
  });
});

describe('disk below the low watermark', () => {
  it('85% for small disks, 200 GiB headroom for large ones', () => {
    // 950 GB: 15% = 142.5 GB < 200 GiB, so 807.5 GB usable
    expect(usableDiskBytes(950e9, model)).toBe(807.5e9);
    // 3800 GB: 15% = 570 GB > 200 GiB = 214,748,364,800 bytes
    expect(usableDiskBytes(3800e9, model)).toBe(3800e9 - 214748364800);
  });

  it('diskBytesFor is the smallest disk that holds the need', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20e12 }), (need) => {
        const d = diskBytesFor(need, model);
        expect(usableDiskBytes(d, model)).toBeGreaterThanOrEqual(need);
        expect(usableDiskBytes(d - 2, model)).toBeLessThan(need);
      }),
      { seed: 20261111 },
    );
  });
});

describe('nodeCapacity', () => {
  it('splits a 128 GiB node: heap, OS reserve, vector cache, headroom', () => {
    const c = nodeCapacity({ memory_gib: 128, disk_gb: 950 }, { ram_headroom_ratio: 0.1, os_reserve_ratio: 0.0625 }, model);
    // RAM 137,438,953,472; heap 31 GiB = 33,285,996,544; OS 1/16 = 8,589,934,592
    // page cache = 137438953472 - 33285996544 - 8589934592 = 95,563,022,336
    // vectors = floor(95563022336 x 0.9) = 86,006,720,102
    expect(c.heap_bytes).toBe(33285996544);
    expect(c.os_reserve_bytes).toBe(8589934592);
    expect(c.page_cache_bytes).toBe(95563022336);
    expect(c.vector_cache_bytes).toBe(86006720102);
    expect(c.other_cache_bytes).toBe(95563022336 - 86006720102);
    expect(c.usable_disk_bytes).toBe(807.5e9);
  });

  it('more headroom leaves less for vectors; more RAM never less', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1024 }), fc.double({ min: 0, max: 0.9, noNaN: true }), (gib, h) => {
        const p = { os_reserve_ratio: 0.0625 };
        const a = nodeCapacity({ memory_gib: gib, disk_gb: 0 }, { ...p, ram_headroom_ratio: h }, model);
        const b = nodeCapacity({ memory_gib: gib, disk_gb: 0 }, { ...p, ram_headroom_ratio: h + 0.05 }, model);
        const c = nodeCapacity({ memory_gib: gib + 1, disk_gb: 0 }, { ...p, ram_headroom_ratio: h }, model);
        expect(b.vector_cache_bytes).toBeLessThanOrEqual(a.vector_cache_bytes);
        expect(c.vector_cache_bytes).toBeGreaterThanOrEqual(a.vector_cache_bytes);
        expect(a.heap_bytes + a.os_reserve_bytes + a.page_cache_bytes).toBe(a.ram_bytes);
      }),
      { seed: 20261112 },
    );
  });

  it('ML nodes give models 30% of memory by default', () => {
    // 64 GiB x 0.3 = 19.2 GiB = 20,615,843,020.8 -> floor
    expect(mlModelCapacityBytes(64, model)).toBe(Math.floor(64 * GIB * 0.3));
  });
});

describe('master, ML and Kibana layouts (formulas/topology.json)', () => {
  const rules = loadTopologyRules();

  it('every dedicated layout holds master_count nodes, one per zone from two zones, all in the zone with one', () => {
    // Three master-eligible nodes (master_count), and resilience-in-larger-clusters.md: one per zone
    // with three zones; two zones put the third in an independent location.
    expect(rules.master_count.value).toBe(3);
    expect(rules.master_layout.dedicated['1']).toEqual([3]);
    expect(rules.master_layout.dedicated['2']).toEqual([1, 1, 1]);
    expect(rules.master_layout.dedicated['3']).toEqual([1, 1, 1]);
    for (const layout of Object.values(rules.master_layout.dedicated)) expect(layout.reduce((a, b) => a + b, 0)).toBe(rules.master_count.value);
  });

  it('a two-zone plan without dedicated masters adds one voting-only tiebreaker, outside both zones', () => {
    expect(rules.master_layout.tiebreaker_only['2']).toEqual([0, 0, 1]);
  });

  it('one ML node and one Kibana per zone', () => {
    expect(rules.ml_nodes_per_zone.value).toBe(1);
    expect(rules.kibana_nodes_per_zone.value).toBe(1);
  });
});

describe('the topology file schema refuses layouts that contradict master_count', () => {
  const file = JSON.parse(readFileSync(join(repoRoot, 'formulas', 'topology.json'), 'utf8')) as Record<string, unknown> & { master_layout: { dedicated: Record<string, number[]> } };

  it('accepts the file as it is', () => {
    expect(topologyFileSchema.safeParse(file).success).toBe(true);
  });

  it('refuses four masters over three zones and a two-zone layout that names one zone', () => {
    const four = { ...file, master_layout: { ...file.master_layout, dedicated: { ...file.master_layout.dedicated, '3': [2, 1, 1] } } };
    const r = topologyFileSchema.safeParse(four);
    expect(r.success).toBe(false);
    expect(JSON.stringify(r.error?.issues)).toContain('holds 4 masters, not master_count (3)');
    const short = { ...file, master_layout: { ...file.master_layout, dedicated: { ...file.master_layout.dedicated, '2': [3] } } };
    expect(JSON.stringify(topologyFileSchema.safeParse(short).error?.issues)).toContain('lists 1 zones for a 2-zone plan');
  });
});
