/**
 * The refusals and warnings apply owes the user before it writes anything: cluster version and
 * mapping options it supports, awareness that would strand replicas, objects esplan does not own,
 * and index templates Elasticsearch would reject as overlapping.
 */
import type { ApplyPolicy } from '../data/apply-policy.js';
import { elementTypeInfo, indexTypeInfo, type IndexTypesData } from '../data/index-types.js';
import type { Plan } from '../model/plan.js';
import { UserError, type Problem } from '../model/problems.js';
import { nameList, sanitise } from '../model/sanitise.js';
import { checkSlmSchedule, parseTimeUnitMs } from '../model/slm-schedule.js';
import { compareVersions } from '../model/version.js';
import { planWorkload, plannedIndices, templateNames, type DesiredState } from './desired.js';
import { foreignSettingChanges, isOwnedByEsplan, markerMismatch, type ObjectDiff } from './diff.js';
import { flattenClusterSettings } from './normalise.js';
import { patternsOverlap } from './glob-overlap.js';
import { dataNodes, type Observed } from './observe.js';

export interface PreflightFlags {
  force: boolean;
  takeOwnership: boolean;
}

/** "9.2.0-SNAPSHOT" → "9.2". */
export function minorOf(version: string): string {
  const m = /^(\d+)\.(\d+)/.exec(version);
  return m ? `${m[1]}.${m[2]}` : '0.0';
}

/**
 * A plan made for a newer Elasticsearch or a higher licence than the cluster runs is refused
 * before anything is planned or written (issue #13 item 7): its index types, defaults and sizing
 * assume features the cluster does not have.
 */
export function checkWorkloadFitsCluster(
  workload: { elasticsearch: { version: string; license: string } },
  clusterVersion: string,
  license: { type: string; status: string },
  licenseRank: ApplyPolicy['licenseRank'],
): Problem[] {
  const problems: Problem[] = [];
  const planned = workload.elasticsearch.version;
  const runs = minorOf(clusterVersion);
  if (compareVersions(planned, runs) > 0) {
    problems.push({
      path: 'elasticsearch.version',
      message: `the plan is for Elasticsearch ${planned}; the cluster runs ${sanitise(clusterVersion, 40)}`,
      fix: `set elasticsearch.version: "${runs}" and plan again (esplan recommend), or upgrade the cluster first`,
    });
  }
  const active = license.status === 'active';
  const type = license.type.toLowerCase();
  // Ranks from formulas/apply.json apply.license_rank; an expired (or unknown) licence counts as basic.
  const have = active ? (licenseRank[type] ?? 0) : 0;
  const want = licenseRank[workload.elasticsearch.license] ?? 0;
  if (want > have) {
    const shown = `${sanitise(type || 'unknown', 40)}${active ? '' : ` (${sanitise(license.status || 'no status', 40)})`}`;
    problems.push({
      path: 'elasticsearch.license',
      message: `the plan is for a ${workload.elasticsearch.license} licence; the cluster's licence is ${shown}`,
      fix: `set elasticsearch.license to what the cluster has and plan again (esplan recommend), or upgrade the cluster's licence first`,
    });
  }
  return problems;
}

export function checkClusterVersion(version: string, policy: ApplyPolicy, command: 'apply' | 'check' = 'apply'): void {
  if (compareVersions(minorOf(version), policy.minClusterVersion) < 0) {
    throw new UserError(
      command === 'apply'
        ? {
            path: '--url',
            message: `the cluster runs Elasticsearch ${sanitise(version, 40)}; esplan apply writes only to ${policy.minClusterVersion} or later`,
            fix: `upgrade the cluster, or apply the plan's settings by hand (esplan recommend shows them)`,
          }
        : {
            path: '--url',
            message: `the cluster runs Elasticsearch ${sanitise(version, 40)}; esplan check reads only ${policy.minClusterVersion} or later (the statistics it compares have other names and shapes before)`,
            fix: 'upgrade the cluster, or compare it with the plan by hand',
          },
    );
  }
}

