/**
 * One dense_vector field, one copy: the files its index type writes, which of them must stay in
 * page cache (ram_bytes) and what all of them take on disk (disk_bytes). Every figure comes from
 * formulas/vectors.json through a Derivation, so it lands in basis with its source.
 */
import { indexTypeInfo, type IndexType, type IndexTypesData } from '../data/index-types.js';
import type { VectorSizing, Warning } from '../model/plan.js';
import { compareVersions } from '../model/version.js';
import type { ConstantSet, VectorField } from '../model/workload.js';
import type { Derivation } from './derivation.js';
import type { CalibrationEntry } from '../model/calibration.js';
import { findCalibrationEntry, type SizingCalibration } from './calibration.js';

export type VectorFile = VectorSizing['files'][number];
type FileExt = VectorFile['ext'];

const FILE_DESCRIPTIONS: Record<FileExt, string> = {
  vec: 'raw vectors',
  veq: 'scalar-quantized (int8/int4) codes',
  veb: 'BBQ binary codes',
  vex: 'HNSW graph (expected size)',
  cenivf: 'DiskBBQ centroids',
  clivf: 'DiskBBQ posting lists (clusters)',
};

export interface VectorFieldRequest {
  field: VectorField;
  index_type: IndexType;
  index_type_reason: string;
  /** Documents at the planning horizon. */
  documents: number;
  version: string;
  constants: ConstantSet;
  /** recommend --calibration FILE: files its matching entry measured are sized from it. */
  calibration?: SizingCalibration;
}

export interface VectorFieldResult {
  sizing: VectorSizing;
  warnings: Warning[];
  /** With a calibration: the entry the field was sized from, or null when it had none for the field's key. */
  calibrated?: CalibrationEntry | null;
}

