/**
 * The shell of esplan's HTML pages (`--format html`) and the one escaper every text placed in
 * them goes through. A page is self-contained: inline CSS and inline SVG, no script, no font,
 * image or stylesheet fetched from anywhere, and a Content-Security-Policy that forbids loading
 * anything should a hostile name ever get markup through (it is opened from a CI artifact, a
 * browser's file:// or a mail attachment, offline).
 */
import { escapeUnsafe } from '../../model/sanitise.js';

/** Nothing may load; only the page's own <style> and style attributes, and data: images (none are used). */
const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text for an HTML element or a quoted attribute: control, bidi and other format characters shown
 * as visible escapes (as the terminal renderers show them, src/model/sanitise.ts), then `& < > " '`
 * as entities, so a workload name such as `</style><script>` reads as itself and is never markup.
 */
export function esc(text: string): string {
  return escapeUnsafe(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}

/** Preformatted text (the --explain derivations): each line escaped, the newlines between them kept. */
export function escLines(text: string): string {
  return text.split('\n').map(esc).join('\n');
}

/** The colours the bars are drawn in (also what the headless-browser test looks for in the screenshot). */
export const COLOURS = {
  vectorRam: '#2563eb',
  disk: '#16a34a',
  watermark: '#dc2626',
  fillLimit: '#d97706',
  track: '#e5e7eb',
  over: '#7c3aed',
} as const;

const CSS = `
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111827; margin: 24px; max-width: 1200px; line-height: 1.4; }
h1 { font-size: 1.5em; margin: 0 0 4px; }
h2 { font-size: 1.2em; margin: 28px 0 8px; border-bottom: 1px solid #d1d5db; padding-bottom: 4px; }
h3 { font-size: 1em; margin: 12px 0 6px; }
table { border-collapse: collapse; margin: 8px 0; }
th, td { border: 1px solid #d1d5db; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #f3f4f6; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.total { font-size: 1.15em; font-weight: 600; }
.zones { display: grid; gap: 12px; }
.zone { border: 1px solid #d1d5db; border-radius: 6px; padding: 8px; background: #f9fafb; }
.zone h3 { margin-top: 0; }
.tier { margin: 8px 0; }
.tier-head { font-weight: 600; }
.nodes { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 4px; }
.node { border: 1px solid #9ca3af; border-radius: 4px; background: #fff; padding: 4px; font-size: 0.8em; }
.legend span { display: inline-block; margin-right: 16px; }
.swatch { display: inline-block; width: 12px; height: 12px; vertical-align: middle; margin-right: 4px; }
.muted { color: #4b5563; }
.before-after { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
.delta-up { color: #b91c1c; font-weight: 600; }
.delta-down { color: #15803d; font-weight: 600; }
pre { background: #f3f4f6; padding: 8px; overflow-x: auto; font-size: 0.85em; }
ul.warnings li { margin-bottom: 6px; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; }
`;

/** A whole page: `title` and `body` must already be escaped HTML (esc for every text). */
export function htmlPage(title: string, body: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${title}</title>`,
    `<style>${CSS}</style>`,
    '</head>',
    '<body>',
    body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** A table: headings and cells are plain text (escaped here); `numeric` columns are right-aligned. */
export function htmlTable(head: readonly string[], rows: readonly (readonly string[])[], numeric: readonly number[] = []): string {
  const cls = (i: number) => (numeric.includes(i) ? ' class="num"' : '');
  const th = head.map((h, i) => `<th${cls(i)}>${esc(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${cls(i)}>${esc(c)}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n${head.length ? `<thead><tr>${th}</tr></thead>\n` : ''}<tbody>\n${body}\n</tbody>\n</table>`;
}

/** Key/value rows as a two-column table without headings. */
export function htmlKeyValues(pairs: readonly (readonly [string, string])[]): string {
  return htmlTable([], pairs);
}
