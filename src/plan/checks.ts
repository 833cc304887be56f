/**
 * The checks a candidate cluster goes through in the simulation, each judging what limits one part:
 * - check: 20 minutes from a steady start through a load spike and the loss of the busiest instance
 *   (every process within the headroom, no span lost but what Tempo itself discards, query p99);
 * - backlogCheck: hours of steady load, the compaction backlog bounded (compactors, backend-workers);
 * - outageCheck: an object-storage outage as long as the user wants to survive, the data each
 *   stateful process holds locally and the Kafka consumers' lag (volumes, Kafka retention).
 * Pure and deterministic.
 */
import type { DeploymentMode, ProcessKind } from '../model/catalog';
import { withRaisedMaxTraces } from '../model/limits';
import {
  type ComponentConfig,
  createScenario,
  LIMITS,
  normalizeScenario,
  processKinds,
  type Scenario,
  type ScheduledEvent,
} from '../model/scenario';
import { COMPACT_IO_BYTES_PER_S, DISK_BYTES_PER_WIRE_BYTE } from '../sim/calibration';
import { createSimulation, latencyQuantile, type SimState, stepMut } from '../sim/engine';
import { queryCounts, totals } from '../sim/views';
import { raisedRateLimit } from '../training/recommender';
import { loadText } from './load';
import { type BacklogEvidence, CHECK, type PlanInput } from './types';

export interface Candidate {
  partitions: number;
  components: Partial<Record<ProcessKind, ComponentConfig>>;
  /** 3.0 microservices: the Kafka topic's retention, hours (absent: the schema's default). */
  kafkaRetentionHours?: number;
}

export interface KindStats {
  cpu: number;
  mem: number;
  oom: number;
}

export interface Verdict {
  pass: boolean;
  /** Spans lost for want of capacity (what Tempo discards for max_bytes_per_trace is not counted). */
  lost: number;
  /** Spans discarded for max_bytes_per_trace: the same on any cluster. */
  discarded: number;
  refusedAttempts: number;
  killed: string | null;
  stats: Map<ProcessKind, KindStats>;
  scenario: Scenario;
  p99SteadyMs: number;
  p99Ms: number;
  queriesIssued: number;
  queriesFailed: number;
}

export function baseScenario(
  input: PlanInput,
  mode: DeploymentMode,
  mbps: number,
  c: Candidate,
  rf: number,
): Scenario {
  const base = createScenario(input.version, mode);
  const settings = {
    ...base.settings,
    replicationFactor: rf,
    kafkaPartitions: c.partitions > 0 ? c.partitions : base.settings.kafkaPartitions,
    ...(c.kafkaRetentionHours !== undefined ? { kafkaRetentionHours: c.kafkaRetentionHours } : {}),
    retentionHours: Math.min(24 * 365 * 10, Math.max(1, input.retentionHours)),
    start: 'steady' as const,
    compaction: 'compactor' as const,
    storageBackend: mode === 'monolithic' ? base.settings.storageBackend : ('s3' as const),
  };
  const distributors =
    mode === 'microservices'
      ? (c.components.distributor?.replicas ?? 1)
      : (c.components.tempo?.replicas ?? 1);
  // Room for the spike: the per-distributor limit must pass the spiked share.
  const raised = raisedRateLimit(input.version, mbps * input.spikeFactor, distributors);
  if (raised) {
    settings.rateLimitBytes = Math.min(1e12, raised.limitBytes);
    settings.burstSizeBytes = Math.min(1e12, raised.limitBytes);
  }
  const kinds = new Set(processKinds(input.version, mode, settings));
  const components: Scenario['components'] = {};
  for (const [k, v] of Object.entries(c.components) as [ProcessKind, ComponentConfig][])
    if (kinds.has(k)) components[k] = { ...v };
  // max_traces_per_user for the spiked load, as the rate limit above (model/limits.ts).
  return withRaisedMaxTraces(
    normalizeScenario({
      ...base,
      // The load as it was entered (spans/s or MB/s), so the share link and the exports say it too.
      name: `Planned: Tempo ${input.version} ${mode} for ${loadText(input)}`,
      settings,
      components,
      load: {
        spansPerSecond: Math.min(LIMITS.spansPerSecond.max, Math.round(input.spansPerSecond)),
        spanSizeBytes: input.spanSizeBytes,
        spansPerTrace: input.spansPerTrace,
        traceSizeSigma: input.traceSizeSigma,
        queriesPerSecond: input.queriesPerSecond,
        queryRangeMinutes: input.queryRangeMinutes,
      },
      events: [],
    }),
    input.spikeFactor,
  );
}