export function sizeVectorField(d: Derivation, types: IndexTypesData, req: VectorFieldRequest): VectorFieldResult {
  const { field, constants: set } = req;
  const name = field.field;
  const info = indexTypeInfo(types, req.index_type);
  const warnings: Warning[] = [];

  const vectors = d.eval('vectors.count', { documents: req.documents, per_document: field.per_document }, name);
  const files: VectorFile[] = [];
  const resident = new Set(d.str(`vectors.resident_files.${req.index_type}`).split(','));
  const addFile = (ext: FileExt, bytes: number, residentBytes?: number) =>
    files.push({
      ext,
      description: FILE_DESCRIPTIONS[ext],
      bytes,
      resident: resident.has(ext),
      ...(residentBytes !== undefined ? { resident_bytes: residentBytes } : {}),
    });
  const fileBytes = (ext: FileExt, perVector: number) =>
    d.eval('vectors.file_bytes', { vectors, bytes_per_vector: perVector }, `${name}.${ext}`);

  // A calibration entry for the field's key replaces the model's figure of each file it measured;
  // the model's formulas for that file are then not evaluated (nor listed in basis).
  const entry = req.calibration ? (findCalibrationEntry(req.calibration.calibration, { ...field, index_type: req.index_type }) ?? null) : undefined;
  const sized = (ext: FileExt, model: () => number): number => {
    const perVector = entry?.bytes_per_vector[ext];
    return perVector === undefined || !req.calibration ? model() : measuredFileBytes(d, name, ext, vectors, perVector, entry!, req.calibration);
  };

  // Raw vectors are always written, whatever the index type (quantized types rescore from them).
  addFile('vec', sized('vec', () => fileBytes('vec', d.eval(`vectors.${set}.raw.${field.element_type}.bytes_per_vector`, { dims: field.dims }, name))));

  if (info.structure !== 'ivf' && info.quantization !== 'none') {
    const ext: FileExt = info.quantization === 'bbq' ? 'veb' : 'veq';
    const quantization = info.quantization;
    addFile(ext, sized(ext, () => fileBytes(ext, d.eval(`vectors.${set}.${codeFormula(d, quantization, req.version)}.code_bytes`, { dims: field.dims }, name))));
  }

  let graphBound: number | undefined;
  if (info.structure === 'hnsw') {
    graphBound = d.eval('vectors.hnsw.graph_bound_bytes', { vectors, m: field.m }, name);
    addFile('vex', sized('vex', () => expectedGraphBytes(d, name, vectors, field.m, req.version)));
  }

  let ramBand: VectorSizing['ram_band'];
  let ivfRam: number | undefined;
  let residentFraction: number | undefined;
  if (info.structure === 'ivf') {
    const ivf = sizeDiskBbq(d, req, vectors, warnings, types, sized);
    addFile('cenivf', ivf.centroidBytes);
    addFile('clivf', ivf.postingBytes, ivf.plannedRam - ivf.centroidBytes);
    ramBand = { low_bytes: ivf.low, high_bytes: ivf.high };
    ivfRam = ivf.plannedRam;
    residentFraction = ivf.fraction;
  }

  const residentFiles = files.filter((f) => f.resident);
  const ramBytes =
    ivfRam ?? sumEntry(d, `vectors.ram_bytes[${name}]`, 'Off-heap RAM (page cache) one copy needs for fast search: the resident files', residentFiles, `vectors.resident_files.${req.index_type}`);
  const diskBytes = sumEntry(d, `vectors.disk_bytes[${name}]`, 'Bytes on disk for one copy: every vector file', files, 'vectors.file_bytes');

  const quantizeMin = d.num('vectors.quantize_recommended_min_dims');
  if (info.quantization === 'none' && info.structure !== 'ivf' && ['float', 'bfloat16'].includes(field.element_type) && field.dims >= quantizeMin) {
    warnings.push({
      code: 'FLOAT_VECTORS_UNQUANTIZED',
      message: `${name}: ${field.dims}-dim ${field.element_type} vectors with ${req.index_type} keep raw vectors in RAM; Elastic highly recommends a quantized index (int8_hnsw, bbq_hnsw) at ${quantizeMin} dims or more.`,
    });
  }

  return {
    sizing: {
      field: name,
      index_type: req.index_type,
      index_type_reason: req.index_type_reason,
      element_type: field.element_type,
      dims: field.dims,
      vector_count: vectors,
      ram_bytes: ramBytes,
      disk_bytes: diskBytes,
      ...(ramBand ? { ram_band: ramBand } : {}),
      ...(residentFraction !== undefined ? { resident_fraction: residentFraction } : {}),
      ...(graphBound !== undefined ? { graph_bound_bytes: graphBound } : {}),
      files,
    },
    warnings,
    ...(entry !== undefined ? { calibrated: entry } : {}),
  };
}

/**
 * One file of a calibrated field: the measured bytes per vector times the field's vectors at the
 * horizon, through the model's own vectors.file_bytes arithmetic, recorded as a measurement whose
 * source names the calibration file, when it was read and from which cluster.
 */
function measuredFileBytes(
  d: Derivation,
  name: string,
  ext: FileExt,
  vectors: number,
  perVector: number,
  entry: CalibrationEntry,
  calibration: SizingCalibration,
): number {
  const c = calibration.calibration;
  const where = entry.measured_on.map((m) => `${m.index}/${m.field} (${m.vectors} vectors)`).join(', ');
  return d.evalAs('vectors.file_bytes', { vectors, bytes_per_vector: perVector }, {
    id: `calibration.file_bytes[${name}.${ext}]`,
    kind: 'measurement',
    description: `${name} .${ext} (${FILE_DESCRIPTIONS[ext]}) sized from bytes per vector measured on a live cluster instead of the model`,
    source: `calibration file ${calibration.file} (created ${c.created}, cluster ${c.cluster.name} ${c.cluster.uuid}, Elasticsearch ${c.cluster.version}); entry ${entry.index_type}/${entry.element_type}/${entry.dims}/m=${entry.m ?? 'none'} measured on ${where}`,
  });
}

/**
 * int8/int4 code bytes follow the quantizer the version writes: the Lucene 10.4 OSQ formats from
 * `vectors.codec.osq_scalar_quantization_since` (codec +16 per vector), the Lucene99 scalar
 * quantizer before it (the `_legacy` formulas, +4). The docs set says +4 on both sides.
 */
