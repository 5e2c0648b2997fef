/**
 * Where each published figure in this suite comes from. One place so the test comments and
 * docs/validation.md cite the same file and commit.
 */
export const SOURCES = {
  knnTuning:
    'elastic/docs-content deploy-manage/production-guidance/optimize-performance/approximate-knn-search.md @ 74c05cc2 ' +
    '(https://www.elastic.co/docs/deploy-manage/production-guidance/optimize-performance/approximate-knn-search)',
  denseVector:
    'elastic/elasticsearch docs/reference/elasticsearch/mapping-reference/dense-vector.md @ c7f2d52d ' +
    '(https://www.elastic.co/docs/reference/elasticsearch/mapping-reference/dense-vector)',
  calculator:
    'elastic/docs-builder docs/syntax/vector-sizing-calculator.md @ 87824b3f (Vector Sizing Calculator staging doc, ' +
    '"Worked examples" and "Quick-reference: RAM reduction from quantization")',
  calculatorTests:
    'elastic/docs-builder src/Elastic.Documentation.Site/Assets/web-components/VectorSizingCalculator/calculations.test.ts @ 099e57b3',
  indexModules:
    'elastic/elasticsearch docs/reference/elasticsearch/index-settings/index-modules.md @ e43a3531 (index.number_of_routing_shards)',
  routingCode: 'elastic/elasticsearch MetadataCreateIndexService.calculateNumRoutingShards (server/src/main/java/org/elasticsearch/cluster/metadata)',
  rallyCohere: 'elastic/rally-tracks cohere_vector/README.md @ 10fa2847',
  rallyCohereV3: 'elastic/rally-tracks cohere_v3_vector/README.md @ 6d22da89',
} as const;

export const GB = 1e9;
export const GiB = 2 ** 30;
export const MiB = 2 ** 20;

/** Rounds like a published figure: `digits` decimals. */
export const shown = (value: number, digits: number): string => value.toFixed(digits);
