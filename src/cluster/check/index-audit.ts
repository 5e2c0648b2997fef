/**
 * Each planned index against the concrete indices the cluster has for it: present at all, the shard
 * layout and vector mappings apply writes, and shard sizes now and at the plan's horizon.
 */
import { numericConstant, type FormulaBook } from '../../data/formulas.js';
import type { IndexPlan } from '../../model/plan.js';
import type { PlannedIndex } from '../desired.js';
import { finding, gib, shown, type Finding } from './findings.js';
import type { ClusterSnapshot, SnapshotIndex } from './snapshot.js';

export function auditIndexPresence(planned: PlannedIndex, concrete: readonly SnapshotIndex[]): Finding[] {
  if (concrete.length > 0) return [];
  return [
    finding('INDEX_MISSING', 'warning', `no index matches ${shown(planned.name)} or ${shown(planned.name)}-*: nothing of it can be checked (create it from the templates esplan apply wrote)`, {
      index: planned.name,
    }),
  ];
}

/** Primaries, replicas, routing shards, dense_vector mappings and semantic_text endpoints as the plan has them. */
export function auditIndexSettings(planned: PlannedIndex, plan: IndexPlan, ix: SnapshotIndex, hnswDefaults: { m: number; ef_construction: number }): Finding[] {
  const out: Finding[] = [];
  const drift = (setting: string, expected: string | number, actual: string | number | null, extra = '') =>
    out.push(
      finding('INDEX_SETTINGS_DRIFT', 'warning', `${shown(ix.name)}: ${setting} is ${actual === null ? 'absent' : shown(String(actual))}, the plan has ${shown(String(expected))}${extra}`, {
        index: ix.name,
        setting,
        expected,
        actual,
      }),
    );
  const s = planned.shards;
  if (ix.primaries !== s.primaries) drift('index.number_of_shards', s.primaries, ix.primaries);
  if (ix.replicas !== s.replicas) drift('index.number_of_replicas', s.replicas, ix.replicas);
  if (ix.routing_num_shards !== s.routing_shards) drift('routing_num_shards', s.routing_shards, ix.routing_num_shards, ' (the splits the plan allows are not possible)');

  const semantic = new Set((plan.sizing.semantic_text ?? []).map((f) => f.field));
  for (const v of planned.vectors) {
    if (semantic.has(v.field)) continue;
    const m = ix.vector_mappings.find((f) => f.path === v.field);
    const field = `${v.field}`;
    if (!m) {
      drift(`${field} (dense_vector)`, 'mapped', null, ': created before the templates, or mapped by another template');
      continue;
    }
    if (m.dims !== undefined && m.dims !== v.dims) drift(`${field}.dims`, v.dims, m.dims);
    if (m.element_type !== v.element_type) drift(`${field}.element_type`, v.element_type, m.element_type);
    const type = m.index_options?.type ?? null;
    if (type !== v.index_type) drift(`${field}.index_options.type`, v.index_type, type);
    if (type === v.index_type && v.index_type.endsWith('hnsw')) {
      const wf = planned.spec.vectors.find((f) => f.field === v.field);
      const wantM = wf?.m ?? hnswDefaults.m;
      const wantEf = wf?.ef_construction ?? hnswDefaults.ef_construction;
      if (m.index_options?.m !== undefined && m.index_options.m !== wantM) drift(`${field}.index_options.m`, wantM, m.index_options.m);
      if (m.index_options?.ef_construction !== undefined && m.index_options.ef_construction !== wantEf) drift(`${field}.index_options.ef_construction`, wantEf, m.index_options.ef_construction);
    }
  }
  for (const f of plan.sizing.semantic_text ?? []) {
    const m = ix.semantic_text.find((x) => x.path === f.field);
    if (!m) drift(`${f.field} (semantic_text)`, 'mapped', null);
    else if (m.inference_id !== f.inference_id) drift(`${f.field}.inference_id`, f.inference_id, m.inference_id);
  }
  return out;
}

/** Primary shards outside Elastic's size guidance (formulas/shards.json), now and grown to the plan's horizon. */
export function auditShardSizes(ix: SnapshotIndex, plan: IndexPlan, snapshot: ClusterSnapshot, book: FormulaBook): Finding[] {
  const max = numericConstant(book, 'shards.max_shard_bytes');
  const min = numericConstant(book, 'shards.min_shard_bytes');
  const maxDocs = numericConstant(book, 'shards.max_shard_docs');
  const growth = plan.sizing.growth_factor ?? 1;
  const primaries = snapshot.shards.filter((c) => c.index === ix.name && c.primary && c.store_bytes !== null);
  const out: Finding[] = [];
  const report = (when: 'now' | 'at the horizon', shards: number[], what: string, severity: Finding['severity'], bound: string) =>
    out.push(
      finding('SHARD_SIZE_OUT_OF_RANGE', severity, `${shown(ix.name)}: ${shards.length} primary shard(s) ${what} ${when}${when === 'at the horizon' ? ` (today's size x ${growth.toFixed(2)}, the workload's growth over ${plan.sizing.horizon_months} months)` : ''}; ${bound}`, {
        index: ix.name,
        when: when === 'now' ? 'now' : 'horizon',
        shards: shards.sort((a, b) => a - b),
      }),
    );
  const big = (f: number) => primaries.filter((c) => (c.store_bytes ?? 0) * f > max).map((c) => c.shard);
  const many = (f: number) => primaries.filter((c) => (c.docs ?? 0) * f >= maxDocs).map((c) => c.shard);
  const bound = `Elastic's guidance is 10-50 GB and under 200M documents per shard (split the index: its routing shards allow ${plan.shards.split_factors.join(', ') || 'no'} x)`;
  const bigNow = big(1);
  const manyNow = many(1);
  if (bigNow.length) report('now', bigNow, `above ${gib(max)}`, 'error', bound);
  if (manyNow.length) report('now', manyNow, `at ${maxDocs.toLocaleString('en-US')} documents or more`, 'error', bound);
  if (growth > 1) {
    const bigLater = big(growth).filter((s) => !bigNow.includes(s));
    const manyLater = many(growth).filter((s) => !manyNow.includes(s));
    if (bigLater.length) report('at the horizon', bigLater, `above ${gib(max)}`, 'warning', bound);
    if (manyLater.length) report('at the horizon', manyLater, `at ${maxDocs.toLocaleString('en-US')} documents or more`, 'warning', bound);
  }
  // Small shards are the plan's choice when its own shards are small (one primary cannot grow by merging);
  // only shards that stay well below what the plan expected are worth a word.
  if (plan.shards.shard_bytes >= min && ix.primaries > 1 && primaries.length > 0) {
    const small = primaries.filter((c) => (c.store_bytes ?? 0) * growth < min).map((c) => c.shard);
    if (small.length === primaries.length) {
      report('at the horizon', small, `below ${gib(min)}`, 'warning', `the plan expected ${gib(plan.shards.shard_bytes)} per shard: the corpus is smaller than the workload says, so fewer primaries would do`);
    }
  }
  return out;
}
