/**
 * Primary shards and number_of_routing_shards for one index at the planning horizon, from
 * Elastic's shard guidance in formulas/shards.json.
 */
import type { Shards, Warning } from '../model/plan.js';
import { UserError } from '../model/problems.js';
import type { Derivation } from './derivation.js';

export interface ShardRequest {
  /** Documents at the horizon. */
  documents: number;
  /** Sum of per_document over vector fields stored as nested chunk documents (per_document > 1). */
  nested_per_document: number;
  /** Everything on disk for one copy at the horizon. */
  primary_disk_bytes: number;
  replicas: number;
  growth_factor: number;
  growth_planned: boolean;
  /** index.primaries: a primary count the workload pins (e.g. an existing index's), used instead of the computed one. */
  pinned_primaries?: number;
}

export interface ShardPlan {
  shards: Shards;
  lucene_docs: number;
  warnings: Warning[];
}

export function planShards(d: Derivation, req: ShardRequest): ShardPlan {
  const luceneDocs = d.eval('shards.lucene_docs', { documents: req.documents, nested_per_document: req.nested_per_document });
  const maxBytes = d.num('shards.max_shard_bytes');
  const maxDocs = d.num('shards.max_shard_docs');
  const maxShards = d.num('index.max_number_of_shards');
  const luceneMax = d.num('lucene.max_docs_per_shard');
  d.num('cluster.max_shards_per_node');

  const forBytes = d.eval('shards.primaries_for_bytes', { primary_disk_bytes: req.primary_disk_bytes, max_shard_bytes: maxBytes });
  const forDocs = d.eval('shards.primaries_for_docs', { lucene_docs: luceneDocs, max_shard_docs: maxDocs });
  const computed = d.eval('shards.primaries', { primaries_for_bytes: forBytes, primaries_for_docs: forDocs });
  const gb = (b: number) => `${(b / 2 ** 30).toFixed(1)} GiB`;
  if (computed > maxShards) {
    // Elasticsearch refuses to create such an index, so there is no plan to give: say what to change.
    // A pinned count does not help: it would make shards past every guidance (and past exact byte counts).
    throw new UserError({
      path: 'corpus',
      message: `needs ${computed.toLocaleString('en-US')} primary shards at the horizon (${gb(req.primary_disk_bytes)} and ${luceneDocs.toLocaleString('en-US')} Lucene documents per copy), above Elasticsearch's limit of ${maxShards} shards per index`,
      fix: 'esplan sizes one index: split the corpus across several indices (e.g. per tenant or per source) and size each, or shorten corpus.growth.months',
    });
  }
  const pinned = req.pinned_primaries;
  const primaries = pinned ?? computed;
  if (pinned !== undefined) {
    d.note({
      id: 'shards.primaries_pinned',
      kind: 'policy',
      description: `Primary shards pinned in the workload (index.primaries), used instead of the ${computed} the shard guidance gives`,
      result: pinned,
      unit: 'shards',
      source: 'workload index.primaries',
    });
  }
  const shardBytes = d.eval('shards.shard_bytes', { primary_disk_bytes: req.primary_disk_bytes, primaries });
  const docsPerShard = d.eval('shards.docs_per_shard', { lucene_docs: luceneDocs, primaries });
  const totalShards = d.eval('shards.total_shards', { primaries, replicas: req.replicas });

  const routing = planRouting(d, primaries, req);

  const warnings: Warning[] = [];
  const minBytes = d.num('shards.min_shard_bytes');
  if (pinned !== undefined) {
    if (docsPerShard > luceneMax) {
      // Lucene refuses documents past this count per shard: the pinned count cannot hold the corpus.
      throw new UserError({
        path: 'index.primaries',
        message: `${pinned} primaries hold ${docsPerShard.toLocaleString('en-US')} Lucene documents per shard at the horizon, above Lucene's hard limit of ${luceneMax.toLocaleString('en-US')} per shard`,
        fix: `raise index.primaries to at least ${forDocs} or remove it so esplan computes the count`,
      });
    }
    if (shardBytes > maxBytes) {
      warnings.push({
        code: 'PINNED_SHARDS_ABOVE_SIZE_GUIDANCE',
        message: `index.primaries ${pinned} makes shards of ${gb(shardBytes)} at the horizon, above Elastic's ${gb(maxBytes)} (50 GB) guidance; ${forBytes} primaries would keep them within it (resize with _split, or reindex)`,
      });
    }
    if (docsPerShard >= maxDocs) {
      warnings.push({
        code: 'PINNED_SHARDS_ABOVE_DOC_GUIDANCE',
        message: `index.primaries ${pinned} puts ${docsPerShard.toLocaleString('en-US')} Lucene documents in each shard at the horizon, at or above Elastic's guidance of fewer than ${maxDocs.toLocaleString('en-US')} (200M) per shard; ${forDocs} primaries would keep them below it`,
      });
    }
  }
  if (pinned !== undefined && pinned > computed && shardBytes < minBytes) {
    warnings.push({
      code: 'SHARD_SIZE_BELOW_RANGE',
      message: `index.primaries ${pinned} makes shards of ${gb(shardBytes)} at the horizon, below Elastic's ${gb(minBytes)}-${gb(maxBytes)} range; fewer primaries would do (${computed} by the guidance).`,
    });
  } else if (primaries > 1 && shardBytes < minBytes) {
    warnings.push({
      code: 'SHARD_SIZE_BELOW_RANGE',
      message: `${primaries} primaries (needed to keep each shard below ${maxDocs.toLocaleString('en-US')} documents) make shards of ${gb(shardBytes)} at the horizon, below Elastic's ${gb(minBytes)}-${gb(maxBytes)} range.`,
    });
  }
  if (routing.warning) warnings.push(routing.warning);
  if (req.growth_planned && primaries > 1 && req.growth_factor > 1) {
    const nowBytes = Math.ceil(shardBytes / req.growth_factor);
    if (shardBytes >= minBytes && nowBytes < minBytes) {
      warnings.push({
        code: 'SHARD_SIZE_GROWS_INTO_RANGE',
        message: `Shards start at about ${gb(nowBytes)} and reach ${gb(shardBytes)} at the horizon: below Elastic's ${gb(minBytes)} lower bound until the corpus grows.`,
      });
    }
  }

  return {
    shards: {
      primaries,
      replicas: req.replicas,
      routing_shards: routing.choice.routing_shards,
      split_factors: routing.choice.split_factors,
      shard_bytes: shardBytes,
      docs_per_shard: docsPerShard,
      total_shards: totalShards,
    },
    lucene_docs: luceneDocs,
    warnings,
  };
}

