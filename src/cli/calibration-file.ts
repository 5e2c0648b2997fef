/** --calibration FILE: bytes per vector measured on a live cluster (esplan check --write-calibration). */
import { CALIBRATION_KIND, calibrationSchema } from '../model/calibration.js';
import { displayText, displayValue } from '../model/display-text.js';
import { formatPath, UserError, type Problem } from '../model/problems.js';
import { isOwnMessage, onePerPath, toProblems } from '../model/zod-problems.js';
import type { SizingCalibration } from '../sizing/calibration.js';
import { readStructuredFile } from './workload-file.js';

const WRITE_FIX = 'give the file `esplan check -w WORKLOAD --url URL --write-calibration FILE` wrote';

export function readCalibrationFile(file: string): SizingCalibration {
  const raw = readStructuredFile(file, 'calibration');
  const shown = displayText(file);
  // A workload, a plan or a catalog given by mistake would otherwise list every one of its keys as unknown.
  const kind = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as { kind?: unknown }).kind : undefined;
  if (kind !== CALIBRATION_KIND) {
    throw new UserError({
      path: `${shown}: kind`,
      message: kind === undefined ? `is missing: this is not a calibration file (those have kind: ${CALIBRATION_KIND})` : `is ${displayValue(kind)}, not ${CALIBRATION_KIND}`,
      fix: WRITE_FIX,
    });
  }
  const parsed = calibrationSchema.safeParse(raw);
  if (parsed.success) return { file, calibration: parsed.data };
  // As for --catalog: the schema's own messages say what the value should be; zod's generic ones
  // get the workload file's wording and fixes.
  const problems = onePerPath(
    parsed.error.issues.flatMap((issue) =>
      isOwnMessage(issue.message)
        ? [{ path: formatPath(issue.path), message: issue.message, custom: issue.code === 'custom' }]
        : toProblems(issue, raw, calibrationSchema),
    ),
  ).map((p): Problem => ({ ...p, path: `${shown}: ${withEntryKey(p.path, raw) || '(root)'}` }));
  throw new UserError(problems.length ? problems : [{ path: shown, message: 'is not a valid calibration file', fix: WRITE_FIX }]);
}

/** `entries[2].vectors` → `entries[2] (bbq_hnsw/float/1024/16).vectors`: which entry, without counting. */
function withEntryKey(path: string, raw: unknown): string {
  const m = /^entries\[(\d+)\]/.exec(path);
  if (!m) return path;
  const entries = (raw as { entries?: unknown }).entries;
  const e = Array.isArray(entries) ? (entries[Number(m[1])] as Record<string, unknown> | undefined) : undefined;
  if (!e || typeof e !== 'object' || typeof e.index_type !== 'string' || typeof e.dims !== 'number') return path;
  const key = `${e.index_type}/${String(e.element_type)}/${e.dims}/${e.m === null || e.m === undefined ? '-' : String(e.m)}`;
  return `${m[0]} (${displayText(key)})${path.slice(m[0].length)}`;
}
