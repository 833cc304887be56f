/**
 * Read-only views of a simulation state: what the UI draws each frame and what the CLI prints.
 * Built on demand from the flat state; nothing here changes the state.
 */
import type { ComponentKind, DataPath } from '../model/catalog';
import { DEFAULT_GROUP_ABOVE } from '../model/topology';
import * as C from './calibration';
import {
  CAUSE_OOM,
  LAT_MIN_MS,
  latencyQuantile,
  PHASE_CRASHED,
  PHASE_REPLAYING,
  type SimConfig,
  type SimState,
} from './engine';
import {
  G_F_COMPACT_BLOCKS,
  G_F_DROPPED,
  G_F_JOBS,
  G_F_QPS,
  G_FAIL_FRAC,
  G_KAFKA_DOWN,
  G_L0_BLOCKS,
  G_L0_BYTES,
  G_LOST,
  G_Q_FAILED,
  G_Q_ISSUED,
  G_Q_LAST_LAT_MS,
  G_Q_QUEUE,
  G_QUEUE,
  G_REFUSED,
  G_SENT,
  G_STORAGE_DOWN,
  G_TOTAL_BYTES,
  G_TRACES_LOST,
  G_TRACES_SENT,
  G_WRITTEN,
  I_CAUSE,
  I_COMPACT_BYTES,
  I_CPU,
  I_CPU_AVG,
  I_D_IN,
  I_D_OFFER,
  I_D_REFUSED,
  I_LAG_S,
  I_LIVE_UNIQ,
  I_MEM,
  I_OOM_KILLS,
  I_PEAK_CPU,
  I_PEAK_MEM,
  I_PHASE,
  I_Q_JOBS,
  I_RECV,
  I_RESTARTS,
  I_S_IN,
  I_S_OUT,
  I_UP,
  NI,
} from './fields';
import type { FlowView, InstanceStatus, InstanceView, QueryTotals, SimEvent, Totals } from './types';

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

export function totals(s: SimState): Totals {
  const g = s.g;
  let inFlight = g[G_QUEUE] ?? 0;
  for (const i of s.cfg.stores) inFlight += s.inst[i * NI + I_LIVE_UNIQ] ?? 0;
  return {
    sent: g[G_SENT] ?? 0,
    written: g[G_WRITTEN] ?? 0,
    lost: g[G_LOST] ?? 0,
    inFlight,
    refused: g[G_REFUSED] ?? 0,
    tracesSent: g[G_TRACES_SENT] ?? 0,
    tracesLost: g[G_TRACES_LOST] ?? 0,
  };
}

export function statusOf(s: SimState, i: number): InstanceStatus {
  const o = i * NI;
  const phase = s.inst[o + I_PHASE] ?? 0;
  if (phase === PHASE_CRASHED) return (s.inst[o + I_CAUSE] ?? 0) === CAUSE_OOM ? 'oom-killed' : 'down';
  if (phase === PHASE_REPLAYING) return 'restarting';
  const kind = s.cfg.kinds[i];
  const lag = s.inst[o + I_LAG_S] ?? 0;
  if (kind === 'live-store' && lag > C.LIVE_STORE_HIGH_LAG_S) return 'lagging';
  if (kind === 'block-builder' && lag > C.BLOCK_BUILDER_CYCLE_S * C.BLOCK_BUILDER_LAG_CYCLES)
    return 'lagging';
  const mem = s.inst[o + I_MEM] ?? 0;
  // Smoothed CPU, so a block encoding burst does not flicker the status.
  const cpu = s.inst[o + I_CPU_AVG] ?? 0;
  if (
    mem > C.PRESSURE_MEMORY_SHARE * (s.cfg.memLimit[i] ?? 0) ||
    cpu >= C.PRESSURE_CPU_SHARE * (s.cfg.cpuLimit[i] ?? 0)
  )
    return 'pressure';
  return 'healthy';
}

