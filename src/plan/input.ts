/**
 * The planner's input from outside (a worker message, a form): checked with zod/mini against the
 * scenario's LIMITS, so the planner never runs on NaN, Infinity or a value past a limit.
 */
import * as z from 'zod/mini';
import { DEPLOYMENT_MODES, TEMPO_VERSIONS } from '../model/catalog';
import { describeZodError, LIMITS, type ParseResult } from '../model/scenario';
import { type LoadUnit, loadProblem, MAX_RATE_MB, resolveLoad } from './load';
import type { PlanInput } from './planner';
import { DEFAULT_OUTAGE_HOURS } from './types';

/** Kafka must keep what consumers have not read yet: at least 40 minutes (Tempo's sizing docs). */
export const MIN_KAFKA_RETENTION_HOURS = 40 / 60;

export const MIN_RETENTION_HOURS = 1;
export const MAX_RETENTION_HOURS = 24 * 365 * 10;
export const MAX_KAFKA_RETENTION_HOURS = 24 * 365;
export const MAX_PRICE = 1e6;

const range = (min: number, max: number) => z.number().check(z.gte(min), z.lte(max));
const price = range(0, MAX_PRICE);

export const planInputSchema = z.object({
  spansPerSecond: range(1, LIMITS.spansPerSecond.max),
  loadEntered: z.optional(z.object({ value: range(0, MAX_RATE_MB), unit: z.enum(['MB/s', 'GB/s']) })),
  spanSizeBytes: range(LIMITS.spanSizeBytes.min, LIMITS.spanSizeBytes.max),
  spansPerTrace: range(LIMITS.spansPerTrace.min, LIMITS.spansPerTrace.max),
  traceSizeSigma: range(LIMITS.traceSizeSigma.min, LIMITS.traceSizeSigma.max),
  queriesPerSecond: range(LIMITS.queriesPerSecond.min, LIMITS.queriesPerSecond.max),
  queryRangeMinutes: range(LIMITS.queryRangeMinutes.min, LIMITS.queryRangeMinutes.max),
  retentionHours: range(MIN_RETENTION_HOURS, MAX_RETENTION_HOURS),
  zones: z.int().check(z.gte(1), z.lte(3)),
  tolerateLoss: z.boolean(),
  version: z.enum(TEMPO_VERSIONS),
  modes: z.optional(z.array(z.enum(DEPLOYMENT_MODES)).check(z.maxLength(3))),
  headroom: range(0.3, 0.95),
  spikeFactor: range(1, 5),
  compressionRatio: range(1, 50),
  kafkaRetentionHours: range(MIN_KAFKA_RETENTION_HOURS, MAX_KAFKA_RETENTION_HOURS),
  outageHours: z.optional(range(0, 7 * 24)),
  trustBelowFloors: z.optional(z.boolean()),
  prices: z.object({
    corePerMonth: price,
    memoryGiBPerMonth: price,
    objectStorageGBPerMonth: price,
    kafkaDiskGBPerMonth: price,
  }),
});

/** Check outside input; a load entered as MB/s or GB/s sets spans/s through the span size. */
export function parsePlanInput(input: unknown): ParseResult<PlanInput> {
  const r = planInputSchema.safeParse(input);
  if (!r.success) return { ok: false, errors: describeZodError(r.error) };
  const problem = loadProblem(r.data);
  return problem ? { ok: false, errors: [problem] } : { ok: true, value: resolveLoad(r.data) };
}

/**
 * A number typed by a person or given on a command line: decimal digits with an optional point and
 * fraction ("20000", "0.5"), nothing else: not "0x10", "1e5", " 7", "+1", "Infinity" or empty, so
 * the form and the CLI read the same text the same way.
 */
