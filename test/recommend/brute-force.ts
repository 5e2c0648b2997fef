/**
 * An independent brute-force planner for tests: written from the published rules, not from the
 * recommender's code. It tries every eligible instance type, every zone-balanced node count up to
 * the limit and every disk option, keeps for each type and count its cheapest disk, and returns
 * the cheapest whole plan, or, among plans within 1% of the cheapest, the preferred one (no idle
 * data node, then local disk, then more headroom on the fullest node).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Workload } from '../../src/model/workload.js';
import type { SizingResult } from '../../src/sizing/size-workload.js';
import { searchLoad, queryModelData } from '../../src/recommend/search-load.js';
import { modelData } from '../helpers/model-data.js';

const root = join(import.meta.dirname, '..', '..');
const json = (path: string) => JSON.parse(readFileSync(join(root, path), 'utf8'));

interface Entry {
  id: string;
  family: string;
  vcpu: number;
  memory_gib: number;
  local_disk_gb: number;
  local_disk_kind: string;
  price_usd_per_hour: number | null;
  local_ssd_options?: { disk_gib: number; allowed_counts: number[]; price_usd_per_hour_per_disk: number };
  elastic_cloud?: { ech_cloud: string };
}

const GIB = 2 ** 30;
const HOURS = 730; // formulas/topology.json hours_per_month
const MAX_NODES = 600; // formulas/topology.json max_data_nodes
const MAX_SHARDS = 1000; // cluster.max_shards_per_node
// formulas/topology.json: disk_merge_reserve_ratio 0.05 + disk_growth_margin_ratio 0.05 of the
// disk below the low watermark stay free at the planned fill; cost_tie_margin_ratio 0.01.
const FILL_SHARE = 0.9;
const TIE_MARGIN = 0.01;

/**
 * Search CPU, from the published rules: a search runs one thread per shard copy it queries and
 * queries one copy of every primary (size-shards.md), the search pool has int(p * 3 / 2) + 1
 * threads (thread-pool-settings), and esplan's policies in formulas/throughput.json: at most one
 * busy thread per processor, 75% of them at peak, and peak served with one zone lost.
 */
function busyThreadsOffered(vcpu: number): number {
  const p = Math.max(1, Math.floor(vcpu));
  const pool = Math.floor((p * 3) / 2) + 1;
  return Math.min(pool, p) * 0.75;
}

/** Elasticsearch's data-node heap: half the RAM above 1 GiB, at most 31 GiB, in whole MiB. */
function heap(ram: number): number {
  const raw = ram < GIB ? Math.max(ram * 0.4, 128 * 2 ** 20) : Math.min(ram / 2, 31 * GIB);
  return Math.floor(raw / 2 ** 20) * 2 ** 20;
}

/** Disk a node may fill: 85% low watermark, but never more than 200 GiB kept free. */
function usable(disk: number): number {
  return Math.floor(disk - Math.min(disk * 0.15, 200 * GIB));
}

function matches(family: string, wanted: string): boolean {
  return family.toLowerCase() === wanted.toLowerCase() || family.toLowerCase().startsWith(`${wanted.toLowerCase()}-`);
}

export interface BruteResult {
  id: string;
  nodes: number;
  monthly: number | null;
  /** Nothing inside the reference band fits: the plan is on the nearest entries outside it. */
  outside?: boolean;
}

interface Option {
  r: BruteResult;
  idle: boolean;
  local: boolean;
  headroom: number;
}

/**
 * What one query costs, as the query-cost model prices it (the model has its own calibration
 * tests; this planner checks the search that uses it): milliseconds per shard copy, and per search
 * for coordination and fetch.
 */
export interface QueryCosts {
  shard_ms: number;
  overhead_ms: number;
}

/** The query costs the recommender's model gives a sized workload (a measured shard time replaces both). */
export function modelQueryCosts(workload: Workload, sizing: SizingResult): QueryCosts {
  const load = searchLoad({ ...workload, search: { ...workload.search, peak_qps: 1 } }, sizing, queryModelData(modelData))!;
  return { shard_ms: load.shard_query_ms, overhead_ms: load.overhead_ms };
}