export function instanceViews(s: SimState): InstanceView[] {
  const cfg = s.cfg;
  const out: InstanceView[] = [];
  for (let i = 0; i < cfg.n; i++) {
    const o = i * NI;
    out.push({
      name: cfg.names[i] ?? '',
      kind: cfg.kinds[i] ?? 'tempo',
      status: statusOf(s, i),
      cpuCores: s.inst[o + I_CPU] ?? 0,
      cpuLimit: cfg.cpuLimit[i] ?? 0,
      memoryBytes: s.inst[o + I_MEM] ?? 0,
      memoryLimit: cfg.memLimit[i] ?? 0,
      lagSeconds: s.inst[o + I_LAG_S] ?? 0,
      oomKills: s.inst[o + I_OOM_KILLS] ?? 0,
      restarts: s.inst[o + I_RESTARTS] ?? 0,
    });
  }
  return out;
}

/** The instances of one role reduced to node ids (grouped above the threshold) with a weight each. */
interface NodeVec {
  ids: string[];
  w: number[];
}

function nodeVec(
  cfg: SimConfig,
  idx: Int32Array,
  weight: (i: number) => number,
  groupAbove: number,
): NodeVec {
  const ids: string[] = [];
  const w: number[] = [];
  const count = new Map<ComponentKind, number>();
  for (const i of idx) {
    const k = cfg.kinds[i] ?? 'tempo';
    count.set(k, (count.get(k) ?? 0) + 1);
  }
  const pos = new Map<string, number>();
  for (const i of idx) {
    const k = cfg.kinds[i] ?? 'tempo';
    const id = (count.get(k) ?? 0) > groupAbove ? `group:${k}` : (cfg.names[i] ?? '');
    let p = pos.get(id);
    if (p === undefined) {
      p = ids.length;
      pos.set(id, p);
      ids.push(id);
      w.push(0);
    }
    w[p] = (w[p] ?? 0) + Math.max(0, weight(i));
  }
  return { ids, w };
}

const external = (id: string): NodeVec => ({ ids: [id], w: [1] });

function sum(a: number[]): number {
  let x = 0;
  for (const v of a) x += v;
  return x;
}

/** Flows from every node of `a` to every node of `b`, a product of their weights scaled to `total`. */
function pairs(
  out: FlowView[],
  a: NodeVec,
  b: NodeVec,
  path: DataPath,
  total: number,
  refused = 0,
  refusedTo?: NodeVec,
): void {
  const sa = sum(a.w);
  const sb = sum(b.w);
  const rt = refusedTo ?? b;
  const srt = sum(rt.w);
  for (let x = 0; x < a.ids.length; x++) {
    const fa = sa > 0 ? (a.w[x] ?? 0) / sa : 1 / a.ids.length;
    for (let y = 0; y < b.ids.length; y++) {
      const fb = sb > 0 ? (b.w[y] ?? 0) / sb : 0;
      const ry = rt.ids.indexOf(b.ids[y] ?? '');
      const fr = ry >= 0 ? (srt > 0 ? (rt.w[ry] ?? 0) / srt : 1 / rt.ids.length) : 0;
      const rate = total * fa * fb;
      const ref = refused * fa * fr;
      if (rate > 0 || ref > 0)
        out.push({ from: a.ids[x] ?? '', to: b.ids[y] ?? '', path, rate, refused: ref });
    }
  }
}

