import { writeFileSync } from 'node:fs';
import { readTextFile, sameFile } from '../src/cli/files';
import { runExportCli } from '../src/export/cli';
import { MAX_SCENARIO_JSON_CHARS } from '../src/model/scenario';
import { runGuarded } from './guard';

const argv = process.argv.slice(2);
// The PNG renderer is a native module: loaded only when a PNG may be asked for.
const renderPng = argv.includes('png') ? (await import('../src/cli/png')).svgToPng : undefined;

runGuarded('export', () =>
  runExportCli(argv, {
    readFile: (p) => readTextFile(p, MAX_SCENARIO_JSON_CHARS),
    writeFile: (p, t) => writeFileSync(p, t),
    writeBytes: (p, b) => writeFileSync(p, b),
    sameFile,
    renderPng,
  }),
);
