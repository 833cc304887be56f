/** npm run simulate -- scenario.json [--duration S] [--seed N]: one JSON object on stdout. */

import { readTextFile } from '../src/cli/files';
import { MAX_SCENARIO_JSON_CHARS } from '../src/model/scenario';
import { runCli } from '../src/sim/cli';
import { runGuarded } from './guard';

runGuarded('simulate', () =>
  runCli(process.argv.slice(2), (path) => readTextFile(path, MAX_SCENARIO_JSON_CHARS)),
);
