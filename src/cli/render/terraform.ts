/**
 * `esplan export terraform`: apply's desired state as resources of terraform-provider-elasticstack.
 * Each object's request body maps onto the resource's attributes, field for field; a body key the
 * mapping does not know is an error here rather than something silently left out, so the export
 * can never carry less than apply would write.
 */
import type { ApplyPolicy } from '../../data/apply-policy.js';
import type { DesiredObject, DesiredState, ObjectKind } from '../../cluster/desired.js';
import { UserError } from '../../model/problems.js';
import { attribute, block, comment, jsonencode, raw, renderHcl, type HclItem, type HclValue } from './hcl.js';

export const RESOURCE_TYPES: Readonly<Record<ObjectKind, string>> = {
  component_template: 'elasticstack_elasticsearch_component_template',
  index_template: 'elasticstack_elasticsearch_index_template',
  snapshot_repository: 'elasticstack_elasticsearch_snapshot_repository',
  slm_policy: 'elasticstack_elasticsearch_snapshot_lifecycle',
  cluster_settings: 'elasticstack_elasticsearch_cluster_settings',
};

/** Repository types with a block of their own in elasticstack_elasticsearch_snapshot_repository. */
const REPOSITORY_BLOCKS = ['fs', 's3', 'gcs', 'azure', 'url', 'hdfs'];

/** SLM `config` keys that are top-level attributes of elasticstack_elasticsearch_snapshot_lifecycle (metadata aside). */
const SLM_CONFIG_ATTRIBUTES = ['indices', 'ignore_unavailable', 'include_global_state', 'partial', 'feature_states', 'expand_wildcards'];
const SLM_RETENTION_ATTRIBUTES = ['expire_after', 'min_count', 'max_count'];

export interface TerraformFile {
  name: string;
  text: string;
}

export interface ExportedResource {
  /** `type.name`, as terraform plan and terraform import name it. */
  address: string;
  object: DesiredObject;
}

export interface TerraformExport {
  files: TerraformFile[];
  resources: ExportedResource[];
}

export interface ExportSource {
  esplanVersion: string;
  /** The workload or plan file, for the header (already made safe to print). */
  from: string;
}

export function terraformExport(desired: DesiredState, policy: ApplyPolicy, source: ExportSource): TerraformExport {
  const resources = addresses(desired.objects);
  const header = comment(
    [
      `Written by esplan ${source.esplanVersion} from ${source.from}: what \`esplan apply\` would write`,
      `(plan hash ${desired.planHash}). Re-export rather than edit; manage these objects with`,
      'Terraform or with esplan apply, not both.',
    ].join('\n'),
  );
  const items: HclItem[] = [header];
  resources.forEach((r, i) => {
    const previous = resources[i - 1];
    const body = resourceBody(r.object);
    // The same order as apply: templates before the index template that composes them, the
    // repository before its policy, awareness (which moves shards) last.
    if (previous) body.push(attribute('depends_on', [raw(previous.address)]));
    const [type, name] = r.address.split('.') as [string, string];
    items.push(block('resource', [type, name], body));
  });
  const { source: providerSource, version } = policy.terraformProvider;
  const versions = renderHcl([
    comment(`Written by esplan ${source.esplanVersion}: the provider the exported resources are written for.`),
    block('terraform', [], [
      attribute('required_version', policy.terraformRequiredVersion),
      block('required_providers', [], [attribute('elasticstack', { source: providerSource, version })]),
    ]),
    comment(
      [
        'The connection comes from the environment (ELASTICSEARCH_ENDPOINTS, and ELASTICSEARCH_API_KEY',
        'or ELASTICSEARCH_USERNAME and ELASTICSEARCH_PASSWORD), so no credential is written to a file.',
        'Remove this block when the directory is used as a module of a configuration that has its own.',
      ].join('\n'),
    ),
    block('provider', ['elasticstack'], [block('elasticsearch', [], [])]),
  ]);
  return {
    files: [
      { name: 'versions.tf', text: versions },
      { name: 'esplan.tf', text: renderHcl(items) },
    ],
    resources,
  };
}

/** Resource names: the object's name where it is a valid identifier, made one otherwise, never twice the same. */
function addresses(objects: readonly DesiredObject[]): ExportedResource[] {
  const taken = new Set<string>();
  return objects.map((object) => {
    const type = RESOURCE_TYPES[object.kind];
    const base = object.kind === 'cluster_settings' ? 'awareness' : identifierFor(object.name);
    let name = base;
    for (let n = 2; taken.has(`${type}.${name}`); n++) name = `${base}_${n}`;
    taken.add(`${type}.${name}`);
    return { address: `${type}.${name}`, object };
  });
}

/** A Terraform identifier from an Elasticsearch name: letters, digits, `_` and `-`, not starting with a digit or `-`. */
export function identifierFor(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9_-]/g, '_');
  return /^[A-Za-z_]/.test(cleaned) ? cleaned : `_${cleaned}`;
}

