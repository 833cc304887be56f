/**
 * The planner's input from outside (a worker message, a form): checked with zod/mini against the
 * scenario's LIMITS, so the planner never runs on NaN, Infinity or a value past a limit.
 */
import * as z from 'zod/mini';
import { DEPLOYMENT_MODES, TEMPO_VERSIONS } from '../model/catalog';
import { describeZodError, LIMITS, type ParseResult } from '../model/scenario';
import type { PlanInput } from './planner';

/** Kafka must keep what consumers have not read yet: at least 40 minutes (Tempo's sizing docs). */
export const MIN_KAFKA_RETENTION_HOURS = 40 / 60;

const range = (min: number, max: number) => z.number().check(z.gte(min), z.lte(max));
const price = range(0, 1e6);

export const planInputSchema = z.object({
  spansPerSecond: range(1, LIMITS.spansPerSecond.max),
  spanSizeBytes: range(LIMITS.spanSizeBytes.min, LIMITS.spanSizeBytes.max),
  spansPerTrace: range(LIMITS.spansPerTrace.min, LIMITS.spansPerTrace.max),
  traceSizeSigma: range(LIMITS.traceSizeSigma.min, LIMITS.traceSizeSigma.max),
  queriesPerSecond: range(LIMITS.queriesPerSecond.min, LIMITS.queriesPerSecond.max),
  queryRangeMinutes: range(LIMITS.queryRangeMinutes.min, LIMITS.queryRangeMinutes.max),
  retentionHours: range(1, 24 * 365 * 10),
  zones: z.int().check(z.gte(1), z.lte(3)),
  tolerateLoss: z.boolean(),
  version: z.enum(TEMPO_VERSIONS),
  modes: z.optional(z.array(z.enum(DEPLOYMENT_MODES)).check(z.maxLength(3))),
  headroom: range(0.3, 0.95),
  spikeFactor: range(1, 5),
  compressionRatio: range(1, 50),
  kafkaRetentionHours: range(MIN_KAFKA_RETENTION_HOURS, 24 * 365),
  outageHours: z.optional(range(0, 7 * 24)),
  trustBelowFloors: z.optional(z.boolean()),
  prices: z.object({
    corePerMonth: price,
    memoryGiBPerMonth: price,
    objectStorageGBPerMonth: price,
    kafkaDiskGBPerMonth: price,
  }),
});

export function parsePlanInput(input: unknown): ParseResult<PlanInput> {
  const r = planInputSchema.safeParse(input);
  return r.success ? { ok: true, value: r.data } : { ok: false, errors: describeZodError(r.error) };
}
