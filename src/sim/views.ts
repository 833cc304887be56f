/**
 * Read-only views of a simulation state: what the UI draws each frame and what the CLI prints.
 * Built on demand from the state; nothing here changes it. Edge flows are in flows.ts, the CLI summary in summary.ts.
 */
import { DEFAULT_GROUP_ABOVE } from '../model/topology';
import * as C from './calibration';
import { flowViews } from './flows';
import { latencyQuantile } from './latency';
import { CAUSE_OOM, PHASE_CRASHED, PHASE_REPLAYING, type SimState } from './state';
import type { FlowView, InstanceStatus, InstanceView, QueryTotals, SimEvent, Totals } from './types';

export { flowViews } from './flows';
export { type Summary, summarize } from './summary';

export interface StorageView {
  up: boolean;
  /** Level-0 (not yet compacted) blocks and their bytes. */
  uncompactedBlocks: number;
  uncompactedBytes: number;
  totalBytes: number;
}

export interface SimViews {
  t: number;
  instances: InstanceView[];
  /** Object storage and Kafka as the canvas shows them: up, or down during an outage. */
  externals: InstanceView[];
  flows: FlowView[];
  totals: Totals;
  queries: QueryTotals & { p50Ms: number; p99Ms: number };
  events: SimEvent[];
  storage: StorageView;
  kafka: { present: boolean; up: boolean };
  /** Share of the 2.x hash space whose replica set is below write quorum (0 when healthy). */
  ringFailShare: number;
}

export interface ViewOptions {
  /** Kinds with more replicas than this are reported on `group:<kind>` ids (as deriveTopology does). */
  groupAbove?: number;
}

/**
 * Spans, traces and queries as whole numbers. The model moves fractions of spans; what a person reads
 * is rounded once here, with in-flight taking the remainder so that sent = written + lost + inFlight
 * holds exactly.
 */
export function totals(s: SimState): Totals {
  const g = s.g;
  const written = Math.round(g.written);
  const lost = Math.round(g.lost);
  let sent = Math.round(g.sent);
  let inFlight = sent - written - lost;
  if (inFlight < 0) {
    // Rounding put written + lost a span past sent: what was sent is at least what arrived or was lost.
    sent -= inFlight;
    inFlight = 0;
  }
  const tracesSent = Math.round(g.tracesSent);
  return {
    sent,
    written,
    lost,
    inFlight,
    refused: Math.min(sent, Math.round(g.refusedSpans)),
    refusedAttempts: Math.round(g.refusedAttempts),
    tracesSent,
    tracesLost: Math.min(tracesSent, Math.round(g.tracesLost)),
    discarded: discardedByReason(s),
  };
}

/**
 * Spans Tempo counts as discarded (tempo_discarded_spans_total), whole, by its reason label. rate_limited
 * counts every refused push, retries included; live_traces_exceeded on 3.0 counts live-store copies.
 */
export function discardedByReason(s: SimState): {
  rate_limited: number;
  trace_too_large: number;
  live_traces_exceeded: number;
} {
  const g = s.g;
  return {
    rate_limited: Math.round(g.discardedRateLimited),
    trace_too_large: Math.round(g.discardedTraceTooLarge),
    live_traces_exceeded: Math.round(g.discardedLiveTraces),
  };
}

/** Queries issued and failed, whole. */
export function queryCounts(s: SimState): { issued: number; failed: number } {
  const issued = Math.round(s.g.queriesIssued);
  return { issued, failed: Math.min(issued, Math.round(s.g.queriesFailed)) };
}

