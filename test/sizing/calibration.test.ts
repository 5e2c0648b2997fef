/** calibrationFromMeasurements and the entry matcher (src/sizing/calibration.ts), with figures worked by hand. */
import { describe, expect, it } from 'vitest';
import { calibrationSchema, type MeasuredVectorField } from '../../src/model/calibration.js';
import { calibrationFromMeasurements, findCalibrationEntry } from '../../src/sizing/calibration.js';

const meta = {
  created: '2026-11-30T09:15:00Z',
  esplanVersion: '0.9.0',
  cluster: { name: 'prod-vectors', uuid: 'Xk3fQ9', version: '9.2.1' },
};

const bbqHnsw = { index_type: 'bbq_hnsw', element_type: 'float', dims: 1024, m: 16 } as const;

const fields: MeasuredVectorField[] = [
  // Two indices with one mapping: merged into one entry, weighted by vectors.
  { index: 'docs-a', field: 'emb', ...bbqHnsw, vectors: 1000, files: { veb: 144_000, vec: 4_096_000, vex: 40_000 } },
  // vec missing (raw vectors opened with direct IO report no off-heap): absent, not 0.
  { index: 'docs-b', field: 'emb', ...bbqHnsw, vectors: 3000, files: { veb: 432_000, vex: 90_000 } },
  // No vectors (an empty index, or value_count 0 on stateless): says nothing, skipped.
  { index: 'docs-empty', field: 'emb', ...bbqHnsw, vectors: 0, files: { veb: 0, vex: 0 } },
  // bbq_disk builds no graph: its key has m null whatever the mapping carries.
  { index: 'items', field: 'item_embedding', index_type: 'bbq_disk', element_type: 'float', dims: 1024, m: 16, vectors: 2000, files: { vec: 8_192_000, cenivf: 100_000, clivf: 300_000 } },
  // No file reported at all (9.0, before off-heap stats): no entry.
  { index: 'old', field: 'v', index_type: 'int8_hnsw', element_type: 'float', dims: 384, m: 16, vectors: 10, files: {} },
  { index: 'codes', field: 'v', index_type: 'flat', element_type: 'byte', dims: 128, m: 16, vectors: 100, files: { vec: 12_800 } },
];

describe('calibrationFromMeasurements', () => {
  const cal = calibrationFromMeasurements(fields, meta);

  it('writes a file the calibration schema accepts, with the meta as given', () => {
    expect(calibrationSchema.parse(cal)).toEqual(cal);
    expect(cal.kind).toBe('esplan-calibration');
    expect(cal.created).toBe('2026-11-30T09:15:00Z');
    expect(cal.esplan_version).toBe('0.9.0');
    expect(cal.cluster).toEqual(meta.cluster);
  });

  it('one entry per key, in key order; fields without vectors or files leave none', () => {
    expect(cal.entries.map((e) => `${e.index_type}/${e.element_type}/${e.dims}/${e.m}`)).toEqual([
      'bbq_disk/float/1024/null',
      'bbq_hnsw/float/1024/16',
      'flat/byte/128/null',
    ]);
  });

  it('merges the fields of one key vector-weighted, each file over the fields that measured it', () => {
    const e = cal.entries.find((x) => x.index_type === 'bbq_hnsw')!;
    // veb: (144,000 + 432,000) / (1,000 + 3,000) = 576,000 / 4,000 = 144
    // vex: (40,000 + 90,000) / 4,000 = 32.5 (the unweighted mean of 40 and 30 would be 35)
    // vec: docs-b did not report it, so 4,096,000 / 1,000 = 4,096 (not 4,096,000 / 4,000 = 1,024)
    expect(e.bytes_per_vector).toEqual({ veb: 144, vex: 32.5, vec: 4096 });
    expect(e.vectors).toBe(4000);
    expect(e.measured_on).toEqual([
      { index: 'docs-a', field: 'emb', vectors: 1000 },
      { index: 'docs-b', field: 'emb', vectors: 3000 },
    ]);
  });

  it('leaves out files never measured (absent is not 0)', () => {
    const disk = cal.entries.find((x) => x.index_type === 'bbq_disk')!;
    // cenivf 100,000 / 2,000 = 50; clivf 300,000 / 2,000 = 150; vec 8,192,000 / 2,000 = 4,096
    expect(disk.bytes_per_vector).toEqual({ vec: 4096, cenivf: 50, clivf: 150 });
    expect('veb' in disk.bytes_per_vector).toBe(false);
    const flat = cal.entries.find((x) => x.index_type === 'flat')!;
    // 12,800 / 100 = 128 bytes: 128 byte dims, one byte each
    expect(flat.bytes_per_vector).toEqual({ vec: 128 });
  });

  it('keeps a file measured as 0 (measured empty is a measurement)', () => {
    const c = calibrationFromMeasurements([{ index: 'i', field: 'f', ...bbqHnsw, vectors: 10, files: { veb: 1440, vex: 0 } }], meta);
    expect(c.entries[0]!.bytes_per_vector).toEqual({ veb: 144, vex: 0 });
  });

  it('an empty cluster gives a file with no entries', () => {
    expect(calibrationFromMeasurements([], meta).entries).toEqual([]);
  });
});

describe('findCalibrationEntry', () => {
  const cal = calibrationFromMeasurements(fields, meta);
  it('matches on index type, element type, dims and m', () => {
    expect(findCalibrationEntry(cal, bbqHnsw)?.vectors).toBe(4000);
    expect(findCalibrationEntry(cal, { ...bbqHnsw, m: 32 })).toBeUndefined();
    expect(findCalibrationEntry(cal, { ...bbqHnsw, dims: 768 })).toBeUndefined();
    expect(findCalibrationEntry(cal, { ...bbqHnsw, element_type: 'bfloat16' })).toBeUndefined();
    expect(findCalibrationEntry(cal, { ...bbqHnsw, index_type: 'int8_hnsw' })).toBeUndefined();
  });
  it('ignores m for types without a graph', () => {
    expect(findCalibrationEntry(cal, { index_type: 'bbq_disk', element_type: 'float', dims: 1024, m: 48 })?.vectors).toBe(2000);
    expect(findCalibrationEntry(cal, { index_type: 'flat', element_type: 'byte', dims: 128, m: undefined })?.vectors).toBe(100);
  });
});

describe('calibrationSchema refuses an ambiguous or inconsistent file', () => {
  const good = calibrationFromMeasurements(fields, meta);
  const issues = (doc: unknown) => {
    const r = calibrationSchema.safeParse(doc);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  it('accepts what calibrationFromMeasurements writes', () => expect(issues(good)).toEqual([]));
  it('two entries with one key', () => {
    expect(issues({ ...good, entries: [good.entries[1], good.entries[1]] })).toEqual([
      'entries.1: repeats the key of entries[0] (bbq_hnsw/float/1024/16); a field could match either: keep one',
    ]);
  });
  it('m null on an HNSW type, m set on a type without a graph', () => {
    const [disk, hnsw] = good.entries;
    expect(issues({ ...good, entries: [{ ...hnsw, m: null }] })[0]).toMatch(/^entries\.0\.m: must be the HNSW m/);
    expect(issues({ ...good, entries: [{ ...disk, m: 16 }] })[0]).toMatch(/^entries\.0\.m: must be null for bbq_disk/);
  });
});
