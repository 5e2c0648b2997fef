/**
 * The non-data tiers a data tier implies: ML nodes (when inference runs in the cluster),
 * dedicated masters from six Elasticsearch nodes (or a tiebreaker with two zones), and Kibana.
 * With one zone there is no tiebreaker: every node, masters included, is in that zone.
 * The data-tier search prices them with every candidate, so the cheapest *plan* wins, not just
 * the cheapest data tier (a fifth data node that forces three masters can cost more than it saves).
 */
import { roleMinimum, type CatalogEntry, type RolesData } from '../data/catalogs.js';
import type { NodeMemoryData, TopologyData } from '../data/node-memory.js';
import type { Tier, Warning } from '../model/plan.js';
import type { TierNote } from '../model/tier-notes.js';
import { UserError } from '../model/problems.js';
import type { Workload } from '../model/workload.js';
import { mlModelCapacityBytes } from '../sizing/node-memory.js';
import { cents, type SearchLimits } from './data-tier.js';
import { eligibleEntries } from './eligible.js';
import { bandText } from './eligible.js';
import { cheapestEntry, cheapestInBand, masterMemoryFactor, meetsMinimum, mlFits, roleBand, supportTier, type RoleBand } from './support-tiers.js';

const GIB = 1024 ** 3;

export interface SupportInputs {
  workload: Workload;
  entries: readonly CatalogEntry[];
  roles: RolesData;
  model: NodeMemoryData;
  rules: TopologyData;
  limits: SearchLimits;
}

export interface SupportLayout {
  dedicatedMasters: boolean;
  tiers: Tier[];
  used: CatalogEntry[];
  warnings: Warning[];
  /** All support tiers per month (each tier rounded to cents, as the plan adds them); null when any has no price. */
  monthly_usd: number | null;
}

export class SupportPlanner {
  private readonly cache = new Map<string, SupportLayout>();

  constructor(private readonly i: SupportInputs) {}

  /** The support tiers for a data tier of `dataNodes` nodes on `dataEntry`'s cloud. */
  layout(dataEntry: CatalogEntry, dataNodes: number): SupportLayout {
    const cloud = dataEntry.elastic_cloud?.ech_cloud;
    const mlNodes = this.i.workload.inference.placement === 'ml_nodes' ? this.i.workload.availability.zones : 0;
    const esNodes = dataNodes + mlNodes;
    const dedicated = esNodes >= this.i.rules.dedicated_masters_from_nodes.value;
    const factor = dedicated ? masterMemoryFactor(esNodes, this.i.rules) : 1;
    const key = `${cloud ?? ''}|${dedicated}|${factor}`;
    let l = this.cache.get(key);
    if (!l) {
      l = this.build(cloud, dedicated, factor);
      this.cache.set(key, l);
    }
    return l;
  }