export function spikeEvent(input: PlanInput): ScheduledEvent[] {
  return input.spikeFactor > 1
    ? [{ at: CHECK.spikeAtS, kind: 'spike', factor: input.spikeFactor, durationSeconds: CHECK.spikeS }]
    : [];
}

/** Work that runs in batches: its mean CPU counts, not its peak. */
const BATCH_KINDS: ReadonlySet<ProcessKind> = new Set(['block-builder', 'backend-worker', 'compactor']);

/** A monolith's loss cannot be survived (one process): its check never kills it. */
export function killsInCheck(input: PlanInput, mode: DeploymentMode): boolean {
  return input.tolerateLoss && mode !== 'monolithic';
}

/** The busiest instance at `at`: run to it once. */
function busiestAt(scenario: Scenario, at: number): string | null {
  const probe = createSimulation(scenario);
  while (probe.t < at) stepMut(probe);
  let best = -1;
  let bestShare = -1;
  for (let i = 0; i < probe.cfg.n; i++) {
    const share = Math.max(
      probe.proc.cpuAvg[i]! / probe.cfg.cpuLimit[i]!,
      probe.proc.mem[i]! / probe.cfg.memLimit[i]!,
    );
    if (share > bestShare) {
      bestShare = share;
      best = i;
    }
  }
  return probe.cfg.names[best] ?? null;
}

const diff = (a: Float64Array, b: Float64Array) => a.map((x, k) => Math.max(0, x - b[k]!));

/** Simulate a candidate: steady start, spike, the busiest instance killed; judge it. */
export function check(
  input: PlanInput,
  scenario0: Scenario,
  kill = killsInCheck(input, scenario0.mode),
): Verdict {
  const withSpike: Scenario = { ...scenario0, events: spikeEvent(input) };
  let killed: string | null = null;
  let scenario = withSpike;
  if (kill) {
    // Who is busiest at the kill time: run to it once, then replay with the kill on the timeline, so
    // the scenario handed out replays the very check it passed.
    killed = busiestAt(withSpike, CHECK.killAtS);
    if (killed)
      scenario = {
        ...withSpike,
        events: [...withSpike.events, { at: CHECK.killAtS, kind: 'kill', instance: killed }],
      };
  }
  const s = createSimulation(scenario);
  const n = s.cfg.n;
  const killedAt = killed ? (s.cfg.index.get(killed) ?? -1) : -1;
  const peakCpu = new Float64Array(n);
  const sumCpu = new Float64Array(n);
  let samples = 0;
  let discarded = 0;
  let latSettle = s.latAll.slice();
  let latSteady = s.latAll.slice();
  let q0 = queryCounts(s);
  const tick = s.cfg.tick;
  while (s.t < CHECK.durationS) {
    stepMut(s);
    discarded += tick.accepted * tick.discardShare;
    if (s.t === CHECK.settleS) {
      latSettle = s.latAll.slice();
      q0 = queryCounts(s);
    }
    if (s.t === CHECK.spikeAtS) latSteady = diff(s.latAll, latSettle);
    if (s.t < CHECK.settleS) continue;
    samples++;
    for (let i = 0; i < n; i++) {
      const share = s.proc.cpu[i]! / s.cfg.cpuLimit[i]!;
      sumCpu[i]! += share;
      // A killed instance replays and catches up at full speed after its restart: that is recovery,
      // not load, so its CPU counts until the kill only.
      if (i === killedAt && s.t >= CHECK.killAtS) continue;
      const avg = s.proc.cpuAvg[i]! / s.cfg.cpuLimit[i]!;
      if (avg > peakCpu[i]!) peakCpu[i] = avg;
    }
  }
  const tt = totals(s);
  const stats = new Map<ProcessKind, KindStats>();
  for (let i = 0; i < n; i++) {
    const k = s.cfg.kinds[i]!;
    const st = stats.get(k) ?? { cpu: 0, mem: 0, oom: 0 };
    // Batch work (block-builder cycles, compaction) uses what CPU it has while it runs: it has to
    // keep up on average, so its mean counts; everything else its peak (5 s average).
    const cpu = BATCH_KINDS.has(k) ? sumCpu[i]! / Math.max(1, samples) : peakCpu[i]!;
    st.cpu = Math.max(st.cpu, cpu);
    st.mem = Math.max(st.mem, s.proc.peakMem[i]! / s.cfg.memLimit[i]!);
    st.oom += s.proc.oomKills[i]!;
    stats.set(k, st);
  }
  const lost = Math.max(0, Math.round(tt.lost - discarded));
  const h = input.headroom + 1e-9;
  let pass = lost === 0;
  for (const st of stats.values()) if (st.cpu > h || st.mem > h || st.oom > 0) pass = false;
  const q1 = queryCounts(s);
  return {
    pass,
    lost,
    discarded: Math.round(discarded),
    refusedAttempts: tt.refusedAttempts,
    killed,
    stats,
    scenario,
    p99SteadyMs: latencyQuantile(latSteady, 0.99),
    p99Ms: latencyQuantile(diff(s.latAll, latSettle), 0.99),
    queriesIssued: q1.issued - q0.issued,
    queriesFailed: q1.failed - q0.failed,
  };
}

