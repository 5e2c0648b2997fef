import { z } from 'zod';
import { workloadSchema } from './parse-workload.js';
import { planSchema } from './plan.js';

/** JSON Schema for workload files: what a user may write (defaults optional). */
export function workloadJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(workloadSchema(), { io: 'input', unrepresentable: 'any' }),
    $id: 'https://esplan.dev/schema/workload-v1.json',
    title: 'esplan workload (format_version 1)',
  };
}

/** JSON Schema for `esplan recommend --json` output. */
export function planJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(planSchema, { io: 'output', unrepresentable: 'any' }),
    $id: 'https://esplan.dev/schema/plan-v1.json',
    title: 'esplan plan (format_version 1)',
  };
}
