import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../src/model/parse-workload.js';
import { UserError } from '../../src/model/problems.js';

describe('a malformed Elasticsearch version next to vector fields', () => {
  it('is reported as a user mistake, not an internal error', () => {
    for (const version of ['abc', '', '9', '9.x']) {
      const raw = {
        elasticsearch: { version },
        corpus: { documents: 10, source_bytes_per_document: 10 },
        vectors: [{ field: 'v', dims: 8, index_type: 'hnsw' }],
      };
      let caught: unknown;
      try {
        parseWorkload(raw);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(UserError);
      expect((caught as UserError).problems.map((p) => p.path)).toEqual(['elasticsearch.version']);
    }
  });
});