export function flowViews(s: SimState, groupAbove = DEFAULT_GROUP_ABOVE): FlowView[] {
  const cfg = s.cfg;
  const inst = s.inst;
  const g = s.g;
  const out: FlowView[] = [];
  const f = (i: number, field: number) => inst[i * NI + field] ?? 0;
  const up = (i: number) => (inst[i * NI + I_UP] ?? 0) > 0;
  const vec = (idx: Int32Array, w: (i: number) => number) => nodeVec(cfg, idx, w, groupAbove);

  // Client -> distributors (or single binaries).
  const accepted = vec(cfg.distributors, (i) => f(i, I_D_IN));
  let totalIn = 0;
  let totalRefused = 0;
  for (const d of cfg.distributors) {
    totalIn += f(d, I_D_IN);
    totalRefused += f(d, I_D_REFUSED);
  }
  const offeredAll = vec(cfg.distributors, (i) => (up(i) ? f(i, I_D_OFFER) : 1));
  const refusedTo = vec(cfg.distributors, (i) => (up(i) ? f(i, I_D_REFUSED) : 1));
  const anyUp = cfg.distributors.some((d) => up(d));
  const clientRefused = anyUp ? totalRefused : (g[G_F_DROPPED] ?? 0) + (s.g[G_QUEUE] ?? 0) / 5;
  pairs(
    out,
    external('client'),
    totalIn > 0 ? accepted : offeredAll,
    'write',
    totalIn,
    clientRefused,
    refusedTo,
  );

  if (cfg.kafka) {
    pairs(out, accepted, external('kafka'), 'write', totalIn);
    const live = vec(cfg.stores, (i) => f(i, I_S_IN));
    let liveIn = 0;
    for (const i of cfg.stores) liveIn += f(i, I_S_IN);
    pairs(out, external('kafka'), live, 'write', liveIn);
    let bbIn = 0;
    let bbOut = 0;
    for (const i of cfg.blockBuilders) {
      bbIn += f(i, I_S_IN);
      bbOut += f(i, I_S_OUT);
    }
    pairs(
      out,
      external('kafka'),
      vec(cfg.blockBuilders, (i) => f(i, I_S_IN)),
      'write',
      bbIn,
    );
    pairs(
      out,
      vec(cfg.blockBuilders, (i) => f(i, I_S_OUT)),
      external('object-storage'),
      'write',
      bbOut,
    );
    if (cfg.metricsGenerators.length > 0)
      pairs(
        out,
        external('kafka'),
        vec(cfg.metricsGenerators, () => 1),
        'metrics',
        totalIn,
      );
  } else if (cfg.ring) {
    let storeIn = 0;
    for (const i of cfg.stores) storeIn += f(i, I_S_IN);
    const failShare = g[G_FAIL_FRAC] ?? 0;
    const deadStores = vec(cfg.stores, (i) => (up(i) ? 0 : 1));
    const ringRefused = totalIn * failShare;
    if (cfg.mode === 'microservices') {
      pairs(
        out,
        accepted,
        vec(cfg.stores, (i) => f(i, I_RECV)),
        'write',
        storeIn,
        ringRefused,
        deadStores,
      );
      if (cfg.metricsGenerators.length > 0)
        pairs(
          out,
          accepted,
          vec(cfg.metricsGenerators, () => 1),
          'metrics',
          totalIn,
        );
    }
  }
  if (cfg.storesFlush) {
    let flushed = 0;
    for (const i of cfg.stores) flushed += f(i, I_S_OUT);
    pairs(
      out,
      vec(cfg.stores, (i) => f(i, I_S_OUT)),
      external('object-storage'),
      'write',
      flushed,
    );
  }

  // Read path.
  const qps = g[G_F_QPS] ?? 0;
  const jobs = g[G_F_JOBS] ?? 0;
  const frontends = vec(cfg.frontends, (i) => (up(i) ? 1 : 0));
  const queriers = vec(cfg.queriers, (i) => f(i, I_Q_JOBS));
  pairs(out, external('grafana'), frontends, 'read', qps);
  if (cfg.mode === 'microservices') {
    pairs(out, frontends, queriers, 'read', jobs);
    pairs(
      out,
      queriers,
      vec(cfg.stores, (i) => (up(i) ? 1 : 0)),
      'read',
      qps,
    );
  }
  pairs(out, queriers, external('object-storage'), 'read', Math.max(0, jobs - qps));

  // Compaction (blocks per second).
  const blocks = g[G_F_COMPACT_BLOCKS] ?? 0;
  const compactors = vec(cfg.compactors, (i) => f(i, I_COMPACT_BYTES));
  if (cfg.scheduler >= 0) {
    const sched = vec(Int32Array.of(cfg.scheduler), () => 1);
    pairs(out, sched, compactors, 'compaction', blocks);
  }
  pairs(out, compactors, external('object-storage'), 'compaction', blocks);
  return out;
}

