/** One cached re-planner per plan: the what-if variants the advice warnings compare against. */
import type { IndexType } from '../data/index-types.js';
import type { Warning } from '../model/plan.js';
import type { Workload } from '../model/workload.js';
import { sizeWorkload, type SizingResult } from '../sizing/size-workload.js';
import type { DataFit } from './data-tier.js';
import { moreReplicasWarning, type ReplicaOutcome } from './replica-advice.js';
import { queryTime, type QueryTime } from './query-time.js';
import { indexSizingResult, queryModelData } from './search-load.js';
import { effectiveSearchParams } from '../sizing/search-params.js';
import type { IndexTypeOutcome } from './warnings.js';
import { sameFit, searchData } from './data-decision.js';
import type { Context, TopologyOptions } from './topology-context.js';

/** The same workload with one change, sized again and given its cheapest data tier. */
export interface Replanned {
  workload: Workload;
  sizing: SizingResult;
  ctx: Context;
  fit?: DataFit;
}

/**
 * The what-if re-planning behind the advice warnings (index type, replicas, merge state): one
 * re-planner per plan, so a variant asked for twice (the HNSW hint and the index-type outcome, or
 * the replica advice's cost-and-CPU check) is sized and searched once.
 */
export class Replanner {
  private readonly cache = new Map<string, Replanned | undefined>();
  private readonly unloaded = new Map<Replanned, DataFit | undefined>();

  constructor(
    private readonly ctx: Context,
    private readonly sizing: SizingResult,
    private readonly options: TopologyOptions,
  ) {}

  /** The workload `raw`, validated again (the change may not apply: dims, element type, version, license, limits), sized and searched. */
  replan(raw: Workload): Replanned | undefined {
    const key = JSON.stringify(raw);
    if (this.cache.has(key)) return this.cache.get(key);
    const result = this.compute(raw);
    this.cache.set(key, result);
    return result;
  }

  private compute(raw: Workload): Replanned | undefined {
    const { ctx, sizing, options } = this;
    const resize = options.resize ?? ((w: Workload) => sizeWorkload(w, { constants: sizing.sizing.constants, data: ctx.data }));
    let variant: Workload;
    let resized: SizingResult;
    try {
      variant = ctx.data.parseWorkload(raw);
      resized = resize(variant);
    } catch {
      return undefined;
    }
    const vctx = { ...ctx, workload: variant };
    const fit = searchData(vctx, resized).fits[0];
    return { workload: variant, sizing: resized, ctx: vctx, ...(fit ? { fit } : {}) };
  }

  /** The cheapest data tier of a re-planned variant without its query load (did search CPU decide it?). */
  withoutSearch(r: Replanned): DataFit | undefined {
    if (!this.unloaded.has(r)) this.unloaded.set(r, searchData(r.ctx, r.sizing, { withoutSearch: true }).fits[0]);
    return this.unloaded.get(r);
  }

  /** The data tier with the vector fields at `fields` (indexes; all when absent) on `type`, the others held. */
  indexTypeOutcome(type: IndexType, fields?: readonly number[]): IndexTypeOutcome | undefined {
    const w = this.ctx.workload;
    // The index-type what-ifs re-plan one index's vector fields; with several indices they are not offered.
    if (w.indices) return undefined;
    const r = this.replan({ ...w, vectors: (w.vectors ?? []).map((v, i) => (!fields || fields.includes(i) ? { ...v, index_type: type } : v)) });
    if (!r) return undefined;
    return { index_type: type, total_ram_bytes: r.sizing.sizing.total_ram_bytes, ...(r.fit ? { fit: r.fit } : {}) };
  }

  /** Search CPU binds: would more replicas give a cheaper plan, or one with more headroom for little more? */
  replicaAdvice(chosen: DataFit): Warning | undefined {
    const { workload } = this.ctx;
    const data = this.ctx.data.throughput;
    return moreReplicasWarning({
      replicas: workload.availability.replicas,
      chosen,
      maxExtra: data.more_replicas_max_extra.value,
      maxExtraCostRatio: data.more_replicas_max_extra_cost_ratio.value,
      outcomeFor: (replicas): ReplicaOutcome | undefined => {
        const r = this.replan({ ...workload, availability: { ...workload.availability, replicas } });
        if (!r?.fit) return undefined;
        return { replicas, fit: r.fit, cpuBinds: !sameFit(r.fit, this.withoutSearch(r)) };
      },
    });
  }

  /** The query time of the same workload force-merged to one segment per shard (the merge-state what-if). */
  mergedQuery(): QueryTime {
    if (this.sizing.indices.length > 1) {
      const ix = this.sizing.indices[0]!;
      const merged = { ...ix.view, index: { ...ix.view.index, force_merged: true } };
      const data = queryModelData(this.ctx.data);
      return queryTime(merged, indexSizingResult(ix), effectiveSearchParams(merged, data.searchParams), data);
    }
    const merged: Workload = { ...this.ctx.workload, index: { ...this.ctx.workload.index, force_merged: true } };
    const data = queryModelData(this.ctx.data);
    return queryTime(merged, this.sizing, effectiveSearchParams(merged, data.searchParams), data);
  }
}
