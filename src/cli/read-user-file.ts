/**
 * Reads a file the user named, refusing what cannot be a small text file before doing real work:
 * missing paths, directories, files over the size limit (judged by stat, before any read), and
 * endless sources such as /dev/zero or a growing file (the read itself stops at the limit).
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { UserError } from '../model/problems.js';
import { displayText } from '../model/display-text.js';

export function readUserFile(file: string, what: string, maxBytes: number): Buffer {
  const shown = displayText(file);
  let size: number;
  let regular: boolean;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new UserError({ path: shown, message: 'is a directory', fix: `give the path of a ${what} file` });
    size = st.size;
    regular = st.isFile();
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw fileError(shown, err as NodeJS.ErrnoException, what);
  }
  if (regular && size > maxBytes) throw tooLarge(shown, `is ${size} bytes`, what, maxBytes);

  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    throw fileError(shown, err as NodeJS.ErrnoException, what);
  }
  try {
    // One byte more than allowed tells "exactly at the limit" from "over it" without reading on.
    const buf = Buffer.alloc(regular ? Math.min(size, maxBytes) + 1 : maxBytes + 1);
    let filled = 0;
    while (filled < buf.length) {
      const n = readSync(fd, buf, filled, buf.length - filled, null);
      if (n === 0) break;
      filled += n;
    }
    if (filled > maxBytes) throw tooLarge(shown, `holds more than ${maxBytes} bytes`, what, maxBytes);
    return buf.subarray(0, filled);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw fileError(shown, err as NodeJS.ErrnoException, what);
  } finally {
    closeSync(fd);
  }
}

function tooLarge(shown: string, actual: string, what: string, maxBytes: number): UserError {
  return new UserError({
    path: shown,
    message: `${actual}; a ${what} file may be at most ${maxBytes} bytes`,
    fix: `give the path of a ${what} file; examples/ has some`,
  });
}

function fileError(shown: string, err: NodeJS.ErrnoException, what: string): UserError {
  switch (err.code) {
    case 'ENOENT':
      return new UserError({ path: shown, message: 'does not exist', fix: `check the path of the ${what} file` });
    case 'ENOTDIR':
      return new UserError({ path: shown, message: 'does not exist (part of the path is a file, not a directory)', fix: `check the path of the ${what} file` });
    case 'EACCES':
    case 'EPERM':
      return new UserError({ path: shown, message: 'cannot be read (permission denied)', fix: 'check the file permissions' });
    case 'EISDIR':
      return new UserError({ path: shown, message: 'is a directory', fix: `give the path of a ${what} file` });
    case 'ELOOP':
      return new UserError({ path: shown, message: 'is a symbolic link loop', fix: `give the path of a ${what} file` });
    case 'ENAMETOOLONG':
      return new UserError({ path: shown, message: 'is too long a path', fix: `give the path of a ${what} file` });
    default:
      // Name the OS error code rather than Node's message, which repeats the syscall and path.
      return new UserError({ path: shown, message: `cannot be read (${err.code ?? 'unknown error'})` });
  }
}
