/**
 * Turns the bytes of a user's YAML or JSON file into a plain value, with guards against hostile
 * documents: binary or non-UTF-8 content, alias bombs, nesting deep enough to exhaust the stack
 * (or, for flow collections, to make the YAML parser quadratic), duplicate keys (which JSON.parse
 * would silently drop), unknown tags and several documents in one file. Every failure is a
 * UserError naming the file, and the line and column where the text says where.
 */
import { extname } from 'node:path';
import { isMap, isScalar, isSeq, Lexer, parseDocument as parseYamlDocument, type Document, type YAMLError } from 'yaml';
import { displayText } from '../model/display-text.js';
import { findDuplicateJsonKeys } from './json-duplicate-keys.js';
import { UserError, type Problem } from '../model/problems.js';

/** Nesting deeper than any workload needs (the deepest workload key is four levels down). */
export const MAX_DEPTH = 12;
/** Alias expansions allowed before we call it an alias bomb; workload files need few or none. */
export const MAX_ALIASES = 50;
/**
 * Lexer tokens (scalars, indicators, whitespace runs) allowed in a workload file. The built-in
 * example has about 330 and a workload with the maximum of 100 vector fields about 12,000; the
 * limit keeps the YAML parser's time bounded (it takes over a second on a megabyte of small keys).
 */
export const MAX_TOKENS = 30_000;
/** Syntax problems listed before the rest are summarised; after a few, later ones are noise. */
const MAX_SYNTAX_PROBLEMS = 10;

export function parseTextDocument(buf: Buffer, file: string, what: string, maxTokens = MAX_TOKENS): Record<string, unknown> {
  const shown = displayText(file);
  // Windows tools (PowerShell's > among them) write UTF-16 with a byte-order mark.
  if ((buf[0] === 0xff && buf[1] === 0xfe) || (buf[0] === 0xfe && buf[1] === 0xff)) {
    throw new UserError({ path: shown, message: 'is UTF-16 text', fix: 'save it as UTF-8' });
  }
  if (buf.includes(0)) throw new UserError({ path: shown, message: 'is binary, not YAML or JSON text', fix: `give the path of a ${what} file` });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new UserError({ path: shown, message: 'is not UTF-8 text', fix: 'save it as UTF-8' });
  }
  const json = extname(file).toLowerCase() === '.json';
  if (text.trim() === '') throw empty(shown, what);

  // JSON.parse is fast and safe on any input; the token and nesting pre-pass guards the YAML parser.
  if (!json) checkTokens(text, shown, what, maxTokens);
  const doc = json ? parseJson(text, shown, what) : parseYaml(text, shown, what);
  if (doc === null || doc === undefined) throw empty(shown, what);
  if (nestingDepth(doc) > MAX_DEPTH) throw tooDeep(shown, what);
  if (typeof doc !== 'object' || Array.isArray(doc)) {
    throw new UserError({
      path: shown,
      message: `must hold a mapping of keys (a ${what}), not ${Array.isArray(doc) ? 'a list' : `a ${typeof doc}`}`,
      fix: `examples/ has ${what} files to start from`,
    });
  }
  return doc as Record<string, unknown>;
}

function empty(shown: string, what: string): UserError {
  return new UserError({ path: shown, message: 'is empty', fix: `write a ${what}; examples/ has some to start from` });
}

function tooDeep(shown: string, what: string): UserError {
  const fix = what === 'workload' ? 'a workload needs at most four levels' : 'check that this is the right file';
  return new UserError({ path: shown, message: `nests deeper than ${MAX_DEPTH} levels`, fix });
}

/**
 * Counts tokens and `[`/`{` nesting with the YAML lexer (iterative and linear, and stopped as soon
 * as a limit is passed) before the parser sees the text: the parser slows down sharply on deeply
 * nested flow collections and on many tokens, and its composer recurses once per level.
 */
function checkTokens(text: string, shown: string, what: string, maxTokens: number): void {
  let depth = 0;
  let tokens = 0;
  for (const token of new Lexer().lex(text)) {
    tokens += 1;
    if (tokens > maxTokens) {
      throw new UserError({
        path: shown,
        message: `is too big to be a ${what} (more than ${maxTokens} YAML tokens)`,
        fix: what === 'workload' ? 'a workload has a few dozen keys; check that this is the right file' : 'check that this is the right file',
      });
    }
    if (token === '[' || token === '{') {
      depth += 1;
      if (depth > MAX_DEPTH) throw tooDeep(shown, what);
    } else if (token === ']' || token === '}') {
      depth = Math.max(0, depth - 1);
    }
  }
}

