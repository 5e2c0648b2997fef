/** check's text report: what was read, each finding, the vector table; fits the width and shows cluster text only sanitised. */
import { describe, expect, it } from 'vitest';
import { auditCluster } from '../../src/cluster/check/audit.js';
import { renderCheck } from '../../src/cluster/check/render.js';
import type { CheckDocument } from '../../src/cluster/check/run-check.js';
import type { ClusterSnapshot } from '../../src/cluster/check/snapshot.js';
import { textWidth } from '../../src/cli/render/fit.js';
import { loadCheckPolicy } from '../../src/data/check-policy.js';
import { data, flatWorkload, planOf, snapshotFor } from './snapshot-builder.js';

const plan = planOf(flatWorkload());
const N = 1_000_000;

function docOf(s: ClusterSnapshot): CheckDocument {
  const a = auditCluster(s, plan, { sizing: data, policy: loadCheckPolicy() });
  return {
    format_version: 1,
    result: a.findings.length ? 'findings' : 'match',
    cluster: s.cluster,
    read_at: s.read_at,
    plan: { source: 'w.yaml', esplan_version: 't', indices: ['check-test'] },
    findings: a.findings,
    vectors: a.vectors,
    warnings: [],
  };
}

describe('renderCheck', () => {
  it('says the cluster matches, with the measured and predicted vector RAM', () => {
    const s = snapshotFor(plan, { files: { 'check-test': { emb: { vec: N * 4096, veb: N * 142 } } }, vectors: { 'check-test': N } });
    const text = renderCheck(docOf(s), s, { color: false, width: 80 });
    expect(text).toContain('No findings: the cluster matches its plan.');
    expect(text).toMatch(/emb .*1,000,000 .*135\.4 MiB .*135\.4 MiB .*1\.00/);
    expect(text).toContain('Result: matches the plan (exit 0).');
    for (const line of text.split('\n')) expect(textWidth(line)).toBeLessThanOrEqual(80);
  });

  it('lists findings and escapes control characters in names that came from the cluster', () => {
    const s = snapshotFor(plan, { files: { 'check-test': { emb: { vec: N * 4096, veb: N * 142 } } }, vectors: { 'check-test': N } });
    s.cluster.name = 'evil\u001b[2Jcluster';
    s.nodes[0]!.name = 'node\u202ereversed';
    s.nodes[0]!.heap_max_bytes = 1;
    const text = renderCheck(docOf(s), s, { color: false, width: 60 });
    expect(text.includes('\u001b') || text.includes('\u202e')).toBe(false);
    expect(text).toContain('evil\\u001b[2Jcluster');
    expect(text).toContain('NODES_DIFFER_FROM_PLAN');
    expect(text).toContain('Result: 1 finding (exit 2).');
    for (const line of text.split('\n')) expect(textWidth(line)).toBeLessThanOrEqual(60);
  });

  it('says why a field is not measurable instead of printing 0', () => {
    const s = snapshotFor(plan, { version: '9.0.1', vectors: { 'check-test': N } });
    const text = renderCheck(docOf(s), s, { color: false, width: 80 });
    expect(text).toContain('not measurable');
    expect(text).toMatch(/off-heap vector sizes\s+from 9\.1/);
  });
});
