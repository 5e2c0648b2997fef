import { parseWorkload } from '../model/parse-workload.js';
import { UserError } from '../model/problems.js';
import { displayText } from '../model/display-text.js';
import type { Workload } from '../model/workload.js';
import { MAX_TOKENS, parseTextDocument } from './parse-text-document.js';
import { readUserFile } from '../data/read-user-file.js';

/** Workload files are small; anything larger is a mistake or an attack. */
export const MAX_WORKLOAD_BYTES = 1024 * 1024;

/**
 * Limits for other kinds of user file. A --catalog file may copy a whole built-in catalog: the
 * largest, catalogs/elastic-cloud.json, is 336 kB and about 48,000 YAML tokens. A plan for
 * `esplan apply` (recommend --json output) is about 47 kB for one vector field and 1.7 MB for
 * the maximum of 100. The token limit applies to YAML only: JSON goes to JSON.parse.
 */
const LARGE_FILE = { maxBytes: 16 * 1024 * 1024, maxTokens: 400_000 };
const FILE_LIMITS: Record<string, { maxBytes: number; maxTokens: number }> = {
  workload: { maxBytes: MAX_WORKLOAD_BYTES, maxTokens: MAX_TOKENS },
  catalog: LARGE_FILE,
  plan: LARGE_FILE,
  // A calibration lists every measured field (index and path) under its entry; a cluster with an
  // index per tenant can have tens of thousands.
  calibration: LARGE_FILE,
};

/** Reads, parses and validates a workload file; every failure is a UserError naming the file. */
export function readWorkloadFile(file: string): Workload {
  const doc = readStructuredFile(file, 'workload');
  if (isPlanDocument(doc)) {
    throw new UserError({
      path: displayText(file),
      message: 'is a plan (esplan recommend --json or apply --plan-out output), not a workload file',
      fix: 'give the workload file the plan was made from (the plan repeats it under "workload"), or apply the plan with esplan apply FILE',
    });
  }
  return parseWorkload(doc, displayText(file));
}

/**
 * A plan (recommend --json: its workload under "workload") or a saved apply plan (under "plan");
 * passed as a workload it would list every plan key as unknown.
 */
function isPlanDocument(doc: unknown): boolean {
  return doc !== null && typeof doc === 'object' && 'esplan_version' in doc && ('workload' in doc || 'plan' in doc) && !('corpus' in doc);
}

/** Reads a YAML or JSON document with the guards every user-supplied file gets. */
export function readStructuredFile(file: string, what: string): unknown {
  const limits = FILE_LIMITS[what] ?? FILE_LIMITS.workload!;
  return parseTextDocument(readUserFile(file, what, limits.maxBytes), file, what, limits.maxTokens);
}

/** Parses the bytes of a YAML or JSON file (by extension) into a mapping, or throws a UserError. */
export function parseDocument(buf: Buffer, file: string, what: string): unknown {
  return parseTextDocument(buf, file, what, (FILE_LIMITS[what] ?? FILE_LIMITS.workload!).maxTokens);
}
