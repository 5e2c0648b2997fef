/**
 * SLM schedules as Elasticsearch reads them: first as a time unit (`30m`, `1h`), then as a cron
 * expression in Elasticsearch's Quartz-derived syntax (seconds first, 6 or 7 fields, `?` in
 * exactly one of day-of-month and day-of-week), and then held to the cluster's
 * `slm.minimum_interval` (15 minutes by default). Pure: shared by the workload schema (so esplan
 * refuses a schedule up front) and the loopback stand-in (so it refuses what a cluster would).
 *
 * Learned from (read, not copied) elastic/elasticsearch:
 * - x-pack/plugin/core/.../slm/SnapshotLifecyclePolicy.java `validate()`: a time unit is tried
 *   first, then `new Cron(schedule)`; the failures "invalid schedule [S]: must be a valid cron
 *   expression or time unit" and "... time unit must be at least 1 millisecond" are request
 *   validation errors (400 action_request_validation_exception).
 * - x-pack/plugin/slm/.../SnapshotLifecycleService.java `validateMinimumInterval`: "invalid
 *   schedule [S]: schedule would be too frequent, executing more than every [15m]", an
 *   IllegalArgumentException (400 illegal_argument_exception), checked after the repository.
 * - x-pack/plugin/core/.../scheduler/Cron.java: the field syntax and value ranges.
 * - x-pack/plugin/core/.../ilm/LifecycleSettings.java: `slm.minimum_interval` defaults to 15m.
 */

export interface CronFields {
  seconds: number[];
  minutes: number[];
  hours: number[];
}

export type ScheduleCheck =
  | { ok: true; kind: 'interval' | 'cron'; /** Shortest time between two runs (a lower bound for cron). */ shortestGapMs: number }
  | { ok: false; problem: 'invalid' | 'zero' | 'too_frequent'; /** Elasticsearch's own words. */ reason: string; /** What in the cron expression is wrong. */ detail?: string };

