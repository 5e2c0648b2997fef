import { describe, expect, it } from 'vitest';
import { formatGiB, renderEntry, renderExplain } from '../../src/cli/render/explain.js';
import type { Plan } from '../../src/model/plan.js';
import { sizeOne } from '../sizing/helpers.js';

describe('--explain', () => {
  it('shows the formula, the filled-in formula, the result in bytes and GiB, and the source', () => {
    const lines = renderEntry({
      id: 'vectors.file_bytes[v.vec]',
      kind: 'formula',
      description: 'Bytes of one per-vector file',
      expression: 'ceil(vectors * bytes_per_vector)',
      inputs: { vectors: 1_000_000, bytes_per_vector: 4096 },
      result: 4_096_000_000,
      unit: 'bytes',
      source: 'approximate-knn-search.md',
    });
    expect(lines).toEqual([
      'vectors.file_bytes[v.vec]  [formula]',
      '    Bytes of one per-vector file',
      '    = ceil(vectors * bytes_per_vector)',
      '    = ceil(1,000,000 * 4,096)',
      // 4,096,000,000 / 2^30 = 3.8147
      '    = 4,096,000,000 bytes (3.81 GiB)',
      '    source: approximate-knn-search.md',
    ]);
  });

  it('shows constants with their unit and kind', () => {
    const lines = renderEntry({ id: 'hnsw.level0_fill_ratio', kind: 'assumption', description: 'd', result: 0.6, unit: 'ratio', source: 'esplan assumption' });
    expect(lines).toContain('    = 0.6 ratio');
    expect(lines[0]).toBe('hnsw.level0_fill_ratio  [assumption]');
  });

  it('renders every basis entry of a real sizing', () => {
    const { result } = sizeOne({ documents: 1_000_000, vector: { field: 'v', dims: 1024, index_type: 'int8_hnsw' } });
    const text = renderExplain({ basis: result.basis } as unknown as Plan);
    for (const b of result.basis) expect(text).toContain(`${b.id}  [${b.kind}]`);
    expect(text).toContain('= dims + 16');
    expect(text).toContain('= 1,024 + 16');
    expect(text).toContain('1,040,000,000 bytes (0.97 GiB)');
    // lines stay within 100 columns unless one unbreakable word (a long path) is longer
    expect(text.split('\n').filter((l) => l.length > 100 && l.trim().split(/\s+/).length > 1)).toEqual([]);
  });

  it('groups entries under headings in reading order, topology entries last', () => {
    const { result } = sizeOne({ documents: 1000, vector: { field: 'v', dims: 64, index_type: 'hnsw' } });
    const catalog = { id: 'aws:r6gd.4xlarge', kind: 'catalog' as const, description: 'instance', source: 'catalogs/aws.json' };
    const text = renderExplain({ basis: [catalog, ...result.basis] } as unknown as Plan);
    const headings = text.split('\n').filter((l) => l.startsWith('== '));
    expect(headings).toEqual(['== Corpus and growth ==', '== Vectors ==', '== Storage ==', '== Shards ==', '== Topology and cost ==']);
    expect(text.indexOf('aws:r6gd.4xlarge')).toBeGreaterThan(text.indexOf('== Topology and cost =='));
    expect(text.indexOf('shards.primaries  [formula]')).toBeGreaterThan(text.indexOf('== Shards =='));
  });

  it('formats GiB with two decimals', () => {
    expect(formatGiB(2 ** 30 * 1.5)).toBe('1.50 GiB');
  });
});
