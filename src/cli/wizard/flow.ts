/**
 * The wizard's questions, in the order a person thinks about a search deployment: what runs,
 * what data, which embeddings, what search needs, how available, where, then the index type
 * trade-off with real figures. Every answer goes into a raw workload draft and is checked by the
 * workload schema before it is kept; pressing Enter everywhere gives a valid workload.
 */
import { loadCatalog, loadRoles, roleMinimum } from '../../data/catalogs.js';
import { loadEmbeddingModels, type EmbeddingModel } from '../../data/embedding-models.js';
import { ELEMENT_TYPES, LICENSES, type ElementType, type IndexType } from '../../data/index-types.js';
import { loadLimits } from '../../data/limits.js';
import { loadRecallBands } from '../../data/recall-bands.js';
import { loadWorkloadDefaults } from '../../data/workload-defaults.js';
import type { Plan } from '../../model/plan.js';
import { indexNameFrom, MAX_VECTOR_FIELDS, PROVIDERS, TEXT_ANALYZERS, TEXT_MULTI_FIELDS, type Provider, type Workload } from '../../model/workload.js';
import { compareVersions } from '../../model/version.js';
import { loadInference, type InferenceEndpoint } from '../../data/inference.js';
import { resolveInferenceEndpoint } from '../../sizing/inference-endpoint.js';
import { formatProblem } from '../../model/problems.js';
import { bandText, floorText } from '../../recommend/eligible.js';
import { Asker, idOf, type Note } from './asker.js';
import { compareIndexTypes, vectorPaths, withIndexType, type PlanBuilder } from './compare-index-types.js';
import { finish, getAt, schemaProblems, type Path, type Raw } from './draft.js';
import { askSemanticText, askTenancy, askTextFields, indexCount, indexPrefix, resizeIndices, type EndpointChoice } from './index-questions.js';
import type { Choice, Prompter } from './prompter.js';
import { comparisonChoices, renderComparison } from './render-comparison.js';

export interface FlowDeps {
  prompter: Prompter;
  buildPlan: PlanBuilder;
  /** Explanations and tables for the person at the terminal (stderr). */
  say: (text: string) => void;
}

export interface FlowStart {
  /** The raw workload document to start from (--from FILE). */
  raw: Raw;
  origin: string;
}

export interface FlowResult {
  raw: Raw;
  notes: Note[];
  workload: Workload;
  plan: Plan;
}

const OTHER_MODEL = '(other)';
const FILE_DIMS = '(as in the file)';

/** Starting answers for a fresh session: the defaults in formulas/ plus an example corpus. */
export function freshDraft(): Raw {
  const limits = loadLimits();
  const defaults = loadWorkloadDefaults();
  const models = loadEmbeddingModels();
  const model = models.models.find((m) => m.id === models.default_model.value) as EmbeddingModel;
  return {
    format_version: 1,
    name: 'genai-search',
    elasticsearch: { version: limits.supportedVersions.max, license: 'basic' },
    corpus: { documents: 1_000_000, source_bytes_per_document: 4000, growth: { monthly_rate: 0, months: 12 } },
    vectors: [{ field: 'content_embedding', dims: model.dims, element_type: model.element_type, per_document: 1, index_type: 'auto' }],
    search: { recall_target: loadRecallBands().recommendation.default_recall_target, filtered: false },
    availability: { zones: defaults.availability_zones.value, replicas: defaults.availability_replicas.value },
    deployment: { provider: 'aws', region: suggestedRegion('aws'), node_sizing: 'reference' },
    inference: { placement: 'external' },
    index: { name: 'genai-search' },
    snapshots: { repository: 'backups', schedule: defaults.snapshot_schedule.value, retention: { expire_after: defaults.snapshot_expire_after.value } },
  };
}

/** The floor the reference choice applies on this provider, from catalogs/roles.json. */
function nodeSizingChoices(provider: Provider): Choice<'reference' | 'fit'>[] {
  const { reference_floor: floor, reference_ceiling: ceiling } = roleMinimum(loadRoles(), provider, 'data');
  return [
    {
      value: 'reference',
      name: "follow Elastic's reference architecture (recommended for production)",
      description: floor
        ? `data nodes ${ceiling ? `inside ${bandText(floor, ceiling)}` : `of at least ${floorText(floor)}`}, the hot/content profile Elastic tested; heavy workloads get more nodes, not bigger ones`
        : "the reference architecture's data-node profile",
    },
    { value: 'fit', name: 'smallest that fits (dev, test)', description: 'any data-node size that holds the workload; cheaper, below the tested profiles' },
  ];
}

