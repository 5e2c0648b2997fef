/**
 * A loopback fake of the Elasticsearch REST endpoints `esplan apply` uses, answering the way a
 * 9.x cluster does: the product header, string setting values on read, template settings nested
 * under `index`, error bodies in Elasticsearch's shape, authentication, optional TLS, and injected
 * faults. It is held to Elasticsearch's own checks (test/conformance/scenarios.ts proves each, and
 * runs against a real cluster too): unknown body fields, settings and mapping parameters refused
 * (validate.ts), dense_vector options per version and index type, index templates validated as
 * composed and re-validated when a component changes, SLM schedules checked by the validator esplan
 * itself uses (src/model/slm-schedule.ts), identical re-puts left alone (SLM `version` kept),
 * `create=true`, DELETE, wildcard GETs, deprecation `Warning` headers, and a fresh cluster's
 * built-in templates (builtin-templates.ts). It listens on 127.0.0.1 on an ephemeral port, caps
 * request sizes and counts, and closes itself after `lifetimeMs`.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { createGzip } from 'node:zlib';
import { EsHttpError, badRequest, esError, notFound } from './errors.js';
import { patternsIntersect } from './patterns.js';
import { checkSlmSchedule, parseTimeUnitMs } from '../../src/model/slm-schedule.js';
import { loadLimits } from '../../src/data/limits.js';
import { loadApplyPolicy } from '../../src/data/apply-policy.js';
import { InferenceStore, type InferenceDeployment } from './inference.js';
import { BUILTIN_COMPONENT_TEMPLATES, BUILTIN_INDEX_TEMPLATES } from './builtin-templates.js';
import { ClusterData, type FakeHardware, type FakeIndex } from './cluster-data.js';
import {
  COMPONENT_TEMPLATE_FIELDS,
  INDEX_TEMPLATE_FIELDS,
  TEMPLATE_FIELDS,
  flattenKeys,
  isObject,
  mergeProperties,
  nest,
  normaliseIndexSettings,
  refuseUnknownFields,
  validateComposedSettings,
  validateMappings,
  type VersionGates,
} from './validate.js';

export interface FakeNode {
  name: string;
  roles: string[];
  attributes?: Record<string, string>;
  /** Node id (default nOdEiD<i>). */
  id?: string;
  /** Heap, RAM and disk node stats report (defaults: 16 GiB heap of 64 GiB, 1 TB disk). */
  hardware?: Partial<FakeHardware>;
}

const GIB = 1024 ** 3;
const DEFAULT_HARDWARE: FakeHardware = {
  heap_max_bytes: 16 * GIB,
  ram_total_bytes: 64 * GIB,
  ram_adjusted_bytes: 64 * GIB,
  disk_total_bytes: 1e12,
  disk_available_bytes: 0.9e12,
};

export type Fault =
  | { kind: 'status'; status: number }
  | { kind: 'drop' }
  | { kind: 'delay'; ms: number }
  /** The real answer, one byte every `intervalMs` after the headers (each gap shorter than any idle timeout). */
  | { kind: 'trickle'; intervalMs: number }
  /**
   * A 200 answer of `bytes` bytes of valid JSON (`{"pad":"xxx…"}`), streamed in chunks; with a
   * Content-Length header unless `chunked`, and gzip-compressed (unasked) when `gzip`.
   */
  | { kind: 'oversize'; bytes: number; chunked?: boolean; gzip?: boolean }
  /** A 200 answer with exactly this body text (e.g. JSON that does not parse), labelled gzip when `gzip`. */
  | { kind: 'raw'; text: string; gzip?: boolean };

export interface FakeEsOptions {
  version?: string;
  clusterName?: string;
  clusterUuid?: string;
  nodes?: FakeNode[];
  /** Require credentials: API keys as sent in `Authorization: ApiKey <value>`, and/or users. */
  auth?: { apiKeys?: string[]; users?: { username: string; password: string }[] };
  /** Cluster privileges the caller lacks: requests needing them get 403. */
  deniedPrivileges?: string[];
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** Fault for the n-th request (1-based, counting every request the fake receives). */
  fault?: (n: number, method: string, path: string) => Fault | undefined;
  /** Send X-elastic-product (default true). */
  productHeader?: boolean;
  lifetimeMs?: number;
  /** Start with a fresh 9.x cluster's built-in templates (`logs`, `metrics`, ... at priority 100); default true. */
  builtinTemplates?: boolean;
  /** Legacy (v1) templates present, by name and patterns: an overlapping index template PUT gets a deprecation Warning header. */
  legacyTemplates?: Record<string, string[]>;
  /**
   * The licence GET /_license reports (default an active enterprise licence, as Elastic Cloud
   * clusters have; a fresh self-managed cluster starts on basic).
   */
  license?: { type: string; status: string };
  /**
   * Which preconfigured inference endpoints exist (test/fake-es/inference.ts): a self-managed
   * cluster's (ELSER and E5 on ML nodes; the default) or an Elastic Cloud one's (also EIS).
   */
  inference?: InferenceDeployment;
  /** Indices with their shard copies and vector files (cluster-data.ts), for what esplan check reads. */
  indices?: FakeIndex[];
  /** Persistent cluster settings present at start (flat keys), e.g. the awareness apply writes. */
  persistent?: Record<string, string | string[]>;
}

export interface LoggedRequest {
  n: number;
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization?: string;
  status: number;
}

interface Stored {
  body: Record<string, unknown>;
  created: number;
  modified: number;
  version: number;
}

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_REQUESTS = 5000;

