import type { ElementType, IndexType, IndexTypesData, License } from '../data/index-types.js';
import { elementTypeInfo } from '../data/index-types.js';
import { compareVersions } from '../model/version.js';

export interface ResolvedIndexType {
  index_type: IndexType;
  /** Why this type: the rule applied, with its source. */
  reason: string;
  source: string;
}

/**
 * What `index_type: auto` becomes: the default Elasticsearch itself would pick for a new field on
 * this version and license (formulas/index-types.json `defaults`).
 */
export function resolveAutoIndexType(
  data: IndexTypesData,
  version: string,
  license: License,
  elementType: ElementType,
  dims: number,
): ResolvedIndexType {
  if (!elementTypeInfo(data, elementType).quantizable) {
    return {
      index_type: data.unquantized_default.value,
      reason: `${elementType} vectors are not quantized by default`,
      source: data.unquantized_default.source,
    };
  }
  const rule = data.defaults.find(
    (d) => compareVersions(version, d.versions.min) >= 0 && compareVersions(version, d.versions.max) <= 0,
  );
  if (!rule) throw new Error(`formulas/index-types.json has no default rule for Elasticsearch ${version}`);
  if (rule.enterprise && license === 'enterprise') {
    return { index_type: rule.enterprise, reason: `Elasticsearch ${version} default: ${rule.rule}`, source: rule.source };
  }
  const threshold = data.bbq_dims_default_threshold.value;
  const type = dims >= threshold ? rule.float.at_or_above_threshold : rule.float.below_threshold;
  return { index_type: type, reason: `Elasticsearch ${version} default: ${rule.rule}`, source: rule.source };
}
