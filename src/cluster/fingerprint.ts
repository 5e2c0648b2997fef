/**
 * A digest of everything a plan's diff depended on. A saved plan records it; applying the saved
 * plan recomputes it and refuses when any part moved, naming which.
 */
import { templateNames, type DesiredObject, type DesiredState } from './desired.js';
import { comparable, currentDoc } from './diff.js';
import { canonicalJson, sha256 } from './normalise.js';
import { dataNodes, type Observed } from './observe.js';
import { objectLabel } from './preflight.js';

export interface Fingerprint {
  digest: string;
  parts: Record<string, string>;
}

const h = (v: unknown) => sha256(canonicalJson(v)).slice(0, 16);

/**
 * What the plan depended on for one object, in comparable form: the object's current document
 * (null when absent); for the cluster settings only esplan's keys, as other settings may change
 * freely. The fingerprint hashes it; the concurrency guard compares it just before each write.
 */
export function objectState(o: DesiredObject, observed: Observed): Record<string, string> | null {
  const doc = currentDoc(o.kind, o.name, observed);
  if (doc === null) return null;
  const value = comparable(o.kind, doc);
  if (o.kind !== 'cluster_settings') return value;
  const ours = Object.keys(comparable(o.kind, o.body));
  return Object.fromEntries(Object.entries(value).filter(([k]) => ours.includes(k)));
}

/** Keys whose values differ between two object states ("(created)" / "(deleted)" for a whole object). */
export function stateChanges(before: Record<string, string> | null, after: Record<string, string> | null): string[] {
  if (before === null && after === null) return [];
  if (before === null) return ['(created)'];
  if (after === null) return ['(deleted)'];
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return keys.filter((k) => before[k] !== after[k]);
}

export function fingerprint(observed: Observed, desired: DesiredState): Fingerprint {
  const parts: Record<string, string> = {};
  parts.cluster = h({ uuid: observed.clusterUuid, version: observed.version });
  parts['data nodes'] = h(
    dataNodes(observed).map((n) => ({ name: n.name, roles: [...n.roles].sort(), zone: n.attributes[desired.awareness.attribute] ?? null })),
  );
  for (const o of desired.objects) parts[objectLabel(o.kind, o.name)] = h(objectState(o, observed));
  parts['other index templates'] = h(otherTemplates(observed, desired.indexNames.map((n) => templateNames(n).index)));
  return { digest: h(parts), parts };
}

/** The index templates other than esplan's own (one per index of the plan), as far as overlaps go: name, patterns, priority. */
export function otherTemplates(observed: Pick<Observed, 'indexTemplates'>, ours: readonly string[]) {
  return observed.indexTemplates
    .filter((t) => !ours.includes(t.name))
    .map((t) => ({ name: t.name, patterns: t.index_template.index_patterns ?? [], priority: t.index_template.priority ?? 0 }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** The parts that differ between a saved fingerprint and now. */
export function changedParts(saved: Fingerprint, now: Fingerprint): string[] {
  const keys = new Set([...Object.keys(saved.parts), ...Object.keys(now.parts)]);
  return [...keys].filter((k) => saved.parts[k] !== now.parts[k]).sort();
}
