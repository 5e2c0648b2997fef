/**
 * fast-check generators of valid workload inputs: every combination the schema accepts, drawn
 * from the same rules it enforces (versions, licenses and index types from formulas/, limits from
 * formulas/limits.json). Used by the property test and, with a fixed seed, by the search benchmark.
 *
 * `realistic` keeps values in the ranges real deployments use; `extreme` reaches the schema's
 * edges (a trillion documents, ten years of 1000% monthly growth), where the pipeline must still
 * either return a sound plan or say clearly why it cannot.
 *
 * `{ extended: true }` also draws the keys issue #10 added (one zone, search.k, num_candidates,
 * filter_selectivity, index.primaries, force_merged, source_vectors). It is off by default so the
 * search benchmark's seeded sample (bench/search.ts) stays the workloads it has always timed.
 *
 * `topologyWorkload()` is a separate generator (issue #11) for the cluster-shape decisions: one or
 * two vector fields of common shapes, a corpus whose vector bytes are log-uniform over the range
 * where plans go from the three-node minimum through 5-7 data nodes (where dedicated masters start,
 * at 6 Elasticsearch nodes) to tens of nodes, a log-uniform peak load that can make CPU, not RAM,
 * set the node size (the node-size band's upper edge), and every provider with both node_sizing
 * modes. It leaves `workloadInput`'s output untouched.
 */
import fc from 'fast-check';
import { ELEMENT_TYPES, loadIndexTypes, type ElementType, type IndexType } from '../../src/data/index-types.js';
import { loadLimits } from '../../src/data/limits.js';
import { loadSearchParams } from '../../src/data/search-params.js';
import { compareVersions } from '../../src/model/version.js';
import { PROVIDERS, SIMILARITIES, type WorkloadInput } from '../../src/model/workload.js';

/** Released Elasticsearch minors inside the supported range (formulas/limits.json es.supported_versions). */
const RELEASED_MINORS = ['8.14', '8.15', '8.16', '8.17', '8.18', '8.19', '9.0', '9.1', '9.2', '9.3', '9.4'];
const LICENSES = ['basic', 'platinum', 'enterprise'] as const;
type License = (typeof LICENSES)[number];
type VectorInput = NonNullable<WorkloadInput['vectors']>[number];

export type Range = 'realistic' | 'extreme';

function supportedVersions(): string[] {
  const { min, max } = loadLimits().supportedVersions;
  return RELEASED_MINORS.filter((v) => compareVersions(v, min) >= 0 && compareVersions(v, max) <= 0);
}

/** A whole number spread evenly over orders of magnitude, so small and huge corpora are equally likely. */
function logInteger(min: number, max: number): fc.Arbitrary<number> {
  return fc
    .double({ min: Math.log10(min), max: Math.log10(max), noNaN: true, noDefaultInfinity: true })
    .map((e) => Math.min(max, Math.max(min, Math.round(10 ** e))));
}

/** Index types the schema allows for this element type, version and license. */
function allowedIndexTypes(element: ElementType, version: string, license: License): Array<IndexType | 'auto'> {
  const data = loadIndexTypes();
  const quantizable = data.element_types.find((e) => e.id === element)?.quantizable ?? false;
  const types = data.index_types
    .filter((t) => compareVersions(version, t.min_version) >= 0)
    .filter((t) => t.license !== 'enterprise' || license === 'enterprise')
    .filter((t) => t.quantization === 'none' || quantizable)
    .map((t) => t.id);
  return ['auto', ...types];
}

function allowedElementTypes(version: string): ElementType[] {
  const data = loadIndexTypes();
  return ELEMENT_TYPES.filter((id) => {
    const info = data.element_types.find((e) => e.id === id);
    return info !== undefined && compareVersions(version, info.min_version) >= 0;
  });
}

