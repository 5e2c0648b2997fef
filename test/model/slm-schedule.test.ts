/**
 * SLM schedules as Elasticsearch reads them (SnapshotLifecyclePolicy.validate, Cron, and
 * SnapshotLifecycleService.validateMinimumInterval in elastic/elasticsearch), and the workload's
 * `snapshots.schedule` refused up front by the same rules. Expected gaps worked out by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSlmSchedule, cronShortestGapMs, parseCron, parseTimeUnitMs } from '../../src/model/slm-schedule.js';
import { parseWorkload } from '../../src/model/parse-workload.js';
import { userErrorMessage } from '../helpers/user-error.js';

const FIFTEEN_MIN = 15 * 60_000;
const minimal = { corpus: { documents: 1000, source_bytes_per_document: 2000 } };

describe('SLM schedule check', () => {
  it('reads time units as Elasticsearch does (lower-cased, trimmed)', () => {
    expect(parseTimeUnitMs('30m')).toBe(1_800_000);
    expect(parseTimeUnitMs(' 1H ')).toBe(3_600_000);
    expect(parseTimeUnitMs('2d')).toBe(172_800_000);
    expect(parseTimeUnitMs('0')).toBe(0);
    expect(parseTimeUnitMs('1.5h')).toBeUndefined();
    expect(parseTimeUnitMs('0 30 1 * * ?')).toBeUndefined();
  });

  it('accepts intervals of 15 minutes or more and refuses shorter ones with Elasticsearch\'s words', () => {
    expect(checkSlmSchedule('15m', FIFTEEN_MIN)).toEqual({ ok: true, kind: 'interval', shortestGapMs: FIFTEEN_MIN });
    expect(checkSlmSchedule('1h', FIFTEEN_MIN).ok).toBe(true);
    for (const s of ['5m', '30s', '899s', '14m']) {
      expect(checkSlmSchedule(s, FIFTEEN_MIN)).toEqual({
        ok: false,
        problem: 'too_frequent',
        reason: `invalid schedule [${s}]: schedule would be too frequent, executing more than every [15m]`,
      });
    }
    expect(checkSlmSchedule('0s', FIFTEEN_MIN)).toMatchObject({ ok: false, problem: 'zero', reason: 'invalid schedule [0s]: time unit must be at least 1 millisecond' });
    // slm.minimum_interval set to 0 turns the frequency check off.
    expect(checkSlmSchedule('5m', 0).ok).toBe(true);
  });

  it('parses cron with seconds first: 6 or 7 fields, names, ranges, steps, L, W and #', () => {
    // Daily at 01:30:00 -> one run a day.
    expect(parseCron('0 30 1 * * ?')).toEqual({ seconds: [0], minutes: [30], hours: [1] });
    // 0/20 in minutes: 0, 20, 40.
    expect(parseCron('0 0/20 * ? * MON-FRI').minutes).toEqual([0, 20, 40]);
    // A wrapping range 22-2: 22, 23, 0, 1, 2.
    expect(parseCron('0 0 22-2 * * ? 2030').hours).toEqual([0, 1, 2, 22, 23]);
    for (const ok of ['0 0 12 L * ?', '0 0 12 LW * ?', '0 0 12 15W * ?', '0 0 12 ? * 6L', '0 0 12 ? * FRI#3', '0 0 12 ? JAN,JUL *', '0 0 12 L-3 * ?']) {
      expect(() => parseCron(ok), ok).not.toThrow();
    }
  });

  it('refuses cron expressions Elasticsearch refuses', () => {
    const bad = [
      '* * * * *', // five fields: Unix cron, no seconds
      '0 30 1 * * *', // neither day field is ?
      '0 30 1 ? * ?', // both are
      '0 60 1 * * ?', // minute 60
      '0 0 24 * * ?', // hour 24
      '0 0 1 32 * ?', // day 32
      '0 0 1 * 13 ?', // month 13
      '0 0 1 ? * 8', // day-of-week 8
      '? 0 1 * * ?', // ? in seconds
      '0 0 1 * FOO ?', // not a month
      '0 0 1 ? * MON#6', // the sixth Monday
      '0 0 1 ? * 2#1,3#2', // two nth days
      'every day',
    ];
    for (const s of bad) {
      const r = checkSlmSchedule(s, FIFTEEN_MIN);
      expect(r, s).toMatchObject({ ok: false, problem: 'invalid', reason: `invalid schedule [${s}]: must be a valid cron expression or time unit` });
    }
  });

  it('measures the shortest gap between cron runs, midnight included', () => {
    // Every minute: 60 s apart.
    expect(cronShortestGapMs(parseCron('0 * * * * ?'))).toBe(60_000);
    // 00:05 and 23:55 every day: 10 minutes apart over midnight.
    expect(cronShortestGapMs(parseCron('0 5,55 0,23 * * ?'))).toBe(10 * 60_000);
    // Every 15 minutes exactly.
    expect(cronShortestGapMs(parseCron('0 */15 * * * ?'))).toBe(FIFTEEN_MIN);
    expect(checkSlmSchedule('0 * * * * ?', FIFTEEN_MIN)).toMatchObject({ ok: false, problem: 'too_frequent' });
    expect(checkSlmSchedule('0 */15 * * * ?', FIFTEEN_MIN).ok).toBe(true);
    expect(checkSlmSchedule('0 30 1 * * ?', FIFTEEN_MIN)).toEqual({ ok: true, kind: 'cron', shortestGapMs: 86_400_000 });
  });
});

