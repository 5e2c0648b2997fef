/** `recommend --compare index-types` on a workload with bbq_disk-only keys (examples/diskbbq-catalog.yaml sets cluster_size). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWorkloadFile } from '../../src/cli/workload-file.js';
import { compareVariants } from '../../src/recommend/compare.js';
import { repoRoot } from '../helpers/run-cli.js';
import { modelData } from '../helpers/model-data.js';

describe('compareVariants index-types', () => {
  it('drops bbq_disk-only keys for the other types instead of refusing them', () => {
    const w = readWorkloadFile(join(repoRoot, 'examples', 'diskbbq-catalog.yaml'));
    expect(w.vectors[0]!.cluster_size).toBe(384);
    const variants = compareVariants(w, 'index-types', { esplanVersion: 'test', data: modelData });
    const errors = variants.flatMap((v) => ('error' in v && v.error ? [`${v.label}: ${v.error}`] : []));
    expect(errors.filter((e) => e.includes('applies only to bbq_disk'))).toEqual([]);
    const bbqHnsw = variants.find((v) => v.label === 'bbq_hnsw');
    expect(bbqHnsw && 'plan' in bbqHnsw && bbqHnsw.plan).toBeTruthy();
  });
});
