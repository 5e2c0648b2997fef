/**
 * The stand-in's inference API: `GET /_inference[/_all|/ID|/TASK/ID]`, `PUT /_inference/TASK/ID`
 * and `DELETE /_inference[/TASK]/ID`, answering as Elasticsearch 9.x does. Learned from (read, not
 * copied) elastic/elasticsearch x-pack/plugin/inference (ModelRegistry: 404
 * `resource_not_found_exception` "Inference endpoint not found [ID]"; the GET reply's `endpoints`
 * list since PR #107704) and the elasticsearch-specification `inference/get/GetResponse.ts`; the
 * preconfigured endpoints and their settings as a 9.x cluster lists them (Kibana's inference
 * endpoint fixtures: `.elser-2-elasticsearch`, `.multilingual-e5-small-elasticsearch` with the
 * sentence chunking default 250/1; `.elser-2-elastic` and the Jina models on the Elastic Inference
 * Service).
 */
import { EsHttpError, badRequest, esError, notFound } from './errors.js';
import { atLeast, isObject } from './validate.js';

export interface InferenceEndpoint {
  inference_id: string;
  task_type: string;
  service: string;
  service_settings: Record<string, unknown>;
  chunking_settings?: Record<string, unknown>;
  task_settings?: Record<string, unknown>;
}

/**
 * Where the cluster runs: self-managed clusters have only the endpoints served by their own ML
 * nodes; Elastic Cloud clusters also see the Elastic Inference Service (EIS) ones.
 */
export type InferenceDeployment = 'self-managed' | 'cloud';

const SENTENCE_DEFAULT = { strategy: 'sentence', max_chunk_size: 250, sentence_overlap: 1 };
const ML_NODE_ALLOCATIONS = { enabled: true, min_number_of_allocations: 0, max_number_of_allocations: 32 };

/**
 * Preconfigured endpoints by first version and deployment. The ML-node ones exist since 8.16 (so
 * on every 9.x); the EIS dates follow esplan's formulas/inference.json rule for semantic_text's
 * default (ELSER on EIS from 9.3, Jina v5 from 9.4 on Elastic Cloud): a stand-in assumption for
 * tests, not a claim about Elastic's rollout.
 */
const PRECONFIGURED: readonly { since: string; where: InferenceDeployment[]; endpoint: InferenceEndpoint }[] = [
  {
    since: '8.16',
    where: ['self-managed', 'cloud'],
    endpoint: {
      inference_id: '.elser-2-elasticsearch',
      task_type: 'sparse_embedding',
      service: 'elasticsearch',
      service_settings: { num_threads: 1, model_id: '.elser_model_2_linux-x86_64', adaptive_allocations: ML_NODE_ALLOCATIONS },
      chunking_settings: SENTENCE_DEFAULT,
    },
  },
  {
    since: '8.16',
    where: ['self-managed', 'cloud'],
    endpoint: {
      inference_id: '.multilingual-e5-small-elasticsearch',
      task_type: 'text_embedding',
      service: 'elasticsearch',
      service_settings: { num_threads: 1, model_id: '.multilingual-e5-small_linux-x86_64', adaptive_allocations: ML_NODE_ALLOCATIONS },
      chunking_settings: SENTENCE_DEFAULT,
    },
  },
  {
    since: '9.3',
    where: ['cloud'],
    endpoint: {
      inference_id: '.elser-2-elastic',
      task_type: 'sparse_embedding',
      service: 'elastic',
      service_settings: { model_id: 'elser_model_2' },
      chunking_settings: SENTENCE_DEFAULT,
    },
  },
  {
    since: '9.4',
    where: ['cloud'],
    endpoint: {
      inference_id: '.jina-embeddings-v5-text-small',
      task_type: 'text_embedding',
      service: 'elastic',
      service_settings: { model_id: 'jina-embeddings-v5-text-small', similarity: 'cosine', dimensions: 1024 },
      chunking_settings: SENTENCE_DEFAULT,
    },
  },
];

const TASK_TYPES = new Set(['sparse_embedding', 'text_embedding', 'rerank', 'completion', 'chat_completion']);
/** Services the stand-in accepts on PUT (Elasticsearch knows more; these cover the tests). */
const SERVICES = new Set(['elasticsearch', 'elastic', 'openai', 'cohere', 'hugging_face', 'jinaai', 'azureopenai', 'googlevertexai', 'amazonbedrock']);

