/**
 * `plan --spans-per-second N --span-size B --retention 14d [--zones 2] [--version 2.10|3.0]
 * [--mode M] [--json]`: the capacity planner's answer as text or JSON. Free of process and fs so the
 * tests drive it; scripts/plan.ts is the thin wrapper. Numbers are read strictly (digits only).
 */
import { parseWholeArg, shownArg } from '../cli/text';
import {
  DEPLOYMENT_MODES,
  type DeploymentMode,
  GiB,
  TEMPO_VERSIONS,
  type TempoVersion,
} from '../model/catalog';
import { LIMITS } from '../model/scenario';
import { memText, msText, rangeText } from './evidence';
import {
  MAX_KAFKA_RETENTION_HOURS,
  MAX_RETENTION_HOURS,
  MIN_KAFKA_RETENTION_HOURS,
  MIN_RETENTION_HOURS,
  planField,
  readPlanLoad,
  readPlanNumber,
} from './input';
import { enteredAs, loadText } from './load';
import { CHECK, DEFAULT_PLAN_INPUT, type ModePlan, type PlanInput, type PlanResult, plan } from './planner';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export const USAGE = `usage: plan --spans-per-second N|--mb-per-second X|--gb-per-second X --span-size BYTES --retention 14d|336h
  [--zones 1|2|3] [--version 2.10|3.0] [--mode monolithic|scalable-single-binary|microservices]
  [--spans-per-trace N] [--trace-spread-tenths N] [--queries-per-second N] [--query-range-minutes N]
  [--headroom-percent N] [--spike-percent N] [--no-tolerate-loss] [--kafka-retention 24h]
  [--outage 2h] [--trust-simulation-below-floors]
  [--compression-ratio N] [--price-core X] [--price-gib X] [--price-object-gb X] [--price-kafka-gb X]
  [--json]`;

const shown = (v: string | null) => (v === null ? 'nothing' : `"${shownArg(v)}"`);
const fail = (message: string): CliResult => ({ code: 2, stdout: '', stderr: `${message}\n${USAGE}\n` });

/** A duration like 14d or 336h (digits and one unit), in hours, or null. */
export function parseHours(text: string | null, minHours: number, maxHours: number): number | null {
  if (text === null) return null;
  const m = /^([0-9]{1,7})(d|h|m)$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  const hours = m[2] === 'd' ? n * 24 : m[2] === 'h' ? n : n / 60;
  return hours >= minHours && hours <= maxHours ? hours : null;
}

/** A price: digits, optionally a point and up to 6 decimals ("25", "0.023"); no signs or exponents. */
export function parsePrice(text: string | null): number | null {
  if (text === null || !/^[0-9]{1,9}(\.[0-9]{1,6})?$/.test(text)) return null;
  return Number(text);
}

