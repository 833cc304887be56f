/**
 * Distributors: spread the clients' pushes, apply the per-tenant ingestion rate limit (rate_strategy
 * local: every distributor applies the whole limit with a token bucket of burst_size_bytes), refuse
 * what is over it or past their CPU, and discard spans of traces over max_bytes_per_trace.
 * Where accepted spans go next is the caller's choice: the ring (ingesters.ts) or Kafka (kafka.ts).
 */
import * as C from './calibration';
import { countUp, walked } from './cohorts';
import { emit } from './events';
import { formatBytes, formatCount, formatPercent, formatRate } from './format';
import type { SimState } from './state';
import { traceShape } from './traces';

/** Offered spans spread evenly over the distributors that are up; their CPU cost. */
export function demandDistributors(s: SimState): void {
  const cfg = s.cfg;
  const tick = cfg.tick;
  const sc = cfg.scratch;
  const up = s.proc.up;
  const forward = C.DIST_FORWARD_CPU_PER_SPAN + tick.spanSize * C.DIST_FORWARD_CPU_PER_BYTE;
  tick.distCostPerSpan =
    C.DIST_CPU_PER_SPAN + tick.spanSize * C.DIST_CPU_PER_BYTE + cfg.forwardCopies * forward;
  const distUp = countUp(s, cfg.distributors);
  tick.distributorsUp = distUp;
  const perDist = distUp > 0 ? tick.offered / distUp : 0;
  for (let at = 0, list = cfg.distributors, len = walked(s, list); at < len; at++) {
    const d = list[at]!;
    if (up[d]! > 0) {
      sc.wantDist[d] = perDist;
      sc.demand[d] = sc.demand[d]! + perDist * tick.distCostPerSpan;
    } else sc.wantDist[d] = 0;
  }
}

/** Accept what the token bucket and the CPU allow; refuse the rest (RESOURCE_EXHAUSTED). */
export function accept(s: SimState): void {
  const cfg = s.cfg;
  const tick = cfg.tick;
  const sc = cfg.scratch;
  const d_ = s.dist;
  const dt = C.DT;
  const spanSize = tick.spanSize;
  const limit = cfg.rateLimitBytes * dt;
  const tokenCap = Math.max(cfg.burstBytes, limit);
  const kafkaRefuses = cfg.kafka && !tick.kafkaUp;
  const weight = s.co.weight;
  let accepted = 0;
  let refused = 0;
  for (let at = 0, list = cfg.distributors, len = walked(s, list); at < len; at++) {
    const d = list[at]!;
    const want = sc.wantDist[d]!;
    d_.offered[d] = want / dt;
    if (s.proc.up[d]! <= 0) {
      d_.accepted[d] = 0;
      d_.refused[d] = 0;
      d_.rateLimited[d] = 0;
      continue;
    }
    const available = Math.min(tokenCap, d_.tokens[d]! + limit);
    const byCpu = want * sc.scale[d]!;
    let take = Math.min(want, available / spanSize, byCpu);
    let limited = Math.max(0, Math.min(want, byCpu) - take);
    if (kafkaRefuses) {
      // Kafka refuses the produce: nothing is accepted and no tokens are spent.
      take = 0;
      limited = 0;
      d_.tokens[d] = available;
    } else d_.tokens[d] = Math.max(0, available - take * spanSize);
    const w = weight[d]!;
    accepted += take * w;
    refused += (want - take) * w;
    d_.accepted[d] = take / dt;
    d_.refused[d] = (want - take) / dt;
    d_.rateLimited[d] = limited / dt;
    sc.used[d] = sc.used[d]! + take * tick.distCostPerSpan;
    sc.extraMem[d] = sc.extraMem[d]! + (take / dt) * spanSize * C.DIST_BUFFER_SECONDS * C.DIST_BUFFER_FACTOR;
    rateLimitEvent(s, d, w, want, limited);
    s.g.discardedRateLimited += limited * w;
  }
  if (tick.distributorsUp === 0) refused += tick.offered;
  tick.accepted = accepted;
  tick.refused = refused;
  discardLargeTraces(s);
}

/**
 * Traces over max_bytes_per_trace lose their extra spans for good: 2.10 ingesters refuse the pushes
 * (modules/ingester/instance.go at v2.10.8), 3.0 live-stores and block-builders drop them as they consume
 * (modules/livestore/instance.go, modules/blockbuilder/tenant_store.go at v3.0.3). Counted here, once.
 */
function discardLargeTraces(s: SimState): void {
  const g = s.g;
  const tick = s.cfg.tick;
  const share = traceShape(s).discardShare;
  const discarded = tick.accepted * share;
  tick.discardShare = share;
  if (discarded > 0) {
    g.lost += discarded;
    g.tracesLost += discarded / tick.spansPerTrace;
    g.discardedTraceTooLarge += discarded;
    if (!g.traceTooLarge) {
      g.traceTooLarge = true;
      const who = s.cfg.kafka ? 'live-stores and block-builders drop' : 'ingesters refuse';
      emit(
        s,
        'client',
        'trace-too-large',
        `TRACE_TOO_LARGE: ${formatPercent(share)} of span bytes are in traces past max_bytes_per_trace (${formatRate(s.cfg.maxBytesPerTrace).replace('/s', '')}); ${who} them, discarded spans reason trace_too_large (traces average ${formatBytes(traceShape(s).meanBytes)})`,
      );
    }
  } else g.traceTooLarge = false;
  tick.kept = tick.accepted - discarded;
}

/** Rates of the write path's front door, for the views. */
export function recordIntake(s: SimState): void {
  const g = s.g;
  const tick = s.cfg.tick;
  g.offeredRate = tick.offered / C.DT;
  g.acceptedRate = tick.accepted / C.DT;
  g.refusedRate = tick.refused / C.DT;
}

/** Distributor d starts refusing: one event per replica it stands for (`count`, cohorts.ts). */
function rateLimitEvent(s: SimState, d: number, count: number, want: number, limited: number): void {
  const dist = s.dist;
  const on = limited > 0.01 * Math.max(want, 1);
  if (on && !dist.limiting[d] && s.t - dist.lastLimitEvent[d]! >= 60) {
    for (let k = 0; k < count; k++) {
      const name = s.cfg.names[d + k]!;
      emit(
        s,
        name,
        'rate-limited',
        `${name} refuses ${formatCount(limited / C.DT)} spans/s over the ${formatRate(s.cfg.rateLimitBytes)} ingestion rate limit (RATE_LIMITED, gRPC RESOURCE_EXHAUSTED; discarded spans reason rate_limited); clients retry`,
      );
    }
    dist.lastLimitEvent[d] = s.t;
  }
  dist.limiting[d] = on ? 1 : 0;
}
