/** npm run simulate -- scenario.json [--duration S] [--seed N]: one JSON object on stdout. */
import { readFileSync } from 'node:fs';
import { runCli } from '../src/sim/cli';

const result = runCli(process.argv.slice(2), (path) => readFileSync(path, 'utf8'));
if (result.stdout) process.stdout.write(result.stdout);
if (result.stderr) process.stderr.write(result.stderr);
process.exitCode = result.code;
