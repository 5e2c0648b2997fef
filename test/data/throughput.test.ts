import { describe, expect, it } from 'vitest';
import { loadIndexTypes } from '../../src/data/index-types.js';
import { QUERY_FAMILIES, loadThroughput } from '../../src/data/throughput.js';

describe('formulas/throughput.json', () => {
  const data = loadThroughput();

  it('names a query family for every index-type structure', () => {
    for (const t of loadIndexTypes().index_types) expect(QUERY_FAMILIES).toContain(t.structure);
  });

  it('labels the lexical-only per-shard time as an assumption with a source (vector fields are priced by formulas/query-cost.json)', () => {
    const entry = data.shard_query_ms.none;
    expect(entry.kind).toBe('assumption');
    expect(entry.source.length).toBeGreaterThan(20);
    expect(Object.keys(data.shard_query_ms).sort()).toEqual(['description', 'none']);
  });

  it('cites the 9.x thread pool settings page for the pool formula', () => {
    expect(data.search_pool_size.source).toContain('elastic.co/docs/reference/elasticsearch/configuration-reference/thread-pool-settings');
    expect(data.search_pool_size.expression).toBe('floor(allocated_processors * 3 / 2) + 1');
  });
});
