/**
 * What the cluster should hold for a plan: a pure function of the Plan and the zone names found
 * on the data nodes. The objects come out in the order they are safe to write: inert templates
 * first, the snapshot repository before the policy that needs it, and the awareness settings
 * (which move shards of existing indices) last.
 */
import type { ApplyPolicy } from '../data/apply-policy.js';
import type { IndexType } from '../data/index-types.js';
import type { InferenceData } from '../data/inference.js';
import { loadLimits } from '../data/limits.js';
import { indicesOf, type IndexSpec } from '../model/indices.js';
import type { IndexPlan, Plan } from '../model/plan.js';
import { resolveInferenceEndpoint } from '../sizing/inference-endpoint.js';
import type { Workload } from '../model/workload.js';
import { fieldMap, indexBody, inferenceAsGiven, putField, type InferenceResolver } from './index-body.js';
import { canonicalJson, sha256 } from './normalise.js';

export type ObjectKind = 'component_template' | 'index_template' | 'snapshot_repository' | 'slm_policy' | 'cluster_settings';

export interface DesiredObject {
  kind: ObjectKind;
  /** Template, policy or repository name; `persistent` for the cluster settings. */
  name: string;
  /** The request body esplan sends. */
  body: Record<string, unknown>;
  /** The index a template is for (templates only). */
  index?: string;
}