export function views(s: SimState, options: ViewOptions = {}): SimViews {
  const g = s.g;
  const cfg = s.cfg;
  const ev = s.events.length > 200 ? s.events.slice(-200) : s.events.slice();
  return {
    t: s.t,
    instances: instanceViews(s),
    flows: flowViews(s, options.groupAbove ?? DEFAULT_GROUP_ABOVE),
    totals: totals(s),
    queries: {
      issued: g[G_Q_ISSUED] ?? 0,
      failed: g[G_Q_FAILED] ?? 0,
      lastLatencyMs: g[G_Q_LAST_LAT_MS] ?? 0,
      p50Ms: latencyQuantile(s.latRecent, 0.5),
      p99Ms: latencyQuantile(s.latRecent, 0.99),
    },
    events: ev,
    storage: {
      up: !g[G_STORAGE_DOWN],
      uncompactedBlocks: g[G_L0_BLOCKS] ?? 0,
      uncompactedBytes: g[G_L0_BYTES] ?? 0,
      totalBytes: g[G_TOTAL_BYTES] ?? 0,
    },
    kafka: { present: cfg.kafka, up: !g[G_KAFKA_DOWN] },
    ringFailShare: cfg.ring ? (g[G_FAIL_FRAC] ?? 0) : 0,
  };
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export interface Summary {
  durationSeconds: number;
  spans: { sent: number; written: number; lost: number; inFlight: number; refused: number };
  traces: { sent: number; lost: number };
  instances: Record<
    string,
    { oomKills: number; restarts: number; peakMemoryBytes: number; peakCpuCores: number }
  >;
  queries: { issued: number; failed: number; p50Ms: number; p99Ms: number };
  events: { t: number; instance: string; kind: string; message: string }[];
  storage: { uncompactedBlocks: number; totalBytes: number; frontendQueue: number };
}

/** The CLI's JSON: totals since start, per-instance peaks, query latency over the whole run. */
export function summarize(s: SimState): Summary {
  const tt = totals(s);
  const cfg = s.cfg;
  const instances: Summary['instances'] = {};
  for (let i = 0; i < cfg.n; i++) {
    const o = i * NI;
    instances[cfg.names[i] ?? ''] = {
      oomKills: s.inst[o + I_OOM_KILLS] ?? 0,
      restarts: s.inst[o + I_RESTARTS] ?? 0,
      peakMemoryBytes: Math.round(s.inst[o + I_PEAK_MEM] ?? 0),
      peakCpuCores: r3(s.inst[o + I_PEAK_CPU] ?? 0),
    };
  }
  const g = s.g;
  const p50 = latencyQuantile(s.latAll, 0.5);
  const p99 = latencyQuantile(s.latAll, 0.99);
  return {
    durationSeconds: s.t,
    spans: {
      sent: r3(tt.sent),
      written: r3(tt.written),
      lost: r3(tt.lost),
      inFlight: r3(tt.inFlight),
      refused: r3(tt.refused),
    },
    traces: { sent: r3(tt.tracesSent), lost: r3(tt.tracesLost) },
    instances,
    queries: {
      issued: r3(g[G_Q_ISSUED] ?? 0),
      failed: r3(g[G_Q_FAILED] ?? 0),
      p50Ms: p50 >= LAT_MIN_MS ? r3(p50) : 0,
      p99Ms: p99 >= LAT_MIN_MS ? r3(p99) : 0,
    },
    events: s.events.map((e) => ({ t: e.t, instance: e.instance, kind: e.kind, message: e.message })),
    storage: {
      uncompactedBlocks: r3(g[G_L0_BLOCKS] ?? 0),
      totalBytes: Math.round(g[G_TOTAL_BYTES] ?? 0),
      frontendQueue: r3(g[G_Q_QUEUE] ?? 0),
    },
  };
}