export function parseArgs(
  argv: readonly string[],
): { ok: true; input: PlanInput; json: boolean } | { ok: false; message: string } {
  const input: PlanInput = {
    ...DEFAULT_PLAN_INPUT,
    prices: { ...DEFAULT_PLAN_INPUT.prices },
    modes: undefined,
  };
  let json = false;
  let spans: number | null = null;
  /** The load as a byte rate (--mb-per-second, --gb-per-second): its text, read once the span size is known. */
  let rate: { unit: 'MB/s' | 'GB/s'; option: string; text: string | null } | null = null;
  const loadOptions = new Set<string>();
  let retention: number | null = null;
  let spanSize: number | null = null;
  const modes: DeploymentMode[] = [];
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k] ?? '';
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const value = (): string | null => {
      if (eq > 0 && a.startsWith('--')) return a.slice(eq + 1);
      k++;
      return argv[k] ?? null;
    };
    const whole = (label: string, min: number, max: number): number | { error: string } => {
      const v = value();
      const n = parseWholeArg(v, min, max);
      return n === null
        ? { error: `${label} must be a whole number from ${min} to ${max} (digits only), got ${shown(v)}` }
        : n;
    };
    const take = (label: string, min: number, max: number, set: (n: number) => void): string | null => {
      const n = whole(label, min, max);
      if (typeof n !== 'number') return n.error;
      set(n);
      return null;
    };
    /** An option read as the planner form reads its field: the same text rules, the same range. */
    const field = (label: string, key: string, set: (n: number) => void): string | null => {
      const v = value();
      const r = readPlanNumber(v, planField(key));
      if (!r.ok) return `${label} ${r.reason}, got ${shown(v)}`;
      set(r.value);
      return null;
    };
    let err: string | null = null;
    switch (name) {
      case '--json':
        json = true;
        break;
      case '--no-tolerate-loss':
        input.tolerateLoss = false;
        break;
      case '--trust-simulation-below-floors':
        input.trustBelowFloors = true;
        break;
      case '--outage': {
        const v = value();
        const h = parseHours(v, 0, 7 * 24);
        if (h === null)
          err = `--outage must be the longest object-storage outage to survive, like 0h, 2h or 1d (at most 7d), got ${shown(v)}`;
        else input.outageHours = h;
        break;
      }
      case '--spans-per-second':
        loadOptions.add(name);
        err = field('--spans-per-second', 'sps', (n) => {
          spans = n;
        });
        break;
      case '--mb-per-second':
      case '--gb-per-second':
        loadOptions.add(name);
        rate = { unit: name === '--mb-per-second' ? 'MB/s' : 'GB/s', option: name, text: value() };
        break;
      case '--span-size':
        err = field('--span-size', 'size', (n) => {
          spanSize = n;
        });
        break;
      case '--spans-per-trace':
        err = field('--spans-per-trace', 'spt', (n) => {
          input.spansPerTrace = n;
        });
        break;
      case '--trace-spread-tenths':
        err = take(
          '--trace-spread-tenths',
          LIMITS.traceSizeSigma.min * 10,
          LIMITS.traceSizeSigma.max * 10,
          (n) => {
            input.traceSizeSigma = n / 10;
          },
        );
        break;
      case '--queries-per-second':
        err = field('--queries-per-second', 'qps', (n) => {
          input.queriesPerSecond = n;
        });
        break;
      case '--query-range-minutes':
        err = field('--query-range-minutes', 'range', (n) => {
          input.queryRangeMinutes = n;
        });
        break;
      case '--zones':
        err = take('--zones', 1, 3, (n) => {
          input.zones = n;
        });
        break;
      case '--headroom-percent':
        err = field('--headroom-percent', 'head', (n) => {
          input.headroom = n / 100;
        });
        break;
      case '--spike-percent':
        err = field('--spike-percent', 'spike', (n) => {
          input.spikeFactor = n / 100;
        });
        break;
      case '--compression-ratio':
        err = field('--compression-ratio', 'ratio', (n) => {
          input.compressionRatio = n;
        });
        break;
      case '--retention': {
        const v = value();
        const h = parseHours(v, MIN_RETENTION_HOURS, MAX_RETENTION_HOURS);
        if (h === null)
          err = `--retention must be hours or days like 336h or 14d (1h to 3650d), got ${shown(v)}`;
        else retention = h;
        break;
      }
      case '--kafka-retention': {
        const v = value();
        const h = parseHours(v, MIN_KAFKA_RETENTION_HOURS, MAX_KAFKA_RETENTION_HOURS);
        if (h === null) err = `--kafka-retention must be at least 40m (like 40m, 24h or 7d), got ${shown(v)}`;
        else input.kafkaRetentionHours = h;
        break;
      }
      case '--version': {
        const v = value();
        if (!TEMPO_VERSIONS.includes(v as TempoVersion))
          err = `--version must be 2.10 or 3.0, got ${shown(v)}`;
        else input.version = v as TempoVersion;
        break;
      }
      case '--mode': {
        const v = value();
        if (!DEPLOYMENT_MODES.includes(v as DeploymentMode))
          err = `--mode must be one of ${DEPLOYMENT_MODES.join(', ')}, got ${shown(v)}`;
        else modes.push(v as DeploymentMode);
        break;
      }
      case '--price-core':
        err = field('--price-core', 'core', (n) => {
          input.prices.corePerMonth = n;
        });
        break;
      case '--price-gib':
        err = field('--price-gib', 'gib', (n) => {
          input.prices.memoryGiBPerMonth = n;
        });
        break;
      case '--price-object-gb':
        err = field('--price-object-gb', 'obj', (n) => {
          input.prices.objectStorageGBPerMonth = n;
        });
        break;
      case '--price-kafka-gb':
        err = field('--price-kafka-gb', 'kdisk', (n) => {
          input.prices.kafkaDiskGBPerMonth = n;
        });
        break;
      default:
        err = `unknown argument ${shown(a)}`;
    }
    if (err) return { ok: false, message: err };
  }
  if (loadOptions.size > 1)
    return {
      ok: false,
      message: 'give the load once: --spans-per-second, --mb-per-second or --gb-per-second',
    };
  if (spans === null && rate === null)
    return { ok: false, message: '--spans-per-second (or --mb-per-second, --gb-per-second) is required' };
  if (spanSize === null) return { ok: false, message: '--span-size is required' };
  if (retention === null) return { ok: false, message: '--retention is required' };
  input.spanSizeBytes = spanSize;
  if (rate !== null) {
    const { unit, option, text } = rate;
    const r = readPlanLoad(text ?? '', unit, input);
    if (!r.ok) return { ok: false, message: `${option}: ${r.reason}, got ${shown(text)}` };
    input.spansPerSecond = r.value.spansPerSecond;
    input.loadEntered = r.value.loadEntered;
  } else if (spans !== null) input.spansPerSecond = spans;
  input.retentionHours = retention;
  if (modes.includes('scalable-single-binary') && input.version === '3.0')
    return {
      ok: false,
      message: '--mode scalable-single-binary does not exist in Tempo 3.0 (removed); use --version 2.10',
    };
  input.modes = modes.length > 0 ? modes : undefined;
  return { ok: true, input, json };
}

