/** npm run simulate -- scenario.json [--duration S] [--seed N]: one JSON object on stdout. */
import { readFileSync } from 'node:fs';
import { runCli } from '../src/sim/cli';
import { runGuarded } from './guard';

runGuarded('simulate', () => runCli(process.argv.slice(2), (path) => readFileSync(path, 'utf8')));
