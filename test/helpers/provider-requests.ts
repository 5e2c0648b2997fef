/**
 * What terraform-provider-elasticstack sends for the resources `esplan export terraform` writes:
 * each resource read back (test/helpers/hcl-reader.ts) and turned into its Elasticsearch request
 * body, following the provider's docs/resources/elasticsearch_*.md (0.16), not esplan's exporter.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { DesiredObject } from '../../src/cluster/desired.js';
import { HclRef, jsonencoded, readHcl, type HclBlockNode, type HclExpr } from './hcl-reader.js';

/** Provider resource type → the kind apply's desired state names. */
const KIND_OF: Record<string, DesiredObject['kind']> = {
  elasticstack_elasticsearch_component_template: 'component_template',
  elasticstack_elasticsearch_index_template: 'index_template',
  elasticstack_elasticsearch_snapshot_repository: 'snapshot_repository',
  elasticstack_elasticsearch_snapshot_lifecycle: 'slm_policy',
  elasticstack_elasticsearch_cluster_settings: 'cluster_settings',
};

export interface Exported {
  kind: DesiredObject['kind'];
  address: string;
  name: string;
  body: Record<string, unknown>;
  dependsOn: string[];
}

const str = (e: HclExpr | undefined) => {
  if (typeof e !== 'string') throw new Error(`expected a string, got ${JSON.stringify(e)}`);
  return e;
};
export const only = (b: HclBlockNode, type: string) => {
  const found = b.blocks.filter((x) => x.type === type);
  if (found.length > 1) throw new Error(`${type} given ${found.length} times`);
  return found[0];
};

/** One resource as the ES request the provider makes for it (per the provider's docs/resources/*.md). */
function requestBody(type: string, r: HclBlockNode): { name: string; body: Record<string, unknown> } {
  const a = r.attributes;
  switch (type) {
    case 'elasticstack_elasticsearch_component_template': {
      const t = only(r, 'template');
      const template: Record<string, unknown> = {};
      if (t?.attributes.settings !== undefined) template.settings = jsonencoded(t.attributes.settings);
      if (t?.attributes.mappings !== undefined) template.mappings = jsonencoded(t.attributes.mappings);
      return { name: str(a.name), body: { template, ...(a.metadata !== undefined ? { _meta: jsonencoded(a.metadata) } : {}) } };
    }
    case 'elasticstack_elasticsearch_index_template':
      return {
        name: str(a.name),
        body: {
          index_patterns: a.index_patterns,
          ...(a.composed_of !== undefined ? { composed_of: a.composed_of } : {}),
          ...(a.priority !== undefined ? { priority: a.priority } : {}),
          ...(a.metadata !== undefined ? { _meta: jsonencoded(a.metadata) } : {}),
        },
      };
    case 'elasticstack_elasticsearch_snapshot_repository': {
      if (r.blocks.length !== 1) throw new Error('a repository has exactly one type block');
      const typed = r.blocks[0] as HclBlockNode;
      return { name: str(a.name), body: { type: typed.type, settings: { ...typed.attributes } } };
    }
    case 'elasticstack_elasticsearch_snapshot_lifecycle': {
      const config: Record<string, unknown> = {};
      for (const k of ['indices', 'ignore_unavailable', 'include_global_state', 'partial', 'feature_states', 'expand_wildcards']) if (a[k] !== undefined) config[k] = a[k];
      if (a.metadata !== undefined) config.metadata = jsonencoded(a.metadata);
      const retention: Record<string, unknown> = {};
      for (const k of ['expire_after', 'min_count', 'max_count']) if (a[k] !== undefined) retention[k] = a[k];
      return { name: str(a.name), body: { schedule: a.schedule, name: a.snapshot_name, repository: a.repository, config, retention } };
    }
    case 'elasticstack_elasticsearch_cluster_settings': {
      const persistent: Record<string, unknown> = {};
      for (const s of only(r, 'persistent')?.blocks ?? []) persistent[str(s.attributes.name)] = s.attributes.value ?? s.attributes.value_list;
      return { name: 'persistent', body: { persistent } };
    }
    default:
      throw new Error(`unexpected resource type ${type}`);
  }
}

export function readExport(dir: string): { resources: Exported[]; versions: HclBlockNode } {
  const doc = readHcl(readFileSync(join(dir, 'esplan.tf'), 'utf8'));
  expect(Object.keys(doc.attributes)).toEqual([]);
  const resources = doc.blocks.map((b) => {
    expect(b.type).toBe('resource');
    const [type, label] = b.labels as [string, string];
    const kind = KIND_OF[type];
    if (!kind) throw new Error(`unexpected resource type ${type}`);
    const { depends_on: deps, ...rest } = b.attributes;
    const { name, body } = requestBody(type, { ...b, attributes: rest });
    const dependsOn = ((deps ?? []) as HclExpr[]).map((d) => {
      if (!(d instanceof HclRef)) throw new Error('depends_on holds references');
      return d.path;
    });
    return { kind, address: `${type}.${label}`, name, body, dependsOn };
  });
  return { resources, versions: readHcl(readFileSync(join(dir, 'versions.tf'), 'utf8')) };
}