/**
 * Every factor a later _split can use: the divisors above 1 of routing_shards / primaries, up to
 * `maxFactor` (the largest factor whose target, primaries x factor, stays within the shard limit).
 */
export function splitFactors(ratio: number, maxFactor: number = ratio): number[] {
  const low: number[] = [];
  const high: number[] = [];
  for (let f = 1; f * f <= ratio; f += 1) {
    if (ratio % f !== 0) continue;
    low.push(f);
    if (f * f !== ratio) high.unshift(ratio / f);
  }
  return [...low, ...high].filter((f) => f > 1 && f <= maxFactor);
}

export interface RoutingRequest {
  primaries: number;
  /** Elasticsearch's own number_of_routing_shards for this primary count (shards.routing_default). */
  default_routing_shards: number;
  /** The split the growth after the horizon needs (shards.split_factor); undefined when no growth is planned. */
  split_factor: number | undefined;
  growth_factor: number;
  /** index.number_of_shards ceiling: a split's target may not pass it. */
  max_number_of_shards: number;
  /** The factor every chosen layout keeps while a split by it fits (2, as Elasticsearch's default does). */
  keep_split_factor: number;
}

/**
 * How the routing shards were chosen:
 * - `no_split`: even a split by keep_split_factor passes the shard limit; Elasticsearch's default stays.
 * - `default`: no growth planned, or the default already splits by the growth's factor.
 * - `growth_split`: a layout with the growth's factor, repeatable the most times in a row.
 * - `growth_oversplit`: no layout has the growth's factor; the one whose smallest split at or above the growth is the least.
 * - `growth_short`: no layout reaches the growth; the one with the largest split.
 */
