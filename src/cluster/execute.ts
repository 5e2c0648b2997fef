/**
 * Writes the pending changes one object at a time, in the order desired-state gave them, and
 * reads each back to prove it landed. Immediately before each write the object is read again and
 * compared with the observation the plan was built from (the concurrency guard): a change in
 * between, by another apply or a person, stops the run instead of being overwritten.
 * The first failure of any kind (a refused request, a reply of a shape esplan does not expect, a
 * concurrent change, an interrupt) stops the run; the report lists every object as written and
 * verified, written but not verified, failed, refused or not attempted, so the user knows exactly
 * where the cluster stands.
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
import { nameList, sanitise } from '../model/sanitise.js';
import { objectLabel } from './preflight.js';
import { objectState, otherTemplates, stateChanges } from './fingerprint.js';
import { canonicalJson } from './normalise.js';

/**
 * written: written, read back, matches. unverified: the write was accepted but its read-back failed
 * or differs. failed: the write itself failed (after a timeout it may still have landed).
 * refused: not written, because the object changed since the plan was made. not attempted: never sent.
 */
export type WriteStatus = 'written' | 'unverified' | 'failed' | 'refused' | 'not attempted';

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
  /** Set when an interrupt (SIGINT, SIGTERM) stopped the run before every write was made. */
  interrupted?: boolean;
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
  /** Polled before each request: true once the user asked to stop (the current request is finished, not cut). */
  interrupted?: () => boolean;
}

/** Any failure as one line: a ClusterError keeps its cause, anything else (a reply esplan cannot read) its message. */
function describeFailure(err: unknown): { error: string; cause?: ClusterError } {
  if (err instanceof ClusterError) return { error: sanitise(err.message), cause: err };
  const message = err instanceof Error ? err.message : String(err);
  return { error: `the reply could not be understood (${sanitise(message, 200)})` };
}

/**
 * `observed` is what the plan was built from: each object's state in it is what the guard expects
 * to find just before writing.
 */
export async function executeWrites(http: ClusterHttp, diffs: readonly ObjectDiff[], observed: Observed, hooks: ExecuteHooks = {}): Promise<WriteReport> {
  const pending = diffs.filter((d): d is ObjectDiff & { action: 'create' | 'update' } => d.action !== 'unchanged');
  const results: WriteResult[] = pending.map((d) => ({ kind: d.kind, name: d.name, action: d.action, status: 'not attempted' }));
  for (const [i, d] of pending.entries()) {
    if (hooks.interrupted?.()) return { ok: false, interrupted: true, results };
    const result = results[i] as WriteResult;
    hooks.onStart?.(d);
    let stage: 'guard' | 'write' | 'read-back' = 'guard';
    try {
      const now = objectState(d.desired, await readBack(http, d.desired));
      const changed = stateChanges(objectState(d.desired, observed), now);
      if (d.kind === 'index_template') {
        // The overlap checks were made against the other index templates: one added or re-prioritised since counts too.
        // esplan's own index templates (one per index) are written in this run: only the others count.
        const ours = diffs.filter((x) => x.kind === 'index_template').map((x) => x.name);
        const others = otherTemplates({ indexTemplates: await readIndexTemplates(http, undefined, 'read the index templates') }, ours);
        const before = new Map(otherTemplates(observed, ours).map((t) => [t.name, canonicalJson(t as never)]));
        for (const t of others) if (before.get(t.name) !== canonicalJson(t as never)) changed.push(`index template ${t.name}`);
      }
      if (changed.length > 0) {
        result.status = 'refused';
        result.error = `changed since the plan was made (by another apply or a person): ${nameList(changed, 5)}; not written. Make a fresh plan and review what changed`;
      } else {
        stage = 'write';
        await http.request(writeSpec(d.desired));
        stage = 'read-back';
        const after = diffObject(d.desired, await readBack(http, d.desired));
        if (after.action !== 'unchanged') {
          // Read-back values come from the cluster: each is sanitised and cut before it joins a message.
          const keys = after.changes.map((c) => `${sanitise(c.key, 120)} (read ${sanitise(c.old ?? 'nothing', 120)}, sent ${sanitise(c.new ?? 'nothing', 120)})`);
          result.status = 'unverified';
          result.error = `written, but reading it back differs: ${keys.slice(0, 5).join('; ')}`;
        } else {
          result.status = 'written';
        }
      }
    } catch (err) {
      const failure = describeFailure(err);
      if (stage === 'read-back') {
        result.status = 'unverified';
        result.error = `written (the cluster accepted it), but reading it back failed: ${failure.error}`;
      } else {
        result.status = stage === 'guard' ? 'refused' : 'failed';
        result.error = stage === 'guard' ? `not written: reading it before the write failed: ${failure.error}` : failure.error;
      }
      if (failure.cause) result.cause = failure.cause;
    }
    hooks.onDone?.(result);
    if (result.status !== 'written') return { ok: false, results };
  }
  return { ok: true, results };
}