export function statusOf(s: SimState, i: number): InstanceStatus {
  const phase = s.proc.phase[i]!;
  if (phase === PHASE_CRASHED) return s.proc.cause[i]! === CAUSE_OOM ? 'oom-killed' : 'down';
  if (phase === PHASE_REPLAYING) return 'restarting';
  const kind = s.cfg.kinds[i];
  const lag = s.consumer.lagSeconds[i]!;
  if (kind === 'live-store' && lag > C.LIVE_STORE_HIGH_LAG_S) return 'lagging';
  if (kind === 'block-builder' && lag > C.BLOCK_BUILDER_CYCLE_S * C.BLOCK_BUILDER_LAG_CYCLES)
    return 'lagging';
  if (kind === 'metrics-generator' && lag > C.METRICS_GEN_INGESTION_SLACK_S) return 'lagging';
  const mem = s.proc.mem[i]!;
  // Smoothed CPU, so a block encoding burst does not flicker the status.
  const cpu = s.proc.cpuAvg[i]!;
  if (
    mem > C.PRESSURE_MEMORY_SHARE * (s.cfg.memLimit[i] ?? 0) ||
    cpu >= C.PRESSURE_CPU_SHARE * (s.cfg.cpuLimit[i] ?? 0)
  )
    return 'pressure';
  return 'healthy';
}

function external(name: 'object-storage' | 'kafka', down: boolean): InstanceView {
  const status: InstanceStatus = down ? 'down' : 'healthy';
  return {
    name,
    kind: name,
    status,
    cpuCores: 0,
    cpuLimit: 0,
    memoryBytes: 0,
    memoryLimit: 0,
    lagSeconds: 0,
    diskBytes: 0,
    volumeBytes: 0,
    oomKills: 0,
    restarts: 0,
  };
}

export function externalViews(s: SimState): InstanceView[] {
  const out = [external('object-storage', s.g.storageDown)];
  if (s.cfg.kafka) out.push(external('kafka', s.g.kafkaDown));
  return out;
}

/** Bytes on an instance's volume: a store's WAL and blocks, a block-builder's section being written. */
export function diskOf(s: SimState, i: number): number {
  if (s.cfg.storePos[i]! >= 0) return s.store.diskBytes[i]!;
  return s.builder.buffer[i]! * C.DISK_BYTES_PER_WIRE_BYTE;
}

export function instanceViews(s: SimState): InstanceView[] {
  const cfg = s.cfg;
  const out: InstanceView[] = [];
  for (let i = 0; i < cfg.n; i++) {
    out.push({
      name: cfg.names[i] ?? '',
      kind: cfg.kinds[i] ?? 'tempo',
      status: statusOf(s, i),
      cpuCores: s.proc.cpu[i]!,
      cpuLimit: cfg.cpuLimit[i] ?? 0,
      memoryBytes: s.proc.mem[i]!,
      memoryLimit: cfg.memLimit[i] ?? 0,
      lagSeconds: s.consumer.lagSeconds[i]!,
      diskBytes: diskOf(s, i),
      volumeBytes: cfg.volume[i]!,
      oomKills: s.proc.oomKills[i]!,
      restarts: s.proc.restarts[i]!,
    });
  }
  return out;
}

export function views(s: SimState, options: ViewOptions = {}): SimViews {
  const g = s.g;
  const cfg = s.cfg;
  const ev = s.events.length > 200 ? s.events.slice(-200) : s.events.slice();
  return {
    t: s.t,
    instances: instanceViews(s),
    externals: externalViews(s),
    flows: flowViews(s, options.groupAbove ?? DEFAULT_GROUP_ABOVE),
    totals: totals(s),
    queries: {
      ...queryCounts(s),
      lastLatencyMs: g.lastLatencyMs,
      p50Ms: latencyQuantile(s.latRecent, 0.5),
      p99Ms: latencyQuantile(s.latRecent, 0.99),
    },
    events: ev,
    storage: {
      up: !g.storageDown,
      uncompactedBlocks: Math.round(g.l0Blocks),
      uncompactedBytes: g.l0Bytes,
      totalBytes: g.totalBytes,
    },
    kafka: { present: cfg.kafka, up: !g.kafkaDown },
    ringFailShare: cfg.ring ? g.ringFailShare : 0,
  };
}