export function checkIndexOptions(plan: Plan, clusterVersion: string, types: IndexTypesData, policy: ApplyPolicy): Problem[] {
  const version = minorOf(clusterVersion);
  clusterVersion = sanitise(clusterVersion, 40);
  const indices = plannedIndices(plan);
  const multi = Array.isArray((planWorkload(plan) as { indices?: unknown }).indices);
  const problems: Problem[] = [];
  indices.forEach((planned, k) => {
    const base = multi ? `indices[${k}].` : '';
    planned.vectors.forEach((v) => {
      const i = planned.spec.vectors.findIndex((w) => w.field === v.field);
      const at = (key: string) => `${base}vectors[${i}].${key}`;
      const type = indexTypeInfo(types, v.index_type);
      const field = sanitise(v.field, 80);
      if (compareVersions(version, type.min_version) < 0) {
        problems.push({
          path: at('index_type'),
          message: `${v.index_type} (field ${field}) needs Elasticsearch ${type.min_version} or later; the cluster runs ${clusterVersion}`,
          fix: `choose an index_type the cluster supports, or upgrade it to ${type.min_version}+`,
        });
      }
      const element = elementTypeInfo(types, v.element_type);
      if (compareVersions(version, element.min_version) < 0) {
        problems.push({
          path: at('element_type'),
          message: `${v.element_type} vectors (field ${field}) need Elasticsearch ${element.min_version} or later; the cluster runs ${clusterVersion}`,
          fix: 'use element_type float, or upgrade the cluster',
        });
      }
      const bits = planned.spec.vectors[i]?.bits;
      if (bits !== undefined && compareVersions(version, policy.bitsMinVersion) < 0) {
        problems.push({
          path: at('bits'),
          message: `bbq_disk bits (field ${field}) need Elasticsearch ${policy.bitsMinVersion} or later; the cluster runs ${clusterVersion}`,
          fix: 'remove bits from the workload, or upgrade the cluster',
        });
      }
    });
  });
  return problems;
}

/** Task types a semantic_text field can use (SemanticTextFieldMapper: sparse or dense embeddings). */
const SEMANTIC_TASK_TYPES = ['sparse_embedding', 'text_embedding'];

/**
 * Every semantic_text field's inference endpoint must exist on the cluster before anything is
 * written: Elasticsearch accepts a template naming a missing endpoint and fails only when the first
 * document is indexed (semantic-text docs: "not validated when the mapping is created").
 */
export function checkInferenceEndpoints(desired: DesiredState, observed: Pick<Observed, 'inferenceEndpoints'>): Problem[] {
  const problems: Problem[] = [];
  for (const f of desired.inference) {
    if (f.inference_id === undefined) continue;
    const id = sanitise(f.inference_id, 120);
    const where = `semantic_text field ${sanitise(f.field, 80)} of index ${sanitise(f.index, 120)}`;
    const found = observed.inferenceEndpoints[f.inference_id];
    if (found === undefined || found === null) {
      problems.push({
        path: `inference endpoint ${id}`,
        message: `does not exist on the cluster; ${where} uses it, and Elasticsearch would accept the mapping but fail every document indexed into it`,
        fix: `create it first (PUT _inference/sparse_embedding/${id} or PUT _inference/text_embedding/${id} with its service and service_settings), or set inference_id to an endpoint the cluster has (GET _inference/_all lists them)`,
      });
    } else if (!SEMANTIC_TASK_TYPES.includes(found.task_type)) {
      problems.push({
        path: `inference endpoint ${id}`,
        message: `is a ${sanitise(found.task_type, 40)} endpoint; ${where} needs a sparse_embedding or text_embedding one`,
        fix: 'set inference_id to an embedding endpoint (GET _inference/_all lists them)',
      });
    }
  }
  return problems;
}

/** Zone names on the data nodes, and the data nodes that have none. */
export function zonesOnDataNodes(observed: Pick<Observed, 'nodes'>, attribute: string) {
  const nodes = dataNodes(observed);
  const byZone = new Map<string, string[]>();
  const missing: string[] = [];
  for (const n of nodes) {
    const zone = n.attributes[attribute];
    if (zone === undefined || zone === '') missing.push(n.name);
    else byZone.set(zone, [...(byZone.get(zone) ?? []), n.name]);
  }
  return { dataNodeCount: nodes.length, zones: [...byZone.keys()].sort(), byZone, missing };
}

