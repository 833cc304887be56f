/**
 * The capacity planner: the smallest valid cluster per deployment mode that holds a load with no span
 * lost and every process within a headroom, checked in the simulation from a steady start through a
 * load spike and the loss of the busiest instance.
 *
 * It starts from the published rule (rules.ts), simulates, grows what runs hot, loses spans or is
 * OOM-killed, then tries to shrink what runs far under; it stops at the smallest cluster that passes.
 * Pure and deterministic: no DOM, no clock. The browser runs it in a Web Worker.
 */
import {
  COMPRESSION_RATIO,
  DEPLOYMENT_MODES,
  type DeploymentMode,
  GiB,
  type ProcessKind,
  type TempoVersion,
} from '../model/catalog';
import {
  type ComponentConfig,
  createScenario,
  LIMITS,
  normalizeScenario,
  parseScenario,
  processKinds,
  type Scenario,
  type ScheduledEvent,
} from '../model/scenario';
import { validateScenario } from '../model/validate';
import { createSimulation, stepMut } from '../sim/engine';
import { totals } from '../sim/views';
import { raisedRateLimit } from '../training/recommender';
import {
  fixedCount,
  KAFKA_MBPS_PER_PARTITION,
  MAX_POD_CPU,
  MAX_POD_MEMORY_BYTES,
  minReplicas,
  publishedRules,
  unclampedNeed,
} from './rules';

const MB = 1_000_000;

export interface UnitPrices {
  /** Per core per month. */
  corePerMonth: number;
  /** Per GiB of memory per month. */
  memoryGiBPerMonth: number;
  /** Per GB (10^9 bytes) of object storage per month. */
  objectStorageGBPerMonth: number;
  /** Per GB of Kafka disk per month. */
  kafkaDiskGBPerMonth: number;
}

export const DEFAULT_PRICES: UnitPrices = {
  corePerMonth: 25,
  memoryGiBPerMonth: 3.5,
  objectStorageGBPerMonth: 0.023,
  kafkaDiskGBPerMonth: 0.1,
};

export interface PlanInput {
  spansPerSecond: number;
  spanSizeBytes: number;
  spansPerTrace: number;
  /** Trace size spread (log-normal sigma). */
  traceSizeSigma: number;
  queriesPerSecond: number;
  queryRangeMinutes: number;
  retentionHours: number;
  /** Live-store zones (3.0 microservices). */
  zones: number;
  /** Survive losing the busiest instance with no span lost. */
  tolerateLoss: boolean;
  version: TempoVersion;
  /** Modes to plan; absent: every mode the version has. */
  modes?: DeploymentMode[];
  /** Peak CPU and memory of every process at most this share of its limits (0.7 = 70%). */
  headroom: number;
  /** Load spike during the check: factor x the load for `spikeSeconds`. */
  spikeFactor: number;
  /** Stored bytes are received bytes divided by this (parquet + compression). */
  compressionRatio: number;
  /** Kafka topic retention, hours (at least 40 minutes). */
  kafkaRetentionHours: number;
  prices: UnitPrices;
}

export const DEFAULT_PLAN_INPUT: PlanInput = {
  spansPerSecond: 20_000,
  spanSizeBytes: 500,
  spansPerTrace: 20,
  traceSizeSigma: 0.5,
  queriesPerSecond: 1,
  queryRangeMinutes: 60,
  retentionHours: 336,
  zones: 1,
  tolerateLoss: true,
  version: '3.0',
  headroom: 0.7,
  spikeFactor: 1.5,
  compressionRatio: COMPRESSION_RATIO,
  kafkaRetentionHours: 24,
  prices: DEFAULT_PRICES,
};

/** The check every candidate goes through, in simulated seconds. */
export const CHECK = {
  durationS: 1200,
  spikeAtS: 240,
  spikeS: 120,
  killAtS: 600,
  /** Peaks are read after this (the first seconds settle the steady start). */
  settleS: 60,
  /** Simulations per mode at most (a grow phase and a shrink phase). */
  maxSimulations: 24,
} as const;