function codeFormula(d: Derivation, quantization: 'int8' | 'int4' | 'bbq', version: string): string {
  if (quantization === 'bbq') return quantization;
  return compareVersions(version, d.str('vectors.codec.osq_scalar_quantization_since')) >= 0 ? quantization : `${quantization}_legacy`;
}

/** Expected .vex bytes from how Lucene writes the graph (delta-encoded neighbour lists). */
function expectedGraphBytes(d: Derivation, name: string, vectors: number, m: number, version: string): number {
  const segmentVectors = d.eval(
    'vectors.hnsw.segment_vectors',
    { vectors, max_merged_segment_bytes: d.num('lucene.max_merged_segment_bytes'), reference_vector_bytes: d.num('hnsw.reference_vector_bytes') },
    name,
  );
  const groupVarint = compareVersions(version, d.str('lucene.hnsw_group_varint_since')) >= 0;
  const perVector = graphBytesPerVector(d, name, { segment_vectors: segmentVectors, m, group_varint: groupVarint });
  return d.eval('vectors.hnsw.expected_graph_bytes', { vectors, bytes_per_vector: perVector }, name);
}

export interface GraphSegment {
  /** Vectors in the segment: sets the gaps between sorted neighbour ids. */
  segment_vectors: number;
  m: number;
  /** Lucene 10.3+ (Elasticsearch 9.2+) writes neighbour deltas as group-varints, earlier as VInts. */
  group_varint: boolean;
}

/**
 * Expected .vex bytes per vector in one segment: level-0 node plus the upper-level nodes, each a
 * VInt count, `degree` delta-encoded neighbour ids and an offset entry (formulas/vectors.json
 * vectors.hnsw.*). Exported for the validation against measured graphs.
 */
export function graphBytesPerVector(d: Derivation, name: string, g: GraphSegment): number {
  const fill = d.num('hnsw.level0_fill_ratio');
  const offsetBytes = d.num('hnsw.offset_bytes_per_node');
  const encoding = g.group_varint ? 'lucene.group_vint_expected_bytes' : 'lucene.vint_expected_bytes';
  const level = (scope: string, degree: number, maxConnections: number): number => {
    const gap = d.eval('vectors.hnsw.neighbour_gap', { segment_vectors: g.segment_vectors, degree }, `${name}.${scope}`);
    const deltaBytes = d.eval(encoding, { gap }, `${name}.${scope}`);
    return d.eval(
      'vectors.hnsw.node_bytes',
      { max_connections: maxConnections, degree, vint_bytes: deltaBytes, offset_bytes_per_node: offsetBytes },
      `${name}.${scope}`,
    );
  };
  const level0Cap = d.eval('vectors.hnsw.level0_max_connections', { m: g.m }, name);
  const level0 = level('level0', d.eval('vectors.hnsw.level0_degree', { level0_fill_ratio: fill, m: g.m }, name), level0Cap);
  const upper = level('upper', d.eval('vectors.hnsw.upper_degree', { level0_fill_ratio: fill, m: g.m }, name), g.m);
  const share = d.eval('vectors.hnsw.upper_level_share', { m: g.m }, name);
  return d.eval('vectors.hnsw.bytes_per_vector', { level0_node_bytes: level0, upper_level_share: share, upper_node_bytes: upper }, name);
}

interface DiskBbqSizing {
  centroidBytes: number;
  postingBytes: number;
  low: number;
  high: number;
  plannedRam: number;
  /** Share of the posting lists plannedRam keeps resident. */
  fraction: number;
}