export type RoutingRule = 'no_split' | 'default' | 'growth_split' | 'growth_oversplit' | 'growth_short';

export interface RoutingChoice {
  routing_shards: number;
  /** Usable clean split factors of routing_shards (targets within max_number_of_shards). */
  split_factors: number[];
  rule: RoutingRule;
  /** Some split reaches the growth (true when no growth is planned). */
  covers_growth: boolean;
}

/** Times `f` divides `n` in a row. */
function multiplicity(n: number, f: number): number {
  let k = 0;
  for (let m = n; m % f === 0; m /= f) k += 1;
  return k;
}

/**
 * number_of_routing_shards for `primaries`: never fewer usable clean splits than Elasticsearch's
 * default, the keep factor (x2) whenever a split fits, and for growth the growth's split factor.
 *
 * Candidates are the layouts routing = primaries x r with r a multiple of the keep factor and
 * primaries x r within the shard limit (a larger r only adds splits past the limit). Among those with
 * at least the default's count of usable factors (the default is one of them), in order:
 * 1. the default itself when it already has the growth's factor;
 * 2. those with the growth's factor: the most splits by it in a row, then the most factors, then the largest;
 * 3. those with a split at or above the growth: the smallest such split, then the most factors, then the largest;
 * 4. the largest r (the largest split), then the most factors.
 */
export function chooseRoutingShards(req: RoutingRequest): RoutingChoice {
  const { primaries, default_routing_shards: def, split_factor: f, growth_factor: growth, keep_split_factor: keep } = req;
  const maxRatio = Math.floor(req.max_number_of_shards / primaries);
  const factorsOf = (r: number) => splitFactors(r, maxRatio);
  const pick = (r: number, rule: RoutingRule): RoutingChoice => {
    const split_factors = factorsOf(r);
    const covers_growth = f === undefined || split_factors.some((x) => x >= growth);
    return { routing_shards: primaries * r, split_factors, rule, covers_growth };
  };
  const defRatio = def / primaries;
  if (maxRatio < keep) {
    const split_factors = factorsOf(defRatio);
    return { routing_shards: def, split_factors, rule: 'no_split', covers_growth: f === undefined };
  }
  if (f === undefined || (defRatio % f === 0 && f <= maxRatio)) return pick(defRatio, 'default');

  const floor = factorsOf(defRatio).length;
  const candidates: Array<{ r: number; count: number; over: number | undefined }> = [];
  for (let r = keep; r <= maxRatio; r += keep) {
    const factors = factorsOf(r);
    // over: the smallest split that keeps up with the growth, if any
    if (factors.length >= floor) candidates.push({ r, count: factors.length, over: factors.find((x) => x >= growth) });
  }
  const best = <T>(items: T[], key: (t: T) => number[]): T | undefined =>
    items.reduce<T | undefined>((acc, t) => {
      if (acc === undefined) return t;
      const a = key(acc);
      const b = key(t);
      for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) return b[i]! > a[i]! ? t : acc;
      return acc;
    }, undefined);

  const exact = best(
    candidates.filter((c) => c.r % f === 0),
    (c) => [multiplicity(c.r, f), c.count, c.r],
  );
  if (exact) return pick(exact.r, 'growth_split');
  const over = best(
    candidates.filter((c) => c.over !== undefined),
    (c) => [-c.over!, c.count, c.r],
  );
  if (over) return pick(over.r, over.r === defRatio ? 'default' : 'growth_oversplit');
  const largest = best(candidates, (c) => [c.r, c.count])!;
  return pick(largest.r, 'growth_short');
}

