/**
 * Files the command-line tools read and write, checked before a byte is read: only regular files
 * (a FIFO would block forever, /dev/zero never ends), at most the app's 1 MB input limit, and for
 * a file a docker-compose file mounts, only inside the compose file's folder once symlinks are
 * resolved. Node only (scripts/ and their tests); the importers themselves stay free of fs.
 */
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  readSync,
  realpathSync,
  type Stats,
  statSync,
} from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { MAX_INPUT_CHARS } from '../import/messages';

/** The largest file a tool reads: the app's input limit (1 MB). */
export const MAX_FILE_BYTES = MAX_INPUT_CHARS;

/** A file refused with a reason a user can act on (no stack, no content). */
export class FileRefusal extends Error {}

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

const megabytes = (bytes: number) =>
  `${(bytes / 1e6).toLocaleString('en-US', { maximumFractionDigits: 1 })} MB`;

function reason(e: unknown): string {
  if (e instanceof FileRefusal) return e.message;
  const code = (e as NodeJS.ErrnoException).code;
  const known: Record<string, string> = {
    ENOENT: 'no such file',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'a directory, not a file',
    ELOOP: 'too many symbolic links',
    ENAMETOOLONG: 'the name is too long',
    ENOTDIR: 'a part of the path is not a directory',
  };
  return (code && known[code]) || `cannot open it (${code ?? 'unknown error'})`;
}

/**
 * A regular file's text, at most `maxBytes`. Opened without blocking (a FIFO opens at once and is
 * then refused by its type); the type and size come from the open descriptor, so what is checked
 * is what is read. Throws FileRefusal with the reason.
 */
export function readTextFile(path: string, maxBytes = MAX_FILE_BYTES): string {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOCTTY ?? 0));
  } catch (e) {
    throw new FileRefusal(reason(e));
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new FileRefusal(`${kindOf(st)}, not a regular file`);
    if (st.size > maxBytes)
      throw new FileRefusal(`${megabytes(st.size)}, over the ${megabytes(maxBytes)} limit`);
    // One byte past the limit: a file that grew after fstat is refused, not cut.
    const buf = Buffer.alloc(maxBytes + 1);
    let n = 0;
    while (n < buf.length) {
      const got = readSync(fd, buf, n, buf.length - n, null);
      if (got === 0) break;
      n += got;
    }
    if (n > maxBytes) throw new FileRefusal(`over the ${megabytes(maxBytes)} limit (it grew while read)`);
    return buf.subarray(0, n).toString('utf8');
  } catch (e) {
    throw e instanceof FileRefusal ? e : new FileRefusal(reason(e));
  } finally {
    closeSync(fd);
  }
}

/** Is `path` inside `folder` (or the folder itself)? Both absolute and normalised. */
export function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Where a compose mount source points, relative to the compose file's folder, or why it is refused
 * before anything is opened: an absolute path, `~`, or `..` out of the folder. Pure path logic.
 */
export function mountSource(composeDir: string, source: string): { path: string } | { refused: string } {
  if (source.includes('\0')) return { refused: 'the path holds a NUL character' };
  if (source.startsWith('~'))
    return { refused: "a path in a home folder, outside the compose file's folder" };
  if (isAbsolute(source) || !isInside(resolve(composeDir), resolve(composeDir, source)))
    return { refused: "outside the compose file's folder: only files beside it are read" };
  return { path: join(composeDir, source) };
}

/**
 * Read a file a compose file mounts: undefined when it is not there (the import goes on with
 * defaults), a refusal when it is outside the compose file's folder (also through a symlink), not
 * a regular file, or too large.
 */
export function readMountedFile(
  composeFile: string,
  source: string,
): string | undefined | { refused: string } {
  const where = mountSource(dirname(composeFile), source);
  if ('refused' in where) return where;
  let real: string;
  let folder: string;
  try {
    folder = realpathSync(dirname(resolve(composeFile)));
    real = realpathSync(where.path);
  } catch {
    return undefined;
  }
  if (!isInside(folder, real))
    return {
      refused: "a symbolic link to a file outside the compose file's folder: only files beside it are read",
    };
  try {
    return readTextFile(real);
  } catch (e) {
    return { refused: reason(e) };
  }
}

/** Are two paths the same file (after symlinks), so writing one would overwrite the other? */
export function sameFile(a: string, b: string): boolean {
  try {
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}
