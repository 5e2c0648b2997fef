/**
 * Inputs of the non-vector field sizers: the workload's field types, and the endpoint a
 * semantic_text field embeds with as the caller resolved it (src/sizing/inference-endpoint.ts).
 */
import type { ElementType } from '../data/index-types.js';

export type { KeywordField, SemanticTextField, SparseVectorField, TextField } from '../model/workload.js';

export interface SemanticEndpoint {
  inference_id: string;
  kind: 'sparse' | 'dense';
  /** Dense only. */
  dims?: number;
  /** Dense only: the endpoint's own element type (float); semantic_text may map bfloat16 instead. */
  element_type?: ElementType;
  /** Where the id comes from: the workload or the default rule (ResolvedEndpoint.source). */
  source: string;
}
