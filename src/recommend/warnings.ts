/** Advice with codes: index-type trade-offs, version and license limits, zone loss. */
import type { TopologyData } from '../data/node-memory.js';
import { indexTypeInfo, type IndexType, type IndexTypesData } from '../data/index-types.js';
import type { Warning } from '../model/plan.js';
import type { Workload } from '../model/workload.js';
import { compareVersions } from '../model/version.js';
import type { SizingResult } from '../sizing/size-workload.js';
import type { DataFit } from './data-tier.js';
import { ceilingText, underCeiling, type DataCeiling } from './eligible.js';

const GIB = 1024 ** 3;
const HNSW_UNQUANTIZED_OR_SCALAR: readonly IndexType[] = ['hnsw', 'int8_hnsw', 'int4_hnsw'];

/** What the data tier would be with some vector fields (by default all) on another index type. */
export interface IndexTypeOutcome {
  index_type: IndexType;
  total_ram_bytes: number;
  fit?: DataFit;
}

export interface WarningInputs {
  workload: Workload;
  indexTypes: IndexTypesData;
  sizing: SizingResult;
  chosen: DataFit;
  rules: TopologyData;
  /** The reference architecture's smallest data-node RAM, when the provider has one (catalogs/roles.json). */
  dataGuidanceMemoryGib?: number;
  /** node_sizing: fit: the band's ceiling, above which DATA_NODE_ABOVE_GUIDANCE warns. */
  dataCeiling?: DataCeiling | undefined;
  /**
   * Re-plans the data tier with the vector fields at `fields` (indexes into workload.vectors; every
   * field when absent) on `type` and the others held; undefined when that type is not possible.
   */
  outcomeFor: (type: IndexType, fields?: readonly number[]) => IndexTypeOutcome | undefined;
}

export function topologyWarnings(i: WarningInputs): Warning[] {
  const out: Warning[] = [];
  const { workload, sizing, chosen, rules } = i;
  const vectors = sizing.sizing.vectors;
  const types = i.indexTypes;
  const version = workload.elasticsearch.version;

  if (vectors.some((v) => HNSW_UNQUANTIZED_OR_SCALAR.includes(v.index_type))) {
    const hint = hnswRamHint(i);
    if (hint) out.push(hint);
  }

  const ceiling = rules.diskbbq_recall_ceiling.value;
  const recall = workload.search.recall_target;
  if (recall !== undefined && recall > ceiling && vectors.some((v) => v.index_type === 'bbq_disk')) {
    out.push({
      code: 'RECALL_ABOVE_DISKBBQ',
      message: `recall target ${recall} is above the ~${ceiling} DiskBBQ is recommended for; measure recall, raise the visit percentage or oversample, or use bbq_hnsw`,
    });
  }

  out.push(...tenantFlatWarnings(sizing, types, rules));

  if (workload.search.filtered && !sizing.indices.some((ix) => ix.view.tenancy) && vectors.some((v) => types.index_types.find((t) => t.id === v.index_type)?.structure === 'hnsw')) {
    out.push({
      code: 'FILTERED_KNN',
      message: `queries are filtered: when filters cut the candidates below ~${rules.bbq_flat_filter_vectors.value.toLocaleString('en-US')} vectors (e.g. per tenant), bbq_flat is simpler and exact; for selective filters on HNSW, ACORN filtered search avoids wasted graph hops`,
    });
  }

  const bbq = indexTypeInfo(types, 'bbq_hnsw');
  if (compareVersions(version, bbq.min_version) < 0 && vectors.length > 0) {
    out.push({
      code: 'VERSION_LIMITS_INDEX_TYPE',
      message: `Elasticsearch ${version} has no BBQ (bbq_hnsw needs ${bbq.min_version}+); upgrading would cut vector RAM several times over`,
    });
  }
  const disk = indexTypeInfo(types, 'bbq_disk');
  // RAM-bound: the vectors fill more of each node's page cache than the data fills its disk.
  const ramShare = chosen.ram_need_per_node_bytes / Math.max(1, chosen.capacity.vector_cache_bytes);
  const diskShare = chosen.disk_need_per_node_bytes / Math.max(1, chosen.capacity.usable_disk_bytes);
  if (ramShare > diskShare && !vectors.some((v) => v.index_type === 'bbq_disk')) {
    const needs: string[] = [];
    if (compareVersions(version, disk.min_version) < 0) needs.push(`Elasticsearch ${disk.min_version}+`);
    if (workload.elasticsearch.license !== disk.license) needs.push(`an ${disk.license} license`);
    if (needs.length) {
      out.push({
        code: 'LICENSE_OR_VERSION_LIMITS_DISKBBQ',
        message: `vector RAM fills ${(ramShare * 100).toFixed(0)}% of the data nodes' page cache (disk ${(diskShare * 100).toFixed(0)}%); DiskBBQ (bbq_disk), which needs far less RAM, would need ${needs.join(' and ')}`,
      });
    }
  }

  // Shard size drift against the 10-50 GB guidance is reported by the sizing engine (formulas/shards.json).
  const guidance = i.dataGuidanceMemoryGib;
  if (guidance !== undefined && chosen.entry.memory_gib < guidance) {
    out.push({
      code: 'DATA_NODE_BELOW_GUIDANCE',
      message: `data nodes have ${chosen.entry.memory_gib} GiB of RAM, below the reference architecture's ${guidance}-256 GB for hot/content nodes; enough for this corpus, but heap for queries, aggregations and indexing is small`,
    });
  }

  const band = i.dataCeiling;
  if (band && !underCeiling(chosen.entry, band)) {
    out.push({
      code: 'DATA_NODE_ABOVE_GUIDANCE',
      message: `data nodes have ${chosen.entry.vcpu} vCPU and ${chosen.entry.memory_gib} GiB of RAM, above the ${band.from_workload.length > 0 ? "workload's" : "reference architecture's"} ${ceilingText(band)} for hot/content nodes; deployment.node_sizing: fit allows it, but losing one node loses a larger share of the cluster and the size is outside the profile Elastic tested (node_sizing: reference uses more nodes inside the band)`,
    });
  }

  const idle = idleNodesWarning(chosen, sizing.shards.total_shards, workload.availability.zones);
  if (idle) out.push(idle);

  if (workload.availability.replicas === 0) {
    out.push({ code: 'NO_REPLICAS', message: 'replicas: 0 means losing a zone (or one node) loses shards; use at least 1 replica' });
  }
  const ha = notHighlyAvailable(workload);
  if (ha) out.push(ha);
  return out;
}