export function checkAwareness(plan: Plan, observed: Observed, flags: PreflightFlags): Problem[] {
  const attribute = planWorkload(plan).availability.awareness_attribute;
  const { dataNodeCount, zones, byZone, missing } = zonesOnDataNodes(observed, attribute);
  const attr = sanitise(attribute, 80);
  const problems: Problem[] = [];
  if (dataNodeCount === 0) {
    return [{ path: 'cluster', message: 'has no data nodes (no node with a data role)', fix: 'check the nodes of the cluster (GET _cat/nodes)' }];
  }
  // A one-zone plan writes no awareness settings (desired.ts), so node attributes do not matter.
  if (plan.zones === 1) return problems;
  if (zones.length === 0) {
    return [
      {
        path: `node.attr.${attr}`,
        message: `no data node has the attribute ${attr}, so there is no zone to force awareness over`,
        fix: `set node.attr.${attr} on every data node (elasticsearch.yml), or set availability.awareness_attribute to the attribute your nodes use`,
      },
    ];
  }
  if (flags.force) return problems;
  if (missing.length > 0) {
    problems.push({
      path: `node.attr.${attr}`,
      message: `data nodes without the attribute ${attr}: ${nameList(missing)}; with awareness on, Elasticsearch allocates no shards to them`,
      fix: `set node.attr.${attr} on those nodes, or pass --force to write the settings anyway`,
    });
  }
  if (zones.length < plan.zones) {
    const list = zones
      .slice(0, 10)
      .map((z) => `${sanitise(z, 80)} (${nameList(byZone.get(z) ?? [])})`)
      .join(', ');
    problems.push({
      path: 'zones',
      message: `the plan needs ${plan.zones} zones but the data nodes are in ${zones.length}: ${list}; forced awareness would leave replicas unassigned`,
      fix: `add data nodes in ${plan.zones - zones.length} more zone(s), or pass --force to write the settings anyway`,
    });
  }
  return problems;
}

const KIND_LABEL: Record<ObjectDiff['kind'], string> = {
  component_template: 'component template',
  index_template: 'index template',
  snapshot_repository: 'snapshot repository',
  slm_policy: 'snapshot lifecycle policy',
  cluster_settings: 'cluster settings',
};

export function objectLabel(kind: ObjectDiff['kind'], name: string): string {
  return kind === 'cluster_settings' ? 'cluster settings (persistent)' : `${KIND_LABEL[kind]} ${sanitise(name, 120)}`;
}

export function checkOwnership(diffs: readonly ObjectDiff[], observed: Observed, indexName: string, flags: PreflightFlags): Problem[] {
  if (flags.takeOwnership) return [];
  const problems: Problem[] = [];
  for (const d of diffs) {
    if (d.action === 'update' && d.ownedByEsplan === false) {
      problems.push({
        path: objectLabel(d.kind, d.name),
        message: d.ownerMismatch
          ? `exists and is not esplan's for index ${sanitise(d.desired.index ?? indexName, 120)}: it ${sanitise(d.ownerMismatch)}; applying would replace it`
          : `exists and was not written by esplan (${d.kind === 'slm_policy' ? 'config.metadata' : '_meta'}.managed_by is not "esplan"); applying would replace it`,
        fix: 'rename index.name in the workload, or pass --take-ownership to replace it',
      });
    }
    for (const c of foreignSettingChanges(d, observed, templateNames(indexName).index)) {
      const found = esplanTemplateRecording(observed, c.key, c.old, templateNames(indexName).index);
      const writer = found === undefined ? undefined : sanitise(found, 120);
      const [oldValue, newValue] = [sanitise(c.old ?? ''), sanitise(c.new ?? '')];
      problems.push(
        writer
          ? {
              path: c.key,
              message: `is set to "${oldValue}" by esplan's plan for another index (index template ${writer}); applying would change it to "${newValue}" for every index in the cluster`,
              fix: `plan both indices with the same availability settings, or pass --take-ownership to change it`,
            }
          : {
              path: c.key,
              message: `is set to "${oldValue}" by someone other than esplan; applying would change it to "${newValue}"`,
              fix: 'pass --take-ownership to change it',
            },
      );
    }
  }
  return problems;
}

/** Another esplan-managed index template whose _meta records writing `value` to cluster setting `key`. */
function esplanTemplateRecording(observed: Observed, key: string, value: unknown, ourTemplate: string): string | undefined {
  return observed.indexTemplates.find((t) => {
    if (t.name === ourTemplate || !isOwnedByEsplan('index_template', t.index_template) || markerMismatch('index_template', t.index_template, t.name)) return false;
    const recorded = (t.index_template._meta as Record<string, unknown> | undefined)?.cluster_settings;
    return flattenClusterSettings(recorded ?? {})[key] === value;
  })?.name;
}

