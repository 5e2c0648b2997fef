import { join } from 'node:path';
import { z } from 'zod';
import { formulasDir } from './paths.js';
import { readDataFile } from './read-data-file.js';

const entry = z.strictObject({
  id: z.string().min(1),
  kind: z.enum(['constant', 'policy']),
  description: z.string().min(1),
  value: z.union([z.number(), z.string(), z.record(z.string(), z.number().int().nonnegative())]),
  source: z.string().min(10),
});

const applyFileSchema = z.strictObject({
  format_version: z.literal(1),
  description: z.string(),
  constants: z.array(entry),
});

/** The version gates and policy values `esplan apply` uses, each sourced in formulas/apply.json. */
export interface ApplyPolicy {
  minClusterVersion: string;
  bitsMinVersion: string;
  bbqDefaultOversample: number;
  indexTemplatePriority: number;
  requestTimeoutSeconds: number;
  retryAttempts: number;
  retryBackoffMs: number;
  /** Smallest and largest --timeout accepted. */
  minRequestTimeoutSeconds: number;
  maxRequestTimeoutSeconds: number;
  /** The most apply reads of one cluster reply, after decompression. */
  maxReplyBytes: number;
  /** The largest --ca-cert file apply reads. */
  maxCaCertBytes: number;
  /** The deepest nesting of objects and arrays accepted in a cluster reply. */
  maxReplyDepth: number;
  /** Cluster licence types by rank, compared with the workload's elasticsearch.license. */
  licenseRank: Readonly<Record<string, number>>;
  /** ignore_above of the keyword sub-field under a text field. */
  keywordIgnoreAbove: number;
  /** Word n-gram sizes of the shingles sub-field's analyzer. */
  shingleMinSize: number;
  shingleMaxSize: number;
  /** `esplan export terraform`: the provider (source and version constraint) and Terraform's own version. */
  terraformProvider: { source: string; version: string };
  terraformRequiredVersion: string;
}

let cached: ApplyPolicy | undefined;

export function loadApplyPolicy(): ApplyPolicy {
  if (cached) return cached;
  const file = readDataFile(join(formulasDir, 'apply.json'), applyFileSchema);
  const get = (id: string) => {
    const e = file.constants.find((c) => c.id === id);
    if (!e) throw new Error(`formulas/apply.json has no ${id}`);
    return e.value;
  };
  const num = (id: string) => {
    const v = get(id);
    if (typeof v !== 'number') throw new Error(`formulas/apply.json: ${id} must be a number`);
    return v;
  };
  const rec = (id: string) => {
    const v = get(id);
    if (typeof v !== 'object') throw new Error(`formulas/apply.json: ${id} must be a table of numbers`);
    return v;
  };
  const str = (id: string) => {
    const v = get(id);
    if (typeof v !== 'string') throw new Error(`formulas/apply.json: ${id} must be a string`);
    return v;
  };
  cached = Object.freeze({
    minClusterVersion: str('apply.min_cluster_version'),
    bitsMinVersion: str('apply.bbq_disk_bits_min_version'),
    bbqDefaultOversample: num('apply.bbq_default_oversample'),
    indexTemplatePriority: num('apply.index_template_priority'),
    requestTimeoutSeconds: num('apply.request_timeout_seconds'),
    retryAttempts: num('apply.retry_attempts'),
    retryBackoffMs: num('apply.retry_backoff_ms'),
    minRequestTimeoutSeconds: num('apply.min_request_timeout_seconds'),
    maxRequestTimeoutSeconds: num('apply.max_request_timeout_seconds'),
    maxReplyBytes: num('apply.max_reply_bytes'),
    maxCaCertBytes: num('apply.max_ca_cert_bytes'),
    maxReplyDepth: num('apply.max_reply_depth'),
    licenseRank: Object.freeze(rec('apply.license_rank')),
    keywordIgnoreAbove: num('apply.keyword_multi_field_ignore_above'),
    shingleMinSize: num('apply.shingle_min_size'),
    shingleMaxSize: num('apply.shingle_max_size'),
    terraformProvider: Object.freeze(providerConstraint(str('export.terraform_provider'))),
    terraformRequiredVersion: str('export.terraform_required_version'),
  });
  return cached;
}

/** "elastic/elasticstack ~> 0.16" as its source address and version constraint. */
function providerConstraint(value: string): { source: string; version: string } {
  const m = /^([a-z0-9-]+\/[a-z0-9-]+) (\S.*)$/.exec(value);
  if (!m) throw new Error(`formulas/apply.json: export.terraform_provider must be "namespace/type constraint", not ${JSON.stringify(value)}`);
  return { source: m[1] as string, version: m[2] as string };
}
