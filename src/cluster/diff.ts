/**
 * Desired against observed, per object and per key, after both are reduced to the same flat form.
 * Whole-object PUTs (templates, policies) replace everything, so keys only the cluster has are
 * shown as going away; cluster settings merge, so only esplan's keys are compared.
 */
import { MANAGED_BY, type DesiredObject, type DesiredState, type ObjectKind } from './desired.js';
import { flatten, flattenClusterSettings, flattenIndexSettings, type FlatMap } from './normalise.js';
import type { Observed } from './observe.js';

export type Action = 'create' | 'update' | 'unchanged';

export interface KeyChange {
  key: string;
  /** undefined: the key is absent on that side. */
  old?: string;
  new?: string;
}

export interface ObjectDiff {
  kind: ObjectKind;
  name: string;
  action: Action;
  changes: KeyChange[];
  /** Whether esplan wrote the current object (undefined when nothing exists yet). */
  ownedByEsplan?: boolean;
  /** Why an object carrying esplan's marker is still not esplan's (the marker names another index). */
  ownerMismatch?: string;
  desired: DesiredObject;
  /** Why it is unchanged although it differs (a repository esplan never updates). */
  note?: string;
}

/** Fields Elasticsearch adds on read that nobody sends. */
const SERVER_FIELDS = new Set(['created_date', 'created_date_millis', 'modified_date', 'modified_date_millis']);

/** A template (component or index) reduced to dotted keys, settings under `index.` with string values. */
export function comparableTemplate(doc: Record<string, unknown>): FlatMap {
  const out: FlatMap = {};
  for (const [k, v] of Object.entries(doc)) {
    if (SERVER_FIELDS.has(k)) continue;
    if (k === 'template' && v && typeof v === 'object') {
      for (const [tk, tv] of Object.entries(v as Record<string, unknown>)) {
        if (tk === 'settings') {
          for (const [sk, sv] of Object.entries(flattenIndexSettings(tv))) out[`template.settings.${sk}`] = sv;
        } else {
          flatten(tv, `template.${tk}`, out);
        }
      }
      continue;
    }
    flatten(v, k, out);
  }
  return out;
}

export function comparable(kind: ObjectKind, doc: Record<string, unknown>): FlatMap {
  switch (kind) {
    case 'component_template':
    case 'index_template':
      return comparableTemplate(doc);
    case 'cluster_settings':
      return flattenClusterSettings(doc.persistent ?? doc);
    default:
      return flatten(doc);
  }
}

/** The current document esplan would replace, or null when it does not exist. */
export function currentDoc(kind: ObjectKind, name: string, observed: Observed): Record<string, unknown> | null {
  switch (kind) {
    case 'component_template':
      return observed.componentTemplates[name] ?? null;
    case 'index_template':
      return observed.indexTemplates.find((t) => t.name === name)?.index_template ?? null;
    case 'slm_policy':
      return observed.slmPolicies[name] ?? null;
    case 'snapshot_repository':
      return observed.repositories[name] ?? null;
    case 'cluster_settings':
      return { persistent: observed.persistent };
  }
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/**
 * The esplan marker binds only to the index it was written for: an index template's patterns, and
 * an SLM policy's indices, must include that index name (what esplan writes always does). A marker
 * copied onto a template or policy for something else, or forged onto one with other patterns, is
 * not ownership. Component templates and repositories name no index; for them the marker alone counts.
 * Returns why the marker does not bind, or undefined when it does.
 */
export function markerMismatch(kind: ObjectKind, doc: Record<string, unknown>, indexName: string): string | undefined {
  if (kind === 'index_template' && !asList(doc.index_patterns).includes(indexName)) {
    return `carries managed_by "esplan" but its index_patterns do not include ${indexName}`;
  }
  if (kind === 'slm_policy' && !asList((doc.config as { indices?: unknown } | undefined)?.indices).includes(indexName)) {
    return `carries managed_by "esplan" but its config.indices do not include ${indexName}`;
  }
  return undefined;
}

/** The index a desired object is for: an index template's first pattern, an SLM policy's first index. */
function desiredIndex(desired: DesiredObject): string | undefined {
  if (desired.kind === 'index_template') return asList(desired.body.index_patterns)[0] as string | undefined;
  if (desired.kind === 'slm_policy') return asList((desired.body.config as { indices?: unknown } | undefined)?.indices)[0] as string | undefined;
  return undefined;
}

export function isOwnedByEsplan(kind: ObjectKind, doc: Record<string, unknown>): boolean {
  if (kind === 'slm_policy') {
    const config = doc.config as { metadata?: { managed_by?: unknown } } | undefined;
    return config?.metadata?.managed_by === MANAGED_BY;
  }
  const meta = doc._meta as { managed_by?: unknown } | undefined;
  return meta?.managed_by === MANAGED_BY;
}

export function diffObject(desired: DesiredObject, observed: Observed): ObjectDiff {
  const doc = currentDoc(desired.kind, desired.name, observed);
  const want = comparable(desired.kind, desired.body);
  if (desired.kind === 'cluster_settings') {
    const have = comparable('cluster_settings', doc ?? {});
    const changes: KeyChange[] = [];
    for (const [key, value] of Object.entries(want)) {
      if (have[key] !== value) changes.push({ key, old: have[key], new: value });
    }
    return { kind: desired.kind, name: desired.name, action: changes.length ? 'update' : 'unchanged', changes, desired };
  }
  if (doc === null) {
    const changes = Object.entries(want).map(([key, value]) => ({ key, new: value }));
    return { kind: desired.kind, name: desired.name, action: 'create', changes, desired };
  }
  const index = desiredIndex(desired);
  const mismatch = index === undefined || !isOwnedByEsplan(desired.kind, doc) ? undefined : markerMismatch(desired.kind, doc, index);
  const ownedByEsplan = isOwnedByEsplan(desired.kind, doc) && mismatch === undefined;
  if (desired.kind === 'snapshot_repository') {
    // Repositories hold the backups: esplan registers a missing one and never alters one.
    return { kind: desired.kind, name: desired.name, action: 'unchanged', changes: [], desired, ownedByEsplan, note: 'exists; esplan never changes a repository' };
  }
  const have = comparable(desired.kind, doc);
  const changes: KeyChange[] = [];
  for (const key of [...new Set([...Object.keys(have), ...Object.keys(want)])].sort()) {
    if (have[key] !== want[key]) changes.push({ key, old: have[key], new: want[key] });
  }
  return {
    kind: desired.kind,
    name: desired.name,
    action: changes.length ? 'update' : 'unchanged',
    changes,
    ownedByEsplan,
    desired,
    ...(mismatch !== undefined ? { ownerMismatch: mismatch } : {}),
  };
}

export function diffState(desired: DesiredState, observed: Observed): ObjectDiff[] {
  return desired.objects.map((o) => diffObject(o, observed));
}

/**
 * Cluster setting keys esplan would change from a value it did not write itself: the value
 * differs from ours and from what esplan's own index template recorded writing last time.
 */
export function foreignSettingChanges(diff: ObjectDiff, observed: Observed, indexTemplateName: string): KeyChange[] {
  if (diff.kind !== 'cluster_settings') return [];
  const ours = observed.indexTemplates.find((t) => t.name === indexTemplateName)?.index_template;
  const recorded =
    ours && isOwnedByEsplan('index_template', ours) && markerMismatch('index_template', ours, indexTemplateName) === undefined
      ? flattenClusterSettings(((ours._meta as Record<string, unknown>).cluster_settings as Record<string, unknown>) ?? {})
      : {};
  return diff.changes.filter((c) => c.old !== undefined && c.old !== recorded[c.key]);
}

