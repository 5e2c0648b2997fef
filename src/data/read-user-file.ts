/**
 * Reads a file the user named, refusing what cannot be a small text file before doing real work:
 * missing paths, directories, anything that is not a regular file (a FIFO would block the read
 * forever, /dev/zero never ends, a terminal waits for typing), files over the size limit (judged by
 * stat, before any read), and a file that grows while read (the read itself stops at the limit).
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { UserError } from '../model/problems.js';
import { displayText } from '../model/display-text.js';

/** `fix` replaces the advice given for a file over the size limit. */
export function readUserFile(file: string, what: string, maxBytes: number, fix?: string): Buffer {
  const shown = displayText(file);
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new UserError({ path: shown, message: 'is a directory', fix: `give the path of a ${what} file` });
    if (!st.isFile()) throw notRegular(shown, st, what);
    size = st.size;
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw fileError(shown, err as NodeJS.ErrnoException, what);
  }
  if (size > maxBytes) throw tooLarge(shown, `is ${size} bytes`, what, maxBytes, fix);

  let fd: number;
  try {
    // Non-blocking, so a path swapped for a FIFO after the stat above cannot hang the open; the
    // descriptor is checked again below, and O_NONBLOCK changes nothing for a regular file.
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (err) {
    throw fileError(shown, err as NodeJS.ErrnoException, what);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw notRegular(shown, st, what);
    // One byte more than allowed tells "exactly at the limit" from "over it" without reading on.
    const buf = Buffer.alloc(Math.min(size, maxBytes) + 1);
    let filled = 0;
    while (filled < buf.length) {
      const n = readSync(fd, buf, filled, buf.length - filled, null);
      if (n === 0) break;
      filled += n;
    }
    if (filled > maxBytes) throw tooLarge(shown, `holds more than ${maxBytes} bytes`, what, maxBytes, fix);
    return buf.subarray(0, filled);
  } catch (err) {
    if (err instanceof UserError) throw err;
    throw fileError(shown, err as NodeJS.ErrnoException, what);
  } finally {
    closeSync(fd);
  }
}

function tooLarge(shown: string, actual: string, what: string, maxBytes: number, fix?: string): UserError {
  return new UserError({
    path: shown,
    message: `${actual}; a ${what} file may be at most ${maxBytes} bytes`,
    fix: fix ?? `give the path of a ${what} file; examples/ has some`,
  });
}

function notRegular(shown: string, st: Stats, what: string): UserError {
  const kind = st.isFIFO()
    ? 'a FIFO (named pipe)'
    : st.isCharacterDevice()
      ? 'a character device'
      : st.isBlockDevice()
        ? 'a block device'
        : st.isSocket()
          ? 'a socket'
          : 'not a regular file';
  return new UserError({
    path: shown,
    message: `is ${kind}; esplan reads only regular files (a pipe or device could block or never end)`,
    fix: `save the ${what} to a file and give its path`,
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
