import { readFileSync } from 'node:fs';
import { runImportCli } from '../src/import/cli';

const r = runImportCli(process.argv.slice(2), (p) => readFileSync(p, 'utf8'));
process.stdout.write(r.stdout);
process.stderr.write(r.stderr);
process.exitCode = r.code;
