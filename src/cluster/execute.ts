/**
 * Writes the pending changes one object at a time, in the order desired-state gave them, and
 * reads each back to prove it landed. The first failure stops the run; the report lists every
 * object as written, failed or not attempted so the user knows exactly where the cluster stands.
 */
import type { DesiredObject, ObjectKind } from './desired.js';
import { diffObject, type ObjectDiff } from './diff.js';
import { ClusterError, type ClusterHttp, type RequestSpec } from './http.js';
import {
  emptyObserved,
  enc,
  readComponentTemplate,
  readIndexTemplates,
  readPersistentSettings,
  readRepository,
  readSlmPolicy,
  type Observed,
} from './observe.js';
import { sanitise } from '../model/sanitise.js';
import { objectLabel } from './preflight.js';

export type WriteStatus = 'written' | 'failed' | 'not attempted';

export interface WriteResult {
  kind: ObjectKind;
  name: string;
  action: 'create' | 'update';
  status: WriteStatus;
  /** Set when the write failed: what went wrong (a ClusterError or a read-back mismatch). */
  error?: string;
  cause?: ClusterError;
}

export interface WriteReport {
  ok: boolean;
  results: WriteResult[];
}

export function writeSpec(o: DesiredObject): RequestSpec {
  const label = objectLabel(o.kind, o.name);
  switch (o.kind) {
    case 'component_template':
      return { method: 'PUT', path: `/_component_template/${enc(o.name)}`, body: o.body, idempotent: true, privilege: 'manage_index_templates', what: `write ${label}` };
    case 'index_template':
      return { method: 'PUT', path: `/_index_template/${enc(o.name)}`, body: o.body, idempotent: true, privilege: 'manage_index_templates', what: `write ${label}` };
    case 'snapshot_repository':
      return { method: 'PUT', path: `/_snapshot/${enc(o.name)}`, body: o.body, idempotent: true, privilege: 'manage', what: `register ${label}` };
    case 'slm_policy':
      return { method: 'PUT', path: `/_slm/policy/${enc(o.name)}`, body: o.body, idempotent: true, privilege: 'manage_slm', what: `write ${label}` };
    case 'cluster_settings':
      return { method: 'PUT', path: '/_cluster/settings', body: o.body, idempotent: true, privilege: 'manage', what: 'update the persistent cluster settings' };
  }
}

/** Reads one object back into an Observed-shaped holder, so the same diff decides "verified". */
export async function readBack(http: ClusterHttp, o: DesiredObject): Promise<Observed> {
  const observed = emptyObserved();
  const what = `read back ${objectLabel(o.kind, o.name)}`;
  switch (o.kind) {
    case 'component_template':
      observed.componentTemplates[o.name] = await readComponentTemplate(http, o.name, what);
      break;
    case 'index_template':
      observed.indexTemplates = await readIndexTemplates(http, o.name, what);
      break;
    case 'snapshot_repository':
      observed.repositories[o.name] = await readRepository(http, o.name, what);
      break;
    case 'slm_policy':
      observed.slmPolicies[o.name] = await readSlmPolicy(http, o.name, what);
      break;
    case 'cluster_settings':
      observed.persistent = await readPersistentSettings(http, what);
      break;
  }
  return observed;
}

export interface ExecuteHooks {
  onStart?: (d: ObjectDiff) => void;
  onDone?: (r: WriteResult) => void;
}

export async function executeWrites(http: ClusterHttp, diffs: readonly ObjectDiff[], hooks: ExecuteHooks = {}): Promise<WriteReport> {
  const pending = diffs.filter((d): d is ObjectDiff & { action: 'create' | 'update' } => d.action !== 'unchanged');
  const results: WriteResult[] = pending.map((d) => ({ kind: d.kind, name: d.name, action: d.action, status: 'not attempted' }));
  for (const [i, d] of pending.entries()) {
    const result = results[i] as WriteResult;
    hooks.onStart?.(d);
    try {
      await http.request(writeSpec(d.desired));
      const after = diffObject(d.desired, await readBack(http, d.desired));
      if (after.action !== 'unchanged') {
        // Read-back values come from the cluster: each is sanitised and cut before it joins a message.
        const keys = after.changes.map((c) => `${sanitise(c.key, 120)} (read ${sanitise(c.old ?? 'nothing', 120)}, sent ${sanitise(c.new ?? 'nothing', 120)})`);
        result.status = 'failed';
        result.error = `written, but reading it back differs: ${keys.slice(0, 5).join('; ')}`;
      } else {
        result.status = 'written';
      }
    } catch (err) {
      if (!(err instanceof ClusterError)) throw err;
      result.status = 'failed';
      result.cause = err;
      result.error = sanitise(err.message);
    }
    hooks.onDone?.(result);
    if (result.status === 'failed') return { ok: false, results };
  }
  return { ok: true, results };
}
