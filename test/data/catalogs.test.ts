import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCatalogFile } from '../../src/cli/catalog-file.js';
import { catalogEntries, loadCatalog, loadRoles, type CatalogEntry } from '../../src/data/catalogs.js';
import { ROLES } from '../../src/model/plan.js';
import { UserError } from '../../src/model/problems.js';
import { PROVIDERS } from '../../src/model/workload.js';
import { familyMatches } from '../../src/recommend/eligible.js';
import { userErrorProblems } from '../helpers/user-error.js';

const PRICED = ['aws', 'azure', 'gcp'] as const;

describe('built-in catalogs', () => {
  it.each([...PROVIDERS])('%s: every entry parses, ids are unique, units are sane', (provider) => {
    const c = loadCatalog(provider);
    expect(c.provider).toBe(provider);
    const ids = c.entries.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const e of c.entries) {
      expect(e.provider, e.id).toBe(provider);
      // RAM per vCPU: cloud shapes range from ~1 GiB (highcpu) to ~32 GiB (x2 memory-optimized);
      // Elastic Cloud derives vCPU from RAM at 0.125-0.533 vCPU per GB, i.e. 1.9-7.6 GB per vCPU.
      const gibPerVcpu = e.memory_gib / e.vcpu;
      expect(gibPerVcpu, e.id).toBeGreaterThanOrEqual(0.9);
      expect(gibPerVcpu, e.id).toBeLessThanOrEqual(32);
      // Local disk per GiB of RAM: at most ~80 GB (i3en-class dense storage, ECH 200:1 HDD tiers).
      expect(e.local_disk_gb / e.memory_gib, e.id).toBeLessThanOrEqual(200);
      if (e.price_usd_per_hour !== null) {
        // On-demand prices: between $0.005 and $2 per GiB of RAM per hour.
        expect(e.price_usd_per_hour / e.memory_gib, e.id).toBeGreaterThan(0.0005);
        expect(e.price_usd_per_hour / e.memory_gib, e.id).toBeLessThan(2);
      }
    }
    expect(Object.isFrozen(c.entries[0])).toBe(true);
  });

  it.each([...PRICED])('%s: every entry has a price, a date and a source', (provider) => {
    for (const e of loadCatalog(provider).entries) {
      expect(e.price_usd_per_hour, e.id).not.toBeNull();
      expect(e.price_date, e.id).toMatch(/^20\d\d-\d\d-\d\d$/);
      expect(e.source.length, e.id).toBeGreaterThan(10);
      expect(e.region.length).toBeGreaterThan(0);
    }
    const s = loadCatalog(provider).attached_storage;
    expect(s?.price_date).toMatch(/^20\d\d-\d\d-\d\d$/);
    expect(s?.source.length).toBeGreaterThan(10);
  });

  it('elastic-cloud and physical carry no invented prices', () => {
    for (const p of ['elastic-cloud', 'physical'] as const) {
      for (const e of loadCatalog(p).entries) {
        expect(e.price_usd_per_hour, e.id).toBeNull();
        expect(e.price_date, e.id).toBeNull();
      }
    }
  });

  it('matches the research CSV rows it was built from (spot checks)', () => {
    const aws = new Map(loadCatalog('aws').entries.map((e) => [e.id, e]));
    // aws.csv: aws,r6gd,r6gd.4xlarge,16,128,950,...,0.9216,us-east-1,2026-07-20
    expect(aws.get('aws:r6gd.4xlarge')).toMatchObject({ vcpu: 16, memory_gib: 128, local_disk_gb: 950, local_disk_kind: 'nvme', price_usd_per_hour: 0.9216, region: 'us-east-1', price_date: '2026-07-20', arch: 'arm64' });
    // d3 reports HDD capacity over the NVMe field (catalogs.md §2).
    expect(aws.get('aws:d3.xlarge')?.local_disk_kind).toBe('hdd');
    const gcp = new Map(loadCatalog('gcp').entries.map((e) => [e.id, e]));
    // catalogs.md S5 spot check: n2-standard-8 is $0.388472/h.
    expect(gcp.get('gcp:n2-standard-8')?.price_usd_per_hour).toBe(0.388472);
    // Local SSD: 375 GiB x $0.08/GiB-month / 730 h = $0.041096 per disk-hour.
    const ssd = gcp.get('gcp:n2-standard-8')?.local_ssd_options;
    expect(ssd?.price_usd_per_hour_per_disk).toBeCloseTo((375 * 0.08) / 730, 6);
    expect(ssd?.allowed_counts).toEqual([1, 2, 4, 8, 16, 24]);
    // N2 with 42-80 vCPUs: 8, 16 or 24 disks (catalogs.md §4 table).
    expect(gcp.get('gcp:n2-standard-48')?.local_ssd_options?.allowed_counts).toEqual([8, 16, 24]);
    // Azure Lsv3: 1.92 TB NVMe per 8 vCPU; Fsv2 has no data disk.
    const azure = new Map(loadCatalog('azure').entries.map((e) => [e.id, e]));
    expect(azure.get('azure:Standard_L16s_v3')).toMatchObject({ local_disk_gb: 3840, price_usd_per_hour: 1.392 });
    expect(azure.get('azure:Standard_F8s_v2')?.local_disk_kind).toBe('none');
    // Attached storage: gp3 $0.08, Premium SSD v2 $0.08103, pd-balanced $0.10 per GiB-month.
    expect(loadCatalog('aws').attached_storage?.price_usd_per_gib_month).toBe(0.08);
    expect(loadCatalog('azure').attached_storage?.price_usd_per_gib_month).toBe(0.08103);
    expect(loadCatalog('gcp').attached_storage?.price_usd_per_gib_month).toBe(0.1);
  });

  it('elastic-cloud sizes follow the published ratios: r6gd 6:1 disk, 0.133 vCPU per GB', () => {
    const e = loadCatalog('elastic-cloud').entries.find((x) => x.id === 'elastic-cloud:aws.es.datahot.r6gd-60gb');
    // 60 GB x 6 = 360 GB disk; 60 x 0.133 = 7.98 vCPU.
    expect(e).toMatchObject({ memory_gib: 60, local_disk_gb: 360, vcpu: 7.98 });
  });
});

