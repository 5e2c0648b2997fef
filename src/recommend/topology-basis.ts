/** The basis of a topology: every catalog entry, formula and policy the data and support tiers used. */
import type { CatalogEntry, NodeFloor, RolesData } from '../data/catalogs.js';
import type { NodeMemoryData } from '../data/node-memory.js';
import type { BasisEntry, Tier } from '../model/plan.js';
import type { Workload } from '../model/workload.js';
import type { DataFit, DataSearchResult } from './data-tier.js';
import { ceilingText, dataNodeCeiling, floorText } from './eligible.js';
import type { Context } from './topology-context.js';

/** The node-sizing policy the plan followed, with the floor's source. */
export function floorBasis(workload: Workload, floor: NodeFloor | undefined): BasisEntry {
  if (!floor) {
    return {
      id: 'policy.data_node_floor',
      kind: 'policy',
      description: `deployment.node_sizing: ${workload.deployment.node_sizing}: no floor on data-node size; the smallest instance that fits is allowed`,
      source: 'workload deployment.node_sizing',
    };
  }
  return {
    id: 'policy.data_node_floor',
    kind: 'policy',
    description: `deployment.node_sizing: reference: every data node has at least ${floorText(floor)}. ${floor.reasoning}`,
    inputs: { vcpu: floor.vcpu, memory_gib: floor.memory_gib },
    result: floor.memory_gib,
    unit: 'GiB RAM',
    source: `catalogs/roles.json; ${floor.source}`,
  };
}

/** The ceiling the plan kept data nodes below, with its source; under fit, the bound DATA_NODE_ABOVE_GUIDANCE uses. */
export function ceilingBasis(workload: Workload, roles: RolesData): BasisEntry[] {
  const c = dataNodeCeiling(workload, roles);
  if (!c) return [];
  const reference = workload.deployment.node_sizing === 'reference';
  return [
    {
      id: 'policy.data_node_ceiling',
      kind: 'policy',
      description: reference
        ? `deployment.node_sizing: reference: every data node has at most ${ceilingText(c)} unless no instance inside the band holds the workload (DATA_NODE_BAND_EXCEEDED). ${c.reasoning}`
        : `deployment.node_sizing: fit: no ceiling on data-node size; above ${ceilingText(c)} the plan warns (DATA_NODE_ABOVE_GUIDANCE)`,
      inputs: Object.fromEntries(Object.entries({ vcpu: c.vcpu, memory_gib: c.memory_gib }).filter((kv): kv is [string, number] => kv[1] !== null)),
      ...(c.memory_gib !== null ? { result: c.memory_gib, unit: 'GiB RAM' } : {}),
      source: c.source,
    },
  ];
}

