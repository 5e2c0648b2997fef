/**
 * The one narrow door to the cluster: a request/response interface the rest of src/cluster uses,
 * so observation, writes and verification never see the client library and tests can stub it.
 */

/** The cluster privilege a request needs, named in 403 messages. */
export type Privilege =
  | 'monitor'
  | 'manage'
  | 'manage_index_templates'
  | 'manage_slm'
  | 'read_slm'
  | 'monitor_snapshot'
  | 'monitor_inference'
  // Index privileges (check reads index stats, mappings and settings; _disk_usage needs manage).
  | 'index:monitor'
  | 'index:view_index_metadata'
  | 'index:manage';

export interface RequestSpec {
  /** POST only for check's read-only _disk_usage. */
  method: 'GET' | 'PUT' | 'POST';
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** Safe to send twice: a GET, or a PUT carrying a whole object. Only these are retried. */
  idempotent: boolean;
  privilege: Privilege;
  /** What the request does, for messages: "read the cluster settings". */
  what: string;
}

export interface ClusterResponse {
  /** 2xx, or 404 (absence is an answer, not a failure). */
  status: number;
  body: unknown;
}

export interface ClusterHttp {
  request(spec: RequestSpec): Promise<ClusterResponse>;
  close(): Promise<void>;
}

export type ClusterErrorKind =
  | 'refused'
  | 'unreachable'
  | 'tls'
  | 'timeout'
  | 'dropped'
  | 'unauthorized'
  | 'forbidden'
  | 'not-elasticsearch'
  | 'response'
  /** The reply grew past the size cap (formulas/apply.json apply.max_reply_bytes); reading stopped there. */
  | 'too-large'
  /** The reply could not be read as what it claimed to be (JSON that does not parse, an unknown encoding). */
  | 'bad-reply';

/** A request that failed, classified so the CLI can say what to do about it. */
export class ClusterError extends Error {
  readonly kind: ClusterErrorKind;
  readonly spec: RequestSpec;
  readonly status?: number;
  /** Elasticsearch's error type and reason, when it answered with an error body. */
  readonly esType?: string;
  readonly esReason?: string;
  /** For 'too-large': the cap that was reached. */
  readonly limitBytes?: number;

  constructor(
    kind: ClusterErrorKind,
    spec: RequestSpec,
    detail: { message: string; status?: number; esType?: string; esReason?: string; limitBytes?: number },
  ) {
    super(detail.message);
    this.name = 'ClusterError';
    this.kind = kind;
    this.spec = spec;
    this.status = detail.status;
    this.esType = detail.esType;
    this.esReason = detail.esReason;
    this.limitBytes = detail.limitBytes;
  }

  /** Worth another attempt if the request is idempotent. */
  get transient(): boolean {
    if (this.kind === 'timeout' || this.kind === 'dropped') return true;
    return this.kind === 'response' && (this.status === 429 || this.status === 502 || this.status === 503 || this.status === 504);
  }
}