/**
 * The region to suggest: the one the provider's catalog prices (so the plan's prices apply).
 * Elastic Cloud and physical catalogs are not priced per cloud region, so nothing is suggested.
 */
export function suggestedRegion(provider: Provider): string | undefined {
  if (provider === 'elastic-cloud' || provider === 'physical') return undefined;
  const counts = new Map<string, number>();
  for (const e of loadCatalog(provider).entries) counts.set(e.region, (counts.get(e.region) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
}

export async function runFlow(deps: FlowDeps, start?: FlowStart): Promise<FlowResult> {
  const { prompter, say } = deps;
  if (start) {
    say(`Starting from ${start.origin}.\n`);
    const keep = await prompter.confirm({ id: 'from.keep', message: `Use ${start.origin} as it is?`, default: true });
    if (keep) return done(start.raw, [], deps);
  }
  const ask = new Asker(start ? structuredClone(start.raw) : freshDraft(), prompter);
  // A file may leave keys to the schema's defaults; those are the answers to suggest for them.
  ask.fallbacks.push(finish(ask.raw) as unknown as Raw, freshDraft());

  say('\nAbout the deployment\n');
  const oldName = String(getAt(ask.raw, ['name']) ?? 'workload');
  await ask.text(['name'], 'Name of this workload');
  const indices = await askIndexCount(ask);
  if (indices === 1) {
    const currentIndex = getAt(ask.raw, ['index', 'name']);
    const derived = currentIndex === undefined || currentIndex === indexNameFrom(oldName) ? indexNameFrom(String(getAt(ask.raw, ['name']))) : String(currentIndex);
    await ask.text(['index', 'name'], 'Base index name (apply writes templates for it)', derived);
  }
  await ask.text(['elasticsearch', 'version'], `Elasticsearch version (${loadLimits().supportedVersions.min} to ${loadLimits().supportedVersions.max})`);
  await ask.choose(['elasticsearch', 'license'], 'Elasticsearch license', LICENSES.map((l) => ({
    value: l,
    name: l,
    description: l === 'enterprise' ? 'enables bbq_disk (DiskBBQ), the lowest-RAM index type' : 'bbq_disk (DiskBBQ) needs enterprise',
  })));

  for (let i = 0; i < indices; i++) await askIndex(ask, say, i, indices, start !== undefined);
  // Queries that search a tenant's documents filter on the tenant field: suggest "filtered".
  if (hasSharedTenancy(ask.raw) && getAt(ask.raw, ['search', 'filter_selectivity']) === undefined) ask.set(['search', 'filtered'], true);

  say('\nSearch\n');
  await ask.optionalCount(['search', 'peak_qps'], 'Peak queries per second (none if unknown)');
  await ask.fraction(['search', 'recall_target'], 'Recall target (e.g. 95%)');
  // A file's filter_selectivity below 1 means filtered (the schema reads it so when filtered is unset).
  const selectivity = getAt(ask.raw, ['search', 'filter_selectivity']);
  const selective = typeof selectivity === 'number' && selectivity < 1;
  if (selective && getAt(ask.raw, ['search', 'filtered']) === undefined) ask.set(['search', 'filtered'], true);
  const filtered = await ask.yesNo(['search', 'filtered'], 'Do queries filter (tenant, ACL, date) as well as match vectors?');
  // "No filters" is the newer answer: a selectivity from the file would contradict it.
  if (!filtered && selective) ask.set(['search', 'filter_selectivity'], undefined);

  say('\nAvailability\n');
  await ask.choose(['availability', 'zones'], 'Availability zones', [
    { value: 3, name: '3 zones', description: 'survives a zone outage with a master quorum' },
    { value: 2, name: '2 zones', description: 'cheaper; a zone outage leaves one copy' },
    { value: 1, name: '1 zone', description: 'not highly available: a zone outage stops the cluster (dev, test)' },
  ]);
  await ask.count(['availability', 'replicas'], 'Replicas per primary shard');

  say('\nWhere it runs\n');
  const previousProvider = getAt(ask.raw, ['deployment', 'provider']) ?? 'aws';
  const provider = await ask.choose(['deployment', 'provider'], 'Provider', PROVIDERS.map((p) => ({ value: p, name: p })));
  const region = getAt(ask.raw, ['deployment', 'region']);
  // A region only makes sense for the provider it was given for.
  const regionDefault = provider === previousProvider && typeof region === 'string' && region !== '' ? region : suggestedRegion(provider);
  if (provider !== previousProvider) ask.set(['deployment', 'instance_families'], undefined);
  await ask.optionalText(['deployment', 'region'], 'Region (none if it does not matter)', regionDefault);
  if (provider === 'elastic-cloud') {
    await ask.optionalCount(['deployment', 'price_usd_per_gb_ram_hour'], 'Your Elastic Cloud price per GB of RAM per hour, USD (none if unknown)');
  } else {
    ask.set(['deployment', 'price_usd_per_gb_ram_hour'], undefined);
  }
  await ask.choose(['deployment', 'node_sizing'], 'Node sizes', nodeSizingChoices(provider));
  const placement = await ask.choose(['inference', 'placement'], 'Where do embeddings get computed?', [
    { value: 'external', name: 'external', description: 'an outside service or the Elastic Inference Service' },
    { value: 'ml_nodes', name: 'ml_nodes', description: 'models deployed on Elasticsearch ML nodes in this cluster' },
  ]);
  if (placement === 'ml_nodes') await ask.optionalCount(['inference', 'model_memory_gib'], 'Memory the models need, GiB (none for the default)');
  else ask.set(['inference', 'model_memory_gib'], undefined);

  await chooseIndexTypes(ask, deps);

  say('\nSnapshots\n');
  const wantSnapshots = await prompter.confirm({
    id: 'snapshots',
    message: 'Schedule snapshots (SLM) to a repository?',
    default: getAt(ask.raw, ['snapshots']) !== undefined || !start,
  });
  if (wantSnapshots) {
    if (getAt(ask.raw, ['snapshots']) === undefined) ask.set(['snapshots'], freshDraft().snapshots);
    await ask.text(['snapshots', 'repository'], 'Snapshot repository name');
    await ask.text(['snapshots', 'schedule'], 'Schedule (cron, e.g. "0 30 1 * * ?" is 01:30 daily)');
    await ask.text(['snapshots', 'retention', 'expire_after'], 'Delete snapshots older than (e.g. 30d)');
  } else {
    ask.set(['snapshots'], undefined);
  }
  return done(ask.raw, ask.notes, deps);
}

function done(raw: Raw, notes: Note[], deps: FlowDeps): FlowResult {
  const workload = finish(raw);
  return { raw, notes, workload, plan: deps.buildPlan(workload) };
}

/** "How many indices?": one keeps today's single-index form, more the `indices: [...]` form. */
async function askIndexCount(ask: Asker): Promise<number> {
  const current = indexCount(ask.raw);
  const n = await ask.count(['indices', 'length'], 'How many indices (e.g. a knowledge base, agent memory and conversation logs are 3)?', current, (v) =>
    typeof v === 'number' && Number.isInteger(v) && v >= 1
      ? ask.checkRaw(resizeIndices(ask.raw, v, freshIndex), ['indices'])
      : `indices: ${JSON.stringify(v)} is not a number of indices (1, 2, 3, ...)`,
  );
  ask.raw = resizeIndices(ask.raw, n, freshIndex);
  return n;
}

/** A new index's starting answers: the fresh draft's corpus and embedding, no text, no tenants. */
function freshIndex(): Raw {
  const fresh = freshDraft();
  return { index: {}, corpus: fresh.corpus, vectors: fresh.vectors };
}

/** The questions about index `i` of `count`: its name (several indices), corpus, fields and tenancy. */
async function askIndex(ask: Asker, say: (text: string) => void, i: number, count: number, fromFile: boolean): Promise<void> {
  const at = indexPrefix(ask.raw, i);
  let of = '';
  if (count > 1) {
    say(`\nIndex ${i + 1} of ${count}\n`);
    const name = await ask.text([...at, 'index', 'name'], `Name of index ${i + 1} (apply writes templates for it)`);
    of = ` of ${name}`;
  }
  say(`\nThe corpus${of}\n`);
  await ask.count([...at, 'corpus', 'documents'], 'Documents now (e.g. 20M)');
  await ask.count([...at, 'corpus', 'source_bytes_per_document'], 'Average _source bytes per document, text included, vectors excluded (e.g. 6k)');
  const rate = await ask.fraction([...at, 'corpus', 'growth', 'monthly_rate'], 'Growth per month (e.g. 3%; 0 for none)');
  if (rate > 0) await ask.count([...at, 'corpus', 'growth', 'months'], 'Plan for how many months of growth?');

  say(`\nEmbeddings${of} (dense_vector fields)\n`);
  await askVectors(ask, at, fromFile);

  say(`\nText, semantic_text and tenants${of}\n`);
  await askTextFields(ask, at, TEXT_ANALYZERS, TEXT_MULTI_FIELDS);
  // Before semantic_text exists there is nothing to ask, unless a file brought fields to clear.
  const since = loadInference().semantic_text_since.value;
  if (compareVersions(String(getAt(ask.raw, ['elasticsearch', 'version'])), since) >= 0) await askSemanticText(ask, at, endpointChoices(ask.raw));
  else if (getAt(ask.raw, [...at, 'semantic_text']) !== undefined) await askSemanticText(ask, at, []);
  else say(`(semantic_text needs Elasticsearch ${since} or later: not asked)\n`);
  await askTenancy(ask, at);
}

/**
 * The semantic_text endpoints to offer: the default first (it follows the version and the provider,
 * asked later, so the field keeps no inference_id), then every endpoint in formulas/inference.json
 * this version has.
 */
function endpointChoices(raw: Raw): EndpointChoice[] {
  const data = loadInference();
  const version = String(getAt(raw, ['elasticsearch', 'version']));
  const provider = (getAt(raw, ['deployment', 'provider']) ?? 'aws') as Provider;
  const now = resolveInferenceEndpoint(data, { elasticsearch: { version, license: 'basic' }, deployment: { provider } } as Pick<Workload, 'elasticsearch' | 'deployment'>, {});
  const about = (e: InferenceEndpoint) => `${e.model}, ${e.kind}${e.dims !== undefined ? ` ${e.dims} dims` : ''}, runs on ${e.runs_on === 'eis' ? 'the Elastic Inference Service' : 'ML nodes'}`;
  return [
    { id: undefined, name: `the default for the version and provider (now ${now.inference_id})`, description: 'left to Elasticsearch: follows the version and the provider chosen below' },
    ...data.endpoints
      .filter((e) => compareVersions(version, e.since) >= 0 && (e.providers === null || e.providers.includes(provider)))
      .map((e) => ({ id: e.id, name: e.id, description: about(e) })),
  ];
}

function hasSharedTenancy(raw: Raw): boolean {
  const entries = Array.isArray(raw.indices) ? (raw.indices as Raw[]) : [raw];
  return entries.some((e) => {
    const strategy = getAt(e, ['tenancy', 'strategy']);
    return getAt(e, ['tenancy']) !== undefined && strategy !== 'index_per_tenant';
  });
}

async function askVectors(ask: Asker, at: Path, fromFile: boolean): Promise<void> {
  const models = loadEmbeddingModels().models;
  const path = [...at, 'vectors'];
  const existing = (getAt(ask.raw, path) as Raw[] | undefined) ?? [];
  const count = await ask.count([...path, 'length'], 'How many vector fields (embeddings) does each document have?', existing.length, (n) =>
    typeof n === 'number' && Number.isInteger(n) && n >= 0 ? ask.check(path, resize(existing, n)) : `${idOf(path)}: ${JSON.stringify(n)} is not a number of fields (0, 1, 2, ...)`,
  );
  ask.set(path, resize(existing, count));
  for (let i = 0; i < count; i++) {
    const field: Path = [...path, i];
    const dims = getAt(ask.raw, [...field, 'dims']);
    const known = models.find((m) => m.dims === dims);
    // A file records dims, not the model: offer its dims as they are rather than naming a listed
    // model that merely has the same dims (its name would end up in the saved file's comment).
    const fileDims = fromFile && i < existing.length && typeof dims === 'number';
    const choices: Choice<string>[] = [
      ...(fileDims ? [{ value: FILE_DIMS, name: `as in the file (${dims} dims)` }] : []),
      ...models.map((m) => ({ value: m.id, name: `${m.name} (${m.dims} dims)` })),
      { value: OTHER_MODEL, name: 'other (type the dimensions)' },
    ];
    const modelId = await ask.prompter.select({
      id: idOf([...field, 'model']),
      message: `Embedding model for vector field ${i + 1}`,
      choices,
      default: fileDims ? FILE_DIMS : (known?.id ?? OTHER_MODEL),
      validate: (id) => (id === OTHER_MODEL || id === FILE_DIMS ? true : ask.check([...field, 'dims'], modelById(models, id).dims)),
    });
    if (modelId === FILE_DIMS) {
      ask.set([...field, 'dims'], dims);
    } else if (modelId === OTHER_MODEL) {
      await ask.count([...field, 'dims'], 'Dimensions per vector');
      ask.note([...field, 'dims'], undefined);
    } else {
      const model = modelById(models, modelId);
      ask.set([...field, 'dims'], model.dims);
      ask.note([...field, 'dims'], model.name);
    }
    await ask.text([...field, 'field'], 'Field name');
    await ask.quantity([...field, 'per_document'], 'Vectors per document (chunks; 1 if not chunked)');
    await ask.choose([...field, 'element_type'], 'Stored as', ELEMENT_TYPES.map((e) => ({ value: e, name: e, description: ELEMENT_NOTES[e] })));
  }
}

const ELEMENT_NOTES: Record<ElementType, string> = {
  float: '4 bytes per dimension; quantized index types need float or bfloat16',
  bfloat16: '2 bytes per dimension on disk (Elasticsearch 9.3+)',
  byte: 'model returns int8 values; no further quantization',
  bit: 'model returns binary vectors (dims must be a multiple of 8)',
};

function modelById(models: readonly EmbeddingModel[], id: string): EmbeddingModel {
  const m = models.find((x) => x.id === id);
  if (!m) throw new Error(`unknown embedding model ${id}`);
  return m;
}

/** Keeps the first `n` fields and adds fresh ones named so they do not clash. */
function resize(existing: readonly Raw[], n: number): Raw[] {
  const fresh = freshDraft().vectors as Raw[];
  const out = existing.slice(0, n).map((v) => structuredClone(v));
  // Past the schema's maximum there is no need to build fields: the check reports the count.
  while (out.length < Math.min(n, MAX_VECTOR_FIELDS + 1)) out.push({ ...structuredClone(fresh[0] as Raw), field: out.length === 0 ? 'content_embedding' : `embedding_${out.length + 1}` });
  return out;
}

async function chooseIndexTypes(ask: Asker, deps: FlowDeps): Promise<void> {
  const fields = vectorPaths(ask.raw);
  if (fields.length === 0) return;
  deps.say(`\nIndex types: each option below is the full plan with that type for the field${fields.length > 1 ? ', every other field held at the type shown under the title' : ''}.\n`);
  // An index type the earlier answers no longer allow (version, license, element type) is
  // chosen again below; until then the field uses the version's default.
  for (const at of fields) {
    const current = getAt(ask.raw, [...at, 'index_type']);
    const problems = schemaProblems(ask.raw).filter((p) => p.path.startsWith(`${idOf(at)}.`));
    if (current !== 'auto' && problems.length > 0 && schemaProblems(withIndexType(ask.raw, at, 'auto')).length < schemaProblems(ask.raw).length) {
      deps.say(`${problems.map(formatProblem).join('; ')}: choose again below.\n`);
      ask.raw = withIndexType(ask.raw, at, 'auto');
    }
  }
  for (const at of fields) {
    const comparison = compareIndexTypes(ask.raw, at, deps.buildPlan);
    if (!comparison) continue;
    deps.say(renderComparison(comparison));
    // Nothing to choose from: keep the field as it is; the final plan reports what is wrong.
    if (comparison.recommended === undefined) continue;
    const typePath = [...at, 'index_type'];
    const current = getAt(ask.raw, typePath);
    const offered = comparison.options.map((o) => o.index_type);
    const keepCurrent = typeof current === 'string' && current !== 'auto' && !offered.includes(current as IndexType);
    const choices = comparisonChoices(comparison);
    if (keepCurrent) choices.push({ value: current as IndexType, name: `${current} (keep, from the workload file)` });
    const picked = await ask.prompter.select<IndexType>({
      id: idOf(typePath),
      message: `Index type for ${comparison.field}`,
      choices,
      default: keepCurrent || (typeof current === 'string' && offered.includes(current as IndexType)) ? (current as IndexType) : comparison.recommended,
      validate: (t) => ask.checkRaw(withIndexType(ask.raw, at, t), typePath),
    });
    ask.raw = withIndexType(ask.raw, at, picked);
    const chosen = comparison.options.find((o) => o.index_type === picked);
    ask.note(
      typePath,
      picked === comparison.recommended
        ? `recommended by esplan wizard: ${comparison.reason}`
        : `chosen over the recommended ${comparison.recommended}${chosen ? ` (expected recall ${chosen.band.label})` : ''}`,
    );
  }
}
