/** `recommend --compare index-types` on a workload with bbq_disk-only keys (examples/diskbbq-catalog.yaml sets cluster_size). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWorkloadFile } from '../../src/cli/workload-file.js';
import { compareLines, renderCompare } from '../../src/cli/render/compare.js';
import { compareIndexTypes } from '../../src/cli/wizard/compare-index-types.js';
import { INDEX_TYPES } from '../../src/data/index-types.js';
import { parseWorkload } from '../../src/model/parse-workload.js';
import { buildPlan } from '../../src/recommend/build-plan.js';
import { compareVariants } from '../../src/recommend/compare.js';
import { repoRoot } from '../helpers/run-cli.js';
import { modelData } from '../helpers/model-data.js';

describe('compareVariants index-types', () => {
  it('drops bbq_disk-only keys for the other types instead of refusing them', () => {
    const w = readWorkloadFile(join(repoRoot, 'examples', 'diskbbq-catalog.yaml'));
    expect(w.vectors![0]!.cluster_size).toBe(384);
    const variants = compareVariants(w, 'index-types', { esplanVersion: 'test', data: modelData });
    const errors = variants.flatMap((v) => ('error' in v && v.error ? [`${v.label}: ${v.error}`] : []));
    expect(errors.filter((e) => e.includes('applies only to bbq_disk'))).toEqual([]);
    const bbqHnsw = variants.find((v) => v.label === 'bbq_hnsw');
    expect(bbqHnsw && 'plan' in bbqHnsw && bbqHnsw.plan).toBeTruthy();
  });
});

describe('compareVariants index-types with several vector fields', () => {
  const base = parseWorkload({
    name: 'two-fields',
    elasticsearch: { version: '9.4', license: 'enterprise' },
    corpus: { documents: 2_000_000, source_bytes_per_document: 4000 },
    vectors: [
      { field: 'content_embedding', dims: 1024 },
      { field: 'title_embedding', dims: 384, index_type: 'int8_hnsw' },
    ],
  });
  const rows = compareVariants(base, 'index-types', { esplanVersion: 'test', data: modelData });

  it('keeps the every-field rows first, labelled by type as before', () => {
    expect(rows.slice(0, INDEX_TYPES.length).map((r) => [r.label, r.index_type, r.field])).toEqual(INDEX_TYPES.map((t) => [t, t, undefined]));
    for (const r of rows.slice(0, INDEX_TYPES.length)) if (r.plan) expect(r.plan.sizing.vectors.map((v) => v.index_type)).toEqual([r.label, r.label]);
  });

  it('then varies one field at a time, holding the other at its own type (a default made explicit)', () => {
    const perField = rows.slice(INDEX_TYPES.length);
    expect(perField.map((r) => r.label)).toEqual([...INDEX_TYPES.map((t) => `content_embedding: ${t}`), ...INDEX_TYPES.map((t) => `title_embedding: ${t}`)]);
    for (const r of perField) {
      const planned = r.plan ? Object.fromEntries(r.plan.sizing.vectors.map((v) => [v.field, v.index_type])) : undefined;
      if (r.field === 'content_embedding') {
        // title_embedding is set to int8_hnsw in the workload: held there.
        expect(r.held).toEqual([{ field: 'title_embedding', index_type: 'int8_hnsw', is_default: false }]);
        if (planned) expect(planned).toEqual({ content_embedding: r.index_type, title_embedding: 'int8_hnsw' });
      } else {
        // content_embedding is auto: on 9.4 enterprise a float field defaults to bbq_disk (formulas/index-types.json).
        expect(r.held).toEqual([{ field: 'content_embedding', index_type: 'bbq_disk', is_default: true }]);
        if (planned) expect(planned).toEqual({ content_embedding: 'bbq_disk', title_embedding: r.index_type });
      }
    }
    // Every HNSW and DiskBBQ type is possible here, so those rows have plans.
    for (const label of ['content_embedding: hnsw', 'content_embedding: bbq_disk', 'title_embedding: hnsw', 'title_embedding: bbq_disk']) {
      expect(rows.find((r) => r.label === label)?.plan).toBeDefined();
    }
  });

  it('gives the JSON lines the field, the type and the held fields', () => {
    const lines = compareLines(rows);
    expect(lines[0]).toMatchObject({ variant: 'hnsw', index_type: 'hnsw' });
    expect(lines[0]).not.toHaveProperty('field');
    const one = lines.find((l) => l.variant === 'title_embedding: hnsw');
    expect(one).toMatchObject({ field: 'title_embedding', index_type: 'hnsw', held_fields: [{ field: 'content_embedding', index_type: 'bbq_disk', is_default: true }] });
  });

  it('names the held types in the table title', async () => {
    const table = await renderCompare('index-types', compareLines(rows), 'markdown');
    expect(table).toContain('with the others held at content_embedding bbq_disk (ES default), title_embedding int8_hnsw');
    expect(table).toContain('| title_embedding: hnsw |');
  });

  it('prices a per-field row as the wizard does for the same field and type', () => {
    const raw = { ...base, vectors: base.vectors!.map((v) => ({ ...v })) } as unknown as Record<string, unknown>;
    const wizard = compareIndexTypes(raw, 1, (w) => buildPlan(w, { esplanVersion: 'test', data: modelData }))!;
    for (const o of wizard.options) {
      const row = rows.find((r) => r.label === `title_embedding: ${o.index_type}`)!;
      expect(row.plan?.monthly_usd).toBe(o.monthly_usd);
    }
  });

  it('a single-field workload keeps its rows as they were, naming the field', () => {
    const one = compareVariants(parseWorkload({ ...base, vectors: [base.vectors![0]] }), 'index-types', { esplanVersion: 'test', data: modelData });
    expect(one.map((r) => r.label)).toEqual([...INDEX_TYPES]);
    expect(one.every((r) => r.field === 'content_embedding' && r.held?.length === 0)).toBe(true);
  });
});