/**
 * Data nodes that would hold no shard copy: paid for, idle. The fix either way: more replicas give
 * them copies that serve queries, fewer nodes cost less.
 */
export function idleNodesWarning(fit: DataFit, totalShards: number, zones: number): Warning | undefined {
  if (fit.idle_nodes <= 0) return undefined;
  const perZone = fit.nodes / zones;
  const spread = zones > 1 ? `${totalShards} shard cop${totalShards === 1 ? 'y' : 'ies'} over ${zones} zones of ${perZone} data node${perZone === 1 ? '' : 's'}` : `${totalShards} shard cop${totalShards === 1 ? 'y' : 'ies'} on ${fit.nodes} data nodes`;
  const forced = fit.limited_by === 'zones and copies';
  const why = forced
    ? `; the zone count and the copies need at least ${fit.nodes} data nodes`
    : fit.limited_by === 'the evaluated topology (--data)'
      ? ''
      : `; the node count is set by ${fit.limited_by}`;
  const fewer = forced
    ? 'or use fewer zones (availability.zones: fewer nodes cost less)'
    : fit.limited_by === 'node-loss headroom'
      ? 'or set availability.survive_node_loss: false (fewer nodes cost less; a lost node then leaves copies unassigned until it is replaced)'
      : 'or use fewer data nodes (fewer nodes cost less)';
  return {
    code: 'IDLE_DATA_NODES',
    message:
      `${fit.idle_nodes} of ${fit.nodes} data nodes would hold no shard copy (${spread})${why}: ` +
      `raise availability.replicas (more replicas serve more queries) or index.primaries, ${fewer}`,
  };
}

