/**
 * A digest of everything a plan's diff depended on. A saved plan records it; applying the saved
 * plan recomputes it and refuses when any part moved, naming which.
 */
import type { DesiredState } from './desired.js';
import { comparable, currentDoc } from './diff.js';
import { canonicalJson, sha256 } from './normalise.js';
import { dataNodes, type Observed } from './observe.js';
import { objectLabel } from './preflight.js';

export interface Fingerprint {
  digest: string;
  parts: Record<string, string>;
}

const h = (v: unknown) => sha256(canonicalJson(v)).slice(0, 16);

export function fingerprint(observed: Observed, desired: DesiredState): Fingerprint {
  const parts: Record<string, string> = {};
  parts.cluster = h({ uuid: observed.clusterUuid, version: observed.version });
  parts['data nodes'] = h(
    dataNodes(observed).map((n) => ({ name: n.name, roles: [...n.roles].sort(), zone: n.attributes[desired.awareness.attribute] ?? null })),
  );
  for (const o of desired.objects) {
    const doc = currentDoc(o.kind, o.name, observed);
    let value: unknown = doc === null ? null : comparable(o.kind, doc);
    if (o.kind === 'cluster_settings' && value) {
      // Only esplan's keys matter: other settings may change freely.
      const ours = Object.keys(comparable(o.kind, o.body));
      value = Object.fromEntries(Object.entries(value as Record<string, string>).filter(([k]) => ours.includes(k)));
    }
    parts[objectLabel(o.kind, o.name)] = h(value);
  }
  parts['other index templates'] = h(
    observed.indexTemplates
      .filter((t) => t.name !== desired.indexName)
      .map((t) => ({ name: t.name, patterns: t.index_template.index_patterns ?? [], priority: t.index_template.priority ?? 0 }))
      .sort((a, b) => a.name.localeCompare(b.name)),
  );
  return { digest: h(parts), parts };
}

/** The parts that differ between a saved fingerprint and now. */
export function changedParts(saved: Fingerprint, now: Fingerprint): string[] {
  const keys = new Set([...Object.keys(saved.parts), ...Object.keys(now.parts)]);
  return [...keys].filter((k) => saved.parts[k] !== now.parts[k]).sort();
}
