/**
 * Everything sizing and recommending read from formulas/ and catalogs/, loaded once at the edge
 * (the CLI command, a test, the benchmark) and passed in: src/sizing and src/recommend import no
 * loader (issue #11, item 7; an ESLint rule keeps it so).
 */
import { parseWorkload } from '../model/parse-workload.js';
import type { Provider, Workload } from '../model/workload.js';
import { loadApplyPolicy } from './apply-policy.js';
import { loadCatalog, loadRoles, type Catalog, type RolesData } from './catalogs.js';
import { loadFormulaBook, type FormulaBook } from './formulas.js';
import { loadIndexTypes, type IndexTypesData } from './index-types.js';
import { loadInference, type InferenceData } from './inference.js';
import { loadIngest, type IngestData } from './ingest.js';
import { loadLimits, type Limits } from './limits.js';
import { loadNodeMemory, loadTopologyRules, type NodeMemoryData, type TopologyData } from './node-memory.js';
import { loadQueryCost, type QueryCostData } from './query-cost.js';
import { loadSearchParams, type SearchParamsData } from './search-params.js';
import { loadThroughput, type ThroughputData } from './throughput.js';

/** What the sizing engine reads. */
export interface SizingData {
  formulas: FormulaBook;
  indexTypes: IndexTypesData;
  limits: Limits;
  /** formulas/inference.json: semantic_text's endpoints and defaults. */
  inference: InferenceData;
}

/** What sizing and the recommender read. */
export interface ModelData extends SizingData {
  /** A provider's built-in catalog, read when first asked for (a plan reads only its provider's file). */
  catalogOf: (provider: Provider) => Catalog;
  roles: RolesData;
  nodeMemory: NodeMemoryData;
  topology: TopologyData;
  throughput: ThroughputData;
  /** formulas/ingest.json: indexing CPU per document and inference per ML allocation. */
  ingest: IngestData;
  queryCost: QueryCostData;
  searchParams: SearchParamsData;
  /** rescore_vector.oversample Elasticsearch uses for bbq_* fields when the mapping sets none (formulas/apply.json). */
  bbqDefaultOversample: number;
  /** The workload schema (its limits and defaults from formulas/), for the what-if variants recommend re-validates. */
  parseWorkload: (raw: unknown) => Workload;
}

export function loadSizingData(): SizingData {
  return { formulas: loadFormulaBook(), indexTypes: loadIndexTypes(), limits: loadLimits(), inference: loadInference() };
}

/** Reads (once per process: the loaders cache) every formulas/ file a plan uses; catalogs on demand. */
export function loadModelData(): ModelData {
  return {
    ...loadSizingData(),
    catalogOf: loadCatalog,
    roles: loadRoles(),
    nodeMemory: loadNodeMemory(),
    topology: loadTopologyRules(),
    throughput: loadThroughput(),
    ingest: loadIngest(),
    queryCost: loadQueryCost(),
    searchParams: loadSearchParams(),
    bbqDefaultOversample: loadApplyPolicy().bbqDefaultOversample,
    parseWorkload,
  };
}