function parseYaml(text: string, shown: string, what: string): unknown {
  const doc = parseYamlDocument(text, {
    // The parser's own duplicate check compares every key with every other; ours is linear.
    uniqueKeys: false,
    strict: true,
    // Only the YAML 1.2 core types: a !!binary or !!set is not something a workload holds.
    resolveKnownTags: false,
    // parseDocument never prints; its warnings (unknown tags) become problems below. A logLevel of
    // 'silent' would also drop the error for a second document, so it stays at the default.
    prettyErrors: false,
  });
  const problems = [...doc.errors, ...doc.warnings, ...duplicateKeys(doc)].map((e) => yamlProblem(e, text, shown, what));
  if (problems.length) throw new UserError(capped(problems, shown));
  try {
    return doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (err) {
    if (err instanceof RangeError) throw tooDeep(shown, what);
    if (err instanceof ReferenceError && /alias/i.test(err.message)) {
      throw new UserError({
        path: shown,
        message: `expands YAML aliases more than ${MAX_ALIASES} times (an alias bomb?)`,
        fix: 'write the values out, or use fewer anchors and aliases',
      });
    }
    throw new UserError({ path: shown, message: `is not valid YAML: ${firstLine(String((err as Error).message ?? err))}` });
  }
}

function yamlProblem(e: KeyProblem, text: string, shown: string, what: string): Problem {
  const where = `${shown}:${lineCol(text, e.pos[0])}`;
  switch (e.code) {
    case 'DUPLICATE_KEY': {
      const key = keyAt(text, e.pos[0]);
      return { path: where, message: `duplicate key${key ? ` ${key}` : ''}`, fix: 'keep only one of them' };
    }
    case 'MULTIPLE_DOCS':
      return { path: where, message: 'starts a second YAML document (---)', fix: 'keep one document per file' };
    case 'TAG_RESOLVE_FAILED':
      return { path: where, message: `unknown YAML tag ${displayText(tagAt(text, e.pos[0]), 40)}`, fix: 'remove the tag; workload files hold plain values' };
    case 'TAB_AS_INDENT':
      return { path: where, message: 'is indented with a tab', fix: 'indent with spaces; YAML does not allow tabs there' };
    case 'RESOURCE_EXHAUSTION':
      return { ...tooDeep(shown, what).problems[0]!, path: where };
    default:
      return { path: where, message: `is not valid YAML: ${stripPosition(e.message)}` };
  }
}

function parseJson(text: string, shown: string, what: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    if (err instanceof RangeError) throw tooDeep(shown, what);
    const message = firstLine((err as Error).message);
    const pos = /at position (\d+)/.exec(message);
    const where = pos ? `${shown}:${lineCol(text, Number(pos[1]))}` : shown;
    throw new UserError({ path: where, message: `is not valid JSON: ${stripJsonPosition(message)}` });
  }
  const dupes = findDuplicateJsonKeys(text).map(
    (d): Problem => ({ path: `${shown}:${lineCol(text, d.offset)}`, message: `duplicate key ${JSON.stringify(displayText(d.key, 60))}`, fix: 'keep only one of them' }),
  );
  if (dupes.length) throw new UserError(capped(dupes, shown));
  return value;
}

type KeyProblem = Pick<YAMLError, 'code' | 'pos' | 'message'>;

/** Keys that repeat within one mapping, found with one set per mapping. */
function duplicateKeys(doc: Document): KeyProblem[] {
  const found: KeyProblem[] = [];
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          // As plain-object keys, 1 and "1" are the same key.
          const key = String(pair.key.value);
          if (seen.has(key)) found.push({ code: 'DUPLICATE_KEY', pos: [pair.key.range?.[0] ?? 0, 0], message: 'duplicate key' });
          seen.add(key);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      stack.push(...node.items);
    }
  }
  return found.sort((a, b) => a.pos[0] - b.pos[0]);
}

function capped(problems: Problem[], shown: string): Problem[] {
  if (problems.length <= MAX_SYNTAX_PROBLEMS) return problems;
  return [
    ...problems.slice(0, MAX_SYNTAX_PROBLEMS),
    { path: shown, message: `has ${problems.length - MAX_SYNTAX_PROBLEMS} more syntax problems`, fix: 'fix the ones above first' },
  ];
}

/** The key at `offset` (where the YAML parser points for a duplicate), quoted for the message. */
function keyAt(text: string, offset: number): string | undefined {
  const rest = text.slice(offset, offset + 300);
  const m = /^("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^:\n#,{}[\]]+?)\s*:/.exec(rest);
  if (!m?.[1]) return undefined;
  const raw = m[1].trim();
  const bare = raw.startsWith('"') || raw.startsWith("'") ? raw.slice(1, -1) : raw;
  return JSON.stringify(displayText(bare, 60));
}

function tagAt(text: string, offset: number): string {
  return /^!\S*/.exec(text.slice(offset, offset + 100))?.[0] ?? 'tag';
}

function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const col = offset - before.lastIndexOf('\n');
  return `${line}:${col}`;
}

/** yaml messages end with " at line L, column C:" and a source excerpt; we give the position ourselves. */
function stripPosition(message: string): string {
  return firstLine(message).replace(/\s*at line \d+, column \d+:?\s*$/, '');
}

function stripJsonPosition(message: string): string {
  return message.replace(/\s*(in JSON )?at position \d+.*$/, '').replace(/^./, (c) => c.toLowerCase());
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

/** Depth of a parsed value, stopping as soon as it passes the limit. */
function nestingDepth(value: unknown): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, level] = stack.pop()!;
    if (level > max) max = level;
    if (max > MAX_DEPTH) return max;
    if (v !== null && typeof v === 'object') {
      for (const child of Object.values(v as Record<string, unknown>)) stack.push([child, level + 1]);
    }
  }
  return max;
}