/** Cluster settings the fake accepts; Elasticsearch rejects settings it does not know. */
const KNOWN_CLUSTER_SETTINGS = [
  /^slm\.minimum_interval$/,
  /^cluster\.routing\.allocation\.awareness\.attributes$/,
  /^cluster\.routing\.allocation\.awareness\.force\.[A-Za-z0-9_-]+\.values$/,
  /^cluster\.routing\.allocation\.enable$/,
  /^indices\.recovery\.max_bytes_per_sec$/,
  /^action\.auto_create_index$/,
];
/** Elasticsearch's default slm.minimum_interval (formulas/limits.json, sourced there). */
const SLM_MINIMUM_INTERVAL_MS = loadLimits().slmMinimumIntervalMs;

export class FakeElasticsearch {
  readonly requests: LoggedRequest[] = [];
  readonly persistent = new Map<string, string | string[]>();
  readonly componentTemplates = new Map<string, Stored>();
  readonly indexTemplates = new Map<string, Stored>();
  readonly slmPolicies = new Map<string, Stored>();
  readonly repositories = new Map<string, { type: string; settings: Record<string, string>; uuid: string }>();
  readonly inference: InferenceStore;
  /** Indices, shard copies and their statistics. */
  readonly data: ClusterData;
  nodes: FakeNode[];
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  private timer?: NodeJS.Timeout;
  private clock = Date.UTC(2026, 0, 1);
  /** Deprecation warnings of the request being answered, sent as `Warning: 299 ...` headers. */
  private warnings: string[] = [];
  private raw = '';
  /** Who sent the request being answered (user and credentials): stands for the security headers Elasticsearch stores with an SLM policy. */
  private identity = '';
  /** Legacy (v1) templates by name: their index patterns. */
  readonly legacy = new Map<string, string[]>();
  /** Who last wrote each SLM policy: snapshots run with that identity's privileges. */
  private readonly slmWriters = new Map<string, string>();

  constructor(readonly options: FakeEsOptions = {}) {
    this.nodes = options.nodes ?? [
      { name: 'es-a', roles: ['master', 'data', 'ingest'], attributes: { zone: 'us-east-1a' } },
      { name: 'es-b', roles: ['master', 'data', 'ingest'], attributes: { zone: 'us-east-1b' } },
      { name: 'es-c', roles: ['master', 'data', 'ingest'], attributes: { zone: 'us-east-1c' } },
    ];
    for (const [n, p] of Object.entries(options.legacyTemplates ?? {})) this.legacy.set(n, p);
    for (const [k, v] of Object.entries(options.persistent ?? {})) this.persistent.set(k, v);
    this.data = new ClusterData(
      options.indices ?? [],
      () => this.nodes.map((n, i) => ({ id: this.nodeIdOf(n, i), name: n.name, roles: n.roles, attributes: n.attributes ?? {}, hardware: { ...DEFAULT_HARDWARE, ...n.hardware } })),
      () => this.version(),
    );
    this.inference = new InferenceStore(options.version ?? '9.2.0', options.inference ?? 'self-managed');
    if (options.builtinTemplates !== false) {
      const at = this.clock;
      for (const name of BUILTIN_COMPONENT_TEMPLATES) {
        this.componentTemplates.set(name, { body: { template: {}, _meta: { managed: true, description: `built-in ${name}` }, version: 1 }, created: at, modified: at, version: 1 });
      }
      for (const t of BUILTIN_INDEX_TEMPLATES) this.indexTemplates.set(t.name, { body: structuredClone(t.body), created: at, modified: at, version: 1 });
    }
  }

  /** Version-gated mapping options, from esplan's own data (the gate is a sourced fact there). */
  private gates(): VersionGates {
    return { bbqDiskBitsSince: loadApplyPolicy().bitsMinVersion };
  }

  private version(): string {
    return this.options.version ?? '9.2.0';
  }