function resourceBody(object: DesiredObject): HclItem[] {
  switch (object.kind) {
    case 'component_template':
      return componentTemplate(object);
    case 'index_template':
      return indexTemplate(object);
    case 'snapshot_repository':
      return snapshotRepository(object);
    case 'slm_policy':
      return snapshotLifecycle(object);
    case 'cluster_settings':
      return clusterSettings(object);
  }
}

/** Takes keys off a body, and says which were left: the mapping must use every one. */
function reader(object: DesiredObject, body: Record<string, unknown>, where: string) {
  const left = new Set(Object.keys(body));
  return {
    take(key: string): unknown {
      left.delete(key);
      return body[key];
    },
    done(): void {
      if (left.size > 0) throw new Error(`the ${object.kind} ${object.name} has ${[...left].join(', ')} in ${where}, which the Terraform export does not map`);
    },
  };
}

const json = (value: unknown): HclValue => value as HclValue;

function componentTemplate(object: DesiredObject): HclItem[] {
  const body = reader(object, object.body, 'its body');
  const template = (body.take('template') ?? {}) as Record<string, unknown>;
  const meta = body.take('_meta');
  body.done();
  const inner = reader(object, template, 'template');
  const settings = inner.take('settings');
  const mappings = inner.take('mappings');
  inner.done();
  const templateBody: HclItem[] = [];
  if (settings !== undefined) templateBody.push(attribute('settings', jsonencode(json(settings))));
  if (mappings !== undefined) templateBody.push(attribute('mappings', jsonencode(json(mappings))));
  const items: HclItem[] = [attribute('name', object.name)];
  if (meta !== undefined) items.push(attribute('metadata', jsonencode(json(meta))));
  items.push(block('template', [], templateBody));
  return items;
}

function indexTemplate(object: DesiredObject): HclItem[] {
  const body = reader(object, object.body, 'its body');
  const items: HclItem[] = [attribute('name', object.name)];
  const patterns = body.take('index_patterns');
  const composedOf = body.take('composed_of');
  const priority = body.take('priority');
  const meta = body.take('_meta');
  body.done();
  items.push(attribute('index_patterns', json(patterns)));
  if (composedOf !== undefined) items.push(attribute('composed_of', json(composedOf)));
  if (priority !== undefined) items.push(attribute('priority', json(priority)));
  if (meta !== undefined) items.push(attribute('metadata', jsonencode(json(meta))));
  return items;
}

function snapshotRepository(object: DesiredObject): HclItem[] {
  const body = reader(object, object.body, 'its body');
  const type = body.take('type') as string;
  const settings = (body.take('settings') ?? {}) as Record<string, HclValue>;
  body.done();
  if (!REPOSITORY_BLOCKS.includes(type)) {
    throw new UserError({
      path: 'snapshots.repository_type',
      message: `is ${type}, which elasticstack_elasticsearch_snapshot_repository has no block for (it has ${REPOSITORY_BLOCKS.join(', ')})`,
      fix: 'register the repository outside Terraform and drop repository_type from the workload: the policy then uses it by name',
    });
  }
  for (const key of Object.keys(settings)) {
    if (!/^[a-z][a-z0-9_]*$/.test(key)) {
      throw new UserError({ path: `snapshots.repository_settings.${key}`, message: 'is not a setting name the provider has an attribute for', fix: 'use the setting names of the repository type, such as bucket or base_path' });
    }
  }
  return [attribute('name', object.name), block(type, [], Object.entries(settings).map(([k, v]) => attribute(k, v)))];
}

function snapshotLifecycle(object: DesiredObject): HclItem[] {
  const body = reader(object, object.body, 'its body');
  const items: HclItem[] = [attribute('name', object.name)];
  items.push(attribute('schedule', json(body.take('schedule'))));
  items.push(attribute('snapshot_name', json(body.take('name'))));
  items.push(attribute('repository', json(body.take('repository'))));
  const config = (body.take('config') ?? {}) as Record<string, unknown>;
  const retention = (body.take('retention') ?? {}) as Record<string, unknown>;
  body.done();
  const c = reader(object, config, 'config');
  for (const key of SLM_CONFIG_ATTRIBUTES) {
    const v = c.take(key);
    if (v !== undefined) items.push(attribute(key, json(v)));
  }
  const meta = c.take('metadata');
  if (meta !== undefined) items.push(attribute('metadata', jsonencode(json(meta))));
  c.done();
  const r = reader(object, retention, 'retention');
  for (const key of SLM_RETENTION_ATTRIBUTES) {
    const v = r.take(key);
    if (v !== undefined) items.push(attribute(key, json(v)));
  }
  r.done();
  return items;
}

function clusterSettings(object: DesiredObject): HclItem[] {
  const body = reader(object, object.body, 'its body');
  const persistent = (body.take('persistent') ?? {}) as Record<string, unknown>;
  body.done();
  const settings = Object.entries(persistent).map(([name, value]) =>
    block('setting', [], [attribute('name', name), Array.isArray(value) ? attribute('value_list', json(value)) : attribute('value', String(value))]),
  );
  return [block('persistent', [], settings)];
}
