/**
 * Tier notes as data (issue #11, item 4): recommend emits `notes: [{code, params}]` beside the
 * joined `note`; renderers phrase the structured notes; the contradictions the issue found are gone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { perZone, planRows } from '../../src/cli/render/plan-summary.js';
import { planSchema, type Plan } from '../../src/model/plan.js';
import { phraseTierNote, phraseTierNotes } from '../../src/model/tier-notes.js';
import { repoRoot, runInProcess } from '../helpers/run-cli.js';

async function recommend(file: string): Promise<Plan> {
  const r = await runInProcess(['recommend', '-w', join('examples', file), '--json']);
  expect(r.code, r.stderr).toBe(0);
  return planSchema.parse(JSON.parse(r.stdout));
}

describe('every tier of every example carries structured notes', () => {
  for (const file of ['rag-assistant.yaml', 'small-two-zone.yaml', 'soc-copilot.yaml', 'on-prem.yaml']) {
    it(`${file}: notes are {code, params} and note is their phrasing`, async () => {
      const plan = await recommend(file);
      for (const t of plan.tiers) {
        expect(t.notes?.length, t.role).toBeGreaterThan(0);
        for (const n of t.notes!) expect(n.code).toMatch(/^[A-Z0-9_]+$/);
        expect(t.note).toBe(phraseTierNotes(t.notes!));
      }
    });
  }

  it('the data tier names its fill at the horizon in bytes, not only in words', async () => {
    const plan = await recommend('rag-assistant.yaml');
    const data = plan.tiers.find((t) => t.role === 'data')!;
    const fill = data.notes!.find((n) => n.code === 'FULLEST_NODE_AT_HORIZON')!;
    expect(fill.params).toMatchObject({
      disk_bytes: data.fullest_node_disk_bytes,
      usable_disk_bytes: data.usable_disk_bytes,
      vector_bytes: data.fullest_node_vector_bytes,
      vector_cache_bytes: data.vector_cache_bytes,
    });
  });
});

describe('renderers phrase the structured notes', () => {
  const fixture: Plan = planSchema.parse(JSON.parse(readFileSync(join(repoRoot, 'test', 'fixtures', 'render', 'plan.json'), 'utf8')));

  it('uses notes over a stale note text', () => {
    const plan: Plan = {
      ...fixture,
      tiers: fixture.tiers.map((t) => (t.role === 'master' ? { ...t, note: 'stale words', notes: [{ code: 'MASTERS_ONE_PER_ZONE', params: {} }] } : t)),
    };
    expect(planRows(plan).notes).toContain('master: dedicated master-eligible nodes, one per zone');
    expect(planRows(plan).notes.join('\n')).not.toContain('stale words');
  });

  it('a code from a newer esplan shows as code and parameters, never as nothing', () => {
    expect(phraseTierNote({ code: 'SOMETHING_NEW', params: { nodes: 3, zone: 'a' } })).toBe('SOMETHING_NEW (nodes=3, zone=a)');
  });
});

describe('the contradictions issue #11 found', () => {
  it('a two-zone tiebreaker is shown in its third location, not as "0 / 0 / 1"', async () => {
    const plan = await recommend('small-two-zone.yaml');
    const master = plan.tiers.find((t) => t.role === 'master')!;
    // The JSON keeps its contract: zone a, zone b, then the third location.
    expect(master.nodes_per_zone).toEqual([0, 0, 1]);
    const row = planRows(plan).tiers.find((r) => r[0] === 'master')!;
    expect(row[3]).toBe('1 in a third location');
    expect(perZone([1, 1, 1], 2)).toBe('1 / 1 + 1 in a third location');
    expect(perZone([1, 1, 1], 3)).toBe('1 / 1 / 1');
    expect(perZone([2, 2], 2)).toBe('2 / 2');
  });

  it('the narrow layout words the third location too, never "1 in a third location per zone"', async () => {
    const r = await runInProcess(['recommend', '-w', join('examples', 'small-two-zone.yaml')], { columns: 100 });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('master: 1 x c8gd.large (1 in a third location), ');
    expect(r.stdout).toContain('data: 2 x r6gd.4xlarge (1 / 1 per zone), ');
    expect(r.stdout).not.toContain('location per zone');
  });

  it('0% growth is not shown as a 12-month horizon', async () => {
    // The case: growth.months 12 with monthly_rate 0 (growth_factor 1 = 1.00^12).
    const base = await recommend('small-two-zone.yaml');
    const plan: Plan = { ...base, sizing: { ...base.sizing, horizon_months: 12, growth_factor: 1 } };
    const row = planRows(plan).sizing.find((r) => r[0] === 'documents at horizon')!;
    expect(row[1]).toBe('2,000,000 (no growth planned)');
  });

  it('a growing corpus still names its horizon', async () => {
    const plan = await recommend('rag-assistant.yaml');
    expect(plan.sizing.growth_factor).toBeGreaterThan(1);
    const row = planRows(plan).sizing.find((r) => r[0] === 'documents at horizon')!;
    expect(row[1]).toMatch(new RegExp(`\\(${plan.sizing.horizon_months} months\\)$`));
  });
});
