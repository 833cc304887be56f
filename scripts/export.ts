import { readFileSync, writeFileSync } from 'node:fs';
import { runExportCli } from '../src/export/cli';

const r = runExportCli(process.argv.slice(2), {
  readFile: (p) => readFileSync(p, 'utf8'),
  writeFile: (p, t) => writeFileSync(p, t),
  writeBytes: (p, b) => writeFileSync(p, b),
});
process.stdout.write(r.stdout);
process.stderr.write(r.stderr);
process.exitCode = r.code;
