/**
 * HNSW_RAM_COST with several vector fields: the what-if moves only the fields on HNSW without BBQ
 * (hnsw, int8_hnsw, int4_hnsw) and holds the others at their own type, as the wizard's comparison
 * does; moving a bbq_disk field to bbq_hnsw as well would understate the saving.
 */
import { describe, expect, it } from 'vitest';
import { parseWorkload } from '../../src/model/parse-workload.js';
import { buildPlan } from '../../src/recommend/build-plan.js';
import { modelData } from '../helpers/model-data.js';

describe('HNSW_RAM_COST holds the fields it does not move', () => {
  it('an hnsw field beside a bbq_disk field: the bbq_hnsw what-if keeps the bbq_disk field', () => {
    const w = parseWorkload({
      name: 'mixed',
      elasticsearch: { version: '9.4', license: 'enterprise' },
      corpus: { documents: 50_000_000, source_bytes_per_document: 4000 },
      vectors: [
        { field: 'content_embedding', dims: 1024, index_type: 'hnsw' },
        { field: 'title_embedding', dims: 1024, index_type: 'bbq_disk' },
      ],
    });
    const plan = buildPlan(w, { esplanVersion: 'test', data: modelData });
    // Per copy (50M vectors, 1024 dims, codec constants, 9.4; derivation in test/wizard-compare-fields.test.ts):
    //   HNSW graph 1,368,409,504; content hnsw 204,800,000,000 + graph; bbq_hnsw 7,100,000,000 + graph;
    //   title bbq_disk 855,417,360.
    // Now, 2 copies: 2 * (206,168,409,504 + 855,417,360) = 414,047,653,728 B = 385.6 GiB.
    // content on bbq_hnsw, title held: 2 * (8,468,409,504 + 855,417,360) = 18,647,653,728 B = 17.4 GiB.
    expect(plan.sizing.total_ram_bytes).toBe(414_047_653_728);
    const hint = plan.warnings.find((x) => x.code === 'HNSW_RAM_COST');
    expect(hint?.message).toContain('bbq_hnsw needs 17.4 GiB of vector RAM instead of 385.6 GiB');
  });
});
