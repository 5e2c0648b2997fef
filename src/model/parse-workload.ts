import { loadRoles, roleMinimum } from '../data/catalogs.js';
import { loadFormulaBook, numericConstant, stringConstant } from '../data/formulas.js';
import { loadIndexTypes } from '../data/index-types.js';
import { loadInference } from '../data/inference.js';
import { loadLimits } from '../data/limits.js';
import { loadSearchParams } from '../data/search-params.js';
import { loadWorkloadDefaults } from '../data/workload-defaults.js';
import { UserError } from './problems.js';
import { buildWorkloadSchema, type Workload, type WorkloadSchema } from './workload.js';
import { onePerPath, toProblems } from './zod-problems.js';

/** Problems listed before the rest are summarised: a generated or pasted-wrong file can hold thousands. */
export const MAX_PROBLEMS = 50;

let schema: WorkloadSchema | undefined;

/** The workload schema against the limits and defaults in formulas/ (built once). */
export function workloadSchema(): WorkloadSchema {
  if (!schema) {
    const book = loadFormulaBook();
    schema = buildWorkloadSchema(loadLimits(), loadIndexTypes(), loadWorkloadDefaults(), {
      search: loadSearchParams(),
      max_primaries: numericConstant(book, 'index.max_number_of_shards'),
      exclude_source_vectors_since: stringConstant(book, 'storage.exclude_source_vectors_since'),
      semantic_text_since: loadInference().semantic_text_since.value,
      chunking_settings_since: loadInference().chunking_settings_since.value,
      data_node_floor: (provider) => roleMinimum(loadRoles(), provider, 'data').reference_floor,
    });
  }
  return schema;
}

/** Validates a parsed workload document; every problem is reported at once, one line per problem. */
export function parseWorkload(raw: unknown, origin = 'workload'): Workload {
  const result = workloadSchema().safeParse(raw);
  if (result.success) return result.data;
  const problems = onePerPath(result.error.issues.flatMap((issue) => toProblems(issue, raw, workloadSchema())));
  if (problems.length === 0) throw new UserError({ path: origin, message: 'is not a valid workload' });
  if (problems.length > MAX_PROBLEMS) {
    const rest = problems.length - MAX_PROBLEMS;
    throw new UserError([
      ...problems.slice(0, MAX_PROBLEMS),
      { path: origin, message: `has ${rest} more problem${rest === 1 ? '' : 's'}`, fix: 'fix the ones above first' },
    ]);
  }
  throw new UserError(problems);
}