export interface DesiredState {
  /** The first index (the only one in the single-index form): SLM policy and recorded awareness hang off it. */
  indexName: string;
  /** Every index the plan writes templates for, in the workload's order. */
  indexNames: string[];
  planHash: string;
  awareness: { attribute: string; zones: string[] };
  objects: DesiredObject[];
  /** Each semantic_text field's inference endpoint, which must exist on the cluster (preflight). */
  inference: { index: string; field: string; inference_id: string | undefined }[];
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

/**
 * One index as apply writes it: its normalised workload sections (the schema's indicesOf form),
 * its shard layout and its sized vector fields. A plan of the single-index form gives one.
 */
export interface PlannedIndex {
  name: string;
  spec: IndexSpec;
  shards: IndexPlan['shards'];
  vectors: IndexPlan['sizing']['vectors'];
}

/**
 * The plan's indices with their normalised workload sections (indicesOf) and their shard layout
 * and sized vectors (plan.indices[], one entry per index in workload order).
 */
export function plannedIndices(plan: Plan): PlannedIndex[] {
  const specs = indicesOf(planWorkload(plan));
  if (specs.length === 1 && plan.shards) {
    // The single-index form: the top-level shards and sizing are the plan's (as before indices[]),
    // so the hash of what is written follows them, whatever indices[0] repeats.
    const spec = specs[0] as IndexSpec;
    return [{ name: spec.name, spec, shards: plan.shards, vectors: plan.sizing.vectors }];
  }
  return specs.map((spec) => {
    const entry = plan.indices.find((e) => e.name === spec.name);
    if (!entry) throw new Error(`plan has no sizing for index ${spec.name}, which its workload lists`);
    return { name: spec.name, spec, shards: entry.shards, vectors: entry.sizing.vectors };
  });
}

/** semantic_text endpoints as the sizing resolved them: the field's own, else the version's and deployment's default. */
export function inferenceResolver(plan: Plan, data: InferenceData): InferenceResolver {
  const workload = planWorkload(plan);
  return (field) => resolveInferenceEndpoint(data, workload, field).inference_id;
}

export function desiredState(plan: Plan, dataZones: readonly string[], policy: ApplyPolicy, resolve: InferenceResolver = inferenceAsGiven): DesiredState {
  const workload = planWorkload(plan);
  const indices = plannedIndices(plan);
  const indexName = (indices[0] as PlannedIndex).name;
  const attribute = workload.availability.awareness_attribute;
  const zones = [...new Set(dataZones)].sort();

  // One zone: awareness has nothing to spread copies over, and awareness attributes would stop
  // allocation to any node that lacks node.attr.<attribute>; so a one-zone plan writes neither.
  const oneZone = plan.zones === 1;
  const clusterSettings: Record<string, string> = oneZone ? {} : { [AWARENESS_ATTRIBUTES]: attribute };
  if (!oneZone && zones.length > 0) clusterSettings[forcedAwarenessKey(attribute)] = zones.join(',');

  const objects: DesiredObject[] = [];
  const indexTemplates: DesiredObject[] = [];
  for (const planned of indices) {
    const sets = templateSet(planned, policy, resolve, clusterSettings);
    objects.push(...sets);
    indexTemplates.push(sets[2] as DesiredObject);
  }
  const snapshots = workload.snapshots;
  if (snapshots) {
    if (snapshots.repository_type) {
      objects.push({
        kind: 'snapshot_repository',
        name: snapshots.repository,
        body: { type: snapshots.repository_type, settings: { ...(snapshots.repository_settings ?? {}) } },
      });
    }
    // One policy snapshots every index of the workload; it is named after the first.
    objects.push({
      kind: 'slm_policy',
      name: templateNames(indexName).slm,
      body: {
        schedule: snapshots.schedule,
        name: `<${indexName}-snap-{now/d}>`,
        repository: snapshots.repository,
        config: { indices: indices.flatMap((i) => [i.name, `${i.name}-*`]), metadata: { managed_by: MANAGED_BY } },
        retention: { ...snapshots.retention },
      },
    });
  }
  if (!oneZone) objects.push({ kind: 'cluster_settings', name: 'persistent', body: { persistent: clusterSettings } });

  // The hash covers what esplan writes, not the plan's prices or prose, so it changes only when
  // the cluster would change.
  const planHash = sha256(canonicalJson(objects.map((o) => [o.kind, o.name, o.body]))).slice(0, 16);
  for (const t of indexTemplates) ((t.body._meta as Record<string, unknown>).plan_hash as string) = planHash;
  const inference = indices.flatMap((i) => indexBody(i.spec, policy, resolve).inference.map((f) => ({ index: i.name, ...f })));
  return { indexName, indexNames: indices.map((i) => i.name), planHash, awareness: { attribute, zones }, objects, inference };
}

/** The settings and mappings component templates and the index template of one index. */
function templateSet(planned: PlannedIndex, policy: ApplyPolicy, resolve: InferenceResolver, clusterSettings: Record<string, string>): DesiredObject[] {
  const indexName = planned.name;
  const names = templateNames(indexName);
  const body = indexBody(planned.spec, policy, resolve, loadLimits().chunking.default_size);
  const settingsTemplate: DesiredObject = {
    kind: 'component_template',
    name: names.settings,
    index: indexName,
    body: {
      template: {
        settings: {
          index: {
            number_of_shards: planned.shards.primaries,
            number_of_replicas: planned.shards.replicas,
            number_of_routing_shards: planned.shards.routing_shards,
            ...body.settings,
          },
        },
        ...(body.rootMappings ? { mappings: body.rootMappings } : {}),
      },
      _meta: { managed_by: MANAGED_BY, description: `shard layout for ${indexName}, from esplan's plan` },
    },
  };
  const properties = vectorProperties(planned, policy);
  for (const [k, v] of Object.entries(body.properties)) properties[k] = v;
  const onlyVectors = Object.keys(body.properties).length === 0;
  const mappingsTemplate: DesiredObject = {
    kind: 'component_template',
    name: names.mappings,
    index: indexName,
    body: {
      template: {
        ...(body.analysis ? { settings: { index: { analysis: body.analysis } } } : {}),
        mappings: { properties },
      },
      // The single-index, vectors-only description is kept as it was, so those plans do not change.
      _meta: { managed_by: MANAGED_BY, description: onlyVectors ? `dense_vector fields of ${indexName}, from esplan's plan` : `field mappings of ${indexName}, from esplan's plan` },
    },
  };
  const indexTemplate: DesiredObject = {
    kind: 'index_template',
    name: names.index,
    index: indexName,
    body: {
      index_patterns: [indexName, `${indexName}-*`],
      composed_of: [names.settings, names.mappings],
      priority: policy.indexTemplatePriority,
      // The cluster settings esplan wrote are recorded here, so a later apply knows they are its own.
      _meta: { managed_by: MANAGED_BY, plan_hash: '', cluster_settings: clusterSettings },
    },
  };
  return [settingsTemplate, mappingsTemplate, indexTemplate];
}

/** dense_vector mappings, with dotted field names expanded into objects as Elasticsearch stores them. */
function vectorProperties(planned: PlannedIndex, policy: ApplyPolicy): Record<string, unknown> {
  // Field names are keys here: null-prototype objects, so "__proto__" or "constructor" is a field
  // like any other (Elasticsearch accepts them), not the object's prototype or an inherited member.
  const root = fieldMap();
  for (const sized of planned.vectors) {
    const input = planned.spec.vectors.find((v) => v.field === sized.field);
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
    putField(root, sized.field, {
      type: 'dense_vector',
      dims: sized.dims,
      element_type: sized.element_type,
      similarity: input.similarity ?? (sized.element_type === 'bit' ? 'l2_norm' : 'cosine'),
      index: true,
      index_options: indexOptions,
    });
  }
  return root;
}