/** The long steady run: is the compaction backlog bounded, and how busy are the compactors? */
export function backlogCheck(
  input: PlanInput,
  scenario0: Scenario,
  run: number,
  seconds: number = CHECK.backlogS,
  fromS: number = CHECK.backlogFromS,
): BacklogEvidence & { stats: KindStats } {
  // Searches read blocks but do not change what is left to compact: the long run goes without them.
  const s = createSimulation({ ...scenario0, load: { ...scenario0.load, queriesPerSecond: 0 }, events: [] });
  const list = s.cfg.compactors;
  let from = 0;
  let busy = 0;
  let samples = 0;
  while (s.t < seconds) {
    stepMut(s);
    if (s.t === fromS) from = s.g.l0Bytes;
    if (s.t <= fromS) continue;
    let sum = 0;
    for (let at = 0; at < list.length; at++) sum += s.work.compactBytes[list[at]!]!;
    busy += sum / Math.max(1, list.length) / COMPACT_IO_BYTES_PER_S;
    samples++;
  }
  const end = s.g.l0Bytes;
  // Blocks reach object storage in batches: ten minutes of received bytes is noise, not a trend.
  const slack = s.load.spansPerSecond * s.load.spanSizeBytes * 600;
  const stats: KindStats = { cpu: 0, mem: 0, oom: 0 };
  for (let at = 0; at < list.length; at++) {
    const i = list[at]!;
    stats.mem = Math.max(stats.mem, s.proc.peakMem[i]! / s.cfg.memLimit[i]!);
    stats.oom += s.proc.oomKills[i]!;
  }
  const busyShare = busy / Math.max(1, samples);
  stats.cpu = busyShare;
  return {
    run,
    hours: seconds / 3600,
    fromHours: fromS / 3600,
    backlogFromBytes: from,
    backlogEndBytes: end,
    busyShare,
    // Bounded: the backlog did not grow over the last hours (a tenth, or ten minutes of load, of slack).
    bounded: end <= from * 1.1 + slack && busyShare <= input.headroom + 1e-9,
    stats,
  };
}