/** Dimensions that satisfy the index type's rules: bit needs multiples of 8, int4 even, bbq at least 64. */
function dimsFor(element: ElementType, indexType: IndexType | 'auto', range: Range): fc.Arbitrary<number> {
  const limits = loadLimits();
  const info = indexType === 'auto' ? undefined : loadIndexTypes().index_types.find((t) => t.id === indexType);
  if (element === 'bit') {
    const maxUnits = (range === 'extreme' ? limits.bitMaxDims : 4096) / limits.bitDimsMultiple;
    return fc.integer({ min: 1, max: maxUnits }).map((u) => u * limits.bitDimsMultiple);
  }
  const min = info?.quantization === 'bbq' ? limits.bbqMinDims : 1;
  const common = [64, 128, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096].filter((d) => d >= min);
  const anyDims = fc.integer({ min, max: limits.maxDims });
  const dims = range === 'realistic' ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...common) }, { weight: 1, arbitrary: anyDims }) : anyDims;
  // int4 packs two dimensions per byte, so Elasticsearch wants an even count.
  if (info?.quantization === 'int4') return dims.map((d) => (d % limits.int4DimsMultiple === 0 ? d : d + 1 <= limits.maxDims ? d + 1 : d - 1));
  return dims;
}

function vectorField(field: string, version: string, license: License, range: Range): fc.Arbitrary<VectorInput> {
  const limits = loadLimits();
  return fc.constantFrom(...allowedElementTypes(version)).chain((element) =>
    fc.constantFrom(...allowedIndexTypes(element, version, license)).chain((indexType) => {
      const ivf = indexType === 'bbq_disk';
      return fc.record(
        {
          field: fc.constant(field),
          dims: dimsFor(element, indexType, range),
          element_type: fc.constant(element),
          per_document:
            range === 'realistic'
              ? fc.oneof(fc.integer({ min: 1, max: 20 }), fc.double({ min: 1, max: 50, noNaN: true }))
              : fc.double({ min: 0.001, max: 100_000, noNaN: true, noDefaultInfinity: true }),
          index_type: fc.constant(indexType),
          m: fc.integer({ min: limits.hnswM.min, max: range === 'realistic' ? 64 : limits.hnswM.max }),
          ef_construction: fc.integer({ min: limits.efConstruction.min, max: range === 'realistic' ? 500 : limits.efConstruction.max }),
          similarity: element === 'bit' ? fc.constant('l2_norm' as const) : fc.constantFrom(...SIMILARITIES),
          oversample: fc.double({ min: 0, max: limits.oversample.max, noNaN: true }),
          cluster_size: ivf ? fc.integer({ min: limits.clusterSize.min, max: limits.clusterSize.max }) : fc.constant(undefined),
          // bbq_disk's bits option exists from 9.4 (workload.ts describes it so).
          bits: ivf && compareVersions(version, '9.4') >= 0 ? fc.constantFrom(1 as const, 2 as const, 4 as const) : fc.constant(undefined),
          resident_fraction: ivf ? fc.double({ min: 0, max: 1, noNaN: true }) : fc.constant(undefined),
        },
        { requiredKeys: ['field', 'dims', 'element_type', 'index_type'] },
      );
    }),
  ).map(dropUndefined);
}

function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export interface GeneratorOptions {
  /** Also draw zones 1 and the search and index keys of issue #10. */
  extended?: boolean;
}

type SearchInput = NonNullable<WorkloadInput['search']>;
type IndexInput = NonNullable<WorkloadInput['index']>;

/** search: k then num_candidates in [k, 10000]; a selectivity below 1 never with filtered: false. */
function searchSection(range: Range, extended: boolean): fc.Arbitrary<SearchInput> {
  const base = fc.record(
    {
      peak_qps: fc.double({ min: 0, max: range === 'realistic' ? 5_000 : 1e7, noNaN: true }),
      recall_target: fc.double({ min: 0.5, max: 1, noNaN: true }),
      filtered: fc.boolean(),
    },
    { requiredKeys: [] },
  );
  if (!extended) return base;
  const ncLimit = loadSearchParams().num_candidates_limit.value;
  const keys = logInteger(1, ncLimit).chain((k) =>
    fc.record(
      {
        k: fc.constant(k),
        // At k itself, at the limit, and spread over the orders of magnitude between.
        num_candidates: fc.oneof(fc.constant(k), fc.constant(ncLimit), logInteger(k, ncLimit)),
        filter_selectivity: fc.oneof(fc.constant(1), fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true })),
      },
      { requiredKeys: [] },
    ),
  );
  return fc.tuple(base, keys).map(([b, k]) => {
    const out: SearchInput = { ...b, ...k };
    if (out.filtered === false && out.filter_selectivity !== undefined && out.filter_selectivity < 1) delete out.filter_selectivity;
    // Without k, Elasticsearch's default k (10) is the floor num_candidates must reach.
    const kDefault = loadSearchParams().k_default.value;
    if (out.k === undefined && out.num_candidates !== undefined && out.num_candidates < kDefault) out.num_candidates = kDefault;
    return out;
  });
}

