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

  let routing: number;
  if (req.growth_planned) {
    const factor = d.eval('shards.split_factor', { growth_factor: req.growth_factor, max_number_of_shards: maxShards });
    routing = d.eval('shards.routing_for_growth', { primaries, split_factor: factor, max_number_of_shards: maxShards });
  } else {
    routing = d.eval('shards.routing_default', { primaries, max_number_of_shards: maxShards });
  }

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
      routing_shards: routing,
      split_factors: splitFactors(routing / primaries),
      shard_bytes: shardBytes,
      docs_per_shard: docsPerShard,
      total_shards: totalShards,
    },
    lucene_docs: luceneDocs,
    warnings,
  };
}

/** Every factor a later _split can use: the divisors above 1 of routing_shards / primaries. */
export function splitFactors(ratio: number): number[] {
  const out: number[] = [];
  for (let f = 2; f <= ratio; f += 1) if (ratio % f === 0) out.push(f);
  return out;
}