const gib = (b: number) => `${(b / GiB).toFixed(1).replace(/\.0$/, '')} GiB`;
const tb = (b: number) => (b >= 1e12 ? `${(b / 1e12).toFixed(1)} TB` : `${(b / 1e9).toFixed(0)} GB`);
const pct = (x: number) => `${Math.round(x * 100)}%`;
const money = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });

function modeText(p: ModePlan): string[] {
  const out: string[] = [`== Tempo ${p.version} ${p.mode} ==`];
  if (!p.ok || !p.totals) {
    out.push(`  no cluster: ${p.problem ?? 'unknown'}`);
    return out;
  }
  for (const c of p.components) {
    const r = c.published;
    out.push(
      `  ${c.kind.padEnd(18)} ${String(c.replicas).padStart(4)} x ${c.cpu} CPU, ${gib(c.memoryBytes)}${c.volume ? `, volume ${gib(c.volume.bytes)}` : ''}   peak CPU ${pct(c.peakCpuShare)}, memory ${pct(c.peakMemoryShare)}`,
    );
    out.push(
      `      published: replicas ${rangeText(r.range.replicas, 'replicas')}; CPU ${rangeText(r.range.cpu, 'cpu')}; memory ${rangeText(r.range.memoryBytes, 'memory')}: ${r.rule} (${r.doc})`,
    );
    out.push(
      `      floor: ${r.floor.replicas} replicas, ${r.floor.cpu} CPU, ${memText(r.floor.memoryBytes)} (${r.floor.source})`,
    );
    for (const o of r.ours) out.push(`      ours: ${o}`);
    out.push(`      sized by ${c.sizedBy}`);
    if (c.volume) out.push(`      volume: ${c.volume.why}; ${c.volume.evidence}`);
    for (const d of c.deviations) out.push(`      deviation: ${d}`);
    for (const m of c.moves) out.push(`      simulation: ${m}`);
  }
  if (p.partitions > 0) out.push(`  Kafka partitions: ${p.partitions}; live-store zones: ${p.zones}`);
  const t = p.totals;
  out.push(
    `  totals: ${t.cores} cores, ${gib(t.memoryBytes)}, ${t.pods} pods; volumes ${tb(t.volumeBytes)}; object storage ${tb(t.objectStorageBytes)}`,
  );
  if (t.kafka)
    out.push(
      `  Kafka: ${t.kafka.partitions} partitions, retention ${Number(t.kafka.retentionHours.toFixed(2))} h, disk ${tb(t.kafka.diskBytes)} (3 broker copies)`,
    );
  if (p.outage)
    out.push(
      `  outage: run ${p.outage.run}, ${p.outage.outageHours} h without object storage: most held locally ${tb(p.outage.peakLocalBytes)}${p.outage.peakLocalInstance ? ` (${p.outage.peakLocalInstance})` : ''}${p.outage.peakLagInstance ? `; longest Kafka lag ${(p.outage.peakLagSeconds / 3600).toFixed(1)} h (${p.outage.peakLagInstance})` : ''}`,
    );
  out.push(
    `  monthly cost: ${money(t.monthlyCost)} (compute ${money(t.costBreakdown.compute)}, memory ${money(t.costBreakdown.memory)}, object storage ${money(t.costBreakdown.objectStorage)}, Kafka ${money(t.costBreakdown.kafka)})`,
  );
  if (p.check)
    out.push(
      `  checked: ${p.simulations} simulations; ${p.check.lost} spans lost through a ${p.check.spike}x spike${p.check.killed ? ` and ${p.check.killed} killed` : ''}; search p99 ${msText(p.check.p99SteadyMs)} steady, ${msText(p.check.p99Ms)} over the check`,
    );
  for (const c of p.caveats) out.push(`  caveat: ${c}`);
  for (const n of p.notes) out.push(`  note: ${n}`);
  return out;
}

