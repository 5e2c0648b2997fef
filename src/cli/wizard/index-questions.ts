/**
 * The wizard's questions about one index beyond its corpus and embeddings: text fields for lexical
 * search, semantic_text fields and tenancy, plus moving the draft between the single-index form
 * (sections at the top level) and the several-index form (`indices: [...]`). The common case, one
 * index without text, semantic_text or tenants, costs four Enter presses.
 */
import { indexNameFrom, MAX_INDICES, PER_INDEX_KEYS, TENANCY_STRATEGIES } from '../../model/workload.js';
import { idOf, type Asker } from './asker.js';
import { getAt, withValue, type Path, type Raw } from './draft.js';
import { formatSizedNames, parseNameList, parseSizedNames, type SizedName } from './parse-answer.js';
import type { Choice } from './prompter.js';


/** Where index `i`'s sections sit in the draft: the top level in the single form. */
export function indexPrefix(raw: Raw, i: number): Path {
  return Array.isArray(raw.indices) ? ['indices', i] : [];
}

export function indexCount(raw: Raw): number {
  return Array.isArray(raw.indices) ? raw.indices.length : 1;
}

/**
 * The draft with `n` indices. One index is today's single-index form, so a one-index answer saves
 * the file it always did; more move the top-level sections into indices[0] and add `fresh()`
 * entries with names that do not clash. Going back to one keeps the first index, with its own
 * replicas and query rate as the workload's.
 */
export function resizeIndices(raw: Raw, n: number, fresh: () => Raw): Raw {
  if (n === indexCount(raw) && (n === 1) === !Array.isArray(raw.indices)) return raw;
  const copy = structuredClone(raw);
  const entries: Raw[] = Array.isArray(copy.indices)
    ? (copy.indices as Raw[])
    : [Object.fromEntries(PER_INDEX_KEYS.filter((k) => copy[k] !== undefined).map((k) => [k, copy[k]]))];
  for (const k of PER_INDEX_KEYS) delete copy[k];
  delete copy.indices;
  if (n === 1) {
    const { availability, search, ...sections } = (entries[0] ?? fresh()) as Raw & { availability?: Raw; search?: Raw };
    const out: Raw = { ...copy, ...sections };
    if (availability?.replicas !== undefined) out.availability = { ...(copy.availability as Raw | undefined), replicas: availability.replicas };
    if (search?.peak_qps !== undefined) out.search = { ...(copy.search as Raw | undefined), peak_qps: search.peak_qps };
    return out;
  }
  const base = indexNameFrom(String(copy.name ?? 'workload')) || 'index';
  const kept = entries.slice(0, n);
  // The several-index form needs every name; the first keeps the name the single form derived.
  const first = kept[0];
  if (first && getAt(first, ['index', 'name']) === undefined) kept[0] = withValue(first, ['index', 'name'], base);
  const taken = new Set(kept.map((e) => String(getAt(e, ['index', 'name']))));
  // Past the schema's maximum there is no need to build indices: the check reports the count.
  for (let k = kept.length + 1; kept.length < Math.min(n, MAX_INDICES + 1); k++) {
    const name = `${base}-${k}`;
    if (taken.has(name)) continue;
    taken.add(name);
    kept.push(withValue(fresh(), ['index', 'name'], name));
  }
  return { ...copy, indices: kept };
}

type Entry = Raw & { field?: unknown };

/** The draft's list at `path` as the `name:size` entries the question shows. */
function sizedNamesOf(list: unknown, words: string, bytes?: string): SizedName[] {
  if (!Array.isArray(list)) return [];
  return (list as Entry[]).map((e) => {
    if (bytes !== undefined && typeof e[bytes] === 'number') return { field: String(e.field), size: e[bytes], unit: 'bytes' };
    return { field: String(e.field), size: Number(e[words]), unit: 'words' };
  });
}

/**
 * The list answer as schema entries: an entry for a field the draft already has keeps its other
 * keys (analyzer, sub-fields, chunking, inference_id), so changing a size does not reset them.
 */
function mergeEntries(existing: unknown, answer: readonly SizedName[], words: string, bytes?: string): Raw[] {
  const old = Array.isArray(existing) ? (existing as Entry[]) : [];
  return answer.map((a) => {
    const prior = old.find((e) => e.field === a.field);
    const kept: Raw = { ...(prior ? structuredClone(prior) : {}), field: a.field };
    delete kept[words];
    if (bytes !== undefined) delete kept[bytes];
    kept[a.unit === 'bytes' && bytes !== undefined ? bytes : words] = a.size;
    return kept;
  });
}

/** Asks a `name:size, ...` list for `path` and keeps it (an empty answer removes the key). */
async function askSizedList(ask: Asker, path: Path, message: string, example: string, words: string, bytes?: string): Promise<Raw[]> {
  const key = idOf(path);
  const read = (t: string): Raw[] | string => {
    const parsed = parseSizedNames(t, key, example, bytes !== undefined);
    return typeof parsed === 'string' ? parsed : mergeEntries(getAt(ask.raw, path), parsed, words, bytes);
  };
  const text = await ask.prompter.input({
    id: key,
    message,
    default: formatSizedNames(sizedNamesOf(getAt(ask.raw, path), words, bytes)),
    validate: (t) => {
      const entries = read(t);
      return typeof entries === 'string' ? entries : ask.check(path, entries.length === 0 ? undefined : entries);
    },
  });
  const entries = read(text) as Raw[];
  ask.set(path, entries.length === 0 ? undefined : entries);
  return entries;
}