export function readPlanNumber(
  text: string | null | undefined,
  range: { min: number; max: number; whole?: boolean },
): { ok: true; value: number } | { ok: false; reason: string } {
  const span = `from ${formatLimit(range.min)} to ${formatLimit(range.max)}`;
  if (text == null || text === '') return { ok: false, reason: `is empty: enter a number ${span}` };
  const pattern = range.whole ? /^[0-9]{1,16}$/ : /^[0-9]{1,16}(\.[0-9]{1,9})?$/;
  if (!pattern.test(text))
    return {
      ok: false,
      reason: `must be ${range.whole ? 'a whole number' : 'a number'} ${span} in plain digits${range.whole ? '' : ' (a point for decimals)'}`,
    };
  const value = Number(text);
  if (!(value >= range.min && value <= range.max)) return { ok: false, reason: `must be ${span}` };
  return { ok: true, value };
}

const formatLimit = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: n < 1 ? 3 : 2 });

/**
 * The planner's number fields in the units a person types (percent, days), with the ranges of
 * planInputSchema in those units. The form draws them and the CLI reads its options with them, so
 * both accept exactly what the schema accepts.
 */
export interface PlanField {
  key: string;
  /** Short name in messages ("headroom must be ..."). */
  name: string;
  label: string;
  min: number;
  max: number;
  whole?: boolean;
  step?: number;
  get: (i: PlanInput) => number;
  set: (i: PlanInput, v: number) => PlanInput;
}

export const PLAN_FIELDS: readonly PlanField[] = [
  {
    key: 'sps',
    name: 'spans per second',
    label: 'Spans per second',
    min: 1,
    max: LIMITS.spansPerSecond.max,
    get: (i) => i.spansPerSecond,
    set: (i, v) => ({ ...i, spansPerSecond: v }),
  },
  {
    key: 'size',
    name: 'span size',
    label: 'Span size (bytes)',
    ...LIMITS.spanSizeBytes,
    get: (i) => i.spanSizeBytes,
    set: (i, v) => ({ ...i, spanSizeBytes: v }),
  },
  {
    key: 'spt',
    name: 'spans per trace',
    label: 'Spans per trace',
    ...LIMITS.spansPerTrace,
    get: (i) => i.spansPerTrace,
    set: (i, v) => ({ ...i, spansPerTrace: v }),
  },
  {
    key: 'sigma',
    name: 'trace size spread',
    label: 'Trace size spread (sigma)',
    ...LIMITS.traceSizeSigma,
    get: (i) => i.traceSizeSigma,
    set: (i, v) => ({ ...i, traceSizeSigma: v }),
    step: 0.1,
  },
  {
    key: 'qps',
    name: 'queries per second',
    label: 'Queries per second',
    ...LIMITS.queriesPerSecond,
    get: (i) => i.queriesPerSecond,
    set: (i, v) => ({ ...i, queriesPerSecond: v }),
  },
  {
    key: 'range',
    name: 'query range',
    label: 'Query range (minutes)',
    ...LIMITS.queryRangeMinutes,
    get: (i) => i.queryRangeMinutes,
    set: (i, v) => ({ ...i, queryRangeMinutes: v }),
  },
  {
    key: 'ret',
    name: 'retention',
    label: 'Retention (days)',
    min: MIN_RETENTION_HOURS / 24,
    max: MAX_RETENTION_HOURS / 24,
    get: (i) => i.retentionHours / 24,
    set: (i, v) => ({ ...i, retentionHours: v * 24 }),
  },
  {
    key: 'head',
    name: 'headroom',
    label: 'Headroom: peak CPU and memory at most (%)',
    min: 30,
    max: 95,
    get: (i) => Math.round(i.headroom * 100),
    set: (i, v) => ({ ...i, headroom: v / 100 }),
  },
  {
    key: 'spike',
    name: 'spike',
    label: 'Spike during the check (% of load)',
    min: 100,
    max: 500,
    get: (i) => Math.round(i.spikeFactor * 100),
    set: (i, v) => ({ ...i, spikeFactor: v / 100 }),
  },
  {
    key: 'ratio',
    name: 'compression ratio',
    label: 'Compression ratio (received : stored)',
    min: 1,
    max: 50,
    get: (i) => i.compressionRatio,
    set: (i, v) => ({ ...i, compressionRatio: v }),
  },
  {
    key: 'kret',
    name: 'Kafka retention',
    label: `Kafka retention (hours, at least ${Math.round(MIN_KAFKA_RETENTION_HOURS * 60)} min)`,
    min: MIN_KAFKA_RETENTION_HOURS,
    max: MAX_KAFKA_RETENTION_HOURS,
    get: (i) => i.kafkaRetentionHours,
    set: (i, v) => ({ ...i, kafkaRetentionHours: v }),
    step: 0.5,
  },
  {
    key: 'outage',
    name: 'longest outage',
    label: 'Longest object-storage outage to survive (hours)',
    min: 0,
    max: 7 * 24,
    get: (i) => i.outageHours ?? DEFAULT_OUTAGE_HOURS,
    set: (i, v) => ({ ...i, outageHours: v }),
    step: 0.5,
  },
  {
    key: 'core',
    name: 'price per core-month',
    label: 'Price per core-month',
    min: 0,
    max: MAX_PRICE,
    get: (i) => i.prices.corePerMonth,
    set: (i, v) => ({ ...i, prices: { ...i.prices, corePerMonth: v } }),
    step: 0.5,
  },
  {
    key: 'gib',
    name: 'price per GiB-month',
    label: 'Price per GiB-month of memory',
    min: 0,
    max: MAX_PRICE,
    get: (i) => i.prices.memoryGiBPerMonth,
    set: (i, v) => ({ ...i, prices: { ...i.prices, memoryGiBPerMonth: v } }),
    step: 0.1,
  },
  {
    key: 'obj',
    name: 'price per GB-month of object storage',
    label: 'Price per GB-month of object storage',
    min: 0,
    max: MAX_PRICE,
    get: (i) => i.prices.objectStorageGBPerMonth,
    set: (i, v) => ({ ...i, prices: { ...i.prices, objectStorageGBPerMonth: v } }),
    step: 0.001,
  },
  {
    key: 'kdisk',
    name: 'price per GB-month of Kafka disk',
    label: 'Price per GB-month of Kafka disk',
    min: 0,
    max: MAX_PRICE,
    get: (i) => i.prices.kafkaDiskGBPerMonth,
    set: (i, v) => ({ ...i, prices: { ...i.prices, kafkaDiskGBPerMonth: v } }),
    step: 0.01,
  },
];

