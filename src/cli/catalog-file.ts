/** --catalog FILE: extra or overriding catalog entries, validated like the built-in catalogs. */
import { userCatalogSchema, type CatalogEntry } from '../data/catalogs.js';
import { formatPath, UserError, type Problem } from '../model/problems.js';
import { isOwnMessage, onePerPath, toProblems } from '../model/zod-problems.js';
import { readStructuredFile } from './workload-file.js';

export function readCatalogFile(file: string): CatalogEntry[] {
  const raw = readStructuredFile(file, 'catalog');
  const parsed = userCatalogSchema.safeParse(raw);
  if (parsed.success) return parsed.data.entries;
  // The schema's own messages already say what the value should be; zod's generic ones
  // ("Invalid input: expected string, received undefined") get the workload file's wording and fixes.
  const problems = onePerPath(
    parsed.error.issues.flatMap((issue) =>
      isOwnMessage(issue.message)
        ? [{ path: formatPath(issue.path), message: issue.message, custom: issue.code === 'custom' }]
        : toProblems(issue, raw, userCatalogSchema),
    ),
  ).map((p): Problem => ({ ...p, path: `${file}: ${withEntryId(p.path, raw) || '(root)'}` }));
  throw new UserError(problems.length ? problems : [{ path: file, message: 'is not a valid catalog file' }]);
}

/** `entries[3].vcpu` → `entries[3] (aws:r6gd.4xlarge).vcpu`: the index alone is hard to find in a long file. */
function withEntryId(path: string, raw: unknown): string {
  const m = /^entries\[(\d+)\]/.exec(path);
  const id = m ? entryId(raw, Number(m[1])) : undefined;
  return m && id ? `${m[0]} (${id})${path.slice(m[0].length)}` : path;
}

function entryId(raw: unknown, index: number): string | undefined {
  const entries = (raw as { entries?: unknown }).entries;
  if (!Array.isArray(entries)) return undefined;
  const e = entries[index] as { id?: unknown; instance_type?: unknown } | undefined;
  if (typeof e?.id === 'string') return e.id;
  return typeof e?.instance_type === 'string' ? e.instance_type : undefined;
}