export interface ComponentPlan {
  kind: ProcessKind;
  replicas: number;
  cpu: number;
  memoryBytes: number;
  /** Peaks in the final check, as shares of the limits. */
  peakCpuShare: number;
  peakMemoryShare: number;
  published: { replicas: number; cpu: number; memoryBytes: number; rule: string; doc: string };
  /** Where and why the simulation moved the answer from the rule, in order. */
  moves: string[];
}

export interface Totals {
  cores: number;
  memoryBytes: number;
  pods: number;
  /** Object storage at retention: rate x retention / compression ratio. */
  objectStorageBytes: number;
  kafka: { partitions: number; retentionHours: number; diskBytes: number } | null;
  monthlyCost: number;
  costBreakdown: { compute: number; memory: number; objectStorage: number; kafka: number };
}

export interface ModePlan {
  version: TempoVersion;
  mode: DeploymentMode;
  ok: boolean;
  /** Why no cluster is given (beyond one cluster, or the search ran out). */
  problem?: string;
  scenario?: Scenario;
  components: ComponentPlan[];
  partitions: number;
  zones: number;
  totals?: Totals;
  simulations: number;
  /** The check the answer passed: spans lost (0), refused attempts, who was killed. */
  check?: { lost: number; refusedAttempts: number; killed: string | null; spike: number };
  notes: string[];
}

export interface PlanResult {
  input: PlanInput;
  mbps: number;
  plans: ModePlan[];
}

export interface PlanHooks {
  onProgress?: (p: { mode: DeploymentMode; simulations: number; message: string }) => void;
  /** Return true to stop; the planner returns what it has, marked cancelled. */
  cancelled?: () => boolean;
}

export class PlanCancelled extends Error {
  constructor() {
    super('planning cancelled');
  }
}

/** Modes a version has (3.0 has no scalable single binary). */
export function modesOf(version: TempoVersion): DeploymentMode[] {
  return DEPLOYMENT_MODES.filter((m) => !(version === '3.0' && m === 'scalable-single-binary'));
}

export function throughputMBps(input: Pick<PlanInput, 'spansPerSecond' | 'spanSizeBytes'>): number {
  return (input.spansPerSecond * input.spanSizeBytes) / MB;
}

const halfGiB = GiB / 2;
const roundMem = (b: number) =>
  Math.min(MAX_POD_MEMORY_BYTES, Math.max(LIMITS.memoryBytes.min, Math.ceil(b / halfGiB) * halfGiB));
const roundCpu = (c: number) => Math.min(MAX_POD_CPU, Math.max(0.5, Math.ceil(c * 2 - 1e-9) / 2));
const pct = (x: number) => `${Math.round(x * 100)}%`;
const gib = (b: number) => `${(b / GiB).toFixed(1).replace(/\.0$/, '')} GiB`;

interface Candidate {
  partitions: number;
  components: Partial<Record<ProcessKind, ComponentConfig>>;
}

interface KindStats {
  cpu: number;
  mem: number;
  oom: number;
}

interface Verdict {
  pass: boolean;
  lost: number;
  refusedAttempts: number;
  killed: string | null;
  stats: Map<ProcessKind, KindStats>;
  scenario: Scenario;
}

