import { readFileSync, writeFileSync } from 'node:fs';
import { runExportCli } from '../src/export/cli';
import { runGuarded } from './guard';

runGuarded('export', () =>
  runExportCli(process.argv.slice(2), {
    readFile: (p) => readFileSync(p, 'utf8'),
    writeFile: (p, t) => writeFileSync(p, t),
    writeBytes: (p, b) => writeFileSync(p, b),
  }),
);
