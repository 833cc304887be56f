import { readFileSync, writeFileSync } from 'node:fs';
import { runExportCli } from '../src/export/cli';
import { runGuarded } from './guard';

const argv = process.argv.slice(2);
// The PNG renderer is a native module: loaded only when a PNG may be asked for.
const renderPng = argv.includes('png') ? (await import('../src/cli/png')).svgToPng : undefined;

runGuarded('export', () =>
  runExportCli(argv, {
    readFile: (p) => readFileSync(p, 'utf8'),
    writeFile: (p, t) => writeFileSync(p, t),
    writeBytes: (p, b) => writeFileSync(p, b),
    renderPng,
  }),
);