function baseScenario(
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

function spikeEvent(input: PlanInput): ScheduledEvent[] {
  return input.spikeFactor > 1
    ? [{ at: CHECK.spikeAtS, kind: 'spike', factor: input.spikeFactor, durationSeconds: CHECK.spikeS }]
    : [];
}

/** Simulate a candidate: steady start, spike, the busiest instance killed; judge it. */
const BATCH_KINDS: ReadonlySet<ProcessKind> = new Set(['block-builder', 'backend-worker', 'compactor']);

function check(input: PlanInput, scenario0: Scenario): Verdict {
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

function cloneCandidate(c: Candidate): Candidate {
  const components: Candidate['components'] = {};
  for (const [k, v] of Object.entries(c.components) as [ProcessKind, ComponentConfig][])
    components[k] = { ...v };
  return { partitions: c.partitions, components };
}

/** Grow what failed; returns false when a limit stops it (beyond one cluster), with why. */
function grow(
  input: PlanInput,
  mode: DeploymentMode,
  c: Candidate,
  v: Verdict,
  moves: Map<ProcessKind, string[]>,
  zones: number,
): { ok: true } | { ok: false; why: string } {
  const h = input.headroom;
  let grew = false;
  const note = (k: ProcessKind, text: string) => moves.get(k)?.push(text);
  for (const [kind, st] of v.stats) {
    const cfg = c.components[kind];
    if (!cfg) continue;
    const hotCpu = st.cpu > h;
    const hotMem = st.mem > h || st.oom > 0;
    if (!hotCpu && !hotMem) continue;
    const why = `${hotCpu ? `peak CPU ${pct(st.cpu)}` : ''}${hotCpu && hotMem ? ', ' : ''}${hotMem ? (st.oom > 0 ? `OOM-killed ${st.oom}x` : `peak memory ${pct(st.mem)}`) : ''} of its limit`;
    if (hotMem) {
      const want = roundMem(
        ((cfg.memoryBytes * Math.max(st.mem, 1.05 * h)) / h) * 1.1 + (st.oom > 0 ? cfg.memoryBytes : 0),
      );
      if (want > cfg.memoryBytes) {
        note(kind, `memory ${gib(cfg.memoryBytes)} -> ${gib(want)}: ${why}`);
        cfg.memoryBytes = want;
        grew = true;
      } else if (!fixedCount(mode, kind) && cfg.replicas < LIMITS.replicas.max) {
        const r = Math.min(LIMITS.replicas.max, Math.ceil(cfg.replicas * 1.3));
        note(
          kind,
          `replicas ${cfg.replicas} -> ${r}: ${why}, at the largest pod (${gib(MAX_POD_MEMORY_BYTES)})`,
        );
        cfg.replicas = r;
        grew = true;
      } else if (kind === 'live-store' || kind === 'block-builder') {
        if (!growPartitions(c, zones, 1.3, `${kind} ${why}`, moves))
          return {
            ok: false,
            why: `${kind}: ${why} at ${LIMITS.kafkaPartitions.max} partitions or ${LIMITS.replicas.max} replicas`,
          };
        grew = true;
      } else
        return {
          ok: false,
          why: `${kind}: ${why}, and its pod is already the largest this planner builds (${gib(MAX_POD_MEMORY_BYTES)})`,
        };
    }
    if (hotCpu) {
      const factor = (Math.max(st.cpu, 1.05 * h) / h) * 1.1;
      if (!fixedCount(mode, kind)) {
        const r = Math.min(LIMITS.replicas.max, Math.max(cfg.replicas + 1, Math.ceil(cfg.replicas * factor)));
        if (r === cfg.replicas)
          return { ok: false, why: `${kind}: ${why} at ${LIMITS.replicas.max} replicas` };
        note(kind, `replicas ${cfg.replicas} -> ${r}: ${why}`);
        cfg.replicas = r;
        grew = true;
      } else if ((kind === 'live-store' || kind === 'block-builder') && cfg.cpu * factor > 4) {
        if (!growPartitions(c, zones, factor, `${kind} ${why}`, moves))
          return {
            ok: false,
            why: `${kind}: ${why} at ${LIMITS.kafkaPartitions.max} partitions or ${LIMITS.replicas.max} replicas`,
          };
        grew = true;
      } else {
        const cpu = roundCpu(cfg.cpu * factor);
        if (cpu <= cfg.cpu)
          return {
            ok: false,
            why: `${kind}: ${why}, at the largest pod this planner builds (${MAX_POD_CPU} CPU)`,
          };
        note(kind, `CPU ${cfg.cpu} -> ${cpu}: ${why}`);
        cfg.cpu = cpu;
        grew = true;
      }
    }
  }
  if (!grew && v.lost > 0) {
    // Spans lost with every process within headroom: more distributors (and rate limit per share).
    const d = c.components[mode === 'microservices' ? 'distributor' : 'tempo'];
    const kind: ProcessKind = mode === 'microservices' ? 'distributor' : 'tempo';
    if (d && !fixedCount(mode, kind) && d.replicas < LIMITS.replicas.max) {
      const r = Math.min(LIMITS.replicas.max, d.replicas + Math.max(1, Math.ceil(d.replicas * 0.3)));
      note(
        kind,
        `replicas ${d.replicas} -> ${r}: ${v.lost} spans lost${v.killed ? ` when ${v.killed} was killed` : ''}`,
      );
      d.replicas = r;
      grew = true;
    } else {
      return {
        ok: false,
        why: `${v.lost} spans lost${v.killed ? ` when ${v.killed} was killed` : ''}: this mode cannot ${v.killed ? 'lose its busiest instance' : 'hold the load'} without losing spans`,
      };
    }
  }
  return grew ? { ok: true } : { ok: false, why: 'the check failed and nothing could grow' };
}

function growPartitions(
  c: Candidate,
  zones: number,
  factor: number,
  why: string,
  moves: Map<ProcessKind, string[]>,
): boolean {
  const max = Math.min(LIMITS.kafkaPartitions.max, Math.floor(LIMITS.replicas.max / zones));
  const p = Math.min(max, Math.max(c.partitions + 1, Math.ceil(c.partitions * factor)));
  if (p <= c.partitions) return false;
  moves.get('block-builder')?.push(`partitions ${c.partitions} -> ${p}: ${why}`);
  moves.get('live-store')?.push(`partitions ${c.partitions} -> ${p}: ${why}`);
  c.partitions = p;
  setPartitionBound(c, zones);
  return true;
}

function setPartitionBound(c: Candidate, zones: number): void {
  const bb = c.components['block-builder'];
  const ls = c.components['live-store'];
  if (bb) bb.replicas = c.partitions;
  if (ls) ls.replicas = c.partitions * zones;
}

/** A smaller candidate from what ran far under: replicas and pods sized to the peaks. */
function shrunk(
  input: PlanInput,
  mode: DeploymentMode,
  c: Candidate,
  v: Verdict,
  only: ProcessKind | null,
  depth: number,
): { cand: Candidate; changed: [ProcessKind, string][] } {
  const h = input.headroom;
  const next = cloneCandidate(c);
  const changed: [ProcessKind, string][] = [];
  for (const [kind, st] of v.stats) {
    if (only && kind !== only) continue;
    const cfg = next.components[kind];
    if (!cfg) continue;
    const target = 0.8 * h;
    if (!fixedCount(mode, kind) && st.cpu < target / 1.5) {
      const min = minReplicas(mode, kind, input.tolerateLoss);
      // The lost instance's share moves to the others: keep one spare when tolerating a loss.
      const full = Math.ceil((cfg.replicas * st.cpu) / target) + (input.tolerateLoss ? 1 : 0);
      // depth 1: straight to the peak's size; 0.5: half way there (when the full step failed).
      const r = Math.max(min, Math.ceil(cfg.replicas - depth * (cfg.replicas - full)));
      if (r < cfg.replicas) {
        changed.push([kind, `replicas ${cfg.replicas} -> ${r}: peak CPU only ${pct(st.cpu)} of its limit`]);
        cfg.replicas = r;
      }
    }
    if (st.mem < target / 1.5 && st.oom === 0) {
      const m = roundMem((cfg.memoryBytes * st.mem) / target);
      if (m < cfg.memoryBytes) {
        changed.push([
          kind,
          `memory ${gib(cfg.memoryBytes)} -> ${gib(m)}: peak memory only ${pct(st.mem)} of its limit`,
        ]);
        cfg.memoryBytes = m;
      }
    }
    if (fixedCount(mode, kind) && st.cpu < target / 1.5 && cfg.cpu > 0.5) {
      const cpu = roundCpu((cfg.cpu * st.cpu) / target);
      if (cpu < cfg.cpu) {
        changed.push([kind, `CPU ${cfg.cpu} -> ${cpu}: peak CPU only ${pct(st.cpu)} of its limit`]);
        cfg.cpu = cpu;
      }
    }
  }
  return { cand: next, changed };
}

/** Plan one mode. */
export function planMode(input: PlanInput, mode: DeploymentMode, hooks: PlanHooks = {}): ModePlan {
  const version = input.version;
  const mbps = throughputMBps(input);
  const zones =
    mode === 'microservices' && version === '3.0' ? Math.max(1, Math.min(3, Math.round(input.zones))) : 1;
  const empty: ModePlan = {
    version,
    mode,
    ok: false,
    components: [],
    partitions: 0,
    zones,
    simulations: 0,
    notes: [],
  };
  if (version === '3.0' && mode === 'scalable-single-binary')
    return { ...empty, problem: 'Tempo 3.0 has no scalable single binary (removed).' };
  const beyond = unclampedNeed(version, mode, mbps);
  if (beyond)
    return {
      ...empty,
      problem: `Beyond one cluster: ${beyond}. Split the load over several clusters or tenants.`,
    };
  if (zones === 1 && input.zones > 1)
    empty.notes.push(
      `Zones apply to Tempo 3.0 live-stores (partitions x zones); ${version} ${mode} is planned without them.`,
    );
  if (mode === 'monolithic' && input.tolerateLoss)
    empty.notes.push(
      'A monolith is one process: losing it stops ingestion until it restarts; clients retry from their queues.',
    );
  const rules = publishedRules(version, mode, mbps, zones, input.tolerateLoss);
  let cand: Candidate = { partitions: rules.partitions, components: {} };
  const moves = new Map<ProcessKind, string[]>();
  for (const r of rules.rows) {
    cand.components[r.kind] = { replicas: r.replicas, cpu: r.cpu, memoryBytes: r.memoryBytes };
    moves.set(r.kind, []);
  }
  let sims = 0;
  const run = (c: Candidate): Verdict => {
    if (hooks.cancelled?.()) throw new PlanCancelled();
    sims++;
    const v = check(input, baseScenario(input, mode, mbps, c, rules.replicationFactor));
    hooks.onProgress?.({ mode, simulations: sims, message: v.pass ? 'passes' : 'grows' });
    return v;
  };
  let v = run(cand);
  // Grow until it passes.
  while (!v.pass) {
    if (sims >= CHECK.maxSimulations)
      return {
        ...empty,
        simulations: sims,
        problem: `No passing cluster within ${CHECK.maxSimulations} simulations.`,
      };
    const g = grow(input, mode, cand, v, moves, zones);
    if (!g.ok) return { ...empty, simulations: sims, problem: `Beyond what this mode can do: ${g.why}.` };
    v = run(cand);
  }
  // Shrink: everything at once, then kind by kind.
  const tryShrink = (only: ProcessKind | null, depth = 1): boolean => {
    if (sims >= CHECK.maxSimulations) return false;
    const { cand: next, changed } = shrunk(input, mode, cand, v, only, depth);
    if (changed.length === 0) return false;
    const nv = run(next);
    if (!nv.pass) return false;
    cand = next;
    v = nv;
    for (const [k, text] of changed) moves.get(k)?.push(text);
    return true;
  };
  tryShrink(null);
  for (const k of [...v.stats.keys()]) if (!tryShrink(k, 1)) tryShrink(k, 0.5);

  const scenario = v.scenario;
  const components: ComponentPlan[] = rules.rows.map((r) => {
    const cfg = cand.components[r.kind]!;
    const st = v.stats.get(r.kind) ?? { cpu: 0, mem: 0, oom: 0 };
    return {
      kind: r.kind,
      replicas: cfg.replicas,
      cpu: cfg.cpu,
      memoryBytes: cfg.memoryBytes,
      peakCpuShare: st.cpu,
      peakMemoryShare: st.mem,
      published: { replicas: r.replicas, cpu: r.cpu, memoryBytes: r.memoryBytes, rule: r.rule, doc: r.doc },
      moves: moves.get(r.kind) ?? [],
    };
  });
  const notes = [...empty.notes];
  if (scenario.settings.rateLimitBytes)
    notes.push(
      `Per-distributor ingestion limit raised to ${scenario.settings.rateLimitBytes / MB} MB/s so the spike is not refused (rate_strategy local).`,
    );
  return {
    version,
    mode,
    ok: true,
    scenario,
    components,
    partitions: cand.partitions,
    zones,
    totals: totalsOf(input, mbps, components, cand.partitions),
    simulations: sims,
    check: { lost: v.lost, refusedAttempts: v.refusedAttempts, killed: v.killed, spike: input.spikeFactor },
    notes,
  };
}

export function totalsOf(
  input: PlanInput,
  mbps: number,
  components: ComponentPlan[],
  partitions: number,
): Totals {
  let cores = 0;
  let memoryBytes = 0;
  let pods = 0;
  for (const c of components) {
    cores += c.replicas * c.cpu;
    memoryBytes += c.replicas * c.memoryBytes;
    pods += c.replicas;
  }
  const objectStorageBytes = (mbps * MB * input.retentionHours * 3600) / input.compressionRatio;
  const kafkaRetention = Math.max(40 / 60, input.kafkaRetentionHours);
  // Kafka keeps what it receives uncompressed-as-sent, replicated 3 times by the brokers.
  const kafka =
    partitions > 0
      ? {
          partitions: Math.max(partitions, Math.ceil(mbps / KAFKA_MBPS_PER_PARTITION)),
          retentionHours: kafkaRetention,
          diskBytes: mbps * MB * kafkaRetention * 3600 * 3,
        }
      : null;
  const p = input.prices;
  const costBreakdown = {
    compute: cores * p.corePerMonth,
    memory: (memoryBytes / GiB) * p.memoryGiBPerMonth,
    objectStorage: (objectStorageBytes / 1e9) * p.objectStorageGBPerMonth,
    kafka: kafka ? (kafka.diskBytes / 1e9) * p.kafkaDiskGBPerMonth : 0,
  };
  return {
    cores,
    memoryBytes,
    pods,
    objectStorageBytes,
    kafka,
    monthlyCost:
      costBreakdown.compute + costBreakdown.memory + costBreakdown.objectStorage + costBreakdown.kafka,
    costBreakdown,
  };
}

/** Plan every requested mode of the version. */
export function plan(input: PlanInput, hooks: PlanHooks = {}): PlanResult {
  const modes = (input.modes && input.modes.length > 0 ? input.modes : modesOf(input.version)).filter((m) =>
    modesOf(input.version).includes(m),
  );
  return { input, mbps: throughputMBps(input), plans: modes.map((m) => planMode(input, m, hooks)) };
}

/** Errors of a planned scenario (schema and Tempo's rules); empty for every answer the planner gives. */
export function scenarioErrors(s: Scenario): string[] {
  const parsed = parseScenario(JSON.parse(JSON.stringify(s)));
  if (!parsed.ok) return parsed.errors;
  return validateScenario(parsed.value)
    .filter((i) => i.severity === 'error')
    .map((i) => i.message);
}
