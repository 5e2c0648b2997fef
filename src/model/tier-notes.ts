/**
 * Tier notes as data: recommend and evaluate emit `{code, params}`; this module is the one place
 * that phrases them, so the text and JSON views say the same thing and two notes cannot
 * contradict each other unseen (issue #11, item 4). `Tier.note` stays, as the joined phrasing.
 */
import { z } from 'zod';

type Params = Record<string, string | number | boolean>;

/** The fullest remaining node of a zone after one of its data nodes is lost (formulas/topology.json node_loss). */
type NodeLossParams = {
  surviving_nodes_in_zone: number;
  shard_copies: number;
  disk_bytes: number;
  usable_disk_bytes: number;
  vector_bytes: number;
  vector_cache_bytes: number;
};

/** Every note a tier can carry, with its parameters (units last in the names). */
export type TierNote =
  | { code: 'STORAGE_PER_NODE'; params: { storage: string } }
  | { code: 'SHARDS_ON_FULLEST_NODE'; params: { shards: number } }
  | {
      code: 'FULLEST_NODE_AT_HORIZON';
      params: { disk_bytes: number; usable_disk_bytes: number; disk_fill_limit_bytes: number; vector_bytes: number; vector_cache_bytes: number };
    }
  | { code: 'NODE_LOSS_ABSORBED'; params: NodeLossParams }
  | { code: 'NODE_LOSS_OVERFILLS'; params: NodeLossParams }
  | { code: 'NODE_LOSS_IS_ZONE_LOSS'; params: Params }
  | { code: 'SINGLE_DATA_NODE'; params: Params }
  | { code: 'SEARCH_THREADS_AT_PEAK'; params: { needed: number; available: number } }
  | { code: 'INDEXING_THREADS_AT_PEAK'; params: { indexing: number; search: number; available: number } }
  | { code: 'NODE_COUNT_SET_BY'; params: { limit: string } }
  | { code: 'INSTANCE_TYPE_SET_BY_SEARCH_CPU'; params: Params }
  | { code: 'INSTANCE_SIZE_SET_BY_FLOOR'; params: { floor: string } }
  | { code: 'FLOOR_RULED_OUT_CHEAPER'; params: { floor: string } }
  | {
      code: 'CEILING_SET_NODE_COUNT';
      params: { ceiling: string; from_workload: boolean; nodes: number; instance_type: string; vcpu: number; memory_gib: number; saving_usd_per_month?: number };
    }
  | { code: 'OUTSIDE_DATA_NODE_BAND'; params: { band: string } }
  | { code: 'DATA_ONLY_NODES'; params: Params }
  | { code: 'DATA_NODES_MASTER_ELIGIBLE'; params: { dedicated_masters_from_nodes: number; tiebreaker: boolean } }
  | { code: 'MASTERS_ONE_PER_ZONE'; params: Params }
  | { code: 'MASTERS_IN_ONE_ZONE'; params: { masters: number } }
  | { code: 'MASTERS_TWO_ZONES_TIEBREAKER'; params: Params }
  | { code: 'TIEBREAKER_ONLY'; params: { dedicated_masters_from_nodes: number } }
  | { code: 'ML_ONE_PER_ZONE'; params: { model_capacity_gib: number; model_memory_gib: number; max_machine_memory_percent: number } }
  | {
      code: 'ML_SIZED_FROM_THROUGHPUT';
      params: {
        nodes_per_zone: number;
        allocations: number;
        ingest_allocations: number;
        query_allocations: number;
        threads_per_allocation: number;
        vcpu_needed: number;
        model_capacity_gib: number;
        model_memory_gib: number;
      };
    }
  | { code: 'KIBANA_ONE_PER_ZONE'; params: Params };

export type TierNoteCode = TierNote['code'];

/** The JSON form: a code and flat parameters, open to codes added later. */
export const tierNoteSchema = z.strictObject({
  code: z.string().regex(/^[A-Z0-9_]+$/),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});

const GIB = 2 ** 30;

function gib(bytes: number): string {
  return `${(bytes / GIB).toFixed(1)} GiB`;
}

function nodesLeft(n: number): string {
  return n === 1 ? 'other node' : `${n} other nodes`;
}

function threads(n: number): string {
  return String(Math.round(n * 10) / 10);
}

type Phrasers = { [C in TierNoteCode]: (p: Extract<TierNote, { code: C }>['params']) => string };

