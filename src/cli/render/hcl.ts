/**
 * A small writer of HashiCorp Configuration Language (native syntax): blocks, attributes, quoted
 * strings, numbers, booleans, lists and objects. Pure; it knows nothing of Terraform resources.
 *
 * Quoted strings in HCL are templates, so besides `"` and `\` the writer escapes the two template
 * introducers (`${` becomes `$${`, `%{` becomes `%%{`): a field name or setting that happens to hold
 * `${...}` is written as that text, never evaluated.
 */

/** A JSON-like value, written as an HCL expression. */
export type HclValue = string | number | boolean | null | readonly HclValue[] | { readonly [key: string]: HclValue } | HclRaw;

/**
 * An expression written as it is: a reference (`aws_x.y`) or a function call. Never user text; a
 * class, so no plain object from a plan (whatever its keys) can pass for one.
 */
export class HclRaw {
  /** `render` gets the depth the expression stands at, for the lines of a call's argument. */
  constructor(readonly render: (depth: number) => string) {}
}

export const raw = (expression: string): HclRaw => new HclRaw(() => expression);

/** `jsonencode(<value>)`: the value as an HCL object, which Terraform turns into JSON text. */
export const jsonencode = (value: HclValue): HclRaw => new HclRaw((depth) => `jsonencode(${expression(value, depth)})`);

export type HclItem =
  | { kind: 'attribute'; name: string; value: HclValue }
  | { kind: 'block'; block: HclBlock }
  | { kind: 'comment'; text: string };

export interface HclBlock {
  type: string;
  labels: readonly string[];
  body: readonly HclItem[];
}

export const attribute = (name: string, value: HclValue): HclItem => ({ kind: 'attribute', name, value });
export const block = (type: string, labels: readonly string[], body: readonly HclItem[]): HclItem => ({ kind: 'block', block: { type, labels, body } });
export const comment = (text: string): HclItem => ({ kind: 'comment', text });

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** Whether `name` may stand bare as an attribute name, a block type or a resource name. */
export function isIdentifier(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** `text` as an HCL quoted string: escapes, and template introducers doubled. */
export function quote(text: string): string {
  let out = '"';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    const next = text[i + 1];
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if ((ch === '$' || ch === '%') && next === '{') out += ch + ch;
    else {
      const code = ch.charCodeAt(0);
      // Other control characters, and the Unicode line and paragraph separators, as \uNNNN.
      if (code < 0x20 || code === 0x7f || code === 0x2028 || code === 0x2029) out += `\\u${code.toString(16).padStart(4, '0')}`;
      else out += ch;
    }
  }
  return `${out}"`;
}

/** Renders top-level items (blocks separated by a blank line). */
export function renderHcl(items: readonly HclItem[]): string {
  return `${items.map((item) => renderItem(item, 0)).join('\n\n')}\n`;
}

function renderItem(item: HclItem, depth: number): string {
  const pad = '  '.repeat(depth);
  if (item.kind === 'comment') {
    return item.text
      .split('\n')
      .map((line) => `${pad}# ${line}`.trimEnd())
      .join('\n');
  }
  if (item.kind === 'attribute') return `${pad}${name(item.name)} = ${expression(item.value, depth)}`;
  const { type, labels, body } = item.block;
  if (!isIdentifier(type)) throw new Error(`HCL block type ${JSON.stringify(type)} is not an identifier`);
  const head = [type, ...labels.map(quote)].join(' ');
  if (body.length === 0) return `${pad}${head} {}`;
  const lines: string[] = [];
  const widths = alignedWidths(body.map((child) => (child.kind === 'attribute' ? { key: child.name, multiline: expression(child.value, depth + 1).includes('\n') } : undefined)));
  body.forEach((child, i) => {
    // A nested block stands apart from the attributes around it.
    if (i > 0 && (child.kind === 'block' || body[i - 1]?.kind === 'block')) lines.push('');
    if (child.kind === 'attribute') lines.push(`${pad}  ${name(child.name).padEnd(widths[i] ?? 0)} = ${expression(child.value, depth + 1)}`);
    else lines.push(renderItem(child, depth + 1));
  });
  return `${pad}${head} {\n${lines.join('\n')}\n${pad}}`;
}

function name(attributeName: string): string {
  if (!isIdentifier(attributeName)) throw new Error(`HCL attribute name ${JSON.stringify(attributeName)} is not an identifier`);
  return attributeName;
}

/**
 * The width each attribute name is padded to, so the `=` of consecutive one-line attributes line
 * up as terraform fmt lines them up; a value spanning lines closes its run (it is the run's last).
 */
function alignedWidths(rows: readonly ({ key: string; multiline: boolean } | undefined)[]): (number | undefined)[] {
  const widths: (number | undefined)[] = rows.map(() => undefined);
  let start = 0;
  const close = (end: number) => {
    const run = rows.slice(start, end);
    const width = Math.max(0, ...run.map((r) => r?.key.length ?? 0));
    for (let i = start; i < end; i++) if (rows[i]) widths[i] = width;
    start = end;
  };
  rows.forEach((row, i) => {
    if (row === undefined) {
      close(i);
      start = i + 1;
    } else if (row.multiline) close(i + 1);
  });
  close(rows.length);
  return widths;
}

/**
 * An object key: bare when it is an identifier (HCL takes a bare key as its literal name), quoted
 * otherwise, and for the keywords, which would be read as values.
 */
function objectKey(key: string): string {
  return isIdentifier(key) && !['true', 'false', 'null'].includes(key) ? key : quote(key);
}

function isRaw(value: HclValue): value is HclRaw {
  return value instanceof HclRaw;
}

/** One value as an expression; objects and non-empty lists of objects span lines, indented. */
function expression(value: HclValue, depth: number): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return quote(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`HCL cannot hold the number ${value}`);
    return JSON.stringify(value);
  }
  if (isRaw(value)) return value.render(depth);
  const pad = '  '.repeat(depth + 1);
  const end = '  '.repeat(depth);
  if (Array.isArray(value)) {
    const list = value as readonly HclValue[];
    if (list.length === 0) return '[]';
    const simple = list.every((v) => v === null || typeof v !== 'object' || isRaw(v));
    const items = list.map((v) => expression(v, depth + 1));
    const inline = `[${items.join(', ')}]`;
    if (simple && inline.length <= 72) return inline;
    return `[\n${items.map((i) => `${pad}${i},`).join('\n')}\n${end}]`;
  }
  const entries = Object.entries(value as { [key: string]: HclValue });
  if (entries.length === 0) return '{}';
  const widths = alignedWidths(entries.map(([k, v]) => ({ key: objectKey(k), multiline: expression(v, depth + 1).includes('\n') })));
  return `{\n${entries.map(([k, v], i) => `${pad}${objectKey(k).padEnd(widths[i] ?? 0)} = ${expression(v, depth + 1)}`).join('\n')}\n${end}}`;
}
