/**
 * What a team measured on its own cluster, as a scenario keeps it: the figures per process and the
 * load, with where and when they came from (never the raw series, so it fits a share link).
 */
import * as z from 'zod/mini';

const finite = (max: number) => z.number().check(z.gte(0), z.lte(max));
const statSchema = z.object({ median: finite(1e15), peak: finite(1e15) });

export const MAX_MEASURED_PROCESSES = 1500;
export const MAX_MEASURED_UNMATCHED = 50;

export const measuredSchema = z.object({
  /** What was read: "Prometheus JSON (4 answers)", "Grafana CSV". */
  source: z.string().check(z.maxLength(200)),
  /** The time range the samples cover, epoch seconds (from the samples, not the clock). */
  from: finite(1e11),
  to: finite(1e11),
  /** The load the measurements gave the sliders (only what could be measured). */
  load: z.object({
    spansPerSecond: z.optional(finite(1e12)),
    spanSizeBytes: z.optional(finite(1e12)),
    spansPerTrace: z.optional(finite(1e9)),
    queriesPerSecond: z.optional(finite(1e9)),
  }),
  processes: z
    .array(
      z.object({
        name: z.string().check(z.maxLength(100)),
        cpu: z.optional(statSchema),
        mem: z.optional(statSchema),
      }),
    )
    .check(z.maxLength(MAX_MEASURED_PROCESSES)),
  discarded: z
    .array(z.object({ reason: z.string().check(z.maxLength(100)), perSecond: finite(1e12) }))
    .check(z.maxLength(20)),
  latency: z.optional(z.object({ p50Seconds: finite(1e6), p99Seconds: finite(1e6) })),
  lagSeconds: z.optional(statSchema),
  /** Live traces of the busiest ingester or live-store at each sample. */
  liveTraces: z.optional(statSchema),
  unmatched: z.array(z.string().check(z.maxLength(253))).check(z.maxLength(MAX_MEASURED_UNMATCHED)),
});
export type Measured = z.infer<typeof measuredSchema>;