export function basis(ctx: Context, chosen: DataFit, used: readonly CatalogEntry[], search: DataSearchResult): BasisEntry[] {
  const { model, rules, policy } = ctx;
  const out: BasisEntry[] = used.map((e) => ({
    id: e.id,
    kind: 'catalog',
    description: `${e.instance_type}: ${e.vcpu} vCPU, ${e.memory_gib} GiB, ${e.local_disk_gb} GB ${e.local_disk_kind} disk, ${e.region}${e.price_date ? `, price of ${e.price_date}` : ', no price'}`,
    ...(e.price_usd_per_hour !== null ? { result: e.price_usd_per_hour, unit: 'USD/hour' } : {}),
    source: e.source,
  }));
  if (chosen.storage.attached) {
    const a = chosen.storage.attached;
    out.push({ id: a.id, kind: 'catalog', description: `${a.product}, ${a.region}, price of ${a.price_date}`, result: a.price_usd_per_gib_month, unit: 'USD/GiB-month', source: a.source });
  }
  if (chosen.storage.local_ssd_count !== undefined && chosen.entry.local_ssd_options) {
    const o = chosen.entry.local_ssd_options;
    out.push({ id: `${chosen.entry.provider}:local-ssd`, kind: 'catalog', description: `Local SSD, ${o.disk_gib} GiB per disk, price of ${o.price_date}`, result: o.price_usd_per_hour_per_disk, unit: 'USD/disk-hour', source: o.source });
  }
  out.push(
    {
      id: 'node.heap.auto',
      kind: 'formula',
      description: 'JVM heap of a data node: Elasticsearch automatic sizing',
      expression: heapExpression(model),
      inputs: { memory_gib: chosen.entry.memory_gib },
      result: chosen.capacity.heap_bytes,
      unit: 'bytes',
      source: model.heap.source,
    },
    { id: 'policy.os_reserve_ratio', kind: 'policy', description: model.os_reserve_ratio.description, result: policy.os_reserve_ratio, unit: 'ratio of RAM', source: model.os_reserve_ratio.source },
    {
      id: 'policy.ram_headroom_ratio',
      kind: 'policy',
      description: model.ram_headroom_ratio.description,
      result: policy.ram_headroom_ratio,
      unit: 'ratio of page cache',
      source: ctx.workload.assumptions.ram_headroom_ratio !== undefined ? 'workload assumptions.ram_headroom_ratio' : model.ram_headroom_ratio.source,
    },
    {
      id: 'node.vector_cache',
      kind: 'formula',
      description: 'page cache one data node gives vectors',
      expression: '(RAM - heap - RAM x os_reserve_ratio) x (1 - ram_headroom_ratio)',
      inputs: { ram_bytes: chosen.capacity.ram_bytes, heap_bytes: chosen.capacity.heap_bytes, os_reserve_ratio: policy.os_reserve_ratio, ram_headroom_ratio: policy.ram_headroom_ratio },
      result: chosen.capacity.vector_cache_bytes,
      unit: 'bytes',
      source: 'formulas/node-memory.json',
    },
    {
      id: 'node.usable_disk',
      kind: 'formula',
      description: model.disk_watermark_low.description,
      expression: usableDiskExpression(model),
      inputs: { disk_bytes: chosen.capacity.disk_bytes },
      result: chosen.capacity.usable_disk_bytes,
      unit: 'bytes',
      source: model.disk_watermark_low.source,
    },
    {
      id: 'data.node_count',
      kind: 'formula',
      description: `data nodes: the cheapest multiple of the zone count whose fullest node holds its shards' vector RAM and disk${ctx.workload.search.peak_qps ? ' and carries their search threads at peak (search.*)' : ''}; ${search.fits.length} instance types fit, ${search.excluded.length} excluded`,
      expression: `k = ceil(ceil(total_shards / zones) / (nodes / zones)); k x ram_per_shard <= vector_cache; k x disk_per_shard <= usable_disk x (1 - merge_reserve - growth_margin); k <= max_shards_per_node${ctx.workload.availability.survive_node_loss ? '; with 2+ nodes per zone, k_lost = min(ceil(ceil(total_shards / zones) / (nodes / zones - 1)), primaries): k_lost x ram_per_shard <= vector_cache, k_lost x disk_per_shard <= usable_disk' : ''}${ctx.workload.search.peak_qps ? '; k x threads_per_copy <= node_search_threads' : ''}; among plans within the cost tie margin: no idle nodes, local disk, more headroom first`,
      inputs: { nodes: chosen.nodes, shards_per_node: chosen.shards_per_node, ram_need_per_node_bytes: chosen.ram_need_per_node_bytes, disk_need_per_node_bytes: chosen.disk_need_per_node_bytes },
      result: chosen.nodes,
      unit: 'nodes',
      source: `formulas/topology.json, formulas/node-memory.json${ctx.workload.search.peak_qps ? ', formulas/throughput.json' : ''}`,
    },
    { id: 'topology.zone_loss', kind: 'policy', description: rules.zone_loss.description, source: rules.zone_loss.source },
    {
      id: 'topology.node_loss',
      kind: 'policy',
      description: `${rules.node_loss.description}${ctx.workload.availability.survive_node_loss ? '' : ' (off: availability.survive_node_loss: false)'}`,
      source: `${rules.node_loss.source}; workload availability.survive_node_loss`,
    },
    { id: 'topology.disk_merge_reserve_ratio', kind: 'policy', description: rules.disk_merge_reserve_ratio.description, result: rules.disk_merge_reserve_ratio.value, unit: 'ratio of usable disk', source: rules.disk_merge_reserve_ratio.source },
    { id: 'topology.disk_growth_margin_ratio', kind: 'policy', description: rules.disk_growth_margin_ratio.description, result: rules.disk_growth_margin_ratio.value, unit: 'ratio of usable disk', source: rules.disk_growth_margin_ratio.source },
    {
      id: 'data.disk_fill_limit',
      kind: 'formula',
      description: 'the most the fullest data node is planned to fill',
      expression: 'usable_disk x (1 - disk_merge_reserve_ratio - disk_growth_margin_ratio)',
      inputs: { usable_disk_bytes: chosen.capacity.usable_disk_bytes, disk_merge_reserve_ratio: rules.disk_merge_reserve_ratio.value, disk_growth_margin_ratio: rules.disk_growth_margin_ratio.value },
      result: chosen.disk_fill_limit_bytes,
      unit: 'bytes',
      source: 'formulas/topology.json',
    },
    { id: 'topology.cost_tie_margin_ratio', kind: 'policy', description: rules.cost_tie_margin_ratio.description, result: rules.cost_tie_margin_ratio.value, unit: 'ratio of monthly cost', source: rules.cost_tie_margin_ratio.source },
    { id: 'topology.dedicated_masters_from_nodes', kind: 'constant', description: 'dedicated masters from this many Elasticsearch nodes', result: rules.dedicated_masters_from_nodes.value, unit: 'nodes', source: rules.dedicated_masters_from_nodes.source },
    { id: 'topology.max_shards_per_node', kind: 'constant', description: 'cluster.max_shards_per_node', result: rules.max_shards_per_node.value, unit: 'shards', source: rules.max_shards_per_node.source },
    { id: 'cost.hours_per_month', kind: 'constant', description: 'hours in a billing month', result: rules.hours_per_month.value, unit: 'hours', source: rules.hours_per_month.source },
  );
  if (ctx.limits.pricePerGbRamHour !== undefined) {
    out.push({ id: 'workload.price_usd_per_gb_ram_hour', kind: 'assumption', description: 'Elastic Cloud price per GB of RAM per hour, given by the workload', result: ctx.limits.pricePerGbRamHour, unit: 'USD/GB-hour', source: 'workload deployment.price_usd_per_gb_ram_hour' });
  }
  return out;
}

