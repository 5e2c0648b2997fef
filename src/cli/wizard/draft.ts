/**
 * The wizard's working copy of the workload: the raw document a workload file would hold.
 * Every answer is tried on a copy and checked with the workload schema (parseWorkload), so the
 * wizard reports exactly what a file with that value would get.
 */
import { parseWorkload } from '../../model/parse-workload.js';
import { formatPath, formatProblem, UserError, type Problem } from '../../model/problems.js';
import type { Workload } from '../../model/workload.js';

export type Raw = Record<string, unknown>;
export type Path = readonly (string | number)[];

/**
 * The order of the wizard's sections. A problem in a section the wizard has not reached yet does
 * not block the current answer: that later question will be asked and checked in its turn.
 * The sections about one index (PER_INDEX) come between the deployment and the search, once per
 * index and index after index; the single-index form has them at the top level, as index 0.
 */
const BEFORE_INDICES = ['name', 'elasticsearch'] as const;
const PER_INDEX = ['index', 'corpus', 'vectors', 'text_fields', 'keyword_fields', 'sparse_vectors', 'semantic_text', 'tenancy'] as const;
const AFTER_INDICES = ['search', 'availability', 'deployment', 'inference', 'index_types', 'snapshots'] as const;

/** Vector keys chosen with the index type rather than with the field itself. */
const INDEX_TYPE_KEYS = new Set(['index_type', 'm', 'ef_construction', 'oversample', 'cluster_size', 'bits', 'resident_fraction']);

/** Where the index sections start in the order; every index takes one unit, its sections tenths of it. */
const INDICES_START = BEFORE_INDICES.length;
/** Past any number of indices a workload may hold. */
const AFTER_START = 1e6;

/** Where `path` comes in the order of the questions (a lower number is asked earlier). */
export function stageOf(path: Path): number {
  const [head] = path;
  if (head === 'indices') {
    const [, i, ...rest] = path;
    return typeof i === 'number' ? indexStage(i, rest) : INDICES_START;
  }
  // The top-level index section (single form) is asked with the workload name, as before.
  if (head === 'index') return 0;
  if ((PER_INDEX as readonly unknown[]).includes(head)) return indexStage(0, path);
  const before = (BEFORE_INDICES as readonly unknown[]).indexOf(head);
  if (before >= 0) return before;
  const after = (AFTER_INDICES as readonly unknown[]).indexOf(head);
  // assumptions, format_version and anything the wizard never asks about always block.
  return after >= 0 ? AFTER_START + after : 0;
}

/** The order of `rest` (a path inside one index) within index `i`'s sections. */
function indexStage(i: number, rest: Path): number {
  const [head, , key] = rest;
  if (head === 'vectors' && typeof key === 'string' && INDEX_TYPE_KEYS.has(key)) return AFTER_START + AFTER_INDICES.indexOf('index_types');
  // Per-index replicas and query rates are never asked (the file keeps them): they go with the shared sections.
  if (head === 'availability' || head === 'search') return AFTER_START + AFTER_INDICES.indexOf(head);
  const section = (PER_INDEX as readonly unknown[]).indexOf(head);
  return INDICES_START + i + Math.max(section, 0) / (PER_INDEX.length + 1);
}

function stageOfProblem(p: Problem): number {
  return stageOf(parseProblemPath(p.path));
}

/** `vectors[0].dims` → ['vectors', 0, 'dims']. */
export function parseProblemPath(path: string): Path {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : (m[1] as string));
  return out;
}

export function getAt(raw: Raw, path: Path): unknown {
  let cur: unknown = raw;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[key];
  }
  return cur;
}

/** A copy of `raw` with `value` at `path` (undefined removes the key); missing parents are created. */
export function withValue(raw: Raw, path: Path, value: unknown): Raw {
  const copy = structuredClone(raw);
  let cur = copy as Record<string | number, unknown>;
  path.forEach((key, i) => {
    if (i === path.length - 1) {
      if (value === undefined) delete cur[key];
      else cur[key] = value;
      return;
    }
    const next = cur[key];
    if (next === null || typeof next !== 'object') cur[key] = typeof path[i + 1] === 'number' ? [] : {};
    cur = cur[key] as Record<string | number, unknown>;
  });
  return copy;
}

/** Every problem parseWorkload finds in `raw` (none when it is a valid workload). */
export function schemaProblems(raw: Raw): Problem[] {
  try {
    parseWorkload(raw);
    return [];
  } catch (err) {
    if (err instanceof UserError) return [...err.problems];
    throw err;
  }
}

/**
 * Would `value` at `path` be accepted? Returns true, or the schema's messages for the problems it
 * causes in the sections answered so far (the answered field's own problems first).
 */
export function checkAnswer(raw: Raw, path: Path, value: unknown): true | string {
  const stage = stageOf(path);
  const here = formatPath(path);
  const blocking = schemaProblems(withValue(raw, path, value)).filter((p) => stageOfProblem(p) <= stage);
  if (blocking.length === 0) return true;
  const own = (p: Problem) => p.path === here || p.path.startsWith(`${here}.`) || p.path.startsWith(`${here}[`);
  return [...blocking.filter(own), ...blocking.filter((p) => !own(p))].map(formatProblem).join('; ');
}

/** The finished draft as a validated workload; a problem left here is reported like a bad file. */
export function finish(raw: Raw): Workload {
  return parseWorkload(raw, 'wizard answers');
}
