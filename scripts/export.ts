import { writeFileSync } from 'node:fs';
import { readTextFile, sameFile } from '../src/cli/files';
import { runExportCli } from '../src/export/cli';
import { MAX_SCENARIO_JSON_CHARS } from '../src/model/scenario';
import { runGuarded } from './guard';

runGuarded('export', () =>
  runExportCli(process.argv.slice(2), {
    readFile: (p) => readTextFile(p, MAX_SCENARIO_JSON_CHARS),
    writeFile: (p, t) => writeFileSync(p, t),
    writeBytes: (p, b) => writeFileSync(p, b),
    sameFile,
  }),
);
