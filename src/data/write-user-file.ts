/**
 * Writes a file the user named (`--plan-out`) so that no reader ever sees half of it and nothing
 * is replaced by accident: the text goes to a temporary file in the same directory, which then
 * takes the name in one step (a hard link when nothing may be replaced, so a file that appeared
 * meanwhile is not clobbered; a rename when replacing is allowed, which replaces a symbolic link
 * itself, never the file it points to).
 */
import { closeSync, fsyncSync, linkSync, lstatSync, openSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve } from 'node:path';
import { UserError } from '../model/problems.js';
import { displayText } from '../model/display-text.js';

export interface WriteTarget {
  /** The flag naming the file, for messages: "--plan-out". */
  flag: string;
  /** The flag that allows replacing an existing file: "--overwrite". */
  overwriteFlag: string;
  overwrite: boolean;
  /** Files the output must never replace (the workload, the input plan), whatever the flags. */
  protectedFiles: ReadonlyArray<{ path: string; what: string }>;
}

/**
 * Refuses, before any work is done, a path that cannot or must not be written: a missing
 * directory, one of the protected files (also through another name or a link), anything but a
 * regular file, and without `overwrite` a symbolic link or an existing file.
 */
export function checkWriteTarget(file: string, target: WriteTarget): void {
  const shown = displayText(file);
  const dir = dirname(resolve(file));
  const refuse = (message: string, fix: string) => new UserError({ path: target.flag, message: `${shown} ${message}`, fix });
  let dirStat: Stats | undefined;
  try {
    dirStat = statSync(dir);
  } catch {
    // reported below
  }
  if (!dirStat?.isDirectory()) {
    throw new UserError({ path: target.flag, message: `${shown} cannot be written: ${displayText(dir)} is not a directory`, fix: 'create the directory first, or give another path' });
  }
  const own = statOrUndefined(file, lstatSync);
  const followed = statOrUndefined(file, statSync);
  for (const p of target.protectedFiles) {
    const other = statOrUndefined(p.path, statSync);
    if (other === undefined) continue;
    const same = (st: Stats | undefined) => st !== undefined && st.dev === other.dev && st.ino === other.ino;
    if (same(own) || same(followed)) {
      throw refuse(`is the ${p.what} (${displayText(p.path)}); esplan never writes over it`, `give ${target.flag} another file name`);
    }
  }
  if (own === undefined) return;
  if (own.isSymbolicLink()) {
    if (target.overwrite) return;
    throw refuse('is a symbolic link; esplan does not write through links', `give ${target.flag} the path of a regular file, or pass ${target.overwriteFlag} to replace the link itself (never the file it points to)`);
  }
  if (!own.isFile()) throw refuse('exists and is not a regular file', `give ${target.flag} another file name`);
  if (!target.overwrite) throw refuse('exists already', `pass ${target.overwriteFlag} to replace it, or give ${target.flag} another file name`);
}

/** Writes `text` to `file` atomically; without `overwrite`, fails if the name was taken meanwhile. */
export function writeFileAtomic(file: string, text: string, options: { flag: string; overwriteFlag: string; overwrite: boolean }): void {
  const dir = dirname(resolve(file));
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const shown = displayText(file);
  try {
    const fd = openSync(temp, 'wx', 0o644);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (options.overwrite) {
      renameSync(temp, file);
    } else {
      // link() refuses an existing name atomically, where rename() would replace it.
      linkSync(temp, file);
      unlinkSync(temp);
    }
  } catch (err) {
    try {
      unlinkSync(temp);
    } catch {
      // already gone (renamed, or never created)
    }
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'EEXIST') {
      throw new UserError({ path: options.flag, message: `${shown} appeared while esplan was working; it was left as it is`, fix: `pass ${options.overwriteFlag} to replace it, or give another file name` });
    }
    throw new UserError({ path: options.flag, message: `${shown} cannot be written: ${displayText(e.code ?? e.message ?? String(err))}` });
  }
}

function statOrUndefined(file: string, stat: typeof statSync | typeof lstatSync): Stats | undefined {
  try {
    return stat(file);
  } catch {
    return undefined;
  }
}
