/**
 * The index and component templates a fresh 9.x cluster (default distribution) holds before anyone
 * writes one, abridged to what overlap and shadowing checks need: names, patterns, priorities,
 * composition and the `managed` marker. From elastic/elasticsearch
 * x-pack/plugin/core/template-resources/src/main/resources/ (logs@template.json: logs-*-* at 100
 * composed of logs@mappings, logs@settings, logs@custom (optional) and ecs@mappings;
 * logs-otel@template.json and metrics-otel@template.json at 120; kibana-reporting@template.json:
 * .kibana-reporting* at 100) and the stack template registry (metrics-*-* and synthetics-*-* at 100).
 * 9.x has no plain `traces` template at 100 in that registry: traces come from the OTel templates
 * (traces-*.otel-*). Template bodies (mappings, settings) are left out: nothing esplan does reads them.
 */
export interface BuiltinIndexTemplate {
  name: string;
  body: Record<string, unknown>;
}

const managed = (description: string) => ({ description, managed: true });

function stack(name: string, pattern: string, priority: number, composedOf: string[], optional: string[], description: string): BuiltinIndexTemplate {
  return {
    name,
    body: {
      index_patterns: [pattern],
      priority,
      data_stream: { hidden: false, allow_custom_routing: false },
      composed_of: composedOf,
      ignore_missing_component_templates: optional,
      allow_auto_create: true,
      _meta: managed(description),
      version: 1,
    },
  };
}

export const BUILTIN_INDEX_TEMPLATES: readonly BuiltinIndexTemplate[] = [
  stack('logs', 'logs-*-*', 100, ['logs@mappings', 'logs@settings', 'logs@custom', 'ecs@mappings'], ['logs@custom'], 'default logs template installed by x-pack'),
  stack('metrics', 'metrics-*-*', 100, ['metrics@mappings', 'metrics@settings', 'metrics@custom', 'ecs@mappings'], ['metrics@custom'], 'default metrics template installed by x-pack'),
  stack('synthetics', 'synthetics-*-*', 100, ['synthetics@mappings', 'synthetics@settings', 'synthetics@custom', 'ecs@mappings'], ['synthetics@custom'], 'default synthetics template installed by x-pack'),
  stack('logs-otel@template', 'logs-*.otel-*', 120, ['logs@mappings', 'logs@settings', 'logs@custom', 'ecs@mappings'], ['logs@custom'], 'default logs template installed by x-pack'),
  stack('metrics-otel@template', 'metrics-*.otel-*', 120, ['metrics@mappings', 'metrics@custom', 'ecs@mappings'], ['metrics@custom'], 'OpenTelemetry metrics template installed by x-pack'),
  stack('traces-otel@template', 'traces-*.otel-*', 120, ['ecs@mappings'], [], 'OpenTelemetry traces template installed by x-pack'),
  {
    name: '.kibana-reporting',
    body: {
      index_patterns: ['.kibana-reporting*'],
      priority: 100,
      data_stream: { hidden: true, allow_custom_routing: false },
      allow_auto_create: true,
      template: { settings: { index: { number_of_shards: '1', auto_expand_replicas: '0-1' } } },
      _meta: managed('default kibana reporting template installed by elasticsearch'),
      version: 1,
    },
  },
];

/** The component templates the built-in index templates are composed of (all but the optional `@custom` ones). */
export const BUILTIN_COMPONENT_TEMPLATES: readonly string[] = [
  ...new Set(
    BUILTIN_INDEX_TEMPLATES.flatMap((t) => {
      const optional = (t.body.ignore_missing_component_templates as string[] | undefined) ?? [];
      return ((t.body.composed_of as string[] | undefined) ?? []).filter((c) => !optional.includes(c));
    }),
  ),
];
