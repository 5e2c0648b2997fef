/**
 * Moving the wizard's draft between the single-index form and `indices: [...]`, and the order in
 * which answers about several indices are checked.
 */
import { describe, expect, it } from 'vitest';
import { stageOf } from '../src/cli/wizard/draft.js';
import { indexCount, indexPrefix, resizeIndices } from '../src/cli/wizard/index-questions.js';

const fresh = () => ({ index: {}, corpus: { documents: 1 }, vectors: [] });

const single = {
  name: 'Support KB',
  elasticsearch: { version: '9.4', license: 'basic' },
  corpus: { documents: 5, source_bytes_per_document: 10 },
  vectors: [{ field: 'v', dims: 8 }],
  text_fields: [{ field: 'body', words_per_document: 800 }],
  tenancy: { field: 'tenant_id', tenants: 10, largest_tenant_share: 0.5 },
  availability: { zones: 3, replicas: 1 },
  search: { recall_target: 0.95 },
};

describe('wizard draft with several indices', () => {
  it('moves the single-index sections into indices[0] and adds fresh indices with free names', () => {
    const two = resizeIndices(single, 3, fresh);
    expect(Object.keys(two).sort()).toEqual(['availability', 'elasticsearch', 'indices', 'name', 'search']);
    expect(two.indices).toEqual([
      // The single form derived the index name from the workload name; the several-index form needs it written.
      { index: { name: 'support-kb' }, corpus: single.corpus, vectors: single.vectors, text_fields: single.text_fields, tenancy: single.tenancy },
      { index: { name: 'support-kb-2' }, corpus: { documents: 1 }, vectors: [] },
      { index: { name: 'support-kb-3' }, corpus: { documents: 1 }, vectors: [] },
    ]);
    expect(indexCount(two)).toBe(3);
    expect(indexPrefix(two, 2)).toEqual(['indices', 2]);
    expect(indexPrefix(single, 0)).toEqual([]);
  });

  it('one index is the single-index form, unchanged when it already is', () => {
    expect(resizeIndices(single, 1, fresh)).toBe(single);
    const back = resizeIndices(resizeIndices(single, 2, fresh), 1, fresh);
    expect(back).toEqual({ ...single, index: { name: 'support-kb' } });
  });

  it('going back to one index keeps the first, its own replicas and query rate becoming the workload\'s', () => {
    const multi = {
      ...single,
      corpus: undefined,
      indices: [
        { index: { name: 'a' }, corpus: { documents: 2 }, availability: { replicas: 2 }, search: { peak_qps: 40 } },
        { index: { name: 'b' }, corpus: { documents: 3 } },
      ],
    };
    const one = resizeIndices(multi, 1, fresh);
    expect(one.indices).toBeUndefined();
    expect(one.index).toEqual({ name: 'a' });
    expect(one.corpus).toEqual({ documents: 2 });
    expect(one.availability).toEqual({ zones: 3, replicas: 2 });
    expect(one.search).toEqual({ recall_target: 0.95, peak_qps: 40 });
  });

  it('skips a name an existing index already has', () => {
    const multi = { name: 'kb', indices: [{ index: { name: 'kb-2' } }] };
    expect((resizeIndices(multi, 2, fresh).indices as { index: { name: string } }[]).map((e) => e.index.name)).toEqual(['kb-2', 'kb-3']);
  });

  it('checks index after index: a later index never blocks an answer about an earlier one', () => {
    const order = [
      ['name'],
      ['elasticsearch', 'version'],
      ['indices', 0, 'index', 'name'],
      ['indices', 0, 'corpus', 'documents'],
      ['indices', 0, 'vectors', 0, 'dims'],
      ['indices', 0, 'text_fields', 0, 'analyzer'],
      ['indices', 0, 'semantic_text'],
      ['indices', 0, 'tenancy', 'tenants'],
      ['indices', 1, 'index', 'name'],
      ['indices', 1, 'tenancy'],
      ['search', 'peak_qps'],
      ['indices', 1, 'search', 'peak_qps'],
      ['availability', 'zones'],
      ['indices', 1, 'vectors', 0, 'index_type'],
      ['snapshots'],
    ].map(stageOf);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Strictly increasing where one question follows another.
    expect(stageOf(['indices', 0, 'tenancy'])).toBeLessThan(stageOf(['indices', 1, 'index', 'name']));
    // The single form's sections are index 0's, and its index section is asked with the name.
    expect(stageOf(['corpus', 'documents'])).toBe(stageOf(['indices', 0, 'corpus', 'documents']));
    expect(stageOf(['index', 'name'])).toBe(0);
  });
});
