/**
 * What each endpoint apply reads answers, as a zod schema: a reply of any other shape is a clear
 * "unexpected reply from GET /_index_template/x: index_templates[0].index_template.priority must be
 * a number (got a string)", never an internal error deep in the diff or a silent misreading (a
 * priority "501" taken for 0, a pattern string read as a list of characters).
 *
 * The schemas accept what Elasticsearch really sends, checked against the specification's recorded
 * examples (shared/research/es-api-examples/): settings values are strings (numbers and booleans
 * are accepted too, since a value is compared as a string anyway), template settings may be nested
 * (`index.number_of_shards`) or flat, index_patterns comes back as an array even when it was PUT as
 * one string, and every object may carry fields esplan does not read (created_date, stats,
 * next_execution...). Only the fields esplan reads are typed.
 *
 * The transport (es-transport.ts) picks the schema by method and path, so every reply read through
 * it is checked at the one door, before observe.ts or a read-back sees it.
 */
import { z } from 'zod';
import { formatPath } from '../model/problems.js';
import { sanitise } from '../model/sanitise.js';
import type { RequestSpec } from './http.js';
import { CHECK_ENDPOINTS } from './check/reply-schemas.js';

/** Any JSON object (not an array, not null). */
const jsonObject = z.record(z.string(), z.unknown());

/**
 * Settings, flat ("index.number_of_shards": "1") or nested ({index: {number_of_shards: "1"}}): an
 * object whose leaves are strings (numbers and booleans accepted, null meaning unset), or lists of
 * them for a list setting. Checked by a walk rather than a recursive union, so the message names the
 * wrong leaf itself.
 */
const settingsTree = jsonObject.superRefine((value, ctx) => {
  const bad = firstBadSetting(value, []);
  if (bad) ctx.addIssue({ code: 'custom', path: bad.path, message: `must be a string, number, boolean or list of them (got ${kindOf(bad.value)})` });
});

const isScalar = (v: unknown) => v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

function firstBadSetting(value: Record<string, unknown>, path: string[]): { path: string[]; value: unknown } | undefined {
  for (const [k, v] of Object.entries(value)) {
    if (isScalar(v)) continue;
    if (Array.isArray(v)) {
      if (v.every((x) => x !== null && isScalar(x))) continue;
      return { path: [...path, k], value: v };
    }
    const inner = firstBadSetting(v as Record<string, unknown>, [...path, k]);
    if (inner) return inner;
  }
  return undefined;
}

const templateBody = z.looseObject({ settings: settingsTree.optional(), mappings: jsonObject.optional(), aliases: jsonObject.optional() });

/** GET / (RootNodeInfoResponseExample1). */
const rootReply = z.looseObject({
  cluster_name: z.string(),
  cluster_uuid: z.string(),
  version: z.looseObject({ number: z.string().regex(/^\d+\.\d+\.\d+/, 'must be a version such as 9.1.0'), build_flavor: z.string().optional() }),
});

/**
 * GET /_nodes?filter_path=nodes.*.name,nodes.*.roles,nodes.*.attributes (nodesInfoResponseExample1).
 * filter_path drops empty objects and lists, so `attributes: {}` and `roles: []` may be absent,
 * and `nodes` itself when nothing matched.
 */
const nodesReply = z.looseObject({
  nodes: z
    .record(z.string(), z.looseObject({ name: z.string(), roles: z.array(z.string()).optional(), attributes: z.record(z.string(), z.string()).optional() }))
    .optional(),
});

/** GET /_cluster/settings?flat_settings=true. */
const clusterSettingsReply = z.looseObject({ persistent: settingsTree.optional(), transient: settingsTree.optional(), defaults: settingsTree.optional() });

/** GET /_component_template/NAME (GetComponentTemplateResponseExample1). */
const componentTemplatesReply = z.looseObject({
  component_templates: z.array(
    z.looseObject({
      name: z.string(),
      component_template: z.looseObject({ template: templateBody, version: z.number().int().optional(), _meta: jsonObject.optional() }),
    }),
  ),
});

/** GET /_index_template and GET /_index_template/NAME (GetIndexTemplateResponseExample1). */
const indexTemplatesReply = z.looseObject({
  index_templates: z.array(
    z.looseObject({
      name: z.string(),
      index_template: z.looseObject({
        // A PUT may give one string; Elasticsearch always returns the list.
        index_patterns: z.array(z.string()),
        composed_of: z.array(z.string()).optional(),
        priority: z.number().int().nonnegative().optional(),
        version: z.number().int().optional(),
        template: templateBody.optional(),
        _meta: jsonObject.optional(),
      }),
    }),
  ),
});

/** GET /_slm/policy/ID (GetSnapshotLifecycleResponseExample1): the policy under its id. */
const slmPoliciesReply = z.record(
  z.string(),
  z.looseObject({
    version: z.number().int().optional(),
    policy: z.looseObject({ name: z.string(), schedule: z.string(), repository: z.string(), config: jsonObject.optional(), retention: jsonObject.optional() }),
  }),
);

/** GET /_snapshot/NAME (SnapshotGetRepositoryResponseExample1): the repository under its name. */
const repositoriesReply = z.record(z.string(), z.looseObject({ type: z.string(), settings: jsonObject.optional(), uuid: z.string().optional() }));

