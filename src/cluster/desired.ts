/**
 * What the cluster should hold for a plan: a pure function of the Plan and the zone names found
 * on the data nodes. The objects come out in the order they are safe to write: inert templates
 * first, the snapshot repository before the policy that needs it, and the awareness settings
 * (which move shards of existing indices) last.
 */
import type { ApplyPolicy } from '../data/apply-policy.js';
import type { IndexType } from '../data/index-types.js';
import type { Plan } from '../model/plan.js';
import type { Workload } from '../model/workload.js';
import { canonicalJson, sha256 } from './normalise.js';

export type ObjectKind = 'component_template' | 'index_template' | 'snapshot_repository' | 'slm_policy' | 'cluster_settings';

export interface DesiredObject {
  kind: ObjectKind;
  /** Template, policy or repository name; `persistent` for the cluster settings. */
  name: string;
  /** The request body esplan sends. */
  body: Record<string, unknown>;
}

export interface DesiredState {
  indexName: string;
  planHash: string;
  awareness: { attribute: string; zones: string[] };
  objects: DesiredObject[];
}

export const MANAGED_BY = 'esplan';

const HNSW_TYPES: readonly IndexType[] = ['hnsw', 'int8_hnsw', 'int4_hnsw', 'bbq_hnsw'];
const BBQ_TYPES: readonly IndexType[] = ['bbq_hnsw', 'bbq_flat', 'bbq_disk'];

export const AWARENESS_ATTRIBUTES = 'cluster.routing.allocation.awareness.attributes';
export const forcedAwarenessKey = (attribute: string) => `cluster.routing.allocation.awareness.force.${attribute}.values`;

export function templateNames(indexName: string) {
  return {
    settings: `${indexName}-settings`,
    mappings: `${indexName}-mappings`,
    index: indexName,
    slm: `${indexName}-snapshots`,
  };
}

/** The workload inside a plan is the normalized one (every default filled in). */
export function planWorkload(plan: Plan): Workload {
  return plan.workload as unknown as Workload;
}

export function desiredState(plan: Plan, dataZones: readonly string[], policy: ApplyPolicy): DesiredState {
  const workload = planWorkload(plan);
  const indexName = workload.index?.name as string;
  const names = templateNames(indexName);
  const attribute = workload.availability.awareness_attribute;
  const zones = [...new Set(dataZones)].sort();

  const settingsTemplate: DesiredObject = {
    kind: 'component_template',
    name: names.settings,
    body: {
      template: {
        settings: {
          index: {
            number_of_shards: (plan.shards ?? plan.indices[0]!.shards).primaries,
            number_of_replicas: (plan.shards ?? plan.indices[0]!.shards).replicas,
            number_of_routing_shards: (plan.shards ?? plan.indices[0]!.shards).routing_shards,
          },
        },
      },
      _meta: { managed_by: MANAGED_BY, description: `shard layout for ${indexName}, from esplan's plan` },
    },
  };
  const mappingsTemplate: DesiredObject = {
    kind: 'component_template',
    name: names.mappings,
    body: {
      template: { mappings: { properties: vectorProperties(plan, workload, policy) } },
      _meta: { managed_by: MANAGED_BY, description: `dense_vector fields of ${indexName}, from esplan's plan` },
    },
  };

  // One zone: awareness has nothing to spread copies over, and awareness attributes would stop
  // allocation to any node that lacks node.attr.<attribute>; so a one-zone plan writes neither.
  const oneZone = plan.zones === 1;
  const clusterSettings: Record<string, string> = oneZone ? {} : { [AWARENESS_ATTRIBUTES]: attribute };
  if (!oneZone && zones.length > 0) clusterSettings[forcedAwarenessKey(attribute)] = zones.join(',');

  const indexTemplate: DesiredObject = {
    kind: 'index_template',
    name: names.index,
    body: {
      index_patterns: [indexName, `${indexName}-*`],
      composed_of: [names.settings, names.mappings],
      priority: policy.indexTemplatePriority,
      // The cluster settings esplan wrote are recorded here, so a later apply knows they are its own.
      _meta: { managed_by: MANAGED_BY, plan_hash: '', cluster_settings: clusterSettings },
    },
  };

  const objects: DesiredObject[] = [settingsTemplate, mappingsTemplate, indexTemplate];
  const snapshots = workload.snapshots;
  if (snapshots) {
    if (snapshots.repository_type) {
      objects.push({
        kind: 'snapshot_repository',
        name: snapshots.repository,
        body: { type: snapshots.repository_type, settings: { ...(snapshots.repository_settings ?? {}) } },
      });
    }
    objects.push({
      kind: 'slm_policy',
      name: names.slm,
      body: {
        schedule: snapshots.schedule,
        name: `<${indexName}-snap-{now/d}>`,
        repository: snapshots.repository,
        config: { indices: [indexName, `${indexName}-*`], metadata: { managed_by: MANAGED_BY } },
        retention: { ...snapshots.retention },
      },
    });
  }
  if (!oneZone) objects.push({ kind: 'cluster_settings', name: 'persistent', body: { persistent: clusterSettings } });

  // The hash covers what esplan writes, not the plan's prices or prose, so it changes only when
  // the cluster would change.
  const planHash = sha256(canonicalJson(objects.map((o) => [o.kind, o.name, o.body]))).slice(0, 16);
  ((indexTemplate.body._meta as Record<string, unknown>).plan_hash as string) = planHash;
  return { indexName, planHash, awareness: { attribute, zones }, objects };
}

/** dense_vector mappings, with dotted field names expanded into objects as Elasticsearch stores them. */
function vectorProperties(plan: Plan, workload: Workload, policy: ApplyPolicy): Record<string, unknown> {
  // Field names are keys here: null-prototype objects, so "__proto__" or "constructor" is a field
  // like any other (Elasticsearch accepts them), not the object's prototype or an inherited member.
  const root: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const sized of plan.sizing.vectors) {
    const input = (workload.vectors ?? []).find((v) => v.field === sized.field);
    if (!input) throw new Error(`plan sizes vector field ${sized.field}, which its workload does not list`);
    const type = sized.index_type;
    const indexOptions: Record<string, unknown> = { type };
    if (HNSW_TYPES.includes(type)) {
      indexOptions.m = input.m;
      indexOptions.ef_construction = input.ef_construction;
    }
    const oversample = input.oversample ?? (BBQ_TYPES.includes(type) ? policy.bbqDefaultOversample : undefined);
    if (oversample !== undefined && type !== 'hnsw' && type !== 'flat') indexOptions.rescore_vector = { oversample };
    if (type === 'bbq_disk') {
      if (input.cluster_size !== undefined) indexOptions.cluster_size = input.cluster_size;
      if (input.bits !== undefined) indexOptions.bits = input.bits;
    }
    const mapping = {
      type: 'dense_vector',
      dims: sized.dims,
      element_type: sized.element_type,
      similarity: input.similarity ?? (sized.element_type === 'bit' ? 'l2_norm' : 'cosine'),
      index: true,
      index_options: indexOptions,
    };
    const parts = sized.field.split('.');
    let props = root;
    for (const part of parts.slice(0, -1)) {
      const holder = (Object.hasOwn(props, part) ? props[part] : (props[part] = { properties: Object.create(null) as Record<string, unknown> })) as {
        properties: Record<string, unknown>;
      };
      props = holder.properties;
    }
    props[parts[parts.length - 1] as string] = mapping;
  }
  return root;
}
