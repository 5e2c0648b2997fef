import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess, spawnCli } from '../helpers/run-cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'esplan-cat-'));
function file(name: string, text: string): string {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
}

describe('esplan catalog', () => {
  it('lists one provider and role as JSON, each entry with price, date and source', async () => {
    const r = await runInProcess(['catalog', 'aws', '--role', 'data', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { entries: { family: string; price_usd_per_hour: number; price_date: string; source: string; roles: string[] }[] };
    expect(doc.entries.length).toBe(21); // aws.csv: 9 r6gd sizes + 12 c8gd sizes
    for (const e of doc.entries) {
      expect(['r6gd', 'c8gd']).toContain(e.family);
      expect(e.roles).toContain('data');
      expect(e.price_date).toBe('2026-07-20');
      expect(e.source).toMatch(/karpenter-provider-aws/);
    }
  });

  it('draws a table with prices and dates', async () => {
    const r = await runInProcess(['catalog', 'gcp', '--role', 'master']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('gcp:n2-standard-8');
    expect(r.stdout).toContain('0.3885');
    expect(r.stdout).toContain('2026-07-30');
    expect(r.stdout).not.toContain('n2d-');
  });

  it('says there is no price for Elastic Cloud', async () => {
    const r = await runInProcess(['catalog', 'elastic-cloud', '--role', 'kibana']);
    expect(r.stdout).toContain('unknown');
    expect(r.stdout).toContain('price_usd_per_gb_ram_hour');
  });

  it('rejects an unknown provider with exit 1', async () => {
    const r = await runInProcess(['catalog', 'oracle']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('"oracle" is not a provider');
  });
});

describe('esplan recommend --catalog and --compare', () => {
  it('a negotiated price from --catalog changes the plan', async () => {
    const cat = file(
      'prices.yaml',
      [
        'entries:',
        '  - id: "aws:r6gd.8xlarge"',
        '    provider: aws',
        '    family: r6gd',
        '    instance_type: r6gd.8xlarge',
        '    vcpu: 32',
        '    memory_gib: 256',
        '    local_disk_gb: 1900',
        '    local_disk_kind: nvme',
        '    network_gbps: 12',
        '    arch: arm64',
        '    price_usd_per_hour: 0.01',
        '    price_date: "2026-11-01"',
        '    region: us-east-1',
        '    source: our enterprise discount sheet 2026-11',
        '',
      ].join('\n'),
    );
    const r = await runInProcess(['recommend', '--json', '--catalog', cat]);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    expect(plan.tiers[0]).toMatchObject({ instance_type: 'r6gd.8xlarge', price_usd_per_hour: 0.01 });
    expect(plan.basis.find((b: { id: string }) => b.id === 'aws:r6gd.8xlarge')?.source).toBe('our enterprise discount sheet 2026-11');
  });

  it('a bad --catalog file names the entry and the field', async () => {
    const cat = file('bad.json', JSON.stringify({ entries: [{ id: 'aws:x.big', provider: 'aws', family: 'x', instance_type: 'x.big', vcpu: 0 }] }));
    const r = await runInProcess(['recommend', '--json', '--catalog', cat]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${cat}: entries[0] (aws:x.big).vcpu: must be above 0`);
    expect(r.stderr).toContain(`${cat}: entries[0] (aws:x.big).memory_gib`);
    expect(r.stdout).toBe('');
  });

  it('--compare index-types: every type side by side, BBQ needs less RAM than float HNSW', async () => {
    const r = await runInProcess(['recommend', '--compare', 'index-types', '--json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { variants: { variant: string; vector_ram_bytes: number; monthly_usd: number | null }[] };
    expect(doc.variants.map((v) => v.variant)).toEqual(['hnsw', 'int8_hnsw', 'int4_hnsw', 'bbq_hnsw', 'flat', 'int8_flat', 'int4_flat', 'bbq_flat', 'bbq_disk']);
    const ram = Object.fromEntries(doc.variants.map((v) => [v.variant, v.vector_ram_bytes]));
    expect(ram.bbq_hnsw).toBeLessThan(ram.int8_hnsw!);
    expect(ram.int8_hnsw).toBeLessThan(ram.hnsw!);
  });

  it('--compare providers: a table row per provider, unknown cost where there is no price', async () => {
    const r = await runInProcess(['recommend', '--compare', 'providers']);
    expect(r.code).toBe(0);
    for (const p of ['aws', 'azure', 'gcp', 'elastic-cloud', 'physical']) expect(r.stdout).toContain(p);
    expect(r.stdout).toContain('unknown');
  });

  it('--compare and --max-monthly-usd do not mix', async () => {
    const r = await runInProcess(['recommend', '--compare', 'providers', '--max-monthly-usd', '10']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--max-monthly-usd: cannot be combined with --compare');
  });

  it('end to end: the built binary prints a zone-balanced, priced plan as JSON', () => {
    const r = spawnCli(['recommend', '--json']);
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout);
    const data = plan.tiers.find((t: { role: string }) => t.role === 'data');
    expect(data.nodes % plan.zones).toBe(0);
    expect(plan.monthly_usd).toBeGreaterThan(0);
    expect(plan.price_date).toBe('2026-07-20');
    expect(Array.isArray(plan.alternatives)).toBe(true);
  });

  it('the CI gate exits 2 when the plan costs more', () => {
    const r = spawnCli(['recommend', '--json', '--max-monthly-usd', '100']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/above --max-monthly-usd 100/);
  });
});