/** One zone or no replicas: the plan works, but one failure stops the cluster or loses data. */
export function notHighlyAvailable(workload: Workload): Warning | undefined {
  const { zones, replicas } = workload.availability;
  const why: string[] = [];
  const fix: string[] = [];
  if (zones === 1) {
    why.push('one zone: a zone outage stops the whole cluster');
    fix.push('availability.zones: 3 (or 2 with a tiebreaker)');
  }
  if (replicas === 0) {
    why.push('replicas 0: losing one data node loses the shards on it (until restored from a snapshot) and the searches that need them');
    fix.push('availability.replicas: 1 or more');
  }
  if (why.length === 0) return undefined;
  return { code: 'NOT_HIGHLY_AVAILABLE', message: `not highly available: ${why.join('; ')}. For production, set ${fix.join(' and ')}` };
}

/** HNSW (float, int8, int4) costs RAM; say what BBQ or DiskBBQ would save when it is a lot. */
function hnswRamHint(i: WarningInputs): Warning | undefined {
  const { chosen, rules } = i;
  const threshold = rules.hnsw_ram_saving_warn_ratio.value;
  const candidates: IndexTypeOutcome[] = [];
  // Only the fields on HNSW without BBQ move; the others keep their type (as the wizard's comparison holds them).
  const moved = i.sizing.sizing.vectors.flatMap((v, k) => (HNSW_UNQUANTIZED_OR_SCALAR.includes(v.index_type) ? [k] : []));
  for (const t of ['bbq_hnsw', 'bbq_disk'] as const) {
    const o = i.outcomeFor(t, moved);
    if (o?.fit) candidates.push(o);
  }
  const ram = i.sizing.sizing.total_ram_bytes;
  const parts: string[] = [];
  for (const c of candidates) {
    const ramSaved = ram - c.total_ram_bytes;
    const priced = chosen.monthly_usd !== null && c.fit?.monthly_usd !== null && c.fit?.monthly_usd !== undefined;
    const saving = priced ? chosen.monthly_usd! - c.fit!.monthly_usd! : undefined;
    const big = saving !== undefined ? saving >= threshold * chosen.monthly_usd! : ram > 0 && ramSaved >= threshold * ram;
    if (!big || ramSaved <= 0) continue;
    const money = saving !== undefined ? `, $${Math.round(saving).toLocaleString('en-US')}/month less (${c.fit!.nodes} x ${c.fit!.entry.instance_type})` : `, ${c.fit!.nodes} x ${c.fit!.entry.instance_type}`;
    parts.push(`${c.index_type} needs ${(c.total_ram_bytes / GIB).toFixed(1)} GiB of vector RAM instead of ${(ram / GIB).toFixed(1)} GiB${money}`);
  }
  if (parts.length === 0) return undefined;
  return { code: 'HNSW_RAM_COST', message: `HNSW without BBQ keeps a lot of vectors in RAM: ${parts.join('; ')}` };
}

/**
 * With tenancy, the bbq_flat advice in numbers: when the largest tenant's vectors per field stay
 * below the reference architecture's ~100k, a per-tenant search compares so few vectors that a
 * flat (exact) index beats a graph; above it, an HNSW graph with the tenant filter is the choice.
 */
function tenantFlatWarnings(sizing: WarningInputs['sizing'], types: IndexTypesData, rules: TopologyData): Warning[] {
  const limit = rules.bbq_flat_filter_vectors.value;
  return sizing.indices.flatMap((ix) => {
    const t = ix.view.tenancy;
    if (!t) return [];
    return ix.sizing.vectors.flatMap((v) => {
      if (types.index_types.find((x) => x.id === v.index_type)?.structure !== 'hnsw') return [];
      const perTenant = Math.ceil(v.vector_count * t.largest_tenant_share);
      if (perTenant >= limit) return [];
      const where = sizing.indices.length > 1 ? `index ${ix.name}: ` : '';
      return [
        {
          code: 'TENANT_FLAT_INDEX',
          message: `${where}the largest of ${t.tenants.toLocaleString('en-US')} tenants holds ${perTenant.toLocaleString('en-US')} ${v.field} vectors (${t.largest_tenant_share} of ${v.vector_count.toLocaleString('en-US')}), below the ~${limit.toLocaleString('en-US')} under which a filtered search is cheaper on a flat index: consider bbq_flat${t.strategy === 'shared' ? ' with tenancy.strategy routing or index_per_tenant, so a query scans only its tenant' : ''} instead of ${v.index_type}`,
        },
      ];
    });
  });
}
