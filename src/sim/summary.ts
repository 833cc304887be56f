/** The CLI's JSON: totals since start, per-instance peaks, query latency over the whole run. */
import { LAT_MIN_MS, latencyQuantile } from './latency';
import type { SimState } from './state';
import type { Totals } from './types';
import { discardedByReason, queryCounts, totals } from './views';

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export interface Summary {
  durationSeconds: number;
  /** Whole spans: sent = written + lost + inFlight. */
  spans: Pick<Totals, 'sent' | 'written' | 'lost' | 'inFlight' | 'refused' | 'refusedAttempts'>;
  traces: { sent: number; lost: number };
  /** Spans discarded per Tempo's reason label (tempo_discarded_spans_total{reason}). */
  discarded: ReturnType<typeof discardedByReason>;
  instances: Record<
    string,
    { oomKills: number; restarts: number; peakMemoryBytes: number; peakCpuCores: number }
  >;
  queries: { issued: number; failed: number; p50Ms: number; p99Ms: number };
  events: { t: number; instance: string; kind: string; message: string }[];
  storage: { uncompactedBlocks: number; totalBytes: number; frontendQueue: number };
}

export function summarize(s: SimState): Summary {
  const tt = totals(s);
  const cfg = s.cfg;
  const instances: Summary['instances'] = {};
  for (let i = 0; i < cfg.n; i++) {
    instances[cfg.names[i] ?? ''] = {
      oomKills: s.proc.oomKills[i]!,
      restarts: s.proc.restarts[i]!,
      peakMemoryBytes: Math.round(s.proc.peakMem[i]!),
      peakCpuCores: r3(s.proc.peakCpu[i]!),
    };
  }
  const g = s.g;
  const p50 = latencyQuantile(s.latAll, 0.5);
  const p99 = latencyQuantile(s.latAll, 0.99);
  return {
    durationSeconds: s.t,
    spans: {
      sent: tt.sent,
      written: tt.written,
      lost: tt.lost,
      inFlight: tt.inFlight,
      refused: tt.refused,
      refusedAttempts: tt.refusedAttempts,
    },
    traces: { sent: tt.tracesSent, lost: tt.tracesLost },
    discarded: discardedByReason(s),
    instances,
    queries: {
      ...queryCounts(s),
      p50Ms: p50 >= LAT_MIN_MS ? r3(p50) : 0,
      p99Ms: p99 >= LAT_MIN_MS ? r3(p99) : 0,
    },
    events: s.events.map((e) => ({ t: e.t, instance: e.instance, kind: e.kind, message: e.message })),
    storage: {
      uncompactedBlocks: Math.round(g.l0Blocks),
      totalBytes: Math.round(g.totalBytes),
      frontendQueue: Math.round(g.jobQueue),
    },
  };
}