export class InferenceStore {
  private readonly endpoints = new Map<string, InferenceEndpoint>();
  private readonly reserved = new Set<string>();

  constructor(version: string, deployment: InferenceDeployment) {
    for (const p of PRECONFIGURED) {
      if (!p.where.includes(deployment) || !atLeast(version, p.since)) continue;
      this.endpoints.set(p.endpoint.inference_id, structuredClone(p.endpoint));
      this.reserved.add(p.endpoint.inference_id);
    }
  }

  has(id: string): boolean {
    return this.endpoints.has(id);
  }

  /** Adds an endpoint directly (tests arranging a cluster that already has one). */
  add(endpoint: InferenceEndpoint): void {
    this.endpoints.set(endpoint.inference_id, structuredClone(endpoint));
  }

  /** GET /_inference, /_inference/_all, /_inference/ID, /_inference/TASK/ID, /_inference/TASK/_all. */
  get(parts: readonly string[]): { endpoints: InferenceEndpoint[] } {
    const [first, second] = parts;
    const all = [...this.endpoints.values()].sort((a, b) => a.inference_id.localeCompare(b.inference_id));
    if (first === undefined || (first === '_all' && second === undefined)) return { endpoints: all };
    // One path part is an endpoint id, unless it names a task type (then: every endpoint of that type).
    if (second === undefined && TASK_TYPES.has(first)) return { endpoints: all.filter((e) => e.task_type === first) };
    const [task, id] = second === undefined ? [undefined, first] : [first, second];
    if (task !== undefined && !TASK_TYPES.has(task)) throw unknownTaskType(task);
    if (id === '_all' || id === '*') return { endpoints: all.filter((e) => task === undefined || e.task_type === task) };
    const found = this.endpoints.get(id);
    if (!found || (task !== undefined && found.task_type !== task)) throw notFound('resource_not_found_exception', `Inference endpoint not found [${id}]`);
    return { endpoints: [structuredClone(found)] };
  }

  /** PUT /_inference/TASK/ID (or /_inference/ID with task_type in the body is not accepted by 9.x; the path names it). */
  put(parts: readonly string[], body: unknown): InferenceEndpoint {
    const [task, id] = parts.length === 2 ? parts : [undefined, parts[0]];
    if (!id || task === undefined) throw badRequest('action_request_validation_exception', 'Validation Failed: 1: Task type must be specified in the path;');
    if (!TASK_TYPES.has(task)) throw unknownTaskType(task);
    if (this.reserved.has(id)) {
      throw badRequest('status_exception', `[${id}] is a reserved inference ID. Cannot create a new inference endpoint with a reserved ID.`);
    }
    if (this.endpoints.has(id)) throw badRequest('resource_already_exists_exception', `Inference endpoint [${id}] already exists`);
    if (!isObject(body) || typeof body.service !== 'string') throw badRequest('status_exception', 'Required [service]');
    if (!SERVICES.has(body.service)) throw badRequest('status_exception', `Unknown service [${body.service}] for model [${id}]. `);
    if (!isObject(body.service_settings)) throw badRequest('status_exception', 'Required [service_settings]');
    const endpoint: InferenceEndpoint = {
      inference_id: id,
      task_type: task,
      service: body.service,
      service_settings: structuredClone(body.service_settings),
      ...(task === 'sparse_embedding' || task === 'text_embedding' ? { chunking_settings: isObject(body.chunking_settings) ? structuredClone(body.chunking_settings) : SENTENCE_DEFAULT } : {}),
      ...(isObject(body.task_settings) ? { task_settings: structuredClone(body.task_settings) } : {}),
    };
    this.endpoints.set(id, endpoint);
    return structuredClone(endpoint);
  }

  delete(parts: readonly string[]): { acknowledged: true; pipelines: string[]; indexes: string[] } {
    const id = parts[parts.length - 1] as string;
    if (this.reserved.has(id)) throw badRequest('status_exception', `[${id}] is a reserved inference endpoint. Cannot delete a reserved inference endpoint.`);
    if (!this.endpoints.delete(id)) throw notFound('resource_not_found_exception', `Inference endpoint not found [${id}]`);
    return { acknowledged: true, pipelines: [], indexes: [] };
  }
}

function unknownTaskType(task: string): EsHttpError {
  return new EsHttpError(400, esError(400, 'illegal_argument_exception', `Unknown task_type [${task}]`));
}
