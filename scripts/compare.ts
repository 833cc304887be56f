/** npm run compare -- scenario.json measurements.(json|csv) [--json]: measured beside simulated. */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { runCompareCli } from '../src/measure/cli';
import { MAX_MEASUREMENT_CHARS } from '../src/measure/parse';
import { runGuarded } from './guard';

/** Read a regular file of at most the measurements' size limit; never block on a FIFO or a device. */
function readSmallFile(path: string): { ok: true; text: string } | { ok: false; message: string } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { ok: false, message: `cannot open ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, message: `${path} is not a regular file` };
    if (st.size > MAX_MEASUREMENT_CHARS)
      return {
        ok: false,
        message: `${path} is ${(st.size / 1e6).toFixed(1)} MB; at most ${MAX_MEASUREMENT_CHARS / 1e6} MB`,
      };
    const buf = Buffer.alloc(st.size);
    let off = 0;
    while (off < st.size) {
      const n = readSync(fd, buf, off, st.size - off, off);
      if (n <= 0) break;
      off += n;
    }
    return { ok: true, text: buf.subarray(0, off).toString('utf8') };
  } finally {
    closeSync(fd);
  }
}

runGuarded('compare', () => runCompareCli(process.argv.slice(2), readSmallFile));