export function formatPlan(r: PlanResult): string {
  const i = r.input;
  const head = [
    `Plan for ${loadText(i)}, ${enteredAs(i)}; retention ${i.retentionHours} h, headroom ${pct(i.headroom)}, Tempo ${i.version}`,
    `Check: steady start, ${CHECK.durationS / 60} simulated minutes, a ${i.spikeFactor}x spike for ${CHECK.spikeS} s${i.tolerateLoss ? ', the busiest instance killed (not a monolith: it cannot survive that)' : ''}; compaction by a ${CHECK.backlogS / 3600} h steady run; volumes and Kafka retention by a ${i.outageHours ?? 2} h object-storage outage. Object storage at a compression ratio of ${i.compressionRatio}:1.`,
    i.trustBelowFloors
      ? 'Trusting the simulation below published floors: figures may go under the published minimum.'
      : 'Published floors hold: no figure below the published minimum (--trust-simulation-below-floors lowers them).',
    '',
  ];
  return `${[...head, ...r.plans.flatMap((p) => [...modeText(p), ''])].join('\n')}`;
}

export function runPlanCli(argv: readonly string[]): CliResult {
  if (argv.includes('--help') || argv.includes('-h')) return { code: 0, stdout: `${USAGE}\n`, stderr: '' };
  const parsed = parseArgs(argv);
  if (!parsed.ok) return fail(`plan: ${parsed.message}`);
  const result = plan(parsed.input);
  const stdout = parsed.json ? `${JSON.stringify(result, null, 2)}\n` : formatPlan(result);
  return { code: 0, stdout, stderr: '' };
}