export interface OutageRun {
  /** Per stateful kind: the most bytes one of its processes held locally, and which. */
  local: Map<ProcessKind, { bytes: number; instance: string }>;
  /** Per Kafka consumer kind: the most seconds one lagged, and which. */
  lag: Map<ProcessKind, { seconds: number; instance: string }>;
  lost: number;
  oomKills: number;
  /** Per kind with an OOM kill during the run: the most memory one of its processes held, and which. */
  oomKilled: Map<ProcessKind, { bytes: number; instance: string }>;
}

/** Bytes on a process's volume as the engine keeps them (views.ts diskOf). */
function localBytes(s: SimState, i: number, isBuilder: boolean): number {
  if (isBuilder) return s.builder.buffer[i]! * DISK_BYTES_PER_WIRE_BYTE;
  return s.store.diskBytes[i]!;
}

/**
 * An object-storage outage of `hours` from a steady start, then the catch-up (at most
 * CHECK.outageDrainS): what every stateful process held locally and how far each Kafka consumer lagged.
 */
export function outageCheck(scenario0: Scenario, hours: number): OutageRun {
  const outageS = Math.round(hours * 3600);
  const events: ScheduledEvent[] =
    outageS > 0 ? [{ at: CHECK.settleS, kind: 'storage-outage', durationSeconds: outageS }] : [];
  // What waits locally and how far consumers lag do not depend on searches (they fail while object
  // storage is down anyway): the outage run goes without them.
  const s = createSimulation({ ...scenario0, load: { ...scenario0.load, queriesPerSecond: 0 }, events });
  const cfg = s.cfg;
  const local = new Map<ProcessKind, { bytes: number; instance: string }>();
  const lag = new Map<ProcessKind, { seconds: number; instance: string }>();
  const consumers = scenario0.tempoVersion === '3.0' && scenario0.mode === 'microservices';
  const watch: [number, boolean][] = [
    ...Array.from(cfg.stores, (i): [number, boolean] => [i, false]),
    ...Array.from(cfg.blockBuilders, (i): [number, boolean] => [i, true]),
  ];
  const endOutage = CHECK.settleS + outageS;
  const endAt = endOutage + CHECK.outageDrainS;
  const peakMem = new Float64Array(cfg.n);
  while (s.t < endAt) {
    stepMut(s);
    for (let i = 0; i < cfg.n; i++) if (s.proc.mem[i]! > peakMem[i]!) peakMem[i] = s.proc.mem[i]!;
    let maxLag = 0;
    for (const [i, builder] of watch) {
      const kind = cfg.kinds[i]!;
      const bytes = localBytes(s, i, builder);
      const cur = local.get(kind);
      if (!cur || bytes > cur.bytes) local.set(kind, { bytes, instance: cfg.names[i]! });
      if (!consumers) continue;
      const sec = s.consumer.lagSeconds[i]!;
      maxLag = Math.max(maxLag, sec);
      const l = lag.get(kind);
      if (!l || sec > l.seconds) lag.set(kind, { seconds: sec, instance: cfg.names[i]! });
    }
    // Caught up: past the outage, every consumer within a block-builder cycle and nothing waiting to flush.
    if (s.t > endOutage + 300 && s.t % 60 === 0 && maxLag < 300) {
      let waiting = 0;
      for (const i of cfg.stores) waiting += s.store.completeBytes[i]!;
      if (!cfg.storesFlush || waiting < 1e6) break;
    }
  }
  let oomKills = 0;
  const oomKilled = new Map<ProcessKind, { bytes: number; instance: string }>();
  for (let i = 0; i < cfg.n; i++) {
    oomKills += s.proc.oomKills[i]!;
    if (s.proc.oomKills[i]! === 0) continue;
    const kind = cfg.kinds[i]! as ProcessKind;
    const bytes = peakMem[i]!;
    if (!oomKilled.has(kind) || bytes > oomKilled.get(kind)!.bytes)
      oomKilled.set(kind, { bytes, instance: cfg.names[i]! });
  }
  return { local, lag, lost: totals(s).lost, oomKills, oomKilled };
}
