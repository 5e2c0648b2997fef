import { parseWorkload } from '../model/parse-workload.js';
import { displayText } from '../model/display-text.js';
import type { Workload } from '../model/workload.js';
import { parseTextDocument } from './parse-text-document.js';
import { readUserFile } from './read-user-file.js';

/** Workload files are small; anything larger is a mistake or an attack. */
export const MAX_WORKLOAD_BYTES = 1024 * 1024;

/** Reads, parses and validates a workload file; every failure is a UserError naming the file. */
export function readWorkloadFile(file: string): Workload {
  return parseWorkload(readStructuredFile(file, 'workload'), displayText(file));
}

/** Reads a YAML or JSON document with the guards every user-supplied file gets. */
export function readStructuredFile(file: string, what: string): unknown {
  return parseDocument(readUserFile(file, what, MAX_WORKLOAD_BYTES), file, what);
}

/** Parses the bytes of a YAML or JSON file (by extension) into a mapping, or throws a UserError. */
export function parseDocument(buf: Buffer, file: string, what: string): unknown {
  return parseTextDocument(buf, file, what);
}