export const planField = (key: string): PlanField => {
  const f = PLAN_FIELDS.find((x) => x.key === key);
  if (!f) throw new Error(`no planner field ${key}`);
  return f;
};

/**
 * The load field's text in `unit` at `spanSizeBytes`: the input with `loadEntered` set (or cleared for
 * spans/s) and spans/s derived, or why not. Numbers as readPlanNumber reads them (plain digits).
 */
export function readPlanLoad(
  text: string,
  unit: LoadUnit,
  input: PlanInput,
): { ok: true; value: PlanInput } | { ok: false; reason: string } {
  if (unit === 'spans/s') {
    const r = readPlanNumber(text, { min: 1, max: LIMITS.spansPerSecond.max });
    if (!r.ok) return { ok: false, reason: `spans per second ${r.reason}` };
    return { ok: true, value: { ...input, spansPerSecond: r.value, loadEntered: undefined } };
  }
  const max = unit === 'MB/s' ? MAX_RATE_MB : MAX_RATE_MB / 1000;
  const r = readPlanNumber(text, { min: 0, max });
  if (!r.ok) return { ok: false, reason: `load in ${unit} ${r.reason}` };
  const next = resolveLoad({ ...input, loadEntered: { value: r.value, unit } });
  const problem = loadProblem(next);
  return problem ? { ok: false, reason: problem } : { ok: true, value: next };
}