function sizeDiskBbq(
  d: Derivation,
  req: VectorFieldRequest,
  vectors: number,
  warnings: Warning[],
  types: IndexTypesData,
  sized: (ext: FileExt, model: () => number) => number,
): DiskBbqSizing {
  const { field, constants: set } = req;
  const name = field.field;
  // Cluster size and bits are the mapping's (and may warn), so they are read even when calibrated.
  const clusterSize = field.cluster_size ?? d.num('bbq_disk.default_cluster_size');
  const bits = diskBbqBits(d, req, warnings, types);
  const centroidBytes = sized('cenivf', () => {
    const clusters = d.eval(`vectors.${set}.ivf.clusters`, { vectors, cluster_size: clusterSize }, name);
    const perCluster = d.eval(`vectors.${set}.ivf.centroid_bytes_per_cluster`, { dims: field.dims }, name);
    return d.eval('vectors.ivf.centroid_file_bytes', { clusters, bytes_per_cluster: perCluster }, name);
  });
  const postingBytes = sized('clivf', () => {
    const perVector = d.eval(
      `vectors.${set}.ivf.posting_bytes_per_vector`,
      { dims: field.dims, bits, soar_spill_factor: d.num('bbq_disk.soar_spill_factor') },
      name,
    );
    return d.eval('vectors.file_bytes', { vectors, bytes_per_vector: perVector }, `${name}.clivf`);
  });
  const ram = (scope: string, fraction: number) =>
    d.eval('vectors.ivf.ram_bytes', { centroid_bytes: centroidBytes, fraction, posting_bytes: postingBytes }, `${name}.${scope}`);
  const lowFraction = d.num('bbq_disk.ram_band_low_fraction');
  const highFraction = d.num('bbq_disk.ram_band_high_fraction');
  let fraction: number;
  if (field.resident_fraction !== undefined) {
    fraction = field.resident_fraction;
    d.note({
      id: `bbq_disk.resident_fraction[${name}]`,
      kind: 'policy',
      description: 'Share of DiskBBQ posting lists planned to stay in page cache, set in the workload',
      result: fraction,
      unit: 'ratio',
      source: 'workload vectors[].resident_fraction',
    });
    if (fraction < lowFraction || fraction > highFraction) {
      warnings.push({
        code: 'RESIDENT_FRACTION_OUTSIDE_BAND',
        message: `${name}: resident_fraction ${fraction} is outside Elastic's ${lowFraction}-${highFraction} band of posting lists in RAM for bbq_disk.`,
      });
    }
  } else {
    fraction = d.num('bbq_disk.resident_fraction');
  }
  return {
    centroidBytes,
    postingBytes,
    low: ram('low', lowFraction),
    high: ram('high', highFraction),
    plannedRam: ram('planned', fraction),
    fraction,
  };
}

function diskBbqBits(d: Derivation, req: VectorFieldRequest, warnings: Warning[], types: IndexTypesData): number {
  const { field } = req;
  const minVersion = d.str('bbq_disk.bits_min_version');
  if (field.bits !== undefined) {
    if (compareVersions(req.version, minVersion) >= 0) {
      d.note({
        id: `bbq_disk.bits[${field.field}]`,
        kind: 'policy',
        description: 'DiskBBQ bits per dimension, set in the workload',
        result: field.bits,
        unit: 'bits',
        source: 'workload vectors[].bits',
      });
      return field.bits;
    }
    warnings.push({
      code: 'BBQ_DISK_BITS_IGNORED',
      message: `${field.field}: bits needs Elasticsearch ${minVersion} or later (workload targets ${req.version}); sized with the default bits instead.`,
    });
  }
  const threshold = types.bbq_dims_default_threshold.value;
  d.note({
    id: 'index_types.bbq_dims_default_threshold',
    kind: 'constant',
    description: 'Dimensions from which bbq defaults apply (DiskBBQ default bits switch from 4 to 1 here)',
    result: threshold,
    unit: 'dims',
    source: `${types.bbq_dims_default_threshold.source} (formulas/index-types.json)`,
  });
  return field.dims < threshold
    ? d.num('bbq_disk.default_bits_below_threshold')
    : d.num('bbq_disk.default_bits_at_or_above_threshold');
}

/** Records a sum of file sizes as a basis formula and returns it. */
function sumEntry(d: Derivation, id: string, description: string, files: VectorFile[], sourceId: string): number {
  const inputs: Record<string, number> = {};
  for (const f of files) inputs[f.ext] = f.bytes;
  const result = files.reduce((s, f) => s + f.bytes, 0);
  d.note({
    id,
    kind: 'formula',
    description,
    expression: files.length ? files.map((f) => f.ext).join(' + ') : '0',
    inputs,
    result,
    unit: 'bytes',
    source: `per-file figures above; residency rule ${sourceId} (formulas/vectors.json)`,
  });
  return result;
}
