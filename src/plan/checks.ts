/**
 * The checks a candidate cluster goes through in the simulation: its scenario (baseScenario) and the
 * 20-minute run from a steady start through a load spike and the loss of the busiest instance
 * (check), judged against the headroom. Pure and deterministic.
 */
import type { DeploymentMode, ProcessKind } from '../model/catalog';
import {
  type ComponentConfig,
  createScenario,
  LIMITS,
  normalizeScenario,
  processKinds,
  type Scenario,
  type ScheduledEvent,
} from '../model/scenario';
import { createSimulation, stepMut } from '../sim/engine';
import { totals } from '../sim/views';
import { raisedRateLimit } from '../training/recommender';
import { CHECK, type PlanInput } from './types';

export interface Candidate {
  partitions: number;
  components: Partial<Record<ProcessKind, ComponentConfig>>;
}

export interface KindStats {
  cpu: number;
  mem: number;
  oom: number;
}

export interface Verdict {
  pass: boolean;
  lost: number;
  refusedAttempts: number;
  killed: string | null;
  stats: Map<ProcessKind, KindStats>;
  scenario: Scenario;
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
  return normalizeScenario({
    ...base,
    name: `Planned: Tempo ${input.version} ${mode} for ${mbps.toFixed(mbps < 10 ? 1 : 0)} MB/s`,
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
  });
}

export function spikeEvent(input: PlanInput): ScheduledEvent[] {
  return input.spikeFactor > 1
    ? [{ at: CHECK.spikeAtS, kind: 'spike', factor: input.spikeFactor, durationSeconds: CHECK.spikeS }]
    : [];
}

/** Simulate a candidate: steady start, spike, the busiest instance killed; judge it. */
const BATCH_KINDS: ReadonlySet<ProcessKind> = new Set(['block-builder', 'backend-worker', 'compactor']);

export function check(input: PlanInput, scenario0: Scenario): Verdict {
  const withSpike: Scenario = { ...scenario0, events: spikeEvent(input) };
  let killed: string | null = null;
  let scenario = withSpike;
  if (input.tolerateLoss) {
    // Who is busiest at the kill time: run to it once, then replay with the kill on the timeline, so
    // the scenario handed out replays the very check it passed.
    const probe = createSimulation(withSpike);
    while (probe.t < CHECK.killAtS) stepMut(probe);
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
    killed = probe.cfg.names[best] ?? null;
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
  while (s.t < CHECK.durationS) {
    stepMut(s);
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
  const h = input.headroom + 1e-9;
  let pass = tt.lost === 0;
  for (const st of stats.values()) if (st.cpu > h || st.mem > h || st.oom > 0) pass = false;
  return { pass, lost: tt.lost, refusedAttempts: tt.refusedAttempts, killed, stats, scenario };
}
