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
import { mlNodesPerZone, type MlDemand } from '../sizing/inference-demand.js';
import { mlModelCapacityBytes } from '../sizing/node-memory.js';
import { cents, nodeHourlyPrice, type SearchLimits } from './data-tier.js';
import { eligibleEntries } from './eligible.js';
import { bandText } from './eligible.js';
import { cheapestEntry, cheapestInBand, insideBand, masterMemoryFactor, meetsMinimum, mlFits, roleBand, supportTier, type RoleBand, type SupportPick } from './support-tiers.js';

const GIB = 1024 ** 3;

export interface SupportInputs {
  workload: Workload;
  entries: readonly CatalogEntry[];
  roles: RolesData;
  model: NodeMemoryData;
  rules: TopologyData;
  limits: SearchLimits;
  /**
   * In-cluster inference sized from throughput (src/sizing/inference-demand.ts); absent when no
   * index embeds at a known rate, and the ML tier is then sized from model memory alone.
   */
  ml?: MlDemand;
  /** Embedding that runs outside the cluster (EIS or the user's service): a warning that ML nodes are not needed for it. */
  inferenceOutside?: { placement: 'eis' | 'external'; chunks_per_second: number; queries_per_second: number };
}

/** The ML tier's instance and nodes per zone. */
interface MlChoice {
  pick: SupportPick & { outside: boolean };
  perZone: number;
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
    const zones = this.i.workload.availability.zones;
    const mlNodes = this.i.ml ? (this.mlChoice(cloud)?.perZone ?? this.i.rules.ml_nodes_per_zone.value) * zones : this.i.workload.inference.placement === 'ml_nodes' ? zones : 0;
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

  private readonly mlChoices = new Map<string, MlChoice | undefined>();

  /** Model memory one ML node must hold: the workload's, else the demand's, else the default (GiB). */
  private mlModelGib(): number {
    const w = this.i.workload.inference.model_memory_gib;
    if (w !== undefined) return w;
    const bytes = this.i.ml?.model_memory_bytes;
    return bytes !== undefined ? bytes / GIB : this.i.rules.ml_default_model_memory_gib.value;
  }

  /**
   * With a throughput demand: the eligible ML instance (inside the reference band when one holds
   * the models) whose nodes per zone for the allocation threads cost least in all; unpriced
   * entries by fewest nodes, then smallest.
   */
  private mlChoice(cloud: string | undefined): MlChoice | undefined {
    const key = cloud ?? '';
    if (this.mlChoices.has(key)) return this.mlChoices.get(key);
    const { workload, entries, roles, model, rules, limits, ml } = this.i;
    let choice: MlChoice | undefined;
    if (ml) {
      const min = roleMinimum(roles, workload.deployment.provider, 'ml');
      const band = roleBand(min);
      const modelBytes = Math.ceil(this.mlModelGib() * GIB);
      const accept = (e: CatalogEntry) => meetsMinimum(e, min) && mlFits(e, modelBytes, model);
      const eligible = eligibleEntries(entries, workload, roles, 'ml', cloud).filter(accept);
      const zones = workload.availability.zones;
      const perZone = (e: CatalogEntry) => mlNodesPerZone(ml.vcpu_needed, e.vcpu, zones, rules.ml_nodes_per_zone.value);
      const rank = (list: readonly CatalogEntry[]) =>
        [...list].sort((a, b) => {
          const pa = nodeHourlyPrice(a, 0, limits);
          const pb = nodeHourlyPrice(b, 0, limits);
          if (pa !== null && pb !== null) return pa * perZone(a) - pb * perZone(b) || a.memory_gib - b.memory_gib || a.id.localeCompare(b.id);
          if (pa !== null) return -1;
          if (pb !== null) return 1;
          return perZone(a) - perZone(b) || a.memory_gib - b.memory_gib || a.vcpu - b.vcpu || a.id.localeCompare(b.id);
        })[0];
      const inside = rank(eligible.filter((e) => insideBand(e, band)));
      const fallback = inside ? undefined : cheapestInBand(eligible, () => true, band, limits);
      const entry = inside ?? fallback?.entry;
      if (entry) choice = { pick: { entry, price_usd_per_hour: nodeHourlyPrice(entry, 0, limits), outside: !inside }, perZone: perZone(entry) };
    }
    this.mlChoices.set(key, choice);
    return choice;
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

    if (this.i.inferenceOutside) {
      const o = this.i.inferenceOutside;
      warnings.push({
        code: 'INFERENCE_OUTSIDE_CLUSTER',
        message:
          `embeddings are made outside the cluster (${o.placement === 'eis' ? 'the Elastic Inference Service' : 'an external service'}), so no ML nodes are planned for them: ` +
          `that service must embed about ${round1(o.chunks_per_second)} chunks per second at peak ingest and ${round1(o.queries_per_second)} semantic queries per second at peak`,
      });
    }

    if (this.i.ml) {
      const ml = this.i.ml;
      const modelGib = this.mlModelGib();
      const choice = this.mlChoice(cloud);
      if (!choice) {
        throw new UserError({
          path: 'inference.model_memory_gib',
          message: `no ${provider} ML instance holds ${round1(modelGib)} GiB of models in its ${model.ml_native_memory_ratio.value * 100}% ML share of memory`,
          fix: 'lower the model memory or add a larger ML entry with --catalog',
        });
      }
      const min = roleMinimum(roles, provider, 'ml');
      if (choice.pick.outside) warnings.push(outsideBandWarning('ml', 'ML', choice.pick.entry, roleBand(min), `no eligible ML instance inside it holds ${round1(modelGib)} GiB of models in its ${model.ml_native_memory_ratio.value * 100}% ML share of memory`, 'lower inference.model_memory_gib (smaller or fewer models), or run inference outside the cluster'));
      used.push(choice.pick.entry);
      tiers.push(
        supportTier('ml', choice.pick, perZone(choice.perZone), model, hours, {
          code: 'ML_SIZED_FROM_THROUGHPUT',
          params: {
            nodes_per_zone: choice.perZone,
            allocations: ml.allocations,
            ingest_allocations: ml.ingest_allocations,
            query_allocations: ml.query_allocations,
            threads_per_allocation: ml.threads_per_allocation,
            vcpu_needed: ml.vcpu_needed,
            model_capacity_gib: Math.round((mlModelCapacityBytes(choice.pick.entry.memory_gib, model) / GIB) * 10) / 10,
            model_memory_gib: round1(modelGib),
          },
        }),
      );
    } else if (workload.inference.placement === 'ml_nodes') {
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

function round1(n: number): number {
  return Math.round(n * 10) / 10;
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