  private build(cloud: string | undefined, dedicated: boolean, factor: number): SupportLayout {
    const { workload, entries, roles, model, rules, limits } = this.i;
    const provider = workload.deployment.provider;
    const zones = workload.availability.zones;
    const hours = limits.hoursPerMonth;
    const tiers: Tier[] = [];
    const used: CatalogEntry[] = [];
    const warnings: Warning[] = [];
    const perZone = (n: number) => Array.from({ length: zones }, () => n);

    if (dedicated || zones === 2) {
      // A voting-only tiebreaker gets the small-master policy minimum, never more than the role's.
      const roleMin = roleMinimum(roles, provider, 'master');
      const tb = rules.tiebreaker_minimum;
      const min = dedicated ? roleMin : { ...roleMin, vcpu: Math.min(roleMin.vcpu, tb.vcpu), memory_gib: Math.min(roleMin.memory_gib, tb.memory_gib) };
      const candidates = eligibleEntries(entries, workload, roles, 'master', cloud);
      // Dedicated masters are held to the reference band (a tiebreaker only votes: the policy minimum).
      const band = dedicated ? roleBand(roleMin, factor) : undefined;
      const banded = band ? cheapestInBand(candidates, (e) => meetsMinimum(e, min, factor), band, limits) : undefined;
      const pick = band ? banded : cheapestEntry(candidates, (e) => meetsMinimum(e, min, factor), limits);
      if (band && banded?.outside) warnings.push(outsideBandWarning('master', 'Dedicated master', banded.entry, band, 'the catalog has no eligible master instance inside it'));
      if (!pick) {
        throw new UserError({ path: 'deployment.provider', message: `the ${provider} catalog has no master instance with ${min.memory_gib * factor} GiB of RAM`, fix: 'add one with --catalog' });
      }
      used.push(pick.entry);
      if (dedicated) {
        const layout = rules.master_layout.dedicated[String(zones) as '1' | '2' | '3'];
        const count = layout.reduce((a, b) => a + b, 0);
        const note: TierNote =
          zones === 3
            ? { code: 'MASTERS_ONE_PER_ZONE', params: {} }
            : zones === 1
              ? { code: 'MASTERS_IN_ONE_ZONE', params: { masters: count } }
              : { code: 'MASTERS_TWO_ZONES_TIEBREAKER', params: {} };
        tiers.push(supportTier('master', pick, [...layout], model, hours, note));
      } else {
        tiers.push(
          supportTier('master', pick, [...rules.master_layout.tiebreaker_only['2']], model, hours, { code: 'TIEBREAKER_ONLY', params: { dedicated_masters_from_nodes: rules.dedicated_masters_from_nodes.value } }),
        );
      }
      if (zones === 2) {
        warnings.push({
          code: 'TWO_ZONE_TIEBREAKER',
          message: 'two zones: the tiebreaker master must run in a third location (a small VM elsewhere is enough); with masters in only two zones, losing the larger half stops the cluster',
        });
      }
    }

    if (workload.inference.placement === 'ml_nodes') {
      const modelGib = workload.inference.model_memory_gib ?? rules.ml_default_model_memory_gib.value;
      const min = roleMinimum(roles, provider, 'ml');
      const band = roleBand(min);
      const pick = cheapestInBand(
        eligibleEntries(entries, workload, roles, 'ml', cloud),
        (e) => meetsMinimum(e, min) && mlFits(e, Math.ceil(modelGib * GIB), model),
        band,
        limits,
      );
      if (pick?.outside) warnings.push(outsideBandWarning('ml', 'ML', pick.entry, band, `no eligible ML instance inside it holds ${modelGib} GiB of models in its ${model.ml_native_memory_ratio.value * 100}% ML share of memory`, 'lower inference.model_memory_gib (smaller or fewer models), or run inference outside the cluster (inference.placement: external)'));
      if (!pick) {
        throw new UserError({
          path: 'inference.model_memory_gib',
          message: `no ${provider} ML instance holds ${modelGib} GiB of models in its ${model.ml_native_memory_ratio.value * 100}% ML share of memory`,
          fix: 'lower the model memory or add a larger ML entry with --catalog',
        });
      }
      used.push(pick.entry);
      tiers.push(
        supportTier('ml', pick, perZone(rules.ml_nodes_per_zone.value), model, hours, {
          code: 'ML_ONE_PER_ZONE',
          params: {
            model_capacity_gib: Math.round((mlModelCapacityBytes(pick.entry.memory_gib, model) / GIB) * 10) / 10,
            model_memory_gib: modelGib,
            max_machine_memory_percent: model.ml_native_memory_ratio.value * 100,
          },
        }),
      );
    }

    const kMin = roleMinimum(roles, provider, 'kibana');
    const kBand = roleBand(kMin);
    const kibana = cheapestInBand(eligibleEntries(entries, workload, roles, 'kibana', cloud), (e) => meetsMinimum(e, kMin), kBand, limits);
    if (kibana?.outside) warnings.push(outsideBandWarning('kibana', 'Kibana', kibana.entry, kBand, 'the catalog has no eligible Kibana instance inside it'));
    if (kibana) {
      used.push(kibana.entry);
      tiers.push(
        supportTier('kibana', kibana, perZone(rules.kibana_nodes_per_zone.value), model, hours, { code: 'KIBANA_ONE_PER_ZONE', params: {} }),
      );
    }

    const priced = tiers.every((t) => t.monthly_usd !== null);
    return {
      dedicatedMasters: dedicated,
      tiers,
      used,
      warnings,
      monthly_usd: priced ? cents(tiers.reduce((s, t) => s + (t.monthly_usd ?? 0), 0)) : null,
    };
  }
}

/** A support node outside its reference band: which, why, and what would bring it back. */
function outsideBandWarning(role: string, label: string, e: CatalogEntry, band: RoleBand, why: string, fix = 'add an instance inside the band with --catalog'): Warning {
  return {
    code: 'SUPPORT_NODE_OUTSIDE_BAND',
    message:
      `${label} nodes are ${e.instance_type} (${e.vcpu} vCPU, ${e.memory_gib} GiB), outside the reference architecture's ${role} band of ${bandText(band.floor, band.ceiling)}: ` +
      `${why}, so the plan takes the nearest size outside it. Fix: ${fix}`,
  };
}
