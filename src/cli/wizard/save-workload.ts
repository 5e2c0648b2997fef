/**
 * Saving the wizard's answers as a workload file: YAML, in the current directory by default,
 * never over an existing file without an explicit yes.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { Document } from 'yaml';
import type { Raw } from './draft.js';
import type { Note } from './asker.js';
import type { Prompter } from './prompter.js';

export const DEFAULT_WORKLOAD_FILE = 'workload.yaml';

export interface SaveDeps {
  prompter: Prompter;
  cwd: string;
  say: (text: string) => void;
}

/** Asks whether and where to save; returns the path written (as the user typed it) or undefined. */
export async function offerSave(raw: Raw, notes: readonly Note[], deps: SaveDeps, suggested = DEFAULT_WORKLOAD_FILE): Promise<string | undefined> {
  const { prompter, cwd } = deps;
  const wanted = await prompter.confirm({ id: 'save', message: 'Save this workload as YAML?', default: true });
  if (!wanted) return undefined;
  let fallback = suggested;
  for (;;) {
    const typed = (
      await prompter.input({
        id: 'save.path',
        message: 'File to write',
        default: fallback,
        validate: (t) => (t.trim() === '' ? 'give a file name such as workload.yaml' : true),
      })
    ).trim();
    const file = resolve(cwd, typed);
    let overwrite = false;
    if (existsSync(file)) {
      overwrite = await prompter.confirm({ id: 'save.overwrite', message: `${typed} exists. Overwrite it?`, default: false });
      if (!overwrite) {
        // Offer a name that is free, so pressing Enter saves instead of asking the same question again.
        fallback = freeName(cwd, typed);
        continue;
      }
    }
    // 'wx' refuses to replace a file that appeared since the check.
    const shown = displayPath(cwd, file, typed);
    writeFileSync(file, workloadYaml(raw, notes, shown), { flag: overwrite ? 'w' : 'wx' });
    return shown;
  }
}

/** `name-2.ext`, `name-3.ext`, ...: the first that does not exist yet next to `typed`. */
function freeName(cwd: string, typed: string): string {
  const dot = typed.lastIndexOf('.');
  const slash = Math.max(typed.lastIndexOf('/'), typed.lastIndexOf('\\'));
  const [stem, ext] = dot > slash + 1 ? [typed.slice(0, dot), typed.slice(dot)] : [typed, ''];
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}${ext}`;
    if (!existsSync(resolve(cwd, candidate))) return candidate;
  }
}

export function workloadYaml(raw: Raw, notes: readonly Note[], file: string): string {
  const doc = new Document(raw);
  doc.commentBefore = ` Workload written by esplan wizard. Size it again with: esplan recommend --workload ${shellQuote(file)}`;
  for (const note of notes) {
    const node = doc.getIn(note.path, true) as { comment?: string } | undefined;
    if (node && typeof node === 'object') node.comment = ` ${note.text}`;
  }
  return doc.toString({ lineWidth: 0 });
}

function displayPath(cwd: string, file: string, typed: string): string {
  if (isAbsolute(typed)) return typed;
  const rel = relative(cwd, file);
  return rel.startsWith('..') ? file : rel;
}

/** Quotes a path for a POSIX shell when it holds anything beyond the safe characters. */
export function shellQuote(s: string): string {
  return /^[A-Za-z0-9_./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

export function reuseCommands(file: string): string[] {
  const f = shellQuote(file);
  return [`esplan recommend --workload ${f} --json`, `esplan apply --workload ${f} --url https://localhost:9200`];
}
