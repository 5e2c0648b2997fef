import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { parseWorkload } from '../model/parse-workload.js';
import { UserError } from '../model/problems.js';
import type { Workload } from '../model/workload.js';

/** Workload files are small; anything larger is a mistake or an attack. */
export const MAX_WORKLOAD_BYTES = 1024 * 1024;
/** YAML aliases allowed before we call it an alias bomb. */
const MAX_ALIASES = 50;
/** Nesting deeper than any workload needs. */
const MAX_DEPTH = 12;

/** Reads, parses and validates a workload file; every failure is a UserError naming the file. */
export function readWorkloadFile(file: string): Workload {
  return parseWorkload(readStructuredFile(file, 'workload'), file);
}

/** Reads a YAML or JSON document with the guards every user-supplied file gets. */
export function readStructuredFile(file: string, what: string): unknown {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new UserError({ path: file, message: 'is a directory', fix: `give the path of a ${what} file` });
    size = st.size;
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw fileError(file, err as NodeJS.ErrnoException, what);
  }
  if (size > MAX_WORKLOAD_BYTES) {
    throw new UserError({ path: file, message: `is ${size} bytes; a ${what} file may be at most ${MAX_WORKLOAD_BYTES} bytes` });
  }
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (err) {
    throw fileError(file, err as NodeJS.ErrnoException, what);
  }
  return parseDocument(buf, file, what);
}

export function parseDocument(buf: Buffer, file: string, what: string): unknown {
  if (buf.includes(0)) throw new UserError({ path: file, message: 'is binary, not YAML or JSON text' });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    throw new UserError({ path: file, message: 'is not UTF-8 text' });
  }
  if (text.trim() === '') throw new UserError({ path: file, message: 'is empty', fix: `write a ${what} (see examples/)` });
  let doc: unknown;
  try {
    doc =
      extname(file).toLowerCase() === '.json'
        ? JSON.parse(text)
        : parseYaml(text, { maxAliasCount: MAX_ALIASES, uniqueKeys: true, prettyErrors: true, strict: true });
  } catch (err) {
    const detail = err instanceof YAMLParseError || err instanceof SyntaxError ? firstLine(err.message) : String(err);
    throw new UserError({ path: file, message: `is not valid ${extname(file).toLowerCase() === '.json' ? 'JSON' : 'YAML'}: ${detail}` });
  }
  if (depth(doc) > MAX_DEPTH) throw new UserError({ path: file, message: `nests deeper than ${MAX_DEPTH} levels` });
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new UserError({ path: file, message: `must hold a mapping of keys (a ${what}), not ${Array.isArray(doc) ? 'a list' : typeof doc}` });
  }
  return doc;
}

function depth(v: unknown, level = 0): number {
  if (level > MAX_DEPTH || v === null || typeof v !== 'object') return level;
  let max = level;
  for (const child of Object.values(v as Record<string, unknown>)) max = Math.max(max, depth(child, level + 1));
  return max;
}

function firstLine(s: string): string {
  return s.split('\n')[0] ?? s;
}

function fileError(file: string, err: NodeJS.ErrnoException, what: string): UserError {
  switch (err.code) {
    case 'ENOENT':
      return new UserError({ path: file, message: 'does not exist', fix: `check the path of the ${what} file` });
    case 'EACCES':
    case 'EPERM':
      return new UserError({ path: file, message: 'cannot be read (permission denied)' });
    case 'EISDIR':
      return new UserError({ path: file, message: 'is a directory', fix: `give the path of a ${what} file` });
    default:
      return new UserError({ path: file, message: `cannot be read: ${err.message}` });
  }
}