describe('role preferences', () => {
  it.each([...PROVIDERS])('%s: every role has at least one eligible family in the catalog', (provider) => {
    const roles = loadRoles();
    const entries = loadCatalog(provider).entries;
    for (const role of ROLES) {
      const families = roles.providers[provider][role];
      expect(families.length, role).toBeGreaterThan(0);
      for (const f of families) expect(entries.some((e) => familyMatches(e.family, f)), `${provider} ${role} ${f}`).toBe(true);
    }
  });

  it('follows the reference architecture table', () => {
    const r = loadRoles().providers;
    expect(r.aws).toEqual({ data: ['r6gd', 'c8gd'], ml: ['m5dn'], master: ['c8gd'], kibana: ['c8gd'] });
    expect(r.azure.data).toEqual(['Lsv3', 'Fsv2']);
    expect(r.azure.master).toEqual(['Fsv2']);
  });
});

describe('--catalog entries', () => {
  const dir = mkdtempSync(join(tmpdir(), 'esplan-catalog-'));
  const own: CatalogEntry = {
    id: 'physical:data-32c-128g-2tb',
    provider: 'physical',
    family: 'physical-data',
    instance_type: 'data-32c-128g-2tb',
    vcpu: 32,
    memory_gib: 128,
    local_disk_gb: 2000,
    local_disk_kind: 'nvme',
    network_gbps: 25,
    arch: 'amd64',
    price_usd_per_hour: 1.5,
    region: 'dc-east',
    price_date: '2026-10-01',
    source: 'our 2026 hardware quote #4711',
  };

  it('override a built-in entry by id and add new ones', () => {
    const added = { ...own, id: 'physical:box-1', instance_type: 'box-1' };
    const merged = catalogEntries(loadCatalog('physical'), [own, added]);
    expect(merged.find((e) => e.id === own.id)?.price_usd_per_hour).toBe(1.5);
    expect(merged.some((e) => e.id === 'physical:box-1')).toBe(true);
    expect(merged.length).toBe(loadCatalog('physical').entries.length + 1);
    // Entries of other providers are ignored.
    expect(catalogEntries(loadCatalog('aws'), [own])).toBe(loadCatalog('aws').entries);
  });

  it('reads YAML and reports the entry and field of every mistake', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      `entries:\n  - id: "aws:my.big"\n    provider: aws\n    family: r6gd\n    instance_type: my.big\n    vcpu: 8\n    memory_gib: -64\n    local_disk_gb: 100\n    local_disk_kind: nvme\n    network_gbps: 10\n    arch: arm64\n    price_usd_per_hour: 1\n    price_date: null\n    region: us-east-1\n    source: negotiated price sheet 2026\n`,
    );
    let err: unknown;
    try {
      readCatalogFile(file);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    const paths = (err as UserError).problems.map((p) => p.path);
    expect(paths).toContain(`${file}: entries[0] (aws:my.big).memory_gib`);
    expect(paths).toContain(`${file}: entries[0] (aws:my.big).price_date`);
  });

  it('a missing field or choice says "is required" with the fix, and an unknown key gets a suggestion', () => {
    const { arch: _arch, network_gbps: _net, ...rest } = own;
    const file = join(dir, 'missing.json');
    writeFileSync(file, JSON.stringify({ entries: [{ ...rest, netwrk_gbps: 25 }] }));
    const problems = userErrorProblems(() => readCatalogFile(file));
    const at = (field: string) => problems.find((p) => p.path === `${file}: entries[0] (${own.id}).${field}`);
    expect(at('arch')).toEqual({ path: expect.any(String), message: 'is required', fix: 'add entries[0].arch: one of "amd64", "arm64"' });
    expect(at('network_gbps')).toEqual({ path: expect.any(String), message: 'is required', fix: 'add entries[0].network_gbps' });
    expect(at('netwrk_gbps')).toEqual({ path: expect.any(String), message: 'is not a known key', fix: 'did you mean network_gbps?' });
    expect(problems.map((p) => p.message).join('\n')).not.toMatch(/Invalid input|received undefined/);
  });

  it('accepts a valid JSON file', () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify({ entries: [own] }));
    expect(readCatalogFile(file)[0]?.price_usd_per_hour).toBe(1.5);
  });
});