/** index: a pinned primary count (1 to 1024, log-spread), force_merged and source_vectors. */
function indexSection(): fc.Arbitrary<IndexInput> {
  // Pinned in about a quarter of the workloads, so the computed count stays the common case.
  const primaries = fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: logInteger(1, 1024) });
  return fc
    .record({ primaries, force_merged: fc.boolean(), source_vectors: fc.boolean() }, { requiredKeys: [] })
    .map(dropUndefined);
}

/** A valid workload input (before defaults), across versions, licenses, index types, zones and providers. */
export function workloadInput(range: Range = 'realistic', options: GeneratorOptions = {}): fc.Arbitrary<WorkloadInput> {
  const extended = options.extended ?? false;
  return fc
    .record({ version: fc.constantFrom(...supportedVersions()), license: fc.constantFrom(...LICENSES) })
    .chain(({ version, license }) =>
      fc.record(
        {
          format_version: fc.constant(1 as const),
          name: fc.constant('generated'),
          elasticsearch: fc.constant({ version, license }),
          corpus: fc.record(
            {
              documents: range === 'realistic' ? logInteger(1_000, 5_000_000_000) : logInteger(1, Number.MAX_SAFE_INTEGER),
              source_bytes_per_document: range === 'realistic' ? logInteger(100, 200_000) : logInteger(1, Number.MAX_SAFE_INTEGER),
              growth: fc.record({
                monthly_rate: fc.double({ min: 0, max: range === 'realistic' ? 0.2 : 10, noNaN: true }),
                months: fc.integer({ min: 0, max: range === 'realistic' ? 36 : 120 }),
              }),
            },
            { requiredKeys: ['documents', 'source_bytes_per_document'] },
          ),
          vectors: fc
            .integer({ min: 0, max: range === 'realistic' ? 3 : 6 })
            .chain((n) => (n === 0 ? fc.constant([]) : fc.tuple(...Array.from({ length: n }, (_, i) => vectorField(`embedding_${i}`, version, license, range))))),
          search: searchSection(range, extended),
          ...(extended ? { index: indexSection() } : {}),
          availability: fc.record({
            zones: extended ? fc.constantFrom(1 as const, 2 as const, 3 as const) : fc.constantFrom(2 as const, 3 as const),
            replicas: fc.integer({ min: 0, max: range === 'realistic' ? 2 : 10 }),
          }),
          deployment: fc.constantFrom(...PROVIDERS).chain((provider) =>
            fc.record(
              {
                provider: fc.constant(provider),
                price_usd_per_gb_ram_hour: provider === 'elastic-cloud' ? fc.double({ min: 0.001, max: 1, noNaN: true }) : fc.constant(undefined),
              },
              { requiredKeys: ['provider'] },
            ).map(dropUndefined),
          ),
          inference: fc.oneof(
            fc.constant({ placement: 'external' as const }),
            fc.record(
              { placement: fc.constant('ml_nodes' as const), model_memory_gib: fc.double({ min: 0.5, max: range === 'realistic' ? 64 : 1024, noNaN: true }) },
              { requiredKeys: ['placement'] },
            ),
          ),
          assumptions: fc.record(
            {
              constants: fc.constantFrom('codec' as const, 'docs' as const),
              index_overhead_ratio: fc.double({ min: 0, max: range === 'realistic' ? 1.5 : 10, noNaN: true }),
              ram_headroom_ratio: fc.double({ min: 0, max: range === 'realistic' ? 0.5 : 1, noNaN: true }),
            },
            { requiredKeys: [] },
          ),
        },
        { requiredKeys: ['corpus', 'elasticsearch', 'vectors'] },
      ),
    );
}

