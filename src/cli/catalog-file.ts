/** --catalog FILE: extra or overriding catalog entries, validated like the built-in catalogs. */
import { userCatalogSchema, type CatalogEntry } from '../data/catalogs.js';
import { formatPath, UserError, type Problem } from '../model/problems.js';
import { readStructuredFile } from './workload-file.js';

export function readCatalogFile(file: string): CatalogEntry[] {
  const raw = readStructuredFile(file, 'catalog');
  const parsed = userCatalogSchema.safeParse(raw);
  if (parsed.success) return parsed.data.entries;
  const problems: Problem[] = parsed.error.issues.map((issue) => {
    const [first, index, ...rest] = issue.path;
    let where = formatPath(issue.path);
    if (first === 'entries' && typeof index === 'number') {
      const id = entryId(raw, index);
      where = `entries[${index}]${id ? ` (${id})` : ''}${rest.length ? `.${formatPath(rest)}` : ''}`;
    }
    return { path: `${file}: ${where || '(root)'}`, message: issue.message };
  });
  throw new UserError(problems.length ? problems : [{ path: file, message: 'is not a valid catalog file' }]);
}

function entryId(raw: unknown, index: number): string | undefined {
  const entries = (raw as { entries?: unknown }).entries;
  if (!Array.isArray(entries)) return undefined;
  const e = entries[index] as { id?: unknown; instance_type?: unknown } | undefined;
  if (typeof e?.id === 'string') return e.id;
  return typeof e?.instance_type === 'string' ? e.instance_type : undefined;
}