const UNIT_MS: Record<string, number> = { nanos: 1e-6, micros: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const DAY_MS = 86_400_000;

/** A time unit as Elasticsearch's TimeValue parses it (lower-cased, trimmed), in ms; undefined when it is not one. */
export function parseTimeUnitMs(text: string): number | undefined {
  const s = text.trim().toLowerCase();
  if (s === '0') return 0;
  const m = /^(\d+)\s*(nanos|micros|ms|s|m|h|d)$/.exec(s);
  if (!m) return undefined;
  return Number(m[1]) * (UNIT_MS[m[2] as string] as number);
}

interface FieldSpec {
  name: string;
  min: number;
  max: number;
  names?: readonly string[];
  nameBase?: number;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;
const FIELDS: readonly FieldSpec[] = [
  { name: 'seconds', min: 0, max: 59 },
  { name: 'minutes', min: 0, max: 59 },
  { name: 'hours', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  { name: 'day-of-week', min: 1, max: 7, names: DAYS, nameBase: 1 },
  { name: 'year', min: 1970, max: 2999 },
];
const DOM = 3;
const DOW = 5;

class CronError extends Error {}

function value(token: string, spec: FieldSpec): number {
  const i = spec.names?.indexOf(token as never) ?? -1;
  if (i >= 0) return i + (spec.nameBase ?? 0);
  if (!/^\d+$/.test(token)) throw new CronError(`${spec.name}: [${token}] is not a value`);
  const v = Number(token);
  if (v < spec.min || v > spec.max) throw new CronError(`${spec.name} values must be between ${spec.min} and ${spec.max}`);
  return v;
}

/** One comma-separated item of a field into the values it enables (day fields' L, W and # items enable none we need). */
function item(text: string, field: number): number[] {
  const spec = FIELDS[field] as FieldSpec;
  if (text === '?') {
    if (field !== DOM && field !== DOW) throw new CronError("'?' can only be specified for day-of-month or day-of-week");
    return [];
  }
  if (field === DOM && /^(L(-\d+)?W?|\d+W|LW)$/.test(text)) {
    const off = /^L-(\d+)/.exec(text);
    if (off && Number(off[1]) > 30) throw new CronError('offset from last day must be <= 30');
    const w = /^(\d+)W$/.exec(text);
    if (w) value(w[1] as string, spec);
    return [];
  }
  if (field === DOW) {
    const special = /^([A-Z]{3}|\d+)?(L|#(\d+))$/.exec(text);
    if (special) {
      if (special[1] !== undefined) value(special[1], spec);
      else if (special[2] !== 'L') throw new CronError(`${spec.name}: [${text}] needs a day before '#'`);
      if (special[3] !== undefined && (Number(special[3]) < 1 || Number(special[3]) > 5)) {
        throw new CronError("a numeric value between 1 and 5 must follow the '#' option");
      }
      return [];
    }
  }
  const m = /^(\*|[A-Z0-9]+(?:-[A-Z0-9]+)?)?(?:\/(\d+))?$/.exec(text);
  if (!m || (m[1] === undefined && m[2] === undefined)) throw new CronError(`${spec.name}: [${text}] is not valid`);
  const span = spec.max - spec.min + 1;
  const step = m[2] === undefined ? 1 : Number(m[2]);
  if (m[2] !== undefined && (step < 1 || step > (field === 6 ? Infinity : span))) throw new CronError(`${spec.name}: increment [${step}] is out of range`);
  let from = spec.min;
  let to = spec.max;
  if (m[1] !== undefined && m[1] !== '*') {
    const [a, b] = m[1].split('-') as [string, string | undefined];
    from = value(a, spec);
    // A lone value with a step (5/15) runs to the end of the range; without one it is just itself.
    to = b !== undefined ? value(b, spec) : m[2] !== undefined ? spec.max : from;
  }
  const out: number[] = [];
  // Ranges may wrap (22-2 is 22, 23, 0, 1, 2), as Elasticsearch allows.
  const length = to >= from ? to - from + 1 : span - (from - to) + 1;
  for (let k = 0; k < length; k += step) out.push(spec.min + ((from - spec.min + k) % span));
  return out;
}

/** Elasticsearch's cron syntax; throws a CronError saying what is wrong. */
export function parseCron(expression: string): CronFields {
  const tokens = expression.toUpperCase().split(/[ \t]+/).filter(Boolean);
  if (tokens.length < 6) throw new CronError(`a cron expression needs 6 or 7 fields (seconds first), found ${tokens.length}`);
  // Elasticsearch reads at most seven fields and ignores anything after them.
  const sets = tokens.slice(0, 7).map((token, field) => {
    if (field === DOW && token.includes('#') && token.split(',').length > 1) throw new CronError("only one '#' day may be given");
    if ((field === DOM || field === DOW) && token.includes('L') && token.includes(',')) throw new CronError("'L' cannot be listed with other days");
    return token.split(',').flatMap((part) => {
      if (part === '') throw new CronError(`${(FIELDS[field] as FieldSpec).name}: empty list item`);
      return item(part, field);
    });
  });
  const domAny = tokens[DOM] === '?';
  const dowAny = tokens[DOW] === '?';
  if (domAny === dowAny) {
    throw new CronError("exactly one of day-of-month and day-of-week must be '?' (specifying both is not supported)");
  }
  const sorted = (a: number[] | undefined) => [...new Set(a ?? [])].sort((x, y) => x - y);
  return { seconds: sorted(sets[0]), minutes: sorted(sets[1]), hours: sorted(sets[2]) };
}

/**
 * The shortest time between two runs of a cron schedule on a day it runs, the gap over midnight
 * included: a lower bound on what Elasticsearch measures (the gap between the next two runs after
 * now), so a schedule that passes here passes there at any time of day.
 */
export function cronShortestGapMs(fields: CronFields): number {
  const points: number[] = [];
  for (const h of fields.hours) for (const m of fields.minutes) for (const s of fields.seconds) points.push((h * 3600 + m * 60 + s) * 1000);
  if (points.length < 2) return DAY_MS;
  points.sort((a, b) => a - b);
  let gap = (points[0] as number) + DAY_MS - (points[points.length - 1] as number);
  for (let i = 1; i < points.length; i++) gap = Math.min(gap, (points[i] as number) - (points[i - 1] as number));
  return gap;
}

/** Elasticsearch's way of writing a duration, as in its messages ([15m], [1h], [90s]). */
export function formatTimeUnit(ms: number): string {
  for (const [unit, size] of [['d', DAY_MS], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const) {
    if (ms >= size && ms % size === 0) return `${ms / size}${unit}`;
  }
  return `${ms}ms`;
}

/** Whether Elasticsearch would accept this SLM schedule with `slm.minimum_interval` at `minimumIntervalMs`. */
export function checkSlmSchedule(schedule: string, minimumIntervalMs: number): ScheduleCheck {
  let kind: 'interval' | 'cron';
  let gap: number;
  if (schedule.trim() === '') return { ok: false, problem: 'invalid', reason: `invalid schedule [${schedule}]: schedule must not be empty` };
  const interval = parseTimeUnitMs(schedule);
  if (interval !== undefined) {
    if (interval < 1) return { ok: false, problem: 'zero', reason: `invalid schedule [${schedule}]: time unit must be at least 1 millisecond` };
    kind = 'interval';
    gap = interval;
  } else {
    try {
      gap = cronShortestGapMs(parseCron(schedule));
      kind = 'cron';
    } catch (err) {
      if (!(err instanceof CronError)) throw err;
      return { ok: false, problem: 'invalid', reason: `invalid schedule [${schedule}]: must be a valid cron expression or time unit`, detail: err.message };
    }
  }
  if (minimumIntervalMs > 0 && gap < minimumIntervalMs) {
    return {
      ok: false,
      problem: 'too_frequent',
      reason: `invalid schedule [${schedule}]: schedule would be too frequent, executing more than every [${formatTimeUnit(minimumIntervalMs)}]`,
    };
  }
  return { ok: true, kind, shortestGapMs: gap };
}