export function checkOverlaps(desired: DesiredState, observed: Observed, policy: ApplyPolicy): { refusals: Problem[]; warnings: string[] } {
  const refusals: Problem[] = [];
  const warnings: string[] = [];
  const oursAll = desired.objects.filter((o) => o.kind === 'index_template');
  const ourNames = oursAll.map((o) => o.name);
  // The workload's own indices must not overlap each other: Elasticsearch refuses the second
  // template at the same priority (kb-* matches an index kb-memory).
  oursAll.forEach((a, i) => {
    for (const b of oursAll.slice(i + 1)) {
      const both = patternsOverlap(a.body.index_patterns as string[], b.body.index_patterns as string[]);
      if (both.length === 0) continue;
      refusals.push({
        path: `index ${sanitise(b.index ?? b.name, 120)}`,
        message: `its template's patterns (${nameList(b.body.index_patterns as string[])}) overlap those of index ${sanitise(a.index ?? a.name, 120)} (${nameList(a.body.index_patterns as string[])}); Elasticsearch refuses two templates that could both match one new index at equal priority`,
        fix: `rename one of the indices so neither is the other's name followed by "-" (e.g. ${sanitise(a.name, 60)}_x rather than ${sanitise(a.name, 60)}-x)`,
      });
    }
  });
  for (const ours of oursAll) {
    const patterns = ours.body.index_patterns as string[];
    for (const t of observed.indexTemplates) {
      if (ourNames.includes(t.name)) continue;
      const theirs = (t.index_template.index_patterns as string[] | undefined) ?? [];
      const overlaps = patternsOverlap(patterns, theirs);
      if (overlaps.length === 0) continue;
      const priority = typeof t.index_template.priority === 'number' ? t.index_template.priority : 0;
      const theirName = sanitise(t.name, 120);
      const detail = `index template ${theirName} (patterns ${nameList(theirs)}, priority ${priority})`;
      const ourName = sanitise(ours.name, 120);
      const both = overlaps.slice(0, 5).map((o) => sanitise(o, 200)).join('; ');
      if (priority === policy.indexTemplatePriority) {
        refusals.push({
          path: `index template ${theirName}`,
          message: `${detail} overlaps esplan's template ${ourName} (patterns ${nameList(patterns)}) at the same priority; Elasticsearch refuses two templates that could both match one new index at equal priority`,
          fix: `change the priority or patterns of ${theirName}, or choose another index.name in the workload`,
        });
      } else if (priority > policy.indexTemplatePriority) {
        // Ours would be written but never used for the indices both match: refuse rather than write a template that does nothing.
        refusals.push({
          path: `index template ${theirName}`,
          message: `${detail} outranks esplan's template ${ourName} (priority ${policy.indexTemplatePriority}); new indices matching both (${both}) would get ${theirName}, not esplan's settings and mappings`,
          fix: `lower the priority of ${theirName} below ${policy.indexTemplatePriority} or narrow its patterns so they miss ${ourName} and ${ourName}-*, or choose an index.name its patterns do not match`,
        });
      } else {
        // Elasticsearch applies only the highest-priority matching template: theirs stops applying to these indices.
        warnings.push(
          `${detail} is shadowed by esplan's template ${ourName} (priority ${policy.indexTemplatePriority}): new indices matching both (${both}) get esplan's template only, none of ${theirName}'s settings, mappings, lifecycle or data stream`,
        );
      }
    }
  }
  return { refusals, warnings };
}

export function checkSnapshots(plan: Plan, observed: Observed): Problem[] {
  const snapshots = planWorkload(plan).snapshots;
  if (!snapshots) return [];
  // The workload schema held the schedule to Elasticsearch's default minimum; a cluster may set a larger one.
  const minimum = observed.persistent['slm.minimum_interval'];
  const minimumMs = typeof minimum === 'string' ? parseTimeUnitMs(minimum) : undefined;
  const schedule = minimumMs === undefined ? undefined : checkSlmSchedule(snapshots.schedule, minimumMs);
  const problems: Problem[] = [];
  if (schedule && !schedule.ok) {
    const every = sanitise(String(minimum), 40);
    problems.push({
      path: 'snapshots.schedule',
      message: `the cluster sets slm.minimum_interval to ${every}; Elasticsearch would refuse the policy: ${sanitise(schedule.reason, 300)}`,
      fix: `run snapshots at most every ${every} (e.g. snapshots.schedule: ${every}), or lower slm.minimum_interval on the cluster`,
    });
  }
  if (snapshots.repository_type) return problems;
  if (observed.repositories[snapshots.repository] != null) return problems;
  return [
    ...problems,
    {
      path: 'snapshots.repository',
      message: `snapshot repository ${sanitise(snapshots.repository, 120)} does not exist; a snapshot lifecycle policy needs an existing repository`,
      fix: `register it first (PUT _snapshot/${sanitise(snapshots.repository, 120)}), or set snapshots.repository_type and snapshots.repository_settings so esplan registers it`,
    },
  ];
}
