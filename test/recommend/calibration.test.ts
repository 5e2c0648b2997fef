/**
 * recommend/evaluate with a calibration (issue 14 item 3): a calibration built from hand-made
 * measurements sizes the matching field's measured files as bytes_per_vector x vector_count, the
 * rest stays the model's, and the plan says so (plan.calibration, warnings, measurement basis).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { planSchema, type Plan, type VectorSizing } from '../../src/model/plan.js';
import { parseWorkload } from '../../src/model/parse-workload.js';
import type { Workload } from '../../src/model/workload.js';
import { buildEvaluation, buildPlan } from '../../src/recommend/build-plan.js';
import { calibrationFromMeasurements, type SizingCalibration } from '../../src/sizing/calibration.js';
import { modelData } from '../helpers/model-data.js';

const examples = join(import.meta.dirname, '..', '..', 'examples');
const example = (name: string): Workload => parseWorkload(parse(readFileSync(join(examples, name), 'utf8')));

const meta = { created: '2026-11-30T09:15:00Z', esplanVersion: '0.9.0', cluster: { name: 'prod-vectors', uuid: 'Xk3fQ9', version: '9.2.1' } };

// rag-assistant.yaml: content_embedding, 1024-dim float, m 16, auto = bbq_hnsw on 9.2.
// Measured: 2,000,000 vectors, veb 288,000,000 B (144 B/vector) and vex 65,000,000 B (32.5 B/vector);
// vec not reported (direct IO), so the model keeps sizing the raw vectors.
const calibration: SizingCalibration = {
  file: 'cal.json',
  calibration: calibrationFromMeasurements(
    [{ index: 'support-docs', field: 'content_embedding', index_type: 'bbq_hnsw', element_type: 'float', dims: 1024, m: 16, vectors: 2_000_000, files: { veb: 288_000_000, vex: 65_000_000 } }],
    meta,
  ),
};

const plan = (w: Workload, cal?: SizingCalibration): Plan => buildPlan(w, { esplanVersion: 'test', data: modelData, ...(cal ? { calibration: cal } : {}) });
const file = (v: VectorSizing, ext: string) => v.files.find((f) => f.ext === ext)!;

describe('recommend with a calibration: rag-assistant.yaml', () => {
  const w = example('rag-assistant.yaml');
  const model = plan(w);
  const calibrated = plan(w, calibration);
  const v = calibrated.sizing.vectors[0]!;
  const m = model.sizing.vectors[0]!;

  it('is a valid plan document', () => {
    expect(planSchema.safeParse(calibrated).success).toBe(true);
  });

  it('sizes each measured file as bytes_per_vector x vector_count', () => {
    expect(v.vector_count).toBe(m.vector_count); // the horizon's vectors are the workload's, not the cluster's
    expect(file(v, 'veb').bytes).toBe(v.vector_count * 144);
    // vectors.file_bytes rounds up: ceil(vectors x 32.5)
    expect(file(v, 'vex').bytes).toBe(Math.ceil(v.vector_count * 32.5));
    expect(file(v, 'veb').bytes).not.toBe(file(m, 'veb').bytes); // the model has 142 B/vector (16,196,643,824 / 114,060,872)
  });

  it('keeps the model for files the calibration did not measure, and its residency', () => {
    expect(file(v, 'vec').bytes).toBe(file(m, 'vec').bytes);
    expect(v.files.map((f) => [f.ext, f.resident])).toEqual(m.files.map((f) => [f.ext, f.resident]));
  });

  it('ram and disk follow: resident files veb + vex, disk every file, all copies x 3', () => {
    const ram = file(v, 'veb').bytes + file(v, 'vex').bytes;
    expect(v.ram_bytes).toBe(ram);
    expect(v.disk_bytes).toBe(ram + file(v, 'vec').bytes);
    expect(calibrated.sizing.vector_ram_bytes).toBe(ram);
    expect(calibrated.sizing.total_ram_bytes).toBe(ram * 3); // replicas 2: three copies
    expect(calibrated.sizing.primary_disk_bytes - model.sizing.primary_disk_bytes).toBe(v.disk_bytes - m.disk_bytes);
  });

  it('names the file, its date and cluster, and the field sized from it', () => {
    expect(calibrated.calibration).toEqual({
      file: 'cal.json',
      created: '2026-11-30T09:15:00Z',
      cluster: meta.cluster,
      applied: [{ field: 'content_embedding', index_type: 'bbq_hnsw', element_type: 'float', dims: 1024, m: 16, bytes_per_vector: { veb: 144, vex: 32.5 } }],
      unmatched_fields: [],
    });
    expect(calibrated.warnings.map((x) => x.code)).toContain('CALIBRATION_USED');
    expect(calibrated.warnings.map((x) => x.code)).not.toContain('CALIBRATION_UNMATCHED');
    expect(calibrated.warnings.find((x) => x.code === 'CALIBRATION_USED')!.message).toContain('1 of 1 vector fields (content_embedding)');
  });

  it('lists each calibrated file in basis as a measurement naming the file, date and cluster', () => {
    const veb = calibrated.basis.find((b) => b.id === 'calibration.file_bytes[content_embedding.veb]')!;
    expect(veb).toMatchObject({ kind: 'measurement', inputs: { vectors: v.vector_count, bytes_per_vector: 144 }, result: file(v, 'veb').bytes, unit: 'bytes' });
    expect(veb.source).toContain('cal.json');
    expect(veb.source).toContain('2026-11-30T09:15:00Z');
    expect(veb.source).toContain('prod-vectors');
    expect(veb.source).toContain('support-docs/content_embedding (2000000 vectors)');
    expect(calibrated.basis.find((b) => b.id === 'calibration.file_bytes[content_embedding.vex]')?.kind).toBe('measurement');
    // The model's graph estimate is not evaluated for a measured graph; its raw-vector figure still is.
    expect(calibrated.basis.some((b) => b.id === 'vectors.hnsw.expected_graph_bytes[content_embedding]')).toBe(false);
    expect(model.basis.some((b) => b.id === 'vectors.hnsw.expected_graph_bytes[content_embedding]')).toBe(true);
    expect(calibrated.basis.some((b) => b.id === 'vectors.file_bytes[content_embedding.vec]')).toBe(true);
  });

  it('without a calibration the plan has no calibration key, warning or measurement', () => {
    expect('calibration' in model).toBe(false);
    expect(model.warnings.some((x) => x.code.startsWith('CALIBRATION'))).toBe(false);
    expect(model.basis.some((b) => b.kind === 'measurement')).toBe(false);
  });

  it('evaluate sizes with it too', () => {
    const e = buildEvaluation(w, { instance_type: 'r6gd.8xlarge', nodes: 6 }, { esplanVersion: 'test', data: modelData, calibration });
    expect(e.sizing.vectors[0]!.ram_bytes).toBe(v.ram_bytes);
    expect(e.calibration?.file).toBe('cal.json');
    expect(e.capacity?.ram.needed_bytes).toBeGreaterThan(0);
  });
});

describe('fields the calibration has no entry for', () => {
  // rag-assistant with a second, 384-dim int8_hnsw field: no entry has its key.
  const base = example('rag-assistant.yaml');
  const raw = parse(readFileSync(join(examples, 'rag-assistant.yaml'), 'utf8')) as { vectors: object[] };
  const w = parseWorkload({ ...raw, vectors: [...raw.vectors, { field: 'title_embedding', dims: 384, element_type: 'float', index_type: 'int8_hnsw', m: 16 }] });
  const model = plan(w);
  const calibrated = plan(w, calibration);

  it('keep the model figures and are listed, with a warning', () => {
    expect(base.vectors?.length).toBe(1);
    expect(calibrated.sizing.vectors[1]).toEqual(model.sizing.vectors[1]);
    expect(calibrated.calibration?.unmatched_fields).toEqual(['title_embedding']);
    expect(calibrated.calibration?.applied.map((a) => a.field)).toEqual(['content_embedding']);
    const unmatched = calibrated.warnings.find((x) => x.code === 'CALIBRATION_UNMATCHED')!;
    expect(unmatched.message).toContain('title_embedding');
    expect(calibrated.warnings.find((x) => x.code === 'CALIBRATION_USED')!.message).toContain('1 of 2 vector fields');
  });

  it('a calibration with no matching entry changes no figure', () => {
    const other: SizingCalibration = {
      file: 'other.json',
      calibration: calibrationFromMeasurements([{ index: 'x', field: 'y', index_type: 'hnsw', element_type: 'byte', dims: 64, m: 8, vectors: 10, files: { vec: 640 } }], meta),
    };
    const p = plan(base, other);
    expect(p.sizing).toEqual(plan(base).sizing);
    expect(p.calibration?.applied).toEqual([]);
    expect(p.calibration?.unmatched_fields).toEqual(['content_embedding']);
  });
});

describe('bbq_disk: the planned resident share of the posting lists stays the model\'s', () => {
  // diskbbq-catalog.yaml: item_embedding, 1024-dim float bbq_disk on 9.4. Measured 1,000,000
  // vectors: cenivf 6,000,000 B (6 B/vector), clivf 180,000,000 B (180 B/vector).
  const w = example('diskbbq-catalog.yaml');
  const cal: SizingCalibration = {
    file: 'disk.json',
    calibration: calibrationFromMeasurements(
      [{ index: 'items', field: 'item_embedding', index_type: 'bbq_disk', element_type: 'float', dims: 1024, m: null, vectors: 1_000_000, files: { cenivf: 6_000_000, clivf: 180_000_000 } }],
      { ...meta, cluster: { ...meta.cluster, version: '9.4.0' } },
    ),
  };
  const p = plan(w, cal);
  const m = plan(w).sizing.vectors[0]!;
  const v = p.sizing.vectors[0]!;

  it('centroids and posting lists from the file, RAM = centroids + fraction x posting lists', () => {
    expect(file(v, 'cenivf').bytes).toBe(v.vector_count * 6);
    expect(file(v, 'clivf').bytes).toBe(v.vector_count * 180);
    expect(v.resident_fraction).toBe(m.resident_fraction);
    // vectors.ivf.ram_bytes: ceil(centroid_bytes + fraction x posting_bytes)
    expect(v.ram_bytes).toBe(Math.ceil(file(v, 'cenivf').bytes + v.resident_fraction! * file(v, 'clivf').bytes));
    expect(file(v, 'clivf').resident_bytes).toBe(v.ram_bytes - file(v, 'cenivf').bytes);
    expect(file(v, 'vec').bytes).toBe(file(m, 'vec').bytes);
    expect(p.warnings.some((x) => x.code === 'CALIBRATION_VERSION_DIFFERS')).toBe(false);
  });
});

describe('a calibration measured on another minor version', () => {
  it('warns that file formats can change between versions', () => {
    const p = plan(example('rag-assistant.yaml'), { ...calibration, calibration: { ...calibration.calibration, cluster: { ...meta.cluster, version: '9.1.3' } } });
    expect(p.warnings.find((x) => x.code === 'CALIBRATION_VERSION_DIFFERS')?.message).toContain('9.1.3');
  });
});