export function bruteForce(workload: Workload, sizing: SizingResult, costs: QueryCosts = modelQueryCosts(workload, sizing)): BruteResult | undefined {
  const provider = workload.deployment.provider;
  const catalog = json(`catalogs/${provider}.json`);
  const roles = json('catalogs/roles.json');
  const entries: Entry[] = catalog.entries;
  const attachedPrice: number | undefined = catalog.attached_storage?.price_usd_per_gib_month;
  const z = workload.availability.zones;
  const S = sizing.shards.total_shards;
  const copies = sizing.shards.replicas + 1;
  const ramPerShard = sizing.sizing.total_ram_bytes / S;
  const diskPerShard = sizing.sizing.total_disk_bytes / S;
  const headroom = workload.assumptions.ram_headroom_ratio ?? 0.1;
  const echPrice = workload.deployment.price_usd_per_gb_ram_hour;
  // Threads one shard copy keeps busy at peak: every query hits each primary once, spread over
  // the copies outside the lost zone (a zone holds at most ceil(copies / zones) of them).
  const qps = workload.search.peak_qps ?? 0;
  // With one zone there is no zone to lose: every copy and node serves.
  const servingCopies = z > 1 ? Math.max(1, copies - Math.ceil(copies / z)) : copies;
  const perCopyThreads = (qps * costs.shard_ms) / 1000 / servingCopies;
  // Coordinating every search falls on the data nodes outside the lost zone.
  const coordinationThreads = (n: number) => (qps * costs.overhead_ms) / 1000 / (z > 1 ? Math.max(1, n - Math.ceil(n / z)) : n);
  const priceOf = (e: Entry): number | null =>
    e.price_usd_per_hour ?? (provider === 'elastic-cloud' && echPrice !== undefined ? e.memory_gib * echPrice : null);

  const dataFamilies: string[] = workload.deployment.instance_families ?? roles.providers[provider].data;
  const mins = roles.minimums[provider] ?? roles.minimums.default;
  // node_sizing reference (the default): data nodes inside the reference architecture's
  // hot/content band (16-32 vCPU, 64-256 GB; catalogs/roles.json records it with its source),
  // the workload's max_data_node_* keys replacing the upper bounds; fit: no band.
  const reference = workload.deployment.node_sizing !== 'fit';
  const band: Band = reference
    ? {
        lo: mins.data.reference_floor ?? { vcpu: 0, memory_gib: 0 },
        hi: {
          vcpu: workload.deployment.max_data_node_vcpu ?? mins.data.reference_ceiling?.vcpu ?? null,
          memory_gib: workload.deployment.max_data_node_memory_gib ?? mins.data.reference_ceiling?.memory_gib ?? null,
        },
      }
    : { lo: { vcpu: 0, memory_gib: 0 }, hi: { vcpu: null, memory_gib: null } };
  const sortCheapest = (list: Entry[]) =>
    list.sort((a, b) => {
      const pa = priceOf(a);
      const pb = priceOf(b);
      if (pa !== null && pb !== null) return pa - pb || a.memory_gib - b.memory_gib || a.id.localeCompare(b.id);
      if (pa !== null) return -1;
      if (pb !== null) return 1;
      return a.memory_gib - b.memory_gib || a.vcpu - b.vcpu || a.id.localeCompare(b.id);
    });
  // Support roles: the cheapest accepted entry inside the role's band; with none inside, the
  // cheapest of the accepted entries nearest to it.
  const cheapest = (role: string, ok: (e: Entry) => boolean, cloud?: string, roleBand?: Band): Entry | undefined => {
    const list = entries.filter(
      (e) => roles.providers[provider][role].some((f: string) => matches(e.family, f)) && (!cloud || e.elastic_cloud?.ech_cloud === cloud) && ok(e),
    );
    if (!roleBand) return sortCheapest(list)[0];
    const inside = list.filter((e) => outsideBy(e, roleBand) === 0);
    if (inside.length > 0) return sortCheapest(inside)[0];
    const nearest = Math.min(...list.map((e) => outsideBy(e, roleBand)));
    return sortCheapest(list.filter((e) => outsideBy(e, roleBand) <= nearest + 1e-9))[0];
  };
  const supportBand = (m: RoleMin, factor = 1): Band => {
    const lo = m.reference_floor ?? m;
    const hi = m.reference_ceiling;
    return {
      lo: { vcpu: lo.vcpu, memory_gib: lo.memory_gib * factor },
      hi: { vcpu: hi?.vcpu ?? null, memory_gib: hi?.memory_gib == null ? null : hi.memory_gib * factor },
    };
  };

  const mlNodes = workload.inference.placement === 'ml_nodes' ? z : 0;
  const supportHourly = (dataNodes: number, cloud?: string): number | null => {
    let total: number | null = 0;
    const es = dataNodes + mlNodes;
    const add = (e: Entry | undefined, n: number) => {
      if (!e) throw new Error('no support entry');
      const p = priceOf(e);
      total = p === null || total === null ? null : total + p * n;
    };
    if (es >= 6 || z === 2) {
      const factor = es < 6 ? 1 : es <= 30 ? 1 : es <= 100 ? 2 : 4;
      // A voting-only tiebreaker (two zones, no dedicated masters) needs only 1 vCPU / 4 GiB.
      const vcpu = es >= 6 ? mins.master.vcpu : Math.min(mins.master.vcpu, 1);
      const mem = es >= 6 ? mins.master.memory_gib * factor : Math.min(mins.master.memory_gib, 4);
      add(cheapest('master', (e) => e.vcpu >= vcpu && e.memory_gib >= mem, cloud, es >= 6 ? supportBand(mins.master, factor) : undefined), es >= 6 ? 3 : 1);
    }
    if (mlNodes) {
      const modelBytes = Math.ceil((workload.inference.model_memory_gib ?? 4) * GIB);
      add(cheapest('ml', (e) => e.vcpu >= mins.ml.vcpu && e.memory_gib >= mins.ml.memory_gib && Math.floor(e.memory_gib * GIB * 0.3) >= modelBytes, cloud, supportBand(mins.ml)), mlNodes);
    }
    add(cheapest('kibana', (e) => e.vcpu >= mins.kibana.vcpu && e.memory_gib >= mins.kibana.memory_gib, cloud, supportBand(mins.kibana)), z);
    return total;
  };

  const survive = workload.availability.survive_node_loss;
  const primaries = S / copies;
  // Inside the band first; when nothing there fits, the fitting entries nearest the band.
  const dataEntries = entries.filter((e) => dataFamilies.some((f) => matches(e.family, f)) && e.local_disk_kind !== 'hdd');
  const inside = cheapestData(dataEntries.filter((e) => outsideBy(e, band) === 0));
  if (inside) return { ...inside, outside: false };
  const fits = dataEntries
    .filter((e) => outsideBy(e, band) > 0)
    .map((e) => ({ d: outsideBy(e, band), r: cheapestData([e]) }))
    .filter((x): x is { d: number; r: BruteResult } => x.r !== undefined);
  if (fits.length === 0) return undefined;
  const nearest = Math.min(...fits.map((x) => x.d));
  const near = dataEntries.filter((e) => fits.some((x) => x.r.id === e.id && x.d <= nearest + 1e-9));
  const r = cheapestData(near);
  return r ? { ...r, outside: true } : undefined;

  /** The cheapest plan on these entries, or among plans within 1% of it the preferred one. */
  function cheapestData(candidates: Entry[]): BruteResult | undefined {
  const options: Option[] = [];
  let unpriced: { r: BruteResult; key: number[] } | undefined;
  let lowest = Infinity;
  for (const e of candidates) {
    const ram = Math.round(e.memory_gib * GIB);
    const cache = Math.floor((ram - heap(ram) - Math.floor(ram / 16)) * (1 - headroom));
    for (let n = z; n <= MAX_NODES; n += z) {
      // More nodes cost at least n x the bare instance price: once that passes the tie band of the best plan, stop.
      const bare = priceOf(e);
      if (bare !== null && bare > 0 && Math.round(bare * n * HOURS * 100) / 100 > lowest * (1 + TIE_MARGIN)) break;
      if (n < copies) continue;
      const perZone = n / z;
      const k = Math.ceil(Math.ceil(S / z) / perZone);
      const ramNeed = Math.ceil(k * ramPerShard);
      if (k > MAX_SHARDS || ramNeed > cache) continue;
      if (qps > 0 && k * perCopyThreads + coordinationThreads(n) > busyThreadsOffered(e.vcpu)) continue;
      const need = Math.ceil(k * diskPerShard);
      // One node of a zone with two or more lost: its copies stay in the zone (forced awareness),
      // at most one copy of a shard on a node, and must fit below the low watermark and in cache.
      let lossDisk = 0;
      if (survive && perZone >= 2) {
        const kLost = Math.min(Math.ceil(Math.ceil(S / z) / (perZone - 1)), primaries);
        if (Math.ceil(kLost * ramPerShard) > cache) continue;
        lossDisk = Math.ceil(kLost * diskPerShard);
      }
      const holds = (u: number) => need <= u * FILL_SHARE && lossDisk <= u;
      // Every disk option this entry has: [usable bytes, what it adds per hour, local]; the cheapest that holds it.
      const disks: [number, number, boolean][] = [];
      if (e.local_ssd_options) {
        for (const c of e.local_ssd_options.allowed_counts) {
          const u = usable(c * e.local_ssd_options.disk_gib * GIB);
          if (holds(u)) disks.push([u, c * e.local_ssd_options.price_usd_per_hour_per_disk, true]);
        }
      } else if (e.local_disk_kind !== 'none') {
        const u = usable(Math.round(e.local_disk_gb * 1e9));
        if (holds(u)) disks.push([u, 0, e.local_disk_kind === 'nvme' || e.local_disk_kind === 'ssd']);
      } else if (attachedPrice !== undefined) {
        let gib = 1;
        while (!holds(usable(gib * GIB))) gib++;
        disks.push([usable(gib * GIB), (gib * attachedPrice) / HOURS, false]);
      }
      disks.sort((a, b) => a[1] - b[1]);
      const disk = disks[0];
      if (!disk) continue;
      const [u, extra, local] = disk;
      const p = priceOf(e);
      const support = p === null ? null : supportHourly(n, e.elastic_cloud?.ech_cloud);
      const monthly = p === null || support === null ? null : Math.round((p + extra) * n * HOURS * 100) / 100 + Math.round(support * HOURS * 100) / 100;
      const r = { id: e.id, nodes: n, monthly };
      if (monthly === null) {
        const key = [n, n * e.memory_gib];
        if (!unpriced || less(key, unpriced.key)) unpriced = { r, key };
        continue;
      }
      // Awareness spreads the copies evenly over the zones: a zone with fewer copies than nodes has an idle node.
      const idle = Math.floor(S / z) < perZone;
      const headroom = Math.min(1 - need / u, cache > 0 ? 1 - ramNeed / cache : ramNeed > 0 ? 0 : 1);
      options.push({ r, idle, local, headroom });
      lowest = Math.min(lowest, monthly);
    }
  }
  if (options.length === 0) return unpriced?.r;
  const tied = options.filter((o) => o.r.monthly! <= lowest * (1 + TIE_MARGIN));
  tied.sort((a, b) => Number(a.idle) - Number(b.idle) || Number(b.local) - Number(a.local) || b.headroom - a.headroom || a.r.monthly! - b.r.monthly! || a.r.nodes - b.r.nodes);
  return tied[0]!.r;
  }
}

interface Band {
  lo: { vcpu: number; memory_gib: number };
  hi: { vcpu: number | null; memory_gib: number | null };
}

interface RoleMin {
  vcpu: number;
  memory_gib: number;
  reference_floor?: { vcpu: number; memory_gib: number };
  reference_ceiling?: { vcpu: number | null; memory_gib: number | null };
}

/** 0 inside the band; outside, the summed log ratio to the nearest bound over vCPU and RAM. */
function outsideBy(e: { vcpu: number; memory_gib: number }, band: Band): number {
  const d = (v: number, lo: number, hi: number | null) => (lo > 0 && v < lo ? Math.log(lo / v) : hi !== null && v > hi ? Math.log(v / hi) : 0);
  return d(e.vcpu, band.lo.vcpu, band.hi.vcpu) + d(e.memory_gib, band.lo.memory_gib, band.hi.memory_gib);
}

function less(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  }
  return false;
}
