/**
 * The headless simulator: `simulate scenario.json [--duration S] [--seed N] [--start steady|fresh]`
 * prints one JSON object.
 * Kept free of process and fs so tests can drive it; scripts/simulate.ts is the thin wrapper.
 */
import { escapeControls, parseWholeArg, shownArg } from '../cli/text';
import { parseScenarioJson, type StartState } from '../model/scenario';
import { validateScenario } from '../model/validate';
import { createSimulation, runFor } from './engine';
import { summarize } from './views';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export const DEFAULT_DURATION_S = 600;
const MAX_DURATION_S = 30 * 24 * 3600;

const USAGE = 'usage: simulate <scenario.json> [--duration SECONDS] [--seed N] [--start steady|fresh]';

/** An argument as the user typed it, quoted (so " 7 " shows its spaces) and with controls escaped. */
const shown = (v: string | null) => (v === null ? 'nothing' : `"${shownArg(v)}"`);

function fail(message: string, code = 2): CliResult {
  return { code, stdout: '', stderr: `${message}\n` };
}

export function runCli(argv: readonly string[], readFile: (path: string) => string): CliResult {
  let file: string | null = null;
  let duration = DEFAULT_DURATION_S;
  let seed: number | null = null;
  let start: StartState | null = null;
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k] ?? '';
    const optionValue = (name: string): string | null => {
      if (a.startsWith(`${name}=`)) return a.slice(name.length + 1);
      k++;
      return argv[k] ?? null;
    };
    if (a === '--help' || a === '-h') return { code: 0, stdout: `${USAGE}\n`, stderr: '' };
    if (a === '--duration' || a.startsWith('--duration=')) {
      const v = optionValue('--duration');
      const d = parseWholeArg(v, 1, MAX_DURATION_S);
      if (d === null)
        return fail(
          `--duration must be a whole number of seconds from 1 to ${MAX_DURATION_S}, in digits, got ${shown(v)}\n${USAGE}`,
        );
      duration = d;
    } else if (a === '--seed' || a.startsWith('--seed=')) {
      const v = optionValue('--seed');
      const n = parseWholeArg(v, 0, 2 ** 32 - 1);
      if (n === null)
        return fail(
          `--seed must be a whole number from 0 to 4294967295, in digits, got ${shown(v)}\n${USAGE}`,
        );
      seed = n;
    } else if (a === '--start' || a.startsWith('--start=')) {
      const v = optionValue('--start');
      if (v !== 'steady' && v !== 'fresh')
        return fail(`--start must be steady or fresh, got ${shown(v)}\n${USAGE}`);
      start = v;
    } else if (a.startsWith('--')) {
      return fail(`unknown option ${shownArg(a)}\n${USAGE}`);
    } else if (file === null) {
      file = a;
    } else {
      return fail(`one scenario file expected, got also ${shownArg(a)}\n${USAGE}`);
    }
  }
  if (file === null) return fail(`no scenario file given\n${USAGE}`);
  const name = shownArg(file);
  let text: string;
  try {
    text = readFile(file);
  } catch (e) {
    return fail(`cannot read scenario file ${name}: ${escapeControls((e as Error).message)}`);
  }
  const parsed = parseScenarioJson(text);
  if (!parsed.ok)
    return fail(`${name} is not a valid scenario:\n  ${parsed.errors.map(escapeControls).join('\n  ')}`);
  const given = seed === null ? parsed.value : { ...parsed.value, seed };
  const scenario = start === null ? given : { ...given, settings: { ...given.settings, start } };
  const impossible = validateScenario(scenario).find((i) => i.code === 'ssb-removed');
  if (impossible) return fail(`${name} cannot be simulated: ${escapeControls(impossible.message)}`);
  const end = runFor(createSimulation(scenario), duration);
  return { code: 0, stdout: `${JSON.stringify(summarize(end), null, 2)}\n`, stderr: '' };
}
