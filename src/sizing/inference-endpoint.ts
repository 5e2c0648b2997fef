/**
 * Which inference endpoint a semantic_text field embeds with: the one it names, else the default
 * for the workload's version and deployment (formulas/inference.json), and what that endpoint
 * produces (sparse tokens or dense vectors) and where it runs (ML nodes or the Elastic Inference
 * Service, outside the cluster).
 */
import type { InferenceData, InferenceEndpoint } from '../data/inference.js';
import { compareVersions } from '../model/version.js';
import type { SemanticTextField, Workload } from '../model/workload.js';

export interface ResolvedEndpoint {
  inference_id: string;
  /** The preconfigured endpoint's facts; undefined for a user-created endpoint esplan does not know. */
  known?: InferenceEndpoint;
  /** 'default' when the field names none. */
  chosen: 'workload' | 'default';
  source: string;
}

export function defaultInferenceId(data: InferenceData, workload: Pick<Workload, 'elasticsearch' | 'deployment'>): { inference_id: string; source: string } {
  const { version } = workload.elasticsearch;
  const provider = workload.deployment.provider;
  const rule = data.semantic_text_default.find(
    (d) => compareVersions(version, d.since) >= 0 && (d.providers === null || d.providers.includes(provider)),
  );
  // The schema refuses semantic_text before semantic_text_since, which the last rule covers.
  if (!rule) throw new Error(`formulas/inference.json: no semantic_text default for ${provider} ${version}`);
  return { inference_id: rule.inference_id, source: rule.source };
}

export function resolveInferenceEndpoint(
  data: InferenceData,
  workload: Pick<Workload, 'elasticsearch' | 'deployment'>,
  field: Pick<SemanticTextField, 'inference_id'>,
): ResolvedEndpoint {
  const chosen = field.inference_id !== undefined ? 'workload' : 'default';
  const { inference_id, source } =
    field.inference_id !== undefined ? { inference_id: field.inference_id, source: 'workload semantic_text[].inference_id' } : defaultInferenceId(data, workload);
  const known = data.endpoints.find((e) => e.id === inference_id);
  return { inference_id, chosen, source, ...(known ? { known } : {}) };
}
