/**
 * Reads what apply needs to know about the cluster, read-only: version, nodes and their
 * attributes, persistent settings, the templates, SLM policy and repository esplan would write,
 * and every index template (to find overlapping patterns).
 */
import type { ClusterHttp, RequestSpec } from './http.js';

export interface NodeInfo {
  id: string;
  name: string;
  roles: string[];
  attributes: Record<string, string>;
}

export interface IndexTemplateEntry {
  name: string;
  index_template: Record<string, unknown>;
}

export interface Observed {
  clusterName: string;
  clusterUuid: string;
  /** e.g. "9.2.0" */
  version: string;
  buildFlavor?: string;
  nodes: NodeInfo[];
  /** Persistent cluster settings, flat, as the cluster returned them. */
  persistent: Record<string, unknown>;
  componentTemplates: Record<string, Record<string, unknown> | null>;
  indexTemplates: IndexTemplateEntry[];
  slmPolicies: Record<string, Record<string, unknown> | null>;
  repositories: Record<string, Record<string, unknown> | null>;
  /** The inference endpoints semantic_text fields name, by id: null when the cluster has none of that id. */
  inferenceEndpoints: Record<string, InferenceEndpointInfo | null>;
}

/** What apply reads of an inference endpoint (GET /_inference/ID). */
export interface InferenceEndpointInfo {
  task_type: string;
  service: string;
}

/** An Observed with nothing in it, for read-backs and tests to fill in. */
export function emptyObserved(overrides: Partial<Observed> = {}): Observed {
  return {
    clusterName: '',
    clusterUuid: '',
    version: '',
    nodes: [],
    persistent: {},
    componentTemplates: {},
    indexTemplates: [],
    slmPolicies: {},
    repositories: {},
    inferenceEndpoints: {},
    ...overrides,
  };
}

export interface ObserveTargets {
  componentTemplates: string[];
  slmPolicies: string[];
  repositories: string[];
  /** Inference endpoint ids the plan's semantic_text fields use. */
  inferenceEndpoints?: string[];
}

/** A GET request: idempotent, so retried on transient failures. */
export const get = (path: string, what: string, privilege: RequestSpec['privilege'], query?: Record<string, string>): RequestSpec => ({
  method: 'GET',
  path,
  query,
  idempotent: true,
  privilege,
  what,
});

export const enc = encodeURIComponent;

/** GET / only: the version decides whether anything else is worth asking. */
export async function observeRoot(http: ClusterHttp): Promise<Pick<Observed, 'clusterName' | 'clusterUuid' | 'version' | 'buildFlavor'>> {
  const root = (await http.request(get('/', 'read the cluster version', 'monitor'))).body as {
    cluster_name?: string;
    cluster_uuid?: string;
    version?: { number?: string; build_flavor?: string };
  };
  return {
    clusterName: root.cluster_name ?? '',
    clusterUuid: root.cluster_uuid ?? '',
    version: root.version?.number ?? '0.0.0',
    buildFlavor: root.version?.build_flavor,
  };
}

/** The cluster's licence as GET /_license gives it (LicenseGetResponseExample1): its type and status. */
export interface ClusterLicense {
  type: string;
  status: string;
}

export async function observeLicense(http: ClusterHttp): Promise<ClusterLicense> {
  const res = await http.request(get('/_license', 'read the cluster licence', 'monitor'));
  const l = (res.body as { license?: { type?: string; status?: string } }).license ?? {};
  return { type: l.type ?? '', status: l.status ?? '' };
}