describe('workload snapshots.schedule', () => {
  const problems = (schedule: string) => userErrorMessage(() => parseWorkload({ ...minimal, snapshots: { repository: 'backups', schedule } })).split('\n');

  it.each(['5m', '30s', '0 * * * * ?', '0 */5 * * * ?'])('refuses %s up front, naming the key, the limit and a fix', (schedule) => {
    const p = problems(schedule);
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^snapshots\.schedule: /);
    expect(p[0]).toMatch(/more often than every 15m/);
    expect(p[0]).toMatch(/slm\.minimum_interval/);
    expect(p[0]).toMatch(/e\.g\. 1h/);
  });

  it('refuses a cron expression Elasticsearch cannot read and says why', () => {
    const p = problems('0 30 1 * * *');
    expect(p).toHaveLength(1);
    expect(p[0]).toMatch(/^snapshots\.schedule: .*day-of-month and day-of-week must be '\?'/);
  });

  it.each(['15m', '1h', '0 30 1 * * ?', '0 0 */6 ? * *'])('accepts %s', (schedule) => {
    expect(parseWorkload({ ...minimal, snapshots: { repository: 'backups', schedule } }).snapshots?.schedule).toBe(schedule);
  });
});

describe('cron gap, checked by brute force', () => {
  it('equals the shortest gap between runs found by walking two days second by second', () => {
    const subset = (max: number) => fc.uniqueArray(fc.integer({ min: 0, max }), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(subset(59), subset(59), subset(23), (seconds, minutes, hours) => {
        const expression = `${seconds.join(',')} ${minutes.join(',')} ${hours.join(',')} * * ?`;
        // Independent of cronShortestGapMs: every second of two days, kept when all three fields match.
        const runs: number[] = [];
        for (let t = 0; t < 2 * 86_400; t++) {
          const s = t % 60;
          const m = Math.floor(t / 60) % 60;
          const h = Math.floor(t / 3600) % 24;
          if (seconds.includes(s) && minutes.includes(m) && hours.includes(h)) runs.push(t * 1000);
        }
        let shortest = Infinity;
        for (let i = 1; i < runs.length; i++) shortest = Math.min(shortest, (runs[i] as number) - (runs[i - 1] as number));
        expect(cronShortestGapMs(parseCron(expression))).toBe(shortest);
      }),
      { seed: 1203, numRuns: 40 },
    );
  });
});