/** Why the rule chose what it chose, in a sentence for the basis entry. */
function ruleText(choice: RoutingChoice, keep: number, growth: number): string {
  switch (choice.rule) {
    case 'no_split':
      return `no split fits: even x${keep} would pass the shard limit, so Elasticsearch's default stays`;
    case 'default': {
      const over = choice.split_factors.find((x) => x >= growth);
      return choice.covers_growth && over !== undefined && growth > 1
        ? `Elasticsearch's default, whose x${over} is the least split that keeps up with the growth`
        : "Elasticsearch's default";
    }
    case 'growth_split':
      return `the growth's split factor, repeatable the most times in a row, keeping x${keep} and at least as many splits as the default`;
    case 'growth_oversplit':
      return `no layout that keeps x${keep} has the growth's factor: the least split that keeps up with the growth`;
    case 'growth_short':
      return `no layout within the shard limit keeps up with the growth: the largest split that keeps x${keep}`;
  }
}

function planRouting(d: Derivation, primaries: number, req: ShardRequest): { choice: RoutingChoice; warning?: Warning } {
  const maxShards = d.num('index.max_number_of_shards');
  const keep = d.num('shards.routing_keep_split_factor');
  const def = d.eval('shards.routing_default', { primaries, max_number_of_shards: maxShards });
  const factor = req.growth_planned
    ? d.eval('shards.split_factor', { growth_factor: req.growth_factor, max_number_of_shards: maxShards })
    : undefined;
  const choice = chooseRoutingShards({
    primaries,
    default_routing_shards: def,
    split_factor: factor,
    growth_factor: req.growth_factor,
    max_number_of_shards: maxShards,
    keep_split_factor: keep,
  });
  const list = (fs: number[]) => (fs.length ? fs.map((x) => `x${x}`).join(', ') : 'none');
  const defFactors = splitFactors(def / primaries, Math.floor(maxShards / primaries));
  const growthText = factor === undefined ? 'no growth planned' : `growth ${req.growth_factor.toFixed(2)}x per horizon needs a split by ${factor}`;
  d.note({
    id: 'shards.routing_shards',
    kind: 'policy',
    description:
      `number_of_routing_shards ${choice.routing_shards} for ${primaries} primaries (splits ${list(choice.split_factors)}): ${ruleText(choice, keep, req.growth_factor)}; ` +
      `${growthText}; Elasticsearch's default ${def} splits ${list(defFactors)}`,
    inputs: { primaries, default_routing_shards: def, growth_factor: req.growth_factor, split_factor: factor ?? 'none', max_number_of_shards: maxShards, keep_split_factor: keep },
    result: choice.routing_shards,
    unit: 'shards',
    source:
      "esplan policy (never fewer clean splits than Elasticsearch's default; keep x2; cover the growth); elastic/elasticsearch IndexMetadata.selectSplitShard and getRoutingFactor (a split's target must be a multiple of the source and divide the routing shards) and buildNumberOfShardsSetting (index.number_of_shards at most 1024); index-modules.md: \"a 5 shard index with number_of_routing_shards set to 30 (5 x 2 x 3) could be split by a factor of 2 or 3\"",
  });
  if (factor === undefined || choice.covers_growth) return { choice };
  const largest = choice.split_factors.at(-1);
  return {
    choice,
    warning: {
      code: 'ROUTING_SPLIT_BELOW_GROWTH',
      message:
        `${growthText}, but ${primaries} primaries can split ${largest === undefined ? 'by no factor' : `at most x${largest}`} within Elasticsearch's ${maxShards} shards per index, ` +
        'so _split cannot keep up with that growth; plan to reindex into a new index with more primaries, or split the corpus across indices',
    },
  };
}