const PHRASE: Phrasers = {
  STORAGE_PER_NODE: (p) => `${p.storage} per node`,
  SHARDS_ON_FULLEST_NODE: (p) => `${p.shards} shard${p.shards === 1 ? '' : 's'} on the fullest node`,
  FULLEST_NODE_AT_HORIZON: (p) =>
    `at the horizon the fullest node holds ${gib(p.disk_bytes)} of the ${gib(p.usable_disk_bytes)} it can fill below the low disk watermark ` +
    `(planned to at most ${gib(p.disk_fill_limit_bytes)}, leaving room for merges and growth), ` +
    `and ${gib(p.vector_bytes)} of vectors in a ${gib(p.vector_cache_bytes)} vector cache`,
  NODE_LOSS_ABSORBED: (p) =>
    `after losing one data node, the ${nodesLeft(p.surviving_nodes_in_zone)} of its zone hold its shards: the fullest ${p.shard_copies} shard copies, ` +
    `${gib(p.disk_bytes)} of ${gib(p.usable_disk_bytes)} below the low disk watermark and ${gib(p.vector_bytes)} of vectors in a ${gib(p.vector_cache_bytes)} vector cache`,
  NODE_LOSS_OVERFILLS: (p) =>
    `losing one data node overfills the ${nodesLeft(p.surviving_nodes_in_zone)} of its zone: the fullest would hold ${p.shard_copies} shard copies, ` +
    `${gib(p.disk_bytes)} of ${gib(p.usable_disk_bytes)} below the low disk watermark and ${gib(p.vector_bytes)} of vectors in a ${gib(p.vector_cache_bytes)} vector cache`,
  NODE_LOSS_IS_ZONE_LOSS: () => 'one data node per zone: losing a node is losing its zone',
  SINGLE_DATA_NODE: () => 'a single data node: losing it stops the cluster',
  SEARCH_THREADS_AT_PEAK: (p) => `${threads(p.needed)} of ${threads(p.available)} search threads per node busy at peak`,
  INDEXING_THREADS_AT_PEAK: (p) =>
    `${threads(p.indexing)} indexing${p.search > 0 ? ` and ${threads(p.search)} search` : ''} threads per node busy at peak ingest, of ${threads(p.available)} it offers (every copy indexes every document)`,
  NODE_COUNT_SET_BY: (p) => `node count set by ${p.limit}`,
  INSTANCE_TYPE_SET_BY_SEARCH_CPU: () => 'instance type set by search CPU (peak_qps)',
  INSTANCE_SIZE_SET_BY_FLOOR: (p) => `instance size set by the reference architecture's data-node floor (${p.floor}), not by the workload`,
  FLOOR_RULED_OUT_CHEAPER: (p) => `the reference architecture's data-node floor (${p.floor}) ruled out a cheaper plan on nodes below it; this size is the workload's`,
  CEILING_SET_NODE_COUNT: (p) =>
    `more, smaller nodes: the ${p.from_workload ? 'workload' : "reference architecture's"} data-node ceiling (${p.ceiling}) rules out ` +
    `${p.nodes} x ${p.instance_type} (${p.vcpu} vCPU, ${p.memory_gib} GiB)` +
    `${p.saving_usd_per_month !== undefined ? `, $${p.saving_usd_per_month.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })} per month less` : ''}` +
    ' (deployment.max_data_node_vcpu and deployment.max_data_node_memory_gib move the ceiling)',
  OUTSIDE_DATA_NODE_BAND: (p) => `outside the reference architecture's data-node band (${p.band}): no instance inside it holds this workload`,
  DATA_ONLY_NODES: () => 'data-only nodes',
  DATA_NODES_MASTER_ELIGIBLE: (p) =>
    `data nodes are also master-eligible (fewer than ${p.dedicated_masters_from_nodes} Elasticsearch nodes)${p.tiebreaker ? ', with a tiebreaker' : ''}`,
  MASTERS_ONE_PER_ZONE: () => 'dedicated master-eligible nodes, one per zone',
  MASTERS_IN_ONE_ZONE: (p) =>
    `one zone: all ${p.masters} dedicated master-eligible nodes in that zone (a quorum survives one master node, not a zone outage)`,
  MASTERS_TWO_ZONES_TIEBREAKER: () =>
    'two zones: one master-eligible node in each zone plus a voting-only master-eligible tiebreaker (node.roles: [master, voting_only]) in an independent third location; never split masters evenly over two zones',
  TIEBREAKER_ONLY: (p) =>
    `voting-only master-eligible tiebreaker (node.roles: [master, voting_only]) in an independent third location; the data nodes are master-eligible (fewer than ${p.dedicated_masters_from_nodes} Elasticsearch nodes)`,
  ML_ONE_PER_ZONE: (p) =>
    `one ML node per zone; models get ${p.model_capacity_gib.toFixed(1)} GiB for ${p.model_memory_gib} GiB needed (xpack.ml.max_machine_memory_percent ${p.max_machine_memory_percent}%)`,
  ML_SIZED_FROM_THROUGHPUT: (p) =>
    `${p.nodes_per_zone} ML node${p.nodes_per_zone === 1 ? '' : 's'} per zone for ${p.allocations} allocation${p.allocations === 1 ? '' : 's'} x ${p.threads_per_allocation} thread (${p.ingest_allocations} for peak ingest, ${p.query_allocations} for semantic queries; ${p.vcpu_needed} vCPU); models get ${p.model_capacity_gib.toFixed(1)} GiB per node for ${p.model_memory_gib} GiB needed`,
  KIBANA_ONE_PER_ZONE: () => 'one Kibana per zone; front them with a load balancer when MCP servers, agents or other programmatic clients call Kibana',
};

/** One note in words. A code this version does not know (a plan from a newer esplan) shows as code and parameters. */
export function phraseTierNote(note: { code: string; params: Params }): string {
  // Parameters come from our own emitters or a validated plan file; a code we know carries its own params.
  const phrase = (PHRASE as unknown as Record<string, ((p: Params) => string) | undefined>)[note.code];
  if (phrase) return phrase(note.params);
  const args = Object.entries(note.params).map(([k, v]) => `${k}=${v}`);
  return args.length ? `${note.code} (${args.join(', ')})` : note.code;
}

/** The joined text kept in `Tier.note`. */
export function phraseTierNotes(notes: readonly { code: string; params: Params }[]): string {
  return notes.map(phraseTierNote).join('; ');
}