export async function askTextFields(ask: Asker, at: Path, analyzers: readonly string[], multiFields: readonly string[]): Promise<void> {
  const path = [...at, 'text_fields'];
  const fields = await askSizedList(
    ask,
    path,
    'Text fields for lexical (BM25) search, with words per document (e.g. title:12, body:800; none)',
    'title:12, body:800',
    'words_per_document',
    'bytes_per_document',
  );
  for (let k = 0; k < fields.length; k++) {
    const name = String(fields[k]?.field);
    await ask.choose([...path, k, 'analyzer'], `Analyzer for ${name}`, analyzers.map((a) => ({ value: a, name: a })));
    const subPath = [...path, k, 'multi_fields'];
    const current = getAt(ask.raw, subPath);
    const text = await ask.prompter.input({
      id: idOf(subPath),
      message: `Extra sub-fields for ${name} (${multiFields.join(', ')}; none)`,
      default: Array.isArray(current) && current.length > 0 ? current.join(', ') : 'none',
      validate: (t) => ask.check(subPath, parseNameList(t)),
    });
    const list = parseNameList(text);
    ask.set(subPath, list.length === 0 ? undefined : list);
  }
}

/** One choice per inference endpoint the semantic_text question offers, `undefined` for the version's default. */
export interface EndpointChoice {
  id: string | undefined;
  name: string;
  description?: string;
}

export const OTHER_ENDPOINT = '(other)';

export async function askSemanticText(ask: Asker, at: Path, endpoints: readonly EndpointChoice[]): Promise<void> {
  const path = [...at, 'semantic_text'];
  const fields = await askSizedList(
    ask,
    path,
    'semantic_text fields (chunked and embedded by Elasticsearch), with words per document (e.g. content:800; none)',
    'content:800',
    'words_per_document',
  );
  for (let k = 0; k < fields.length; k++) {
    const idPath = [...path, k, 'inference_id'];
    const current = getAt(ask.raw, idPath);
    const listed = endpoints.some((e) => e.id === current);
    const choices: Choice<string>[] = [
      ...endpoints.map((e) => ({ value: e.id ?? '', name: e.name, ...(e.description ? { description: e.description } : {}) })),
      ...(typeof current === 'string' && !listed ? [{ value: current, name: `${current} (as in the file)` }] : []),
      { value: OTHER_ENDPOINT, name: 'other (type the inference endpoint id)' },
    ];
    const picked = await ask.prompter.select<string>({
      id: idOf(idPath),
      message: `Inference endpoint for ${String(fields[k]?.field)}`,
      choices,
      default: typeof current === 'string' ? current : '',
      validate: (v) => (v === OTHER_ENDPOINT ? true : ask.check(idPath, v === '' ? undefined : v)),
    });
    if (picked === OTHER_ENDPOINT) await ask.text(idPath, 'Inference endpoint id (as GET _inference lists it)');
    else ask.set(idPath, picked === '' ? undefined : picked);
  }
}

const STRATEGY_NOTES: Record<(typeof TENANCY_STRATEGIES)[number], string> = {
  shared: 'every tenant in the same shards; queries filter on the tenant field',
  routing: 'each tenant routed to its own shard(s) with _routing; a query searches only them',
  index_per_tenant: 'one index per tenant',
};

/**
 * Example answers for a first tenancy: a tenant field, a thousand tenants, the largest holding 5%.
 * They are suggestions the person confirms or replaces, not figures esplan assumes.
 */
const EXAMPLE_TENANCY = { field: 'tenant_id', tenants: 1000, largest_tenant_share: 0.05 };

export async function askTenancy(ask: Asker, at: Path): Promise<void> {
  const path = [...at, 'tenancy'];
  const current = getAt(ask.raw, path) as Raw | undefined;
  const NONE = 'none';
  const candidate = (strategy: string): Raw | undefined =>
    strategy === NONE ? undefined : { ...EXAMPLE_TENANCY, ...(current ?? {}), strategy, ...(strategy === 'routing' ? {} : { routing_partition_size: undefined }) };
  const strategy = await ask.prompter.select<string>({
    id: idOf(path),
    message: 'Tenancy (documents of many customers in this index)?',
    choices: [
      { value: NONE, name: 'none', description: 'no tenants to keep apart' },
      ...TENANCY_STRATEGIES.map((s) => ({ value: s, name: s, description: STRATEGY_NOTES[s] })),
    ],
    default: current === undefined ? NONE : String(current.strategy ?? 'shared'),
    validate: (s) => ask.check(path, withoutUndefined(candidate(s))),
  });
  ask.set(path, withoutUndefined(candidate(strategy)));
  if (strategy === NONE) return;
  await ask.text([...path, 'field'], 'Field holding the tenant id');
  await ask.count([...path, 'tenants'], 'How many tenants?');
  await ask.fraction([...path, 'largest_tenant_share'], "Largest tenant's share of the documents (e.g. 5%)");
  if (strategy === 'routing') {
    await ask.optionalCount([...path, 'routing_partition_size'], 'Shards per tenant (routing_partition_size; none for 1)');
  }
}

function withoutUndefined(o: Raw | undefined): Raw | undefined {
  return o === undefined ? undefined : Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}