export interface TopologyOptions {
  /**
   * Decades of one copy's raw vector bytes (dims x 4 bytes x vectors) to spread over, log-uniform.
   * The default, 10^11.4 (250 GB) to 10^12.4 (2.5 TB), reaches from the three-node minimum to tens of
   * data nodes, a seventh of them at 6 (measured in test/recommend/topology-reach.property.test.ts).
   */
  vector_bytes_log10?: { min: number; max: number };
}

const COMMON_DIMS = [256, 384, 512, 768, 1024, 1536, 3072] as const;

/**
 * A valid workload input aimed at the topology decisions: how many data nodes, how large, and
 * whether dedicated masters come in. Documents follow from a log-uniform vector-byte target and
 * the drawn dimensions, so small and large clusters are equally likely on a log scale.
 */
export function topologyWorkload(options: TopologyOptions = {}): fc.Arbitrary<WorkloadInput> {
  const bytesLog = options.vector_bytes_log10 ?? { min: 11.4, max: 12.4 };
  return fc
    .record({ version: fc.constantFrom(...supportedVersions()), license: fc.constantFrom(...LICENSES) })
    .chain(({ version, license }) => {
      const element: ElementType = 'float';
      const field = (name: string) =>
        fc.record({
          field: fc.constant(name),
          dims: fc.constantFrom(...COMMON_DIMS),
          element_type: fc.constant(element),
          index_type: fc.constantFrom(...allowedIndexTypes(element, version, license)),
        });
      return fc.record({
        format_version: fc.constant(1 as const),
        name: fc.constant('generated-topology'),
        elasticsearch: fc.constant({ version, license }),
        bytes_log10: fc.double({ min: bytesLog.min, max: bytesLog.max, noNaN: true, noDefaultInfinity: true }),
        vectors: fc.oneof({ weight: 3, arbitrary: fc.tuple(field('embedding_0')) }, { weight: 1, arbitrary: fc.tuple(field('embedding_0'), field('embedding_1')) }),
        source_bytes_per_document: logInteger(200, 10_000),
        growth: fc.oneof(
          { weight: 2, arbitrary: fc.constant({ monthly_rate: 0, months: 0 }) },
          { weight: 1, arbitrary: fc.record({ monthly_rate: fc.double({ min: 0, max: 0.1, noNaN: true }), months: fc.integer({ min: 1, max: 24 }) }) },
        ),
        // log-uniform 0.1 to 10,000 QPS, or none
        peak_qps: fc.oneof(
          { weight: 1, arbitrary: fc.constant(undefined) },
          { weight: 3, arbitrary: fc.double({ min: -1, max: 4, noNaN: true, noDefaultInfinity: true }).map((e) => 10 ** e) },
        ),
        recall_target: fc.constantFrom(undefined, 0.9, 0.95, 0.99),
        zones: fc.constantFrom(2 as const, 3 as const),
        replicas: fc.constantFrom(1, 1, 1, 2),
        provider: fc.constantFrom(...PROVIDERS),
        node_sizing: fc.constantFrom('reference' as const, 'reference' as const, 'fit' as const),
        price: fc.double({ min: 0.005, max: 0.05, noNaN: true }),
      });
    })
    .map((w) => {
      const rawBytesPerDocument = w.vectors.reduce((a, v) => a + v.dims * 4, 0);
      const documents = Math.max(1000, Math.round(10 ** w.bytes_log10 / rawBytesPerDocument));
      const search: NonNullable<WorkloadInput['search']> = {};
      if (w.peak_qps !== undefined) search.peak_qps = w.peak_qps;
      if (w.recall_target !== undefined) search.recall_target = w.recall_target;
      const input: WorkloadInput = {
        format_version: w.format_version,
        name: w.name,
        elasticsearch: w.elasticsearch,
        corpus: { documents, source_bytes_per_document: w.source_bytes_per_document, growth: w.growth },
        vectors: w.vectors.map((v) => ({ ...v })),
        search,
        availability: { zones: w.zones, replicas: w.replicas },
        deployment: {
          provider: w.provider,
          node_sizing: w.node_sizing,
          ...(w.provider === 'elastic-cloud' ? { price_usd_per_gb_ram_hour: w.price } : {}),
        },
      };
      return input;
    });
}
