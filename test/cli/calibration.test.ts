/**
 * `recommend --calibration FILE` and `evaluate --calibration FILE` as a user runs them: through the
 * built bundle (npm run build first), the published output schema, and bad files refused with the
 * field named and exit 1.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { planJsonSchema } from '../../src/model/json-schema.js';
import { calibrationFromMeasurements } from '../../src/sizing/calibration.js';
import { runInProcess, spawnCli } from '../helpers/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'esplan-cal-'));
function file(name: string, content: unknown): string {
  const p = join(tmp, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return p;
}

// One measured field with rag-assistant's key (bbq_hnsw, float, 1024 dims, m 16): 1,000,000 vectors,
// veb 150,000,000 B (150 B/vector), vex 30,000,000 B (30 B/vector), vec 4,096,000,000 B (4,096 B/vector).
const calibration = calibrationFromMeasurements(
  [{ index: 'support-docs-000001', field: 'content_embedding', index_type: 'bbq_hnsw', element_type: 'float', dims: 1024, m: 16, vectors: 1_000_000, files: { veb: 150_000_000, vex: 30_000_000, vec: 4_096_000_000 } }],
  { created: '2026-11-30T09:15:00Z', esplanVersion: '0.1.0', cluster: { name: 'prod-vectors', uuid: 'Xk3fQ9', version: '9.2.1' } },
);
const calFile = file('cal.json', calibration);

interface JsonPlan {
  calibration?: { file: string; created: string; cluster: { name: string }; applied: { field: string }[]; unmatched_fields: string[] };
  sizing: { vectors: { vector_count: number; ram_bytes: number; disk_bytes: number; files: { ext: string; bytes: number }[] }[]; total_ram_bytes: number };
  warnings: { code: string }[];
  basis: { id: string; kind: string; source: string }[];
}

describe('esplan recommend --calibration (built bundle)', () => {
  const r = spawnCli(['recommend', '-w', 'examples/rag-assistant.yaml', '--calibration', calFile, '--json']);
  const plan = JSON.parse(r.stdout) as JsonPlan;

  it('exits 0 with a plan the published output schema accepts', () => {
    expect(r.code, r.stderr).toBe(0);
    const validate = new Ajv2020({ strict: false, allErrors: true }).compile(planJsonSchema());
    expect(validate(plan), JSON.stringify(validate.errors)).toBe(true);
  });

  it('sizes every file of the field from the file: bytes_per_vector x vector_count', () => {
    const v = plan.sizing.vectors[0]!;
    const bytes = (ext: string) => v.files.find((f) => f.ext === ext)!.bytes;
    expect(bytes('veb')).toBe(v.vector_count * 150);
    expect(bytes('vex')).toBe(v.vector_count * 30);
    expect(bytes('vec')).toBe(v.vector_count * 4096);
    // bbq_hnsw keeps veb and vex resident: 180 B per vector; three copies
    expect(v.ram_bytes).toBe(v.vector_count * 180);
    expect(v.disk_bytes).toBe(v.vector_count * (150 + 30 + 4096));
    expect(plan.sizing.total_ram_bytes).toBe(3 * v.vector_count * 180);
  });

  it('names the file and its date in the plan, the warnings and the basis', () => {
    expect(plan.calibration).toMatchObject({ file: calFile, created: '2026-11-30T09:15:00Z', cluster: { name: 'prod-vectors' }, unmatched_fields: [] });
    expect(plan.calibration?.applied.map((a) => a.field)).toEqual(['content_embedding']);
    expect(plan.warnings.map((w) => w.code)).toContain('CALIBRATION_USED');
    const measured = plan.basis.filter((b) => b.kind === 'measurement');
    expect(measured.map((b) => b.id).sort()).toEqual([
      'calibration.file_bytes[content_embedding.veb]',
      'calibration.file_bytes[content_embedding.vec]',
      'calibration.file_bytes[content_embedding.vex]',
    ]);
    for (const b of measured) expect(b.source).toContain(`${calFile} (created 2026-11-30T09:15:00Z, cluster prod-vectors`);
  });

  it('the table and the Markdown say it in one line', () => {
    const line = `vector sizes of 1 field calibrated from ${calFile} (cluster prod-vectors, 2026-11-30)`;
    const table = spawnCli(['recommend', '-w', 'examples/rag-assistant.yaml', '--calibration', calFile]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(`- ${line}`);
    const md = spawnCli(['recommend', '-w', 'examples/rag-assistant.yaml', '--calibration', calFile, '--format', 'markdown']);
    expect(md.stdout).toContain(`- ${line}\n`);
    // Without the flag there is no such line.
    expect(spawnCli(['recommend', '-w', 'examples/rag-assistant.yaml']).stdout).not.toContain('calibrated from');
  });

  it('reads a YAML calibration file too', async () => {
    const y = await runInProcess(['recommend', '-w', 'examples/rag-assistant.yaml', '--calibration', file('cal.yaml', stringify(calibration)), '--json']);
    expect(y.code, y.stderr).toBe(0);
    expect((JSON.parse(y.stdout) as JsonPlan).sizing.vectors[0]!.ram_bytes).toBe(plan.sizing.vectors[0]!.ram_bytes);
  });

  it('lists fields with no entry and sizes them by the model', async () => {
    const other = file('other.json', { ...calibration, entries: [{ ...calibration.entries[0]!, dims: 768 }] });
    const a = await runInProcess(['recommend', '-w', 'examples/rag-assistant.yaml', '--calibration', other, '--json']);
    const b = await runInProcess(['recommend', '-w', 'examples/rag-assistant.yaml', '--json']);
    const pa = JSON.parse(a.stdout) as JsonPlan;
    expect(pa.sizing).toEqual((JSON.parse(b.stdout) as JsonPlan).sizing);
    expect(pa.calibration?.unmatched_fields).toEqual(['content_embedding']);
    expect(pa.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['CALIBRATION_USED', 'CALIBRATION_UNMATCHED']));
  });
});

describe('esplan evaluate --calibration (built bundle)', () => {
  it('sizes the given tier with the calibrated vectors', () => {
    const r = spawnCli(['evaluate', '-w', 'examples/rag-assistant.yaml', '--data', 'r6gd.8xlarge:6', '--calibration', calFile, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const plan = JSON.parse(r.stdout) as JsonPlan;
    const v = plan.sizing.vectors[0]!;
    expect(v.ram_bytes).toBe(v.vector_count * 180);
    expect(plan.calibration?.file).toBe(calFile);
  });
});

describe('a bad calibration file is refused with the field named, exit 1, no stack trace', () => {
  const entry = calibration.entries[0]!;
  const cases: Array<[string, unknown, RegExp]> = [
    ['a workload file', 'format_version: 1\ncorpus:\n  documents: 10\n', /: kind: is missing: this is not a calibration file .*fix: give the file `esplan check/],
    ['another kind', { ...calibration, kind: 'esplan-plan' }, /: kind: is "esplan-plan", not esplan-calibration/],
    ['negative bytes', { ...calibration, entries: [{ ...entry, bytes_per_vector: { veb: -3 } }] }, /entries\[0\] \(bbq_hnsw\/float\/1024\/16\)\.bytes_per_vector\.veb: -3 is below the minimum of 0/],
    ['an unknown file', { ...calibration, entries: [{ ...entry, bytes_per_vector: { vexx: 3 } }] }, /entries\[0\] \(bbq_hnsw\/float\/1024\/16\)\.bytes_per_vector\.vexx: is not a known key \(fix: did you mean vex\?\)/],
    ['an unknown top-level key', { ...calibration, clusterr: 1 }, /: clusterr: is not a known key/],
    ['an unknown index type', { ...calibration, entries: [{ ...entry, index_type: 'hnsw8' }] }, /entries\[0\] \(hnsw8\/float\/1024\/16\)\.index_type: "hnsw8" is not allowed \(fix: use one of "hnsw"/],
    ['two entries with one key', { ...calibration, entries: [entry, entry] }, /entries\[1\] \(bbq_hnsw\/float\/1024\/16\): repeats the key of entries\[0\]/],
    ['m on bbq_disk', { ...calibration, entries: [{ ...entry, index_type: 'bbq_disk' }] }, /\.m: must be null for bbq_disk/],
  ];
  it.each(cases)('%s', async (name, content, expected) => {
    const f = file(`bad-${name.replace(/\W+/g, '-')}.${typeof content === 'string' ? 'yaml' : 'json'}`, content);
    const r = await runInProcess(['recommend', '-w', 'examples/rag-assistant.yaml', '--calibration', f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(expected);
    expect(r.stderr).toContain(f);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('a missing file, through the bundle', () => {
    const r = spawnCli(['evaluate', '--data', 'r6gd.4xlarge:3', '--calibration', join(tmp, 'nope.json')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('nope.json: does not exist (fix: check the path of the calibration file)');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('esplan schema --output', () => {
  it('publishes the calibration key and the measurement basis kind', async () => {
    const r = await runInProcess(['schema', '--output']);
    const schema = JSON.parse(r.stdout) as { properties: Record<string, { properties?: Record<string, unknown> }>; required: string[] };
    expect(Object.keys(schema.properties.calibration?.properties ?? {})).toEqual(['file', 'created', 'cluster', 'applied', 'unmatched_fields']);
    expect(schema.required).not.toContain('calibration');
    expect(r.stdout).toContain('"measurement"');
  });
});

describe('recommend --compare with --calibration', () => {
  it('says on stderr that the variants are sized from the calibration', () => {
    const r = spawnCli(['recommend', '-w', 'examples/rag-assistant.yaml', '--compare', 'index-types', '--calibration', calFile]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`note: vector sizes of matching fields in every variant come from ${calFile} (--calibration)`);
  });
});
