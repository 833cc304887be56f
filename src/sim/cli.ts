/**
 * The headless simulator: `simulate scenario.json [--duration S] [--seed N] [--start steady|fresh]`
 * prints one JSON object.
 * Kept free of process and fs so tests can drive it; scripts/simulate.ts is the thin wrapper.
 */
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
      const d = v === null || v.trim() === '' ? Number.NaN : Number(v);
      if (!Number.isFinite(d) || d <= 0 || d > MAX_DURATION_S)
        return fail(
          `--duration must be a number of seconds between 1 and ${MAX_DURATION_S}, got ${v ?? 'nothing'}\n${USAGE}`,
        );
      duration = d;
    } else if (a === '--seed' || a.startsWith('--seed=')) {
      const v = optionValue('--seed');
      const n = v === null || v.trim() === '' ? Number.NaN : Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 2 ** 32 - 1)
        return fail(`--seed must be an integer from 0 to 4294967295, got ${v ?? 'nothing'}\n${USAGE}`);
      seed = n;
    } else if (a === '--start' || a.startsWith('--start=')) {
      const v = optionValue('--start');
      if (v !== 'steady' && v !== 'fresh')
        return fail(`--start must be steady or fresh, got ${v ?? 'nothing'}\n${USAGE}`);
      start = v;
    } else if (a.startsWith('--')) {
      return fail(`unknown option ${a}\n${USAGE}`);
    } else if (file === null) {
      file = a;
    } else {
      return fail(`one scenario file expected, got also ${a}\n${USAGE}`);
    }
  }
  if (file === null) return fail(`no scenario file given\n${USAGE}`);
  let text: string;
  try {
    text = readFile(file);
  } catch (e) {
    return fail(`cannot read scenario file ${file}: ${(e as Error).message}`);
  }
  const parsed = parseScenarioJson(text);
  if (!parsed.ok) return fail(`${file} is not a valid scenario:\n  ${parsed.errors.join('\n  ')}`);
  const given = seed === null ? parsed.value : { ...parsed.value, seed };
  const scenario = start === null ? given : { ...given, settings: { ...given.settings, start } };
  const impossible = validateScenario(scenario).find((i) => i.code === 'ssb-removed');
  if (impossible) return fail(`${file} cannot be simulated: ${impossible.message}`);
  const end = runFor(createSimulation(scenario), duration);
  return { code: 0, stdout: `${JSON.stringify(summarize(end), null, 2)}\n`, stderr: '' };
}