  get url(): string {
    const port = (this.server?.address() as AddressInfo | null)?.port;
    return `${this.options.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  }

  /** Requests that changed something (PUT/POST/DELETE), for idempotency checks. */
  get writes(): LoggedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
  }

  async start(): Promise<this> {
    const handler = (req: IncomingMessage, res: ServerResponse) => void this.handle(req, res);
    this.server = this.options.tls ? createHttpsServer({ key: this.options.tls.key, cert: this.options.tls.cert }, handler) : createHttpServer(handler);
    this.server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    this.server.on('secureConnection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(0, '127.0.0.1', () => resolve());
    });
    this.timer = setTimeout(() => void this.stop(), this.options.lifetimeMs ?? 60_000);
    this.timer.unref();
    return this;
  }

  async stop(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const n = this.requests.length + 1;
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    const query = Object.fromEntries(url.searchParams.entries());
    let raw = '';
    let tooBig = false;
    for await (const chunk of req) {
      raw += String(chunk);
      if (raw.length > MAX_BODY_BYTES) {
        tooBig = true;
        break;
      }
    }
    const entry: LoggedRequest = { n, method, path, query, body: undefined, authorization: req.headers.authorization, status: 0 };
    if (n > MAX_REQUESTS) {
      req.socket.destroy();
      return;
    }
    this.requests.push(entry);

    const fault = this.options.fault?.(n, method, path);
    if (fault?.kind === 'drop') {
      entry.status = -1;
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'delay') await new Promise((r) => setTimeout(r, fault.ms));

    const accept = String(req.headers.accept ?? '');
    const contentType = accept.includes('compatible-with=9') ? 'application/vnd.elasticsearch+json;compatible-with=9' : 'application/json';
    if (fault?.kind === 'raw') {
      entry.status = 200;
      res.writeHead(200, {
        'content-type': contentType,
        'content-length': Buffer.byteLength(fault.text),
        'x-elastic-product': 'Elasticsearch',
        ...(fault.gzip ? { 'content-encoding': 'gzip' } : {}),
      });
      res.end(fault.text);
      return;
    }
    if (fault?.kind === 'oversize') {
      entry.status = 200;
      return this.oversize(res, fault, contentType);
    }
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      if (res.destroyed) return;
      const text = JSON.stringify(body);
      if (fault?.kind === 'trickle') return this.trickle(res, status, text, contentType, fault.intervalMs);
      res.writeHead(status, {
        'content-type': contentType,
        'content-length': Buffer.byteLength(text),
        ...(this.options.productHeader === false ? {} : { 'x-elastic-product': 'Elasticsearch' }),
        ...headers,
      });
      res.end(text);
    };

    try {
      if (tooBig) throw new EsHttpError(413, esError(413, 'content_too_long_exception', 'request body is too large'));
      if (fault?.kind === 'status') {
        throw new EsHttpError(fault.status, esError(fault.status, 'exception', `injected failure on request ${n}`));
      }
      if (this.major() < 9 && accept.includes('compatible-with=9')) {
        throw new EsHttpError(
          400,
          esError(400, 'media_type_header_exception', 'Invalid media-type value on headers [Accept]', {
            caused_by: { type: 'status_exception', reason: `Accept version must be either version ${this.major()} or ${this.major() - 1}, but found 9. Accept=${accept}` },
          }),
        );
      }
      const user = this.authenticate(req.headers.authorization, path);
      let body: unknown;
      if (raw.length > 0) {
        try {
          body = JSON.parse(raw);
        } catch {
          throw badRequest('parse_exception', 'request body or source parameter is required');
        }
      }
      entry.body = body;
      this.warnings = [];
      this.raw = raw;
      this.identity = `${user} ${req.headers.authorization ?? ''}`;
      const [status, out] = this.route(method, path, query, body, user);
      const headers: Record<string, string> = {};
      if (this.warnings.length > 0) headers.warning = this.warnings.map((w) => `299 Elasticsearch-${this.version()}-00000000 "${w.replace(/["\\]/g, '\\$&')}"`).join(', ');
      send(status, out, headers);
    } catch (err) {
      if (err instanceof EsHttpError) send(err.status, err.body, err.headers);
      else send(500, esError(500, 'exception', String(err)));
    }
  }

  private trickle(res: ServerResponse, status: number, text: string, contentType: string, intervalMs: number): void {
    res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text), 'x-elastic-product': 'Elasticsearch' });
    const bytes = Buffer.from(text);
    let i = 0;
    const timer = setInterval(() => {
      if (res.destroyed || i >= bytes.length) {
        clearInterval(timer);
        if (!res.destroyed) res.end();
        return;
      }
      res.write(bytes.subarray(i, i + 1));
      i++;
    }, intervalMs);
    timer.unref();
    res.on('close', () => clearInterval(timer));
  }

  /** Streams a large JSON body with backpressure, stopping as soon as the client goes away. */
  private oversize(res: ServerResponse, fault: { bytes: number; chunked?: boolean; gzip?: boolean }, contentType: string): void {
    const head = Buffer.from('{"pad":"');
    const tail = Buffer.from('"}');
    const padBytes = Math.max(0, fault.bytes - head.length - tail.length);
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const headers: Record<string, string | number> = { 'content-type': contentType, 'x-elastic-product': 'Elasticsearch' };
    let sink: NodeJS.WritableStream = res;
    if (fault.gzip) {
      headers['content-encoding'] = 'gzip';
      const gz = createGzip();
      gz.pipe(res);
      sink = gz;
    } else if (!fault.chunked) {
      headers['content-length'] = fault.bytes;
    }
    res.writeHead(200, headers);
    let left = padBytes;
    let closed = false;
    res.on('close', () => (closed = true));
    let started = false;
    const pump = () => {
      if (closed) return;
      if (!started) {
        started = true;
        if (!sink.write(head)) return void sink.once('drain', pump);
      }
      while (left > 0 && !closed) {
        const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
        left -= piece.length;
        if (!sink.write(piece)) return void sink.once('drain', pump);
      }
      if (!closed) sink.end(tail);
    };
    pump();
  }

  private major(): number {
    return Number((this.options.version ?? '9.2.0').split('.')[0]);
  }

  private authenticate(header: string | undefined, path: string): string {
    const auth = this.options.auth;
    if (!auth) return '_anonymous';
    const challenge = { 'www-authenticate': 'Basic realm="security", charset="UTF-8", ApiKey' };
    if (!header) {
      throw new EsHttpError(401, esError(401, 'security_exception', `missing authentication credentials for REST request [${path}]`), challenge);
    }
    const [scheme, value = ''] = header.split(' ');
    if (scheme === 'ApiKey' && auth.apiKeys?.includes(value)) return 'api_key';
    if (scheme === 'Basic') {
      const decoded = Buffer.from(value, 'base64').toString();
      const i = decoded.indexOf(':');
      const user = auth.users?.find((u) => u.username === decoded.slice(0, i) && u.password === decoded.slice(i + 1));
      if (user) return user.username;
    }
    const reason = scheme === 'ApiKey' ? 'unable to authenticate with provided credentials and anonymous access is not allowed for this request' : `unable to authenticate user [${Buffer.from(value, 'base64').toString().split(':')[0]}] for REST request [${path}]`;
    throw new EsHttpError(401, esError(401, 'security_exception', reason), challenge);
  }

  private authorize(privilege: string, action: string, user: string): void {
    if (this.options.deniedPrivileges?.includes(privilege)) {
      throw new EsHttpError(
        403,
        esError(403, 'security_exception', `action [${action}] is unauthorized for user [${user}] with effective roles [esplan_test], this action is granted by the cluster privileges [${privilege},all]`),
      );
    }
  }

  private now(): number {
    this.clock += 1000;
    return this.clock;
  }

  /** GET /_license, shaped as license.get GetLicenseResponseExample1 (shared/research/es-api-examples). */
  private licenseInfo(): unknown {
    const l = this.options.license ?? { type: 'enterprise', status: 'active' };
    return {
      license: {
        status: l.status,
        uid: 'fake-license-uid',
        type: l.type,
        issue_date: '2026-01-01T00:00:00.000Z',
        issue_date_in_millis: 1767225600000,
        expiry_date: '2027-01-01T00:00:00.000Z',
        expiry_date_in_millis: 1798761600000,
        max_nodes: 1000,
        max_resource_units: null,
        issued_to: 'esplan test suite',
        issuer: 'elasticsearch',
        start_date_in_millis: -1,
      },
    };
  }

  private route(method: string, path: string, query: Record<string, string>, body: unknown, user: string): [number, unknown] {
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    const [head, name, extra] = parts;
    if (method === 'GET' && parts.length === 0) return [200, this.info()];
    if (head === '_license' && method === 'GET' && parts.length === 1) {
      this.authorize('monitor', 'cluster:monitor/xpack/license/get', user);
      return [200, this.licenseInfo()];
    }
    if (head === '_nodes' && method === 'GET' && parts.length === 1) {
      this.authorize('monitor', 'cluster:monitor/nodes/info', user);
      return [200, this.nodesInfo()];
    }
    if (head === '_cluster' && name === 'settings' && parts.length === 2) {
      if (method === 'GET') {
        this.authorize('monitor', 'cluster:monitor/settings', user);
        return [200, this.getSettings(query.flat_settings === 'true', query.include_defaults === 'true')];
      }
      if (method === 'PUT') {
        this.authorize('manage', 'cluster:admin/settings/update', user);
        return [200, this.putSettings(body)];
      }
    }
    if (head === '_component_template' && extra === undefined) {
      if (method === 'GET') {
        this.authorize('manage_index_templates', 'cluster:admin/component_template/get', user);
        return [200, this.getTemplates('component', name)];
      }
      if (method === 'PUT' && name) {
        this.authorize('manage_index_templates', 'cluster:admin/component_template/put', user);
        return [200, this.putComponentTemplate(name, body, query.create === 'true')];
      }
      if (method === 'DELETE' && name) {
        this.authorize('manage_index_templates', 'cluster:admin/component_template/delete', user);
        return [200, this.deleteComponentTemplates(name)];
      }
    }
    if (head === '_index_template' && extra === undefined) {
      if (method === 'GET') {
        this.authorize('manage_index_templates', 'indices:admin/index_template/get', user);
        return [200, this.getTemplates('index', name)];
      }
      if (method === 'PUT' && name) {
        this.authorize('manage_index_templates', 'indices:admin/index_template/put', user);
        return [200, this.putIndexTemplate(name, body, query.create === 'true')];
      }
      if (method === 'DELETE' && name) {
        this.authorize('manage_index_templates', 'indices:admin/index_template/delete', user);
        return [200, this.deleteIndexTemplates(name)];
      }
    }
    if (head === '_template' && name && extra === undefined) {
      // Legacy (v1) templates: kept only for their patterns, which composable templates are warned against.
      if (method === 'PUT') {
        this.authorize('manage_index_templates', 'indices:admin/template/put', user);
        const patterns = isObject(body) && Array.isArray(body.index_patterns) ? body.index_patterns.map(String) : [];
        if (patterns.length === 0) throw badRequest('action_request_validation_exception', 'Validation Failed: 1: index patterns are missing;');
        this.legacy.set(name, patterns);
        this.warnings.push('Legacy index templates are deprecated in favor of composable templates.');
        return [200, { acknowledged: true }];
      }
      if (method === 'DELETE') {
        this.authorize('manage_index_templates', 'indices:admin/template/delete', user);
        if (!this.legacy.delete(name)) throw notFound('index_template_missing_exception', `index_template [${name}] missing`);
        return [200, { acknowledged: true }];
      }
    }
    if (head === '_slm' && name === 'policy' && parts.length === 3) {
      const id = extra as string;
      if (method === 'GET') {
        this.authorize('read_slm', 'cluster:admin/slm/get', user);
        return [200, this.getSlm(id)];
      }
      if (method === 'PUT') {
        this.authorize('manage_slm', 'cluster:admin/slm/put', user);
        return [200, this.putSlm(id, body)];
      }
      if (method === 'DELETE') {
        this.authorize('manage_slm', 'cluster:admin/slm/delete', user);
        if (!this.slmPolicies.delete(id)) throw notFound('resource_not_found_exception', `snapshot lifecycle policy not found: ${id}`);
        return [200, { acknowledged: true }];
      }
    }
    if (head === '_inference' && parts.length <= 3) {
      const rest = parts.slice(1);
      if (method === 'GET') {
        this.authorize('monitor_inference', 'cluster:monitor/xpack/inference/get', user);
        return [200, this.inference.get(rest)];
      }
      if (method === 'PUT' && rest.length >= 1) {
        this.authorize('manage_inference', 'cluster:admin/xpack/inference/put', user);
        return [200, this.inference.put(rest, body)];
      }
      if (method === 'DELETE' && rest.length >= 1) {
        this.authorize('manage_inference', 'cluster:admin/xpack/inference/delete', user);
        return [200, this.inference.delete(rest)];
      }
    }
    if (head === '_snapshot' && name && extra === undefined) {
      if (method === 'GET') {
        this.authorize('monitor_snapshot', 'cluster:admin/repository/get', user);
        const repo = this.repositories.get(name);
        if (!repo) throw notFound('repository_missing_exception', `[${name}] missing`);
        return [200, { [name]: repo }];
      }
      if (method === 'PUT') {
        this.authorize('manage', 'cluster:admin/repository/put', user);
        return [200, this.putRepository(name, body)];
      }
      if (method === 'DELETE') {
        this.authorize('manage', 'cluster:admin/repository/delete', user);
        if (!this.repositories.delete(name)) throw notFound('repository_missing_exception', `[${name}] missing`);
        return [200, { acknowledged: true }];
      }
    }
    const read = this.routeReads(method, parts, query, user);
    if (read) return read;
    throw badRequest('illegal_argument_exception', `no handler found for uri [${path}] and method [${method}]`);
  }

  /** The read-only endpoints esplan check uses (cluster-data.ts answers them). */
  private routeReads(method: string, parts: string[], query: Record<string, string>, user: string): [number, unknown] | undefined {
    const [head, second, third, fourth] = parts;
    if (method === 'GET' && head === '_nodes' && second === 'stats' && parts.length <= 4) {
      this.authorize('monitor', 'cluster:monitor/nodes/stats', user);
      return [200, this.data.nodeStats(third, fourth)];
    }
    if (method === 'GET' && head === '_cat' && second === 'shards' && parts.length <= 3) {
      this.authorize('monitor', 'cluster:monitor/state', user);
      return [200, this.data.catShards(third, query)];
    }
    if (method === 'GET' && head === '_cat' && second === 'indices' && parts.length <= 3) {
      this.authorize('monitor', 'indices:monitor/stats', user);
      return [200, this.data.catIndices(third, query)];
    }
    if (method === 'GET' && head === '_cluster' && second === 'state' && third === 'metadata' && fourth !== undefined && parts.length === 4) {
      this.authorize('monitor', 'cluster:monitor/state', user);
      return [200, this.data.stateMetadata(fourth, query, { name: this.options.clusterName ?? 'fake-cluster', uuid: this.options.clusterUuid ?? 'fAkEcLuStErUuId0000001' })];
    }
    if (head === undefined || head.startsWith('_')) return undefined;
    if (method === 'GET' && second === '_stats' && parts.length <= 3) {
      this.authorizeIndex('monitor', 'indices:monitor/stats', user, head);
      return [200, this.data.indexStats(head, third, query)];
    }
    if (method === 'GET' && second === '_settings' && parts.length === 2) {
      this.authorizeIndex('view_index_metadata', 'indices:monitor/settings/get', user, head);
      return [200, this.data.settings(head, query)];
    }
    if (method === 'GET' && second === '_mapping' && parts.length === 2) {
      this.authorizeIndex('view_index_metadata', 'indices:admin/mappings/get', user, head);
      return [200, this.data.mappings(head, query)];
    }
    if (method === 'POST' && second === '_disk_usage' && parts.length === 2) {
      this.authorizeIndex('manage', 'indices:admin/analyze_disk_usage', user, head);
      return [200, this.data.diskUsage(head, query)];
    }
    return undefined;
  }

  /** Index privileges are named `index:<name>` in deniedPrivileges. */
  private authorizeIndex(privilege: string, action: string, user: string, indices: string): void {
    if (this.options.deniedPrivileges?.includes(`index:${privilege}`)) {
      throw new EsHttpError(
        403,
        esError(403, 'security_exception', `action [${action}] is unauthorized for user [${user}] with effective roles [esplan_test] on indices [${indices}], this action is granted by the index privileges [${privilege},all]`),
      );
    }
  }

  private info() {
    const version = this.options.version ?? '9.2.0';
    return {
      name: this.nodes[0]?.name ?? 'es-0',
      cluster_name: this.options.clusterName ?? 'fake-cluster',
      cluster_uuid: this.options.clusterUuid ?? 'fAkEcLuStErUuId0000001',
      version: {
        number: version,
        build_flavor: 'default',
        build_type: 'docker',
        build_hash: '00000000',
        build_date: '2026-01-01T00:00:00.000Z',
        build_snapshot: false,
        lucene_version: '10.3.0',
        minimum_wire_compatibility_version: '8.19.0',
        minimum_index_compatibility_version: '8.0.0',
      },
      tagline: 'You Know, for Search',
    };
  }

  private nodeIdOf(node: FakeNode, i: number): string {
    return node.id ?? `nOdEiD${i}`;
  }

  private nodesInfo() {
    const nodes: Record<string, unknown> = {};
    this.nodes.forEach((node, i) => {
      nodes[this.nodeIdOf(node, i)] = {
        name: node.name,
        transport_address: `127.0.0.1:${9300 + i}`,
        host: '127.0.0.1',
        ip: '127.0.0.1',
        version: this.options.version ?? '9.2.0',
        roles: node.roles,
        attributes: node.attributes ?? {},
      };
    });
    return { _nodes: { total: this.nodes.length, successful: this.nodes.length, failed: 0 }, cluster_name: this.options.clusterName ?? 'fake-cluster', nodes };
  }

  private getSettings(flat: boolean, defaults = false) {
    const persistent: Record<string, unknown> = {};
    for (const [k, v] of [...this.persistent.entries()].sort()) persistent[k] = v;
    // include_defaults adds every setting's default; of those check reads, awareness (a list, empty).
    const dflt: Record<string, unknown> = { 'cluster.routing.allocation.awareness.attributes': [], 'cluster.routing.allocation.enable': 'all', 'slm.minimum_interval': '15m' };
    return { persistent: flat ? persistent : nest(persistent), transient: {}, ...(defaults ? { defaults: flat ? dflt : nest(dflt) } : {}) };
  }

  private putSettings(body: unknown) {
    if (!isObject(body) || (body.persistent === undefined && body.transient === undefined)) {
      throw badRequest('action_request_validation_exception', 'Validation Failed: 1: no settings to update;');
    }
    const updates = flattenKeys(isObject(body.persistent) ? body.persistent : {});
    for (const key of Object.keys(updates)) {
      if (!KNOWN_CLUSTER_SETTINGS.some((re) => re.test(key))) {
        throw badRequest('illegal_argument_exception', `persistent setting [${key}], not recognized`);
      }
    }
    for (const [key, value] of Object.entries(updates)) {
      if (value === null) this.persistent.delete(key);
      else this.persistent.set(key, Array.isArray(value) ? value.map(String) : String(value));
    }
    const accepted: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(updates)) if (v !== null) accepted[k] = Array.isArray(v) ? v.map(String) : String(v);
    return { acknowledged: true, persistent: nest(accepted), transient: {} };
  }

  private getTemplates(kind: 'component' | 'index', name: string | undefined) {
    const store = kind === 'component' ? this.componentTemplates : this.indexTemplates;
    const key = kind === 'component' ? 'component_templates' : 'index_templates';
    const inner = kind === 'component' ? 'component_template' : 'index_template';
    const matches = [...store.entries()].filter(([n]) => name === undefined || globMatch(name, n));
    if (name !== undefined && !name.includes('*') && matches.length === 0) {
      throw notFound('resource_not_found_exception', `${kind === 'component' ? 'component' : 'index'} template matching [${name}] not found`);
    }
    return {
      [key]: matches.map(([n, s]) => ({
        name: n,
        [inner]: {
          ...s.body,
          created_date_millis: s.created,
          modified_date_millis: s.modified,
        },
      })),
    };
  }

  private putComponentTemplate(name: string, body: unknown, create: boolean) {
    if (!isObject(body)) throw badRequest('parse_exception', 'request body is required');
    refuseUnknownFields('component_template', body, COMPONENT_TEMPLATE_FIELDS, this.raw);
    if (!isObject(body.template)) throw badRequest('illegal_argument_exception', 'Required [template]');
    refuseUnknownFields('template', body.template, TEMPLATE_FIELDS, this.raw);
    const existing = this.componentTemplates.get(name);
    if (create && existing) throw badRequest('illegal_argument_exception', `component template [${name}] already exists`);
    const template = this.normaliseTemplate(body.template);
    const stored = { ...structuredClone(body), template };
    // An identical PUT changes nothing (MetadataIndexTemplateService.addComponentTemplate returns the state as it was).
    if (existing && sameJson(existing.body, stored)) return { acknowledged: true };
    // Every index template composed of this one must stay valid once it changes.
    const users = [...this.indexTemplates.entries()].filter(([, t]) => ((t.body.composed_of as string[] | undefined) ?? []).includes(name));
    for (const [indexName, t] of users) {
      try {
        this.validateComposed(t.body, new Map([[name, stored]]));
      } catch (err) {
        if (!(err instanceof EsHttpError)) throw err;
        throw badRequest('illegal_argument_exception', `updating component template [${name}] results in invalid composable template [${indexName}] after templates are merged`, err);
      }
    }
    this.store(this.componentTemplates, name, stored);
    return { acknowledged: true };
  }

  private putIndexTemplate(name: string, body: unknown, create: boolean) {
    if (!isObject(body)) throw badRequest('parse_exception', 'request body is required');
    refuseUnknownFields('index_template', body, INDEX_TEMPLATE_FIELDS, this.raw);
    if (body.index_patterns === undefined) throw badRequest('illegal_argument_exception', 'Required [index_patterns]');
    // A single string is read as a one-pattern list (the parser's string-array fields take either).
    const patterns = typeof body.index_patterns === 'string' ? [body.index_patterns] : body.index_patterns;
    if (!Array.isArray(patterns) || patterns.length === 0) {
      throw badRequest('action_request_validation_exception', 'Validation Failed: 1: index patterns are missing;');
    }
    if (isObject(body.template)) refuseUnknownFields('template', body.template, TEMPLATE_FIELDS, this.raw);
    // MetadataIndexTemplateService.validate: patterns must be usable as index names, `*` aside.
    const patternProblems = patterns.map(String).flatMap((p) => [
      ...(p.includes(' ') ? [`index_pattern [${p}] must not contain a space`] : []),
      ...(p.startsWith('_') ? [`index_pattern [${p}] must not start with '_'`] : []),
      ...(/[\\/?"<>|,]/.test(p) ? [`index_pattern [${p}] must not contain the following characters [\\, /, *, ?, ", <, >, |,  , ,]`] : []),
    ]);
    if (patternProblems.length > 0) {
      throw badRequest('invalid_index_template_exception', `index_template [${name}] invalid, cause [Validation Failed: ${patternProblems.map((m, i) => `${i + 1}: ${m};`).join('')}]`);
    }
    const composedOf = Array.isArray(body.composed_of) ? (body.composed_of as string[]) : [];
    const optional = Array.isArray(body.ignore_missing_component_templates) ? (body.ignore_missing_component_templates as string[]) : [];
    const missing = composedOf.filter((c) => !this.componentTemplates.has(c) && !optional.includes(c));
    if (missing.length > 0) {
      throw badRequest(
        'invalid_index_template_exception',
        `index_template [${name}] invalid, cause [index template [${name}] specifies component templates [${missing.join(', ')}] that do not exist]`,
      );
    }
    const existing = this.indexTemplates.get(name);
    if (create && existing) throw badRequest('illegal_argument_exception', `index template [${name}] already exists`);
    const priority = typeof body.priority === 'number' ? body.priority : 0;
    for (const [other, s] of this.indexTemplates) {
      if (other === name) continue;
      const theirs = (s.body.index_patterns as string[]) ?? [];
      const theirPriority = typeof s.body.priority === 'number' ? s.body.priority : 0;
      if (theirPriority !== priority) continue;
      if (patterns.some((p) => theirs.some((q) => patternsIntersect(String(p), q)))) {
        throw badRequest(
          'illegal_argument_exception',
          `index template [${name}] has index patterns [${patterns.join(', ')}] matching patterns from existing templates [${other}] with patterns (${other} => [${theirs.join(', ')}]) that have the same priority [${priority}], multiple index templates may not match during index creation, please use a different priority`,
        );
      }
    }
    const legacy = [...this.legacy.entries()].filter(([, theirs]) => patterns.some((p) => theirs.some((q) => patternsIntersect(String(p), q))));
    if (legacy.length > 0) {
      this.warnings.push(
        `index template [${name}] has index patterns [${patterns.join(', ')}] matching patterns from existing older templates [${legacy.map(([n]) => n).join(',')}] with patterns (${legacy.map(([n, p]) => `${n} => [${p.join(', ')}]`).join(',')}); this template [${name}] will take precedence during new index creation`,
      );
    }
    const stored: Record<string, unknown> = { ...structuredClone(body), index_patterns: patterns.map(String) };
    if (isObject(body.template)) stored.template = this.normaliseTemplate(body.template);
    if (existing && sameJson(existing.body, stored)) return { acknowledged: true };
    try {
      this.validateComposed(stored, new Map());
    } catch (err) {
      if (!(err instanceof EsHttpError)) throw err;
      const withComponents = composedOf.length > 0 ? `with component templates [${composedOf.join(', ')}] ` : '';
      throw badRequest('illegal_argument_exception', `composable template [${name}] template after composition ${withComponents}is invalid`, err);
    }
    this.store(this.indexTemplates, name, stored);
    return { acknowledged: true };
  }

  /** An index template composed with its component templates (some replaced by `override`) must give valid settings and mappings. */
  private validateComposed(body: Record<string, unknown>, override: Map<string, Record<string, unknown>>): void {
    let settings: Record<string, unknown> = {};
    let properties: Record<string, unknown> = {};
    let routing: unknown;
    const parts = [...((body.composed_of as string[] | undefined) ?? []).map((c) => override.get(c) ?? this.componentTemplates.get(c)?.body), body];
    for (const part of parts) {
      const t = part && isObject(part.template) ? part.template : undefined;
      if (!t) continue;
      settings = { ...settings, ...flattenKeys(isObject(t.settings) ? t.settings : {}) };
      const m = isObject(t.mappings) ? t.mappings : undefined;
      if (m && isObject(m.properties)) properties = mergeProperties(properties, m.properties);
      if (m && m._routing !== undefined) routing = m._routing;
    }
    const flat = normaliseIndexSettings(settings);
    validateComposedSettings(flat);
    validateMappings({ properties, ...(routing !== undefined ? { _routing: routing } : {}) }, this.version(), this.gates(), flat);
  }

  /** What Elasticsearch keeps of a template: settings nested under `index` as strings, mappings validated. */
  private normaliseTemplate(template: Record<string, unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = { ...structuredClone(template) };
    // Elasticsearch validates a template by building an index from its own settings and mappings.
    const flat = template.settings !== undefined ? normaliseIndexSettings(template.settings) : {};
    if (template.settings !== undefined) {
      validateComposedSettings(flat);
      out.settings = nest(flat);
    }
    if (template.mappings !== undefined) validateMappings(template.mappings, this.version(), this.gates(), flat);
    return out;
  }

  private deleteIndexTemplates(names: string) {
    const wanted = names.split(',');
    const hits = [...this.indexTemplates.keys()].filter((n) => wanted.some((w) => globMatch(w, n)));
    const missing = wanted.filter((w) => !w.includes('*') && !this.indexTemplates.has(w));
    if (missing.length > 0 || (hits.length === 0 && !wanted.every((w) => w === '*'))) {
      throw notFound('index_template_missing_exception', `index_template [${missing.length > 0 ? missing.join(',') : names}] missing`);
    }
    for (const n of hits) this.indexTemplates.delete(n);
    return { acknowledged: true };
  }

  private deleteComponentTemplates(names: string) {
    const wanted = names.split(',');
    const hits = [...this.componentTemplates.keys()].filter((n) => wanted.some((w) => globMatch(w, n)));
    const users = [...this.indexTemplates.entries()].filter(([, t]) => {
      const optional = (t.body.ignore_missing_component_templates as string[] | undefined) ?? [];
      return ((t.body.composed_of as string[] | undefined) ?? []).some((c) => hits.includes(c) && !optional.includes(c));
    });
    if (users.length > 0) {
      const used = hits.filter((h) => users.some(([, t]) => ((t.body.composed_of as string[]) ?? []).includes(h)));
      throw badRequest('illegal_argument_exception', `component templates [${used.join(', ')}] cannot be removed as they are still in use by index templates [${users.map(([n]) => n).join(', ')}]`);
    }
    const missing = wanted.filter((w) => !w.includes('*') && !this.componentTemplates.has(w));
    if (missing.length > 0 || (hits.length === 0 && !wanted.every((w) => w === '*'))) {
      throw notFound('resource_not_found_exception', missing.length > 0 ? missing.join(',') : names);
    }
    for (const n of hits) this.componentTemplates.delete(n);
    return { acknowledged: true };
  }

  private getSlm(id: string) {
    const s = this.slmPolicies.get(id);
    if (!s) {
      throw notFound('resource_not_found_exception', `snapshot lifecycle policy or policies [${id}] not found, no policies are configured`);
    }
    return {
      [id]: {
        version: s.version,
        modified_date_millis: s.modified,
        policy: s.body,
        next_execution_millis: s.modified + 86_400_000,
        stats: { policy: id, snapshots_taken: 0, snapshots_failed: 0, snapshots_deleted: 0, snapshot_deletion_failures: 0 },
      },
    };
  }

  private putSlm(id: string, body: unknown) {
    if (!isObject(body)) throw badRequest('parse_exception', 'request body is required');
    // The policy parser ignores unknown fields but needs name, schedule and repository.
    const required = ['name', 'schedule', 'repository'].filter((k) => typeof body[k] !== 'string');
    if (required.length > 0) throw badRequest('illegal_argument_exception', `Required [${required.join(', ')}]`);
    const schedule = body.schedule as string;
    // Request validation (SnapshotLifecyclePolicy.validate) first, then the repository, then the minimum interval.
    const check = checkSlmSchedule(schedule, 0);
    if (!check.ok) throw badRequest('action_request_validation_exception', `Validation Failed: 1: ${check.reason};`);
    if (String(body.repository).trim() === '') throw badRequest('action_request_validation_exception', `Validation Failed: 1: invalid repository name [${String(body.repository)}]: cannot be empty;`);
    if (!this.repositories.has(body.repository as string)) {
      throw badRequest('illegal_argument_exception', `no such repository [${String(body.repository)}]`);
    }
    const minimum = this.persistent.has('slm.minimum_interval') ? (parseTimeUnitMs(String(this.persistent.get('slm.minimum_interval'))) ?? SLM_MINIMUM_INTERVAL_MS) : SLM_MINIMUM_INTERVAL_MS;
    const frequency = checkSlmSchedule(schedule, minimum);
    if (!frequency.ok) throw badRequest('illegal_argument_exception', frequency.reason);
    const policy = structuredClone(body);
    const existing = this.slmPolicies.get(id);
    // An identical policy written by the same identity is a no-op: version and modified date stay
    // (TransportPutSnapshotLifecycleAction.isNoopUpdate compares the policy and the stored security headers).
    if (existing && sameJson(existing.body, policy) && this.slmWriters.get(id) === this.identity) return { acknowledged: true };
    this.store(this.slmPolicies, id, policy);
    this.slmWriters.set(id, this.identity);
    return { acknowledged: true };
  }

  private putRepository(name: string, body: unknown) {
    if (!isObject(body) || typeof body.type !== 'string') {
      throw badRequest('action_request_validation_exception', 'Validation Failed: 1: type is missing;');
    }
    if (!['fs', 's3', 'gcs', 'azure', 'url', 'source'].includes(body.type)) {
      throw new EsHttpError(500, esError(500, 'repository_exception', `[${name}] repository type [${body.type}] does not exist`));
    }
    const settings: Record<string, string> = {};
    for (const [k, v] of Object.entries(flattenKeys(isObject(body.settings) ? body.settings : {}))) settings[k] = String(v);
    if (body.type === 'fs' && settings.location === undefined) {
      throw new EsHttpError(500, esError(500, 'repository_exception', `[${name}] missing location`));
    }
    this.repositories.set(name, { type: body.type, settings: nest(settings) as Record<string, string>, uuid: `uuid-${name}` });
    return { acknowledged: true };
  }

  private store(map: Map<string, Stored>, name: string, body: Record<string, unknown>): void {
    const now = this.now();
    const prev = map.get(name);
    map.set(name, { body, created: prev?.created ?? now, modified: now, version: (prev?.version ?? 0) + 1 });
  }
}

/** Equal as JSON documents, key order aside. */
function sameJson(a: unknown, b: unknown): boolean {
  const canon = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canon) : isObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canon(v[k])])) : v;
  return JSON.stringify(canon(a)) === JSON.stringify(canon(b));
}

function globMatch(pattern: string, name: string): boolean {
  return new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(name);
}

export async function startFakeEs(options: FakeEsOptions = {}): Promise<FakeElasticsearch> {
  return new FakeElasticsearch(options).start();
}
