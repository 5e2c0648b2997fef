/** Terraform-like text for the plan of changes and the write report. */
import type { ObjectDiff } from './diff.js';
import type { WriteReport } from './execute.js';
import { sanitise } from '../model/sanitise.js';
import { objectLabel } from './preflight.js';

const SIGN = { create: '+', update: '~', unchanged: '=' } as const;

export interface Summary {
  create: number;
  update: number;
  unchanged: number;
}

export function summarize(diffs: readonly ObjectDiff[]): Summary {
  return {
    create: diffs.filter((d) => d.action === 'create').length,
    update: diffs.filter((d) => d.action === 'update').length,
    unchanged: diffs.filter((d) => d.action === 'unchanged').length,
  };
}

// Numbers, booleans and lists print bare and other text quoted, as a reader expects JSON-ish values.
// Keys and values may come from the cluster (a template's _meta), so both pass the sanitiser.
const BARE = /^(-?\d+(\.\d+)?|true|false|\[.*\])$/;
const show = (v: string | undefined) => (v === undefined ? '(absent)' : sanitise(BARE.test(v) ? v : JSON.stringify(v)));

export function renderDiffs(diffs: readonly ObjectDiff[], color: boolean): string {
  const paint = (code: number, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const tone = { create: 32, update: 33, unchanged: 2 } as const;
  const lines: string[] = [];
  for (const d of diffs) {
    const head = `${SIGN[d.action]} ${objectLabel(d.kind, d.name)}`;
    lines.push(paint(tone[d.action], head) + (d.note ? `  (${sanitise(d.note)})` : ''));
    for (const c of d.changes) {
      const key = sanitise(c.key);
      if (c.old === undefined) lines.push(`    + ${key}: ${show(c.new)}`);
      else if (c.new === undefined) lines.push(`    - ${key}: ${show(c.old)} → (absent)`);
      else lines.push(`    ~ ${key}: ${show(c.old)} → ${show(c.new)}`);
    }
  }
  const s = summarize(diffs);
  lines.push('', `Plan: ${s.create} to create, ${s.update} to update, ${s.unchanged} unchanged. Nothing is ever deleted.`);
  return `${lines.join('\n')}\n`;
}

export function renderReport(report: WriteReport): string {
  const lines = report.ok
    ? ['Apply complete: every write was read back and matches.']
    : [report.interrupted ? 'Apply INTERRUPTED. Where the cluster stands now:' : 'Apply FAILED part-way. Where the cluster stands now:'];
  for (const r of report.results) {
    const label = `${objectLabel(r.kind, r.name)} (${r.action})`;
    const why = sanitise(r.error ?? 'unknown error', 600);
    if (r.status === 'written') lines.push(`  ✓ written and verified: ${label}`);
    else if (r.status === 'not attempted') lines.push(`  · not attempted:        ${label}`);
    else if (r.status === 'unverified') lines.push(`  ? written, NOT verified: ${label}: ${why}`);
    else if (r.status === 'refused') lines.push(`  ✗ REFUSED, not written: ${label}: ${why}`);
    else {
      const unknown = r.cause && (r.cause.kind === 'timeout' || r.cause.kind === 'dropped');
      lines.push(`  ✗ FAILED:               ${label}: ${why}`);
      if (unknown) lines.push('      the request may or may not have reached the cluster; run apply again to see its state');
    }
  }
  if (!report.ok) lines.push('Nothing was rolled back. Fix the cause and run the same apply again: it writes only what is still missing.');
  return `${lines.join('\n')}\n`;
}
