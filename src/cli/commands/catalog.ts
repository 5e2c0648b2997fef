import { Option, type Command } from 'commander';
import { catalogEntries, loadCatalog, loadRoles, type CatalogEntry } from '../../data/catalogs.js';
import { ROLES, type Role } from '../../model/plan.js';
import { PROVIDERS, type Provider } from '../../model/workload.js';
import { UserError } from '../../model/problems.js';
import { familyMatches } from '../../recommend/eligible.js';
import { readCatalogFile } from '../catalog-file.js';
import type { Context } from '../main.js';
import { drawTable, fitLines, fitText, labelled } from '../render/fit.js';

interface CatalogFlags {
  role?: Role;
  json?: boolean;
  catalog?: string;
}

export function registerCatalog(program: Command, ctx: Context): void {
  program
    .command('catalog')
    .description('list instance types with prices, regions and price dates, per provider and role')
    .argument('[provider]', `one of ${PROVIDERS.join(', ')}; default: all`)
    .addOption(new Option('--role <role>', 'only the families esplan considers for this role').choices(ROLES))
    .option('--catalog <file>', 'add or override entries (YAML or JSON, same schema)')
    .option('--json', 'one JSON document on stdout')
    .addHelpText(
      'after',
      `
Examples:
  esplan catalog aws --role data
  esplan catalog gcp --json
  esplan catalog physical --catalog my-hardware.yaml`,
    )
    .action(async (provider: string | undefined, flags: CatalogFlags) => {
      if (provider !== undefined && !(PROVIDERS as readonly string[]).includes(provider)) {
        throw new UserError({ path: 'PROVIDER', message: `"${provider}" is not a provider`, fix: `use one of ${PROVIDERS.join(', ')}` });
      }
      const extra = flags.catalog ? readCatalogFile(flags.catalog) : [];
      const providers = provider ? [provider as Provider] : [...PROVIDERS];
      const roles = loadRoles();
      const rows = providers.flatMap((p) => {
        const entries = catalogEntries(loadCatalog(p), extra);
        const families = flags.role ? roles.providers[p][flags.role] : undefined;
        return entries.filter((e) => !families || families.some((f) => familyMatches(e.family, f))).map((e) => ({ entry: e, roles: rolesOf(e, p) }));
      });
      if (flags.json) {
        const storage = providers.map((p) => loadCatalog(p).attached_storage).filter((s) => s !== undefined);
        ctx.io.stdout(`${JSON.stringify({ entries: rows.map((r) => ({ ...r.entry, roles: r.roles })), attached_storage: storage }, null, 2)}\n`);
        return;
      }
      ctx.io.stdout(await renderCatalogTable(rows, providers, ctx.io.columns));
    });
}

function rolesOf(e: CatalogEntry, p: Provider): Role[] {
  const roles = loadRoles();
  return ROLES.filter((r) => roles.providers[p][r].some((f) => familyMatches(e.family, f)));
}

const CATALOG_HEAD = ['id', 'roles', 'vCPU', 'memory GiB', 'local disk', 'network Gbps', 'arch', 'USD/hour', 'region', 'price date'];

async function renderCatalogTable(rows: { entry: CatalogEntry; roles: Role[] }[], providers: Provider[], width?: number): Promise<string> {
  // cli-table3 only when a table is drawn.
  const { default: Table } = await import('cli-table3');
  const cells = rows.map(({ entry: e, roles }) => {
    const disk = e.local_ssd_options
      ? `${e.local_ssd_options.allowed_counts.join('|')} x ${e.local_ssd_options.disk_gib} GiB SSD`
      : e.local_disk_kind === 'none' ? 'none' : `${e.local_disk_gb} GB ${e.local_disk_kind}`;
    return [e.id, roles.join(',') || '-', String(e.vcpu), String(e.memory_gib), disk, e.network_gbps === null ? '-' : String(e.network_gbps), e.arch,
      e.price_usd_per_hour === null ? 'unknown' : e.price_usd_per_hour.toFixed(4), e.region, e.price_date ?? '-'];
  });
  const style = { head: [], border: [], compact: true };
  const out: string[] = [];
  if (width === undefined) {
    out.push(drawTable(Table, { head: CATALOG_HEAD, rows: cells, style, narrow: () => cells.map((r) => labelled(CATALOG_HEAD, r)) }));
  } else {
    // Under a width limit the ten columns do not fit: one table per provider, architecture, region
    // and price date (which most entries share), those said in its heading, with short headings; the type
    // column drops the provider prefix (as --data takes it); roles and disk may wrap between words.
    const head = ['type', 'roles', 'vCPU', 'GiB', 'local disk', 'Gbps', 'USD per hour'];
    const groups = new Map<string, string[][]>();
    for (const r of cells) {
      const [id = '', roles = '', vcpu = '', memory = '', disk = '', gbps = '', arch = '', price = '', region = '', date = ''] = r;
      const colon = id.indexOf(':');
      const key = `${id.slice(0, colon)} ${arch}, ${region}, prices of ${date}`;
      const row = [id.slice(colon + 1), roles.replaceAll(',', ', '), vcpu, memory, disk.replaceAll('|', ', ').replaceAll('-', ' '), gbps, price];
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    for (const [key, group] of groups) {
      out.push(...fitText(`${key} (GiB memory, Gbps network):`, width));
      out.push(drawTable(Table, { head, rows: group, style, wrapColumns: [1, 4], narrow: () => group.map((r) => labelled(head, r)) }, width));
    }
  }

  for (const p of providers) {
    const s = loadCatalog(p).attached_storage;
    if (s) out.push(`${p}: data nodes without local disk get ${s.product} at $${s.price_usd_per_gib_month}/GiB-month (${s.region}, ${s.price_date})`);
    if (p === 'elastic-cloud') out.push('elastic-cloud: no published prices; set deployment.price_usd_per_gb_ram_hour in the workload');
    if (p === 'physical') out.push('physical: profiles from the reference architecture, unpriced; give prices with --catalog');
  }
  out.push(`${rows.length} entries. Sources: esplan catalog ${providers.length === 1 ? providers[0] : ''} --json (field "source").`);
  return `${fitLines(out.join('\n'), width)}\n`;
}
