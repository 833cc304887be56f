/**
 * The headless simulator: `simulate scenario.json [--duration S] [--seed N] [--start steady|fresh]
 * [--kafka-retention-minutes M] [--volume-gib KIND=N] [--max-block-duration S]
 * [--complete-block-timeout S]` prints one JSON object.
 * Kept free of process and fs so tests can drive it; scripts/simulate.ts is the thin wrapper.
 */
import { escapeControls, parseWholeArg, shownArg } from '../cli/text';
import { PROCESS_KINDS, type ProcessKind } from '../model/catalog';
import { isStateful } from '../model/recovery';
import { LIMITS, parseScenario, type Settings, type StartState, type TenantLimits } from '../model/scenario';
import { parseScenarioJson } from '../model/scenarioJson';
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

const USAGE =
  'usage: simulate <scenario.json> [--duration SECONDS] [--seed N] [--start steady|fresh]\n' +
  '  [--kafka-retention-minutes M] [--volume-gib KIND=N] [--max-block-duration SECONDS]\n' +
  '  [--complete-block-timeout SECONDS]\n' +
  '  per-tenant limits and search windows (Tempo keys; whole numbers in digits):\n' +
  '  [--max-traces-per-user N] [--max-bytes-per-trace BYTES] [--rate-limit-bytes BYTES]\n' +
  '  [--burst-size-bytes BYTES] [--query-backend-after SECONDS] [--query-ingesters-until SECONDS]';

/** Settings, per-tenant limits and volumes the command line sets over the scenario's. */
interface Overrides {
  settings: Partial<Settings>;
  limits: TenantLimits;
  volumes: Partial<Record<ProcessKind, number>>;
}

/** Limit flags: each sets one field of settings.limits (or the rate limits), in the schema's range. */
const LIMIT_FLAGS = {
  '--max-traces-per-user': { key: 'maxTracesPerUser', max: 100_000_000, min: 0 },
  '--max-bytes-per-trace': { key: 'maxBytesPerTrace', max: 1_000_000_000, min: 0 },
  '--query-backend-after': { key: 'queryBackendAfterSeconds', max: 7 * 24 * 3600, min: 0 },
  '--query-ingesters-until': { key: 'queryIngestersUntilSeconds', max: 7 * 24 * 3600, min: 0 },
  '--rate-limit-bytes': { key: 'rateLimitBytes', max: 1e12, min: 1 },
  '--burst-size-bytes': { key: 'burstSizeBytes', max: 1e12, min: 1 },
} as const;
type LimitFlag = keyof typeof LIMIT_FLAGS;
const limitFlag = (a: string): LimitFlag | null => {
  const name = a.split('=')[0] ?? '';
  return Object.hasOwn(LIMIT_FLAGS, name) ? (name as LimitFlag) : null;
};

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
  const over: Overrides = { settings: {}, limits: {}, volumes: {} };
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
    } else if (a === '--kafka-retention-minutes' || a.startsWith('--kafka-retention-minutes=')) {
      const v = optionValue('--kafka-retention-minutes');
      const n = parseWholeArg(v, 1, LIMITS.kafkaRetentionHours.max * 60);
      if (n === null)
        return fail(
          `--kafka-retention-minutes must be a whole number from 1 to ${LIMITS.kafkaRetentionHours.max * 60}, got ${shown(v)}\n${USAGE}`,
        );
      over.settings.kafkaRetentionHours = n / 60;
    } else if (a === '--max-block-duration' || a.startsWith('--max-block-duration=')) {
      const v = optionValue('--max-block-duration');
      const { min, max } = LIMITS.maxBlockDurationSeconds;
      const n = parseWholeArg(v, min, max);
      if (n === null)
        return fail(
          `--max-block-duration must be whole seconds from ${min} to ${max}, got ${shown(v)}\n${USAGE}`,
        );
      over.settings.maxBlockDurationSeconds = n;
    } else if (a === '--complete-block-timeout' || a.startsWith('--complete-block-timeout=')) {
      const v = optionValue('--complete-block-timeout');
      const { min, max } = LIMITS.completeBlockTimeoutSeconds;
      const n = parseWholeArg(v, min, max);
      if (n === null)
        return fail(
          `--complete-block-timeout must be whole seconds from ${min} to ${max}, got ${shown(v)}\n${USAGE}`,
        );
      over.settings.completeBlockTimeoutSeconds = n;
    } else if (a === '--volume-gib' || a.startsWith('--volume-gib=')) {
      const v = optionValue('--volume-gib');
      const [kind, size] = (v ?? '').split('=');
      const n = parseWholeArg(size ?? null, 1, LIMITS.volumeBytes.max / 1024 ** 3);
      const known = (PROCESS_KINDS as readonly string[]).includes(kind ?? '');
      if (!known || !isStateful(kind as ProcessKind) || n === null)
        return fail(
          `--volume-gib must be KIND=GIB for a process with a volume (tempo, ingester, live-store, block-builder, metrics-generator) and a whole number of GiB, got ${shown(v)}\n${USAGE}`,
        );
      over.volumes[kind as ProcessKind] = n * 1024 ** 3;
    } else if (limitFlag(a)) {
      const flag = limitFlag(a) as LimitFlag;
      const { key, min, max } = LIMIT_FLAGS[flag];
      const v = optionValue(flag);
      const n = parseWholeArg(v, min, max);
      if (n === null)
        return fail(
          `${flag} must be a whole number from ${min} to ${max}, in digits, got ${shown(v)}\n${USAGE}`,
        );
      if (key === 'rateLimitBytes' || key === 'burstSizeBytes') over.settings[key] = n;
      else over.limits[key] = n;
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
  const started = start === null ? given : { ...given, settings: { ...given.settings, start } };
  const components = { ...started.components };
  for (const [kind, bytes] of Object.entries(over.volumes) as [ProcessKind, number][]) {
    const c = components[kind];
    if (c) components[kind] = { ...c, volumeBytes: bytes };
  }
  const checked = parseScenario({
    ...started,
    components,
    settings: {
      ...started.settings,
      ...over.settings,
      ...(Object.keys(over.limits).length ? { limits: { ...started.settings.limits, ...over.limits } } : {}),
    },
  });
  if (!checked.ok) return fail(`${name} with these options is not valid:\n  ${checked.errors.join('\n  ')}`);
  const scenario = checked.value;
  const refused = validateScenario(scenario).find((i) => i.code === 'query-backend-after-ingesters-until');
  if (refused) return fail(`${name} cannot be simulated: ${escapeControls(refused.message)}`);
  const impossible = validateScenario(scenario).find((i) => i.code === 'ssb-removed');
  if (impossible) return fail(`${name} cannot be simulated: ${escapeControls(impossible.message)}`);
  const end = runFor(createSimulation(scenario), duration);
  return { code: 0, stdout: `${JSON.stringify(summarize(end), null, 2)}\n`, stderr: '' };
}
