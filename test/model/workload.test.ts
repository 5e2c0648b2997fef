import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { parseWorkload } from '../../src/model/parse-workload.js';
import { repoRoot } from '../helpers/run-cli.js';
import { userErrorMessage } from '../helpers/user-error.js';

const minimal = { corpus: { documents: 1000, source_bytes_per_document: 2000 } };

function problemsOf(raw: unknown): string[] {
  return userErrorMessage(() => parseWorkload(raw)).split('\n');
}

describe('workload schema', () => {
  it('accepts every example workload', () => {
    const dir = join(repoRoot, 'examples');
    const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const f of files) {
      const w = parseWorkload(parse(readFileSync(join(dir, f), 'utf8')));
      expect(w.format_version).toBe(1);
    }
  });

  it('fills in the documented defaults', () => {
    const w = parseWorkload({ ...minimal, name: 'My Docs', vectors: [{ field: 'emb', dims: 768 }] });
    expect(w.elasticsearch).toEqual({ version: '9.4', license: 'basic' });
    expect(w.availability).toEqual({ zones: 3, replicas: 1, survive_node_loss: true, awareness_attribute: 'zone' });
    expect(w.deployment.provider).toBe('aws');
    expect(w.corpus!.growth).toEqual({ monthly_rate: 0, months: 0 });
    expect(w.vectors![0]).toMatchObject({ element_type: 'float', per_document: 1, index_type: 'auto', m: 16, ef_construction: 100 });
    expect(w.index!.name).toBe('my-docs');
    expect(w.inference.placement).toBe('external');
  });

  it('fills in the snapshot defaults (Elastic\'s SLM example: daily 01:30, 30d, 5 to 50 snapshots)', () => {
    const w = parseWorkload({ ...minimal, snapshots: { repository: 'backups' } });
    expect(w.snapshots).toEqual({ repository: 'backups', schedule: '0 30 1 * * ?', retention: { expire_after: '30d', min_count: 5, max_count: 50 } });
  });

  it('refuses an index.name that is a pattern or a system index, in its own words', () => {
    // A template for "*" would apply to every new index; esplan writes patterns name and name-*.
    expect(problemsOf({ ...minimal, index: { name: '*' } })[0]).toMatch(/^index\.name: must be one index name, not a wildcard pattern \("\*"\)/);
    expect(problemsOf({ ...minimal, index: { name: 'logs-*' } })[0]).toMatch(/^index\.name: must be one index name, not a wildcard pattern/);
    expect(problemsOf({ ...minimal, index: { name: 'a?' } })[0]).toMatch(/wildcard pattern/);
    expect(problemsOf({ ...minimal, index: { name: '.security' } })[0]).toMatch(/^index\.name: "\.security" names a system or hidden index/);
    expect(problemsOf({ ...minimal, index: { name: 'Upper' } })[0]).toBe('index.name: must be a lowercase Elasticsearch index name such as support-docs');
    expect(parseWorkload({ ...minimal, index: { name: 'logs-app' } }).index!.name).toBe('logs-app');
  });

  it('names the path and the Elasticsearch limit for too many dims', () => {
    expect(problemsOf({ ...minimal, vectors: [{ field: 'e', dims: 5000 }] })).toContain(
      'vectors[0].dims: 5000 is above the Elasticsearch maximum of 4096',
    );
  });

  it('lists every problem at once', () => {
    const problems = problemsOf({
      corpus: { documents: -5, source_bytes_per_document: 'big' },
      availability: { zones: 4 },
      deployment: { provider: 'aws2' },
    });
    expect(problems.some((p) => p.startsWith('corpus.documents: -5'))).toBe(true);
    expect(problems.some((p) => p.startsWith('corpus.source_bytes_per_document:'))).toBe(true);
    expect(problems).toContain('availability.zones: 4 must be 1, 2 or 3 availability zones');
    expect(problems.some((p) => p.startsWith('deployment.provider: "aws2" is not allowed'))).toBe(true);
  });

  it('suggests the key the user probably meant', () => {
    expect(problemsOf({ ...minimal, elasticsearch: { licence: 'basic' } })).toContain(
      'elasticsearch.licence: is not a known key (fix: did you mean license?)',
    );
  });

  it('reports a missing required section', () => {
    expect(problemsOf({ name: 'x' })).toContain('corpus: is required (fix: add corpus, or list the indices under indices)');
  });

  it('rejects non-finite numbers', () => {
    const problems = problemsOf({ corpus: { documents: Number.POSITIVE_INFINITY, source_bytes_per_document: Number.NaN } });
    expect(problems.length).toBe(2);
    expect(problems[0]).toMatch(/^corpus\.documents: .*Infinity/);
    expect(problems[1]).toMatch(/^corpus\.source_bytes_per_document: .*NaN/);
  });

  it('enforces shape rules per index type', () => {
    const problems = problemsOf({
      ...minimal,
      vectors: [
        { field: 'a', dims: 33, index_type: 'int4_hnsw' },
        { field: 'b', dims: 32, index_type: 'bbq_flat' },
        { field: 'c', dims: 12, element_type: 'bit' },
        { field: 'd', dims: 128, element_type: 'byte', index_type: 'int8_hnsw' },
      ],
    });
    expect(problems).toContain('vectors[0].dims: 33 is odd; int4_hnsw needs an even number of dimensions');
    expect(problems).toContain('vectors[1].dims: 32 is below 64, the fewest dimensions bbq_flat accepts');
    expect(problems).toContain('vectors[2].dims: 12 is not a multiple of 8, which bit vectors need');
    expect(problems).toContain(
      'vectors[3].index_type: int8_hnsw quantizes vectors, which Elasticsearch allows only for float and bfloat16, not byte',
    );
  });

  it('enforces version and license rules', () => {
    const problems = problemsOf({
      ...minimal,
      elasticsearch: { version: '9.1', license: 'platinum' },
      vectors: [
        { field: 'a', dims: 768, index_type: 'bbq_disk' },
        { field: 'b', dims: 768, element_type: 'bfloat16' },
      ],
    });
    expect(problems).toContain('vectors[0].index_type: bbq_disk needs Elasticsearch 9.2 or later (workload targets 9.1)');
    expect(problems).toContain('vectors[0].index_type: bbq_disk needs an enterprise license (workload has platinum)');
    expect(problems).toContain('vectors[1].element_type: bfloat16 needs Elasticsearch 9.3 or later (workload targets 9.1)');
  });

  it('rejects versions outside the supported range and unquoted versions', () => {
    expect(problemsOf({ ...minimal, elasticsearch: { version: '8.13' } })).toContain(
      'elasticsearch.version: "8.13" is not supported: esplan sizes Elasticsearch 8.14 to 9.4',
    );
    expect(problemsOf({ ...minimal, elasticsearch: { version: 9.2 } })[0]).toMatch(/^elasticsearch\.version: .*quote it in YAML/);
  });

  it('rejects duplicate vector fields', () => {
    expect(problemsOf({ ...minimal, vectors: [{ field: 'a', dims: 8 }, { field: 'a', dims: 8 }] })).toContain(
      'vectors[1].field: a is listed twice',
    );
  });
});
