/** The data tier of a plan: the chosen fit as a Tier, with its notes as {code, params}. */
import type { TopologyData } from '../data/node-memory.js';
import type { Tier } from '../model/plan.js';
import { phraseTierNotes, type TierNote } from '../model/tier-notes.js';
import { nodeHourlyPrice, type DataFit, type SearchLimits } from './data-tier.js';
import { costItems } from './cost-items.js';

export function dataTier(
  fit: DataFit,
  dedicatedMasters: boolean,
  zones: number,
  rules: TopologyData,
  limits: SearchLimits,
  cpuBinds = false,
  bandNotes: readonly TierNote[] = [],
): Tier {
  const e = fit.entry;
  const notes: TierNote[] = [
    { code: 'STORAGE_PER_NODE', params: { storage: fit.storage.description } },
    { code: 'SHARDS_ON_FULLEST_NODE', params: { shards: fit.shards_per_node } },
    // Issue #3: say in the plan that the disk stays below the low watermark at the horizon.
    {
      code: 'FULLEST_NODE_AT_HORIZON',
      params: {
        disk_bytes: fit.disk_need_per_node_bytes,
        usable_disk_bytes: fit.capacity.usable_disk_bytes,
        disk_fill_limit_bytes: fit.disk_fill_limit_bytes,
        vector_bytes: fit.ram_need_per_node_bytes,
        vector_cache_bytes: fit.capacity.vector_cache_bytes,
      },
    },
    nodeLossNote(fit),
    ...(fit.search_threads_needed_per_node !== undefined && fit.search_threads_available_per_node !== undefined
      ? [{ code: 'SEARCH_THREADS_AT_PEAK' as const, params: { needed: fit.search_threads_needed_per_node, available: fit.search_threads_available_per_node } }]
      : []),
    ...(fit.indexing_threads_needed_per_node !== undefined && fit.search_threads_available_per_node !== undefined
      ? [{ code: 'INDEXING_THREADS_AT_PEAK' as const, params: { indexing: fit.indexing_threads_needed_per_node, search: fit.search_threads_needed_per_node ?? 0, available: fit.search_threads_available_per_node } }]
      : []),
    { code: 'NODE_COUNT_SET_BY', params: { limit: fit.limited_by } },
    ...(cpuBinds && fit.limited_by !== 'search CPU' ? [{ code: 'INSTANCE_TYPE_SET_BY_SEARCH_CPU' as const, params: {} }] : []),
    ...bandNotes,
    dedicatedMasters
      ? { code: 'DATA_ONLY_NODES', params: {} }
      : { code: 'DATA_NODES_MASTER_ELIGIBLE', params: { dedicated_masters_from_nodes: rules.dedicated_masters_from_nodes.value, tiebreaker: zones === 2 } },
  ];
  return {
    role: 'data',
    provider: e.provider,
    instance_type: e.instance_type,
    nodes: fit.nodes,
    nodes_per_zone: fit.nodes_per_zone,
    vcpu: e.vcpu,
    memory_gib: e.memory_gib,
    disk_gb: fit.storage.disk_gb,
    disk_kind: fit.storage.disk_kind,
    heap_bytes: fit.capacity.heap_bytes,
    vector_cache_bytes: fit.capacity.vector_cache_bytes,
    usable_disk_bytes: fit.capacity.usable_disk_bytes,
    fullest_node_vector_bytes: fit.ram_need_per_node_bytes,
    fullest_node_disk_bytes: fit.disk_need_per_node_bytes,
    disk_fill_limit_bytes: fit.disk_fill_limit_bytes,
    ...(fit.node_loss
      ? {
          node_loss: {
            required: fit.node_loss.required,
            survives: fit.node_loss.survives,
            surviving_nodes_in_zone: fit.node_loss.surviving_nodes_in_zone,
            fullest_node_shard_copies: fit.node_loss.shard_copies,
            fullest_node_disk_bytes: fit.node_loss.disk_bytes,
            fullest_node_vector_bytes: fit.node_loss.vector_bytes,
            disk_headroom_bytes: fit.capacity.usable_disk_bytes - fit.node_loss.disk_bytes,
            vector_headroom_bytes: fit.capacity.vector_cache_bytes - fit.node_loss.vector_bytes,
          },
        }
      : {}),
    ...(fit.search_threads_needed_per_node !== undefined && fit.search_threads_available_per_node !== undefined
      ? { search_threads_needed_per_node: round1(fit.search_threads_needed_per_node), search_threads_available_per_node: round1(fit.search_threads_available_per_node) }
      : {}),
    ...(fit.indexing_threads_needed_per_node !== undefined && fit.search_threads_available_per_node !== undefined
      ? { indexing_threads_needed_per_node: round1(fit.indexing_threads_needed_per_node), cpu_threads_available_per_node: round1(fit.search_threads_available_per_node) }
      : {}),
    price_usd_per_hour: fit.price_usd_per_hour === null ? null : Math.round(fit.price_usd_per_hour * 1e6) / 1e6,
    monthly_usd_per_node: fit.monthly_usd_per_node,
    monthly_usd: fit.monthly_usd,
    cost_items: costItems({ entry: e, instanceUsdPerHour: nodeHourlyPrice(e, 0, limits), storage: fit.storage, nodes: fit.nodes, hoursPerMonth: limits.hoursPerMonth }),
    note: phraseTierNotes(notes),
    notes,
  };
}

/** What a node loss leaves on the fullest remaining node of its zone, or why no node-loss check applies. */
export function nodeLossNote(fit: DataFit): TierNote {
  const l = fit.node_loss;
  if (!l) return fit.nodes === 1 ? { code: 'SINGLE_DATA_NODE', params: {} } : { code: 'NODE_LOSS_IS_ZONE_LOSS', params: {} };
  const params = {
    surviving_nodes_in_zone: l.surviving_nodes_in_zone,
    shard_copies: l.shard_copies,
    disk_bytes: l.disk_bytes,
    usable_disk_bytes: fit.capacity.usable_disk_bytes,
    vector_bytes: l.vector_bytes,
    vector_cache_bytes: fit.capacity.vector_cache_bytes,
  };
  return l.survives ? { code: 'NODE_LOSS_ABSORBED', params } : { code: 'NODE_LOSS_OVERFILLS', params };
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
