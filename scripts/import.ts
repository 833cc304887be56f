import { readFileSync } from 'node:fs';
import { runImportCli } from '../src/import/cli';
import { runGuarded } from './guard';

runGuarded('import', () => runImportCli(process.argv.slice(2), (p) => readFileSync(p, 'utf8')));