export async function observeCluster(
  http: ClusterHttp,
  root: Pick<Observed, 'clusterName' | 'clusterUuid' | 'version' | 'buildFlavor'>,
  targets: ObserveTargets,
): Promise<Observed> {
  const nodesRes = await http.request(
    get('/_nodes', 'read the nodes and their attributes', 'monitor', { filter_path: 'nodes.*.name,nodes.*.roles,nodes.*.attributes' }),
  );
  const rawNodes = ((nodesRes.body as { nodes?: Record<string, { name?: string; roles?: string[]; attributes?: Record<string, string> }> }).nodes ??
    {}) as Record<string, { name?: string; roles?: string[]; attributes?: Record<string, string> }>;
  const nodes = Object.entries(rawNodes)
    .map(([id, n]) => ({ id, name: n.name ?? id, roles: n.roles ?? [], attributes: n.attributes ?? {} }))
    .sort((a, b) => a.name.localeCompare(b.name));

  const persistent = await readPersistentSettings(http, 'read the cluster settings');
  const componentTemplates: Observed['componentTemplates'] = {};
  for (const name of targets.componentTemplates) {
    componentTemplates[name] = await readComponentTemplate(http, name, `read component template ${name}`);
  }
  const indexTemplates = await readIndexTemplates(http, undefined, 'read the index templates');
  const slmPolicies: Observed['slmPolicies'] = {};
  for (const id of targets.slmPolicies) slmPolicies[id] = await readSlmPolicy(http, id, `read snapshot lifecycle policy ${id}`);
  const repositories: Observed['repositories'] = {};
  for (const name of targets.repositories) repositories[name] = await readRepository(http, name, `read snapshot repository ${name}`);

  const inferenceEndpoints: Observed['inferenceEndpoints'] = {};
  for (const id of targets.inferenceEndpoints ?? []) inferenceEndpoints[id] = await readInferenceEndpoint(http, id, `read inference endpoint ${id}`);

  return { ...root, nodes, persistent, componentTemplates, indexTemplates, slmPolicies, repositories, inferenceEndpoints };
}

// How each kind of object esplan writes is read: endpoint, privilege and where the answer sits in
// the response. The observation before planning and the read-back after a write both use these.

export async function readPersistentSettings(http: ClusterHttp, what: string): Promise<Record<string, unknown>> {
  const res = await http.request(get('/_cluster/settings', what, 'monitor', { flat_settings: 'true' }));
  return (res.body as { persistent?: Record<string, unknown> }).persistent ?? {};
}

export async function readComponentTemplate(http: ClusterHttp, name: string, what: string): Promise<Record<string, unknown> | null> {
  const res = await http.request(get(`/_component_template/${enc(name)}`, what, 'manage_index_templates'));
  if (res.status === 404) return null;
  const list = (res.body as { component_templates?: { name: string; component_template: Record<string, unknown> }[] }).component_templates ?? [];
  return list.find((t) => t.name === name)?.component_template ?? null;
}

/** One index template by name, or (without a name) every one, for pattern overlaps. */
export async function readIndexTemplates(http: ClusterHttp, name: string | undefined, what: string): Promise<IndexTemplateEntry[]> {
  const res = await http.request(get(name === undefined ? '/_index_template' : `/_index_template/${enc(name)}`, what, 'manage_index_templates'));
  return res.status === 404 ? [] : ((res.body as { index_templates?: IndexTemplateEntry[] }).index_templates ?? []);
}

export async function readSlmPolicy(http: ClusterHttp, id: string, what: string): Promise<Record<string, unknown> | null> {
  const res = await http.request(get(`/_slm/policy/${enc(id)}`, what, 'read_slm'));
  if (res.status === 404) return null;
  return (res.body as Record<string, { policy?: Record<string, unknown> }>)[id]?.policy ?? null;
}

export async function readRepository(http: ClusterHttp, name: string, what: string): Promise<Record<string, unknown> | null> {
  const res = await http.request(get(`/_snapshot/${enc(name)}`, what, 'monitor_snapshot'));
  if (res.status === 404) return null;
  return (res.body as Record<string, Record<string, unknown>>)[name] ?? null;
}

/** One inference endpoint by id, or null when the cluster has none (a 404 resource_not_found_exception). */
export async function readInferenceEndpoint(http: ClusterHttp, id: string, what: string): Promise<InferenceEndpointInfo | null> {
  const res = await http.request(get(`/_inference/${enc(id)}`, what, 'monitor_inference'));
  if (res.status === 404) return null;
  const found = ((res.body as { endpoints?: { inference_id: string; task_type: string; service: string }[] }).endpoints ?? []).find((e) => e.inference_id === id);
  return found ? { task_type: found.task_type, service: found.service } : null;
}

/** Data nodes: any `data` or `data_*` role (data_hot, data_content...). */
export function isDataNode(node: NodeInfo): boolean {
  return node.roles.some((r) => r === 'data' || r.startsWith('data_'));
}

export function dataNodes(observed: Pick<Observed, 'nodes'>): NodeInfo[] {
  return observed.nodes.filter(isDataNode);
}