/** GET /_license (license.get GetLicenseResponseExample1): the licence's type and status. */
const licenseReply = z.looseObject({ license: z.looseObject({ type: z.string(), status: z.string() }) });

/**
 * GET /_inference/ID (elasticsearch-specification inference/get/GetResponse.ts; the list is
 * `endpoints` since 8.15, elastic/elasticsearch PR #107704): one entry per endpoint, each with its
 * id, task type and service. A missing endpoint is a 404 resource_not_found_exception
 * ("Inference endpoint not found [ID]", ModelRegistry).
 */
const inferenceReply = z.looseObject({
  endpoints: z.array(z.looseObject({ inference_id: z.string(), task_type: z.string(), service: z.string(), service_settings: jsonObject.optional() })),
});

interface Endpoint {
  path: RegExp;
  schema: z.ZodType;
  /** A 404 means "there is none" (a named object); elsewhere a 404 is itself unexpected. */
  absentOn404: boolean;
}

const ENDPOINTS: readonly Endpoint[] = [
  { path: /^\/$/, schema: rootReply, absentOn404: false },
  { path: /^\/_nodes$/, schema: nodesReply, absentOn404: false },
  { path: /^\/_license$/, schema: licenseReply, absentOn404: false },
  { path: /^\/_cluster\/settings$/, schema: clusterSettingsReply, absentOn404: false },
  { path: /^\/_component_template\/[^/]+$/, schema: componentTemplatesReply, absentOn404: true },
  { path: /^\/_index_template$/, schema: indexTemplatesReply, absentOn404: false },
  { path: /^\/_index_template\/[^/]+$/, schema: indexTemplatesReply, absentOn404: true },
  { path: /^\/_slm\/policy\/[^/]+$/, schema: slmPoliciesReply, absentOn404: true },
  { path: /^\/_snapshot\/[^/]+$/, schema: repositoriesReply, absentOn404: true },
  { path: /^\/_inference\/[^/]+$/, schema: inferenceReply, absentOn404: true },
];

/** Replies to writes are not read (the read-back is), so only GETs have a schema; any other GET must still be a JSON object. */
const ANY_OBJECT: Endpoint = { path: /./, schema: jsonObject, absentOn404: true };

function endpointOf(spec: Pick<RequestSpec, 'method' | 'path'>): Endpoint | undefined {
  // check's reads (nodes stats, index stats, cat shards...) and its one read-only POST, _disk_usage.
  const forCheck = CHECK_ENDPOINTS.find((e) => e.method === spec.method && e.path.test(spec.path));
  if (forCheck) return forCheck;
  if (spec.method !== 'GET') return undefined;
  return ENDPOINTS.find((e) => e.path.test(spec.path)) ?? ANY_OBJECT;
}

/**
 * Why a reply to `spec` is not what its endpoint returns, as one line naming the first wrong
 * field (never a value: the reply may hold anything); undefined when it is fine.
 */
export function replyShapeProblem(spec: Pick<RequestSpec, 'method' | 'path'>, status: number, body: unknown): string | undefined {
  const endpoint = endpointOf(spec);
  if (!endpoint) return undefined;
  const from = `unexpected reply from ${spec.method} ${sanitise(spec.path, 200)}`;
  if (status === 404) return endpoint.absentOn404 ? undefined : `${from}: HTTP 404 (Elasticsearch always answers this endpoint)`;
  if (typeof body === 'string') return `${from}: ${body === '' ? 'an empty body' : 'text, not JSON'} where a JSON object was expected`;
  const parsed = endpoint.schema.safeParse(body);
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0]!;
  return `${from}: ${describeIssue(issue, body)}`;
}

function describeIssue(issue: z.core.$ZodIssue, body: unknown): string {
  const path = issue.path.length === 0 ? 'the reply' : sanitise(formatPath(issue.path), 200);
  const got = valueAt(body, issue.path);
  if (got === undefined && issue.code === 'invalid_type') return `${path} is missing`;
  if (issue.code === 'invalid_type') return `${path} must be ${article(issue.expected)} (got ${kindOf(got)})`;
  if (issue.code === 'custom') return `${path} ${sanitise(issue.message, 120)}`;
  if (issue.code === 'too_small' || issue.code === 'too_big' || issue.code === 'invalid_format') return `${path} ${issue.message.replace(/^Too (small|big): expected \w+ to (be|have) /, 'must be ')}`;
  return `${path}: ${sanitise(issue.message, 120)}`;
}

const ARTICLES: Record<string, string> = {
  object: 'an object',
  record: 'an object',
  array: 'a list',
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'a boolean',
};
function article(expected: string): string {
  return ARTICLES[expected] ?? expected;
}

function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'number' && !Number.isInteger(v)) return 'a fraction';
  return `a ${typeof v}`;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

/**
 * Whether a parsed reply nests deeper than `max` objects and arrays. Iterative, so a reply of a
 * million nested brackets is measured without the stack overflow it would cause in any recursive
 * walk (normalise.ts flattens replies recursively).
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth + 1 > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
  }
  return false;
}