/** Policies behind the non-data tiers, only for the tiers the plan has. */
export function supportBasis(ctx: Context, tiers: readonly Tier[]): BasisEntry[] {
  const { rules, model, workload } = ctx;
  const roles = ctx.data.roles;
  const out: BasisEntry[] = [
    { id: 'roles.families', kind: 'policy', description: `instance families per role for ${workload.deployment.provider}${workload.deployment.instance_families ? ' (data tier: deployment.instance_families)' : ''}`, source: roles.source },
  ];
  const master = tiers.find((t) => t.role === 'master');
  if (master && master.nodes === 1) {
    out.push({ id: 'topology.tiebreaker_minimum', kind: 'policy', description: rules.tiebreaker_minimum.description, result: rules.tiebreaker_minimum.memory_gib, unit: 'GiB', source: rules.tiebreaker_minimum.source });
  }
  if (master && master.nodes > 1) {
    out.push(
      { id: 'topology.master_count', kind: 'constant', description: 'dedicated master-eligible nodes', result: rules.master_count.value, unit: 'nodes', source: rules.master_count.source },
      { id: 'topology.master_memory_by_cluster_nodes', kind: 'policy', description: rules.master_memory_by_cluster_nodes.description, source: rules.master_memory_by_cluster_nodes.source },
    );
  }
  if (master && workload.availability.zones === 2) {
    out.push({ id: 'topology.two_zone_tiebreaker', kind: 'constant', description: rules.two_zone_tiebreaker.description, source: rules.two_zone_tiebreaker.source });
  }
  if (tiers.some((t) => t.role === 'ml')) {
    out.push({ id: 'node.ml_native_memory_ratio', kind: 'constant', description: model.ml_native_memory_ratio.description, result: model.ml_native_memory_ratio.value, unit: 'ratio of RAM', source: model.ml_native_memory_ratio.source });
    if (workload.inference.model_memory_gib === undefined) {
      out.push({ id: 'topology.ml_default_model_memory_gib', kind: 'assumption', description: rules.ml_default_model_memory_gib.description ?? 'default model memory', result: rules.ml_default_model_memory_gib.value, unit: 'GiB', source: rules.ml_default_model_memory_gib.source });
    }
  }
  return out;
}

/** The automatic-heap rule as the node-memory data states it (formulas/node-memory.json heap). */
function heapExpression(model: NodeMemoryData): string {
  const h = model.heap;
  const gib = (b: number) => `${+(b / 2 ** 30).toFixed(2)} GiB`;
  const pc = (r: number) => `${+(r * 100).toFixed(2)}%`;
  return (
    `min(${pc(h.data.ratio)} of RAM, ${gib(h.max_bytes)}), whole MiB ` +
    `(masters ${pc(h.master.ratio)}; ML ${pc(h.ml.first_16gb_ratio)} of first ${gib(h.ml.split_bytes)} + ${pc(h.ml.above_16gb_ratio)} above)`
  );
}

/** The low-watermark rule as the node-memory data states it (formulas/node-memory.json disk_watermark_low). */
function usableDiskExpression(model: NodeMemoryData): string {
  const w = model.disk_watermark_low;
  return `disk - min(disk x (1 - ${w.ratio}), ${+(w.max_headroom_bytes / 2 ** 30).toFixed(2)} GiB)`;
}
