/**
 * The simulation engine: a pure, deterministic model of Tempo's write path, read path, compaction
 * and failures, stepped at a fixed DT. Flows are aggregated per process per step (spans, bytes, jobs),
 * never one object per span.
 *
 * State layout: `SimState` is plain data. Per-instance figures live in one Float64Array (`inst`,
 * stride NI, offsets in fields.ts), global figures in another (`g`). `cfg` is computed once per
 * scenario by `createSimulation` and never changes; states share it.
 *
 * Purity: `stepMut` advances a state in place (fast path for `runFor` and the bench). `step`
 * copies first, so the state handed in is never changed. Scratch buffers used inside one step live
 * in `cfg.scratch`; they carry nothing from one step to the next.
 */
import type { DeploymentMode, ProcessKind, TempoVersion } from '../model/catalog';
import {
  defaultRateLimit,
  type Load,
  monolithModules,
  type Scenario,
  type ScheduledEvent,
  scenarioInstances,
} from '../model/scenario';
import * as C from './calibration';
import {
  G_C_BYTES,
  G_DISCARDED,
  G_F_ACCEPTED,
  G_F_COMPACT_BLOCKS,
  G_F_DROPPED,
  G_F_JOBS,
  G_F_KAFKA_REFUSED,
  G_F_OFFERED,
  G_F_QPS,
  G_F_REFUSED,
  G_F_STORAGE_SPANS,
  G_FAIL_FRAC,
  G_FLAG_DROP,
  G_FLAG_QUORUM,
  G_FLAG_SIZE,
  G_KAFKA_DOWN,
  G_KAFKA_DOWN_SINCE,
  G_KAFKA_DOWN_UNTIL,
  G_L0_BLOCKS,
  G_L0_BYTES,
  G_LAST_DROP_EVENT,
  G_LOST,
  G_Q_FAILED,
  G_Q_FAILING,
  G_Q_ISSUED,
  G_Q_JOBS_PER_QUERY,
  G_Q_LAST_LAT_MS,
  G_Q_QUEUE,
  G_QUEUE,
  G_REFUSED,
  G_RING_DIRTY,
  G_SENT,
  G_SPIKE_FACTOR,
  G_SPIKE_ON,
  G_SPIKE_UNTIL,
  G_STORAGE_DOWN,
  G_STORAGE_DOWN_SINCE,
  G_STORAGE_DOWN_UNTIL,
  G_TOTAL_BYTES,
  G_TRACES_LOST,
  G_TRACES_SENT,
  G_WRITE_EMA,
  G_WRITTEN,
  I_BB_BUFFER,
  I_BB_CYCLE_START,
  I_BB_NEXT,
  I_BB_PHASE,
  I_BB_TARGET,
  I_CAUSE,
  I_COMPACT_BYTES,
  I_COMPLETE_BLOCKS,
  I_COMPLETE_BYTES,
  I_CPU,
  I_CPU_AVG,
  I_D_IN,
  I_D_OFFER,
  I_D_RATE_LIMITED,
  I_D_REFUSED,
  I_DOWN_SINCE,
  I_DOWN_UNTIL,
  I_FLAG_LAG,
  I_FLAG_RL,
  I_HEAD_AGE,
  I_HEAD_BYTES,
  I_KILLS,
  I_LAG_BYTES,
  I_LAG_S,
  I_LAST_READY,
  I_LAST_RL_EVENT,
  I_LIVE_BYTES,
  I_LIVE_UNIQ,
  I_MEM,
  I_OOM_KILLS,
  I_PEAK_CPU,
  I_PEAK_MEM,
  I_PHASE,
  I_Q_ACTIVE,
  I_Q_JOBS,
  I_Q_RECENT,
  I_RATE_EMA,
  I_READY_AT,
  I_RECV,
  I_REPLAY_BYTES,
  I_RESTARTS,
  I_RETAINED_BYTES,
  I_S_IN,
  I_S_OUT,
  I_SHARED,
  I_STREAK,
  I_TOKENS,
  I_UNIQ,
  I_UP,
  NG,
  NI,
} from './fields';
import { formatBytes, formatCount, formatRate, formatSeconds } from './format';
import { buildRing, type RingSets, routeRing } from './ring';
import { advance, unitFloat } from './rng';
import type { SimEvent, SimEventKind } from './types';

export { DT } from './calibration';

export type SimAction =
  | { kind: 'kill'; instance: string }
  | { kind: 'storage-outage'; durationSeconds: number }
  | { kind: 'kafka-outage'; durationSeconds: number }
  | { kind: 'spike'; factor: number; durationSeconds: number };

/** Phases of a process. */
export const PHASE_RUNNING = 0;
export const PHASE_CRASHED = 1;
export const PHASE_REPLAYING = 2;
/** Marked for an OOM kill within the current step. */
const PHASE_OOM_PENDING = 3;
/** Why it went down. */
export const CAUSE_OOM = 1;
export const CAUSE_KILLED = 2;

/** What kind of store the ingest path ends in. */
export type StoreKind = 'ingester' | 'live-store-consumer';

export interface StoreParams {
  traceIdleSeconds: number;
  traceLiveSeconds: number;
  maxLiveBytes: number;
  maxBlockSeconds: number;
  maxBlockBytes: number;
  completeBlockTimeoutS: number;
}

/** Per-step scratch buffers (no meaning between steps). */
interface Scratch {
  demand: Float64Array;
  demandBg: Float64Array;
  scaleBg: Float64Array;
  wantDist: Float64Array;
  wantPipe: Float64Array;
  wantConsume: Float64Array;
  wantCompact: Float64Array;
  wantJobs: Float64Array;
  scale: Float64Array;
  used: Float64Array;
  extraMem: Float64Array;
  ringRecv: Float64Array;
  ringUniq: Float64Array;
  ringShared: Float64Array;
}

/** Everything fixed for one scenario. Shared by every state of a run; never mutated after creation. */
export interface SimConfig {
  scenario: Scenario;
  version: TempoVersion;
  mode: DeploymentMode;
  n: number;
  names: string[];
  kinds: ProcessKind[];
  cpuLimit: Float64Array;
  memLimit: Float64Array;
  baseMem: Float64Array;
  /** Instance indices per role. A monolith appears in several. */
  distributors: Int32Array;
  /** Processes holding live traces and a WAL: 2.10 ingesters, monoliths, 3.0 live-stores. */
  stores: Int32Array;
  storeKind: StoreKind;
  storeParams: StoreParams;
  /** Stores flush blocks to object storage (not 3.0 microservices live-stores). */
  storesFlush: boolean;
  blockBuilders: Int32Array;
  queriers: Int32Array;
  frontends: Int32Array;
  /** Processes that compact: compactor, backend-worker, or the single binary. */
  compactors: Int32Array;
  /** The backend-scheduler every compaction waits for, or -1. */
  scheduler: number;
  metricsGenerators: Int32Array;
  /** The 2.x ring over `stores` (microservices ingesters or SSB replicas); null when writes stay local. */
  ring: RingSets | null;
  replicationFactor: number;
  /** Output bytes per compacted input byte: replicas are deduplicated by compaction. */
  compactionKeep: number;
  kafka: boolean;
  partitions: number;
  /** Partition consumed by each live-store (index into stores), -1 for none. */
  livePartition: Int32Array;
  /** Partitions each block-builder owns (index into blockBuilders). */
  builderPartitions: Float64Array;
  rateLimitBytes: number;
  burstBytes: number;
  scheduled: ScheduledEvent[];
  index: Record<string, number>;
  /** Position of an instance inside `stores`, -1 if not a store. */
  storePos: Int32Array;
  scratch: Scratch;
}

export interface SimState {
  readonly cfg: SimConfig;
  /** Simulated seconds since start. */
  t: number;
  steps: number;
  /** mulberry32 state. */
  rng: number;
  /** Load from the sliders (before spikes). */
  load: Load;
  /** Per-instance figures, stride NI (see fields.ts). */
  inst: Float64Array;
  /** Global figures (see fields.ts). */
  g: Float64Array;
  /** Recent query latencies: decaying histogram over log buckets. */
  latRecent: Float64Array;
  /** All query latencies since start. */
  latAll: Float64Array;
  /** Next scheduled event to fire (index into cfg.scheduled). */
  nextScheduled: number;
  /** Event log, oldest first, at most MAX_EVENTS (older ones are dropped; `eventsDropped` counts them). */
  events: SimEvent[];
  eventsDropped: number;
  /** True when `events` is shared with another state and must be copied before appending. */
  eventsShared: boolean;
}

export const MAX_EVENTS = 5000;

// Latency histogram: bucket b holds latencies around LAT_MIN_MS * 2^(b / LAT_PER_DOUBLING).
export const LAT_BUCKETS = 72;
export const LAT_PER_DOUBLING = 4;
export const LAT_MIN_MS = 1;
const LAT_KERNEL_HALF = 4;
const LAT_KERNEL = buildKernel();

function buildKernel(): Float64Array {
  const k = new Float64Array(2 * LAT_KERNEL_HALF + 1);
  const step = Math.LN2 / LAT_PER_DOUBLING;
  let sum = 0;
  for (let j = -LAT_KERNEL_HALF; j <= LAT_KERNEL_HALF; j++) {
    const x = (j * step) / C.QUERY_LATENCY_SIGMA;
    const w = Math.exp(-0.5 * x * x);
    k[j + LAT_KERNEL_HALF] = w;
    sum += w;
  }
  for (let j = 0; j < k.length; j++) k[j] = (k[j] ?? 0) / sum;
  return k;
}

// ------------------------------------------------------------------ creation

function int32(a: number[]): Int32Array {
  return Int32Array.from(a);
}

export function createSimulation(scenario: Scenario): SimState {
  const version = scenario.tempoVersion;
  const mode = scenario.mode;
  const list = scenarioInstances(scenario);
  const n = list.length;
  const names = list.map((x) => x.name);
  const kinds = list.map((x) => x.kind);
  const cpuLimit = Float64Array.from(list.map((x) => x.config.cpu));
  const memLimit = Float64Array.from(list.map((x) => x.config.memoryBytes));
  const baseMem = Float64Array.from(list.map((x) => C.BASE_MEMORY[x.kind] ?? 150 * C.MiB));
  const index: Record<string, number> = {};
  names.forEach((name, i) => {
    index[name] = i;
  });
  const of = (kind: ProcessKind) => kinds.flatMap((k, i) => (k === kind ? [i] : []));
  const single = mode !== 'microservices';
  const tempo = of('tempo');
  const modules = single ? monolithModules(version, scenario.settings) : [];

  const distributors = single ? tempo : of('distributor');
  const kafka = !single && version === '3.0';
  const stores = single ? tempo : version === '2.10' ? of('ingester') : of('live-store');
  const storeKind: StoreKind = kafka ? 'live-store-consumer' : 'ingester';
  const storeParams: StoreParams = version === '2.10' ? C.INGESTER_2_10 : C.LIVE_STORE_3_0;
  const queriers = single ? tempo : of('querier');
  const frontends = single ? tempo : of('query-frontend');
  let compactors: number[];
  let scheduler = -1;
  if (single) compactors = tempo;
  else if (version === '2.10' && scenario.settings.compaction === 'compactor') compactors = of('compactor');
  else {
    compactors = of('backend-worker');
    scheduler = of('backend-scheduler')[0] ?? -2;
  }
  const metricsGenerators = single
    ? modules.includes('metrics-generator')
      ? tempo
      : []
    : of('metrics-generator');

  const rf = scenario.settings.replicationFactor;
  const ringed = (mode === 'scalable-single-binary' && version === '2.10') || (!single && version === '2.10');
  const ring = ringed
    ? buildRing(
        stores.map((i) => names[i] ?? ''),
        rf,
        scenario.seed,
      )
    : null;
  const partitions = scenario.settings.kafkaPartitions;
  const livePartition = new Int32Array(stores.length).fill(-1);
  if (kafka) for (let k = 0; k < stores.length; k++) livePartition[k] = k % partitions;
  const bb = of('block-builder');
  const builderPartitions = new Float64Array(bb.length);
  if (kafka && bb.length > 0)
    for (let p = 0; p < partitions; p++) {
      const b = p % bb.length;
      builderPartitions[b] = (builderPartitions[b] ?? 0) + 1;
    }
  const storePos = new Int32Array(n).fill(-1);
  stores.forEach((i, k) => {
    storePos[i] = k;
  });
  const limits = defaultRateLimit(version);
  const rateLimitBytes = scenario.settings.rateLimitBytes ?? limits.rateLimitBytes;
  const burstBytes = scenario.settings.burstSizeBytes ?? limits.burstSizeBytes;
  const scheduled = scenario.events.map((e) => ({ ...e })).sort((a, b) => a.at - b.at);
  const sc = stores.length;
  const cfg: SimConfig = {
    scenario,
    version,
    mode,
    n,
    names,
    kinds,
    cpuLimit,
    memLimit,
    baseMem,
    distributors: int32(distributors),
    stores: int32(stores),
    storeKind,
    storeParams,
    storesFlush: !kafka,
    blockBuilders: int32(bb),
    queriers: int32(queriers),
    frontends: int32(frontends),
    compactors: int32(compactors),
    scheduler,
    metricsGenerators: int32(metricsGenerators),
    ring,
    replicationFactor: rf,
    compactionKeep: ring ? 1 / Math.max(1, ring.width) : 1,
    kafka,
    partitions,
    livePartition,
    builderPartitions,
    rateLimitBytes,
    burstBytes,
    scheduled,
    index,
    storePos,
    scratch: {
      demand: new Float64Array(n),
      demandBg: new Float64Array(n),
      scaleBg: new Float64Array(n),
      wantDist: new Float64Array(n),
      wantPipe: new Float64Array(n),
      wantConsume: new Float64Array(n),
      wantCompact: new Float64Array(n),
      wantJobs: new Float64Array(n),
      scale: new Float64Array(n),
      used: new Float64Array(n),
      extraMem: new Float64Array(n),
      ringRecv: new Float64Array(sc),
      ringUniq: new Float64Array(sc),
      ringShared: new Float64Array(sc),
    },
  };
  const inst = new Float64Array(n * NI);
  for (let i = 0; i < n; i++) {
    const o = i * NI;
    inst[o + I_UP] = 1;
    inst[o + I_PHASE] = PHASE_RUNNING;
    inst[o + I_TOKENS] = Math.max(burstBytes, rateLimitBytes * C.DT);
    inst[o + I_MEM] = baseMem[i] ?? 0;
    inst[o + I_PEAK_MEM] = baseMem[i] ?? 0;
    inst[o + I_LAST_READY] = 0;
  }
  const g = new Float64Array(NG);
  g[G_RING_DIRTY] = 1;
  g[G_SPIKE_FACTOR] = 1;
  g[G_LAST_DROP_EVENT] = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) inst[i * NI + I_LAST_RL_EVENT] = Number.NEGATIVE_INFINITY;
  const state: SimState = {
    cfg,
    t: 0,
    steps: 0,
    rng: scenario.seed >>> 0,
    load: { ...scenario.load },
    inst,
    g,
    latRecent: new Float64Array(LAT_BUCKETS),
    latAll: new Float64Array(LAT_BUCKETS),
    nextScheduled: 0,
    events: [],
    eventsDropped: 0,
    eventsShared: false,
  };
  if (ring) refreshRing(state);
  return state;
}

// ------------------------------------------------------------------ copying, public API

/** A copy that shares nothing mutable with `s` (cfg is immutable and shared). */
export function cloneState(s: SimState): SimState {
  return {
    cfg: s.cfg,
    t: s.t,
    steps: s.steps,
    rng: s.rng,
    load: { ...s.load },
    inst: s.inst.slice(),
    g: s.g.slice(),
    latRecent: s.latRecent.slice(),
    latAll: s.latAll.slice(),
    nextScheduled: s.nextScheduled,
    events: s.events,
    eventsDropped: s.eventsDropped,
    eventsShared: true,
  };
}

/** One step of DT seconds; the input state is left untouched. */
export function step(state: SimState): SimState {
  const s = cloneState(state);
  stepMut(s);
  return s;
}

/** Advance `seconds` (rounded to whole steps); the input state is left untouched. */
export function runFor(state: SimState, seconds: number): SimState {
  const s = cloneState(state);
  const steps = Math.max(0, Math.round(seconds / C.DT));
  for (let k = 0; k < steps; k++) stepMut(s);
  return s;
}

/** Change the load (sliders) without resetting. */
export function setLoad(state: SimState, load: Load): SimState {
  const s = cloneState(state);
  s.load = { ...load };
  return s;
}

/** Apply a live action now (kill, outages, spike). */
export function inject(state: SimState, action: SimAction): SimState {
  const s = cloneState(state);
  applyAction(s, action);
  return s;
}

// ------------------------------------------------------------------ events

function emit(s: SimState, instance: string, kind: SimEventKind, message: string): void {
  if (s.eventsShared) {
    s.events = s.events.slice();
    s.eventsShared = false;
  }
  s.events.push({ t: s.t, instance, kind, message });
  if (s.events.length > MAX_EVENTS) {
    const drop = s.events.length - MAX_EVENTS;
    s.events.splice(0, drop);
    s.eventsDropped += drop;
  }
}

function applyAction(s: SimState, a: SimAction | ScheduledEvent): void {
  const g = s.g;
  const t = s.t;
  switch (a.kind) {
    case 'kill': {
      const name = a.instance ?? '';
      const i = s.cfg.index[name];
      if (i === undefined) return;
      if ((s.inst[i * NI + I_PHASE] ?? 0) === PHASE_CRASHED) return;
      crash(s, i, CAUSE_KILLED);
      return;
    }
    case 'storage-outage': {
      const d = Math.max(0, a.durationSeconds ?? 0);
      if (d <= 0) return;
      const until = Math.max(g[G_STORAGE_DOWN_UNTIL] ?? 0, t + d);
      if (!g[G_STORAGE_DOWN]) {
        g[G_STORAGE_DOWN] = 1;
        g[G_STORAGE_DOWN_SINCE] = t;
        emit(
          s,
          'object-storage',
          'storage-outage',
          `object storage unavailable for ${formatSeconds(d)}: block flushes${s.cfg.kafka ? ' and block-builder writes' : ''} fail`,
        );
      }
      g[G_STORAGE_DOWN_UNTIL] = until;
      return;
    }
    case 'kafka-outage': {
      const d = Math.max(0, a.durationSeconds ?? 0);
      if (d <= 0) return;
      if (!s.cfg.kafka) {
        emit(s, 'kafka', 'kafka-outage', 'Kafka outage requested, but this deployment writes without Kafka');
        return;
      }
      if (!g[G_KAFKA_DOWN]) {
        g[G_KAFKA_DOWN] = 1;
        g[G_KAFKA_DOWN_SINCE] = t;
        emit(
          s,
          'kafka',
          'kafka-outage',
          `Kafka unavailable for ${formatSeconds(d)}: distributors refuse every push; clients retry from their queues`,
        );
      }
      g[G_KAFKA_DOWN_UNTIL] = Math.max(g[G_KAFKA_DOWN_UNTIL] ?? 0, t + d);
      return;
    }
    case 'spike': {
      const d = Math.max(0, a.durationSeconds ?? 60);
      const f = Math.min(1000, Math.max(1, a.factor ?? 2));
      if (d <= 0) return;
      g[G_SPIKE_ON] = 1;
      g[G_SPIKE_FACTOR] = f;
      g[G_SPIKE_UNTIL] = t + d;
      emit(s, 'client', 'spike', `load spike: ${trim(f)}x the spans for ${formatSeconds(d)}`);
      return;
    }
  }
}

/** Memory over a limit, with enough digits to show it is over ("4.01 GiB" rather than "4 GiB"). */
function formatOver(mem: number, limit: number): string {
  const plain = formatBytes(mem);
  if (plain !== formatBytes(limit) || mem < 1024 ** 3) return plain;
  return `${(mem / 1024 ** 3).toFixed(2)} GiB`;
}

function trim(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}

// ------------------------------------------------------------------ failures

function refreshRing(s: SimState): void {
  const cfg = s.cfg;
  const ring = cfg.ring;
  s.g[G_RING_DIRTY] = 0;
  if (!ring) return;
  const sc = cfg.scratch;
  const inst = s.inst;
  const stores = cfg.stores;
  const fail = routeRing(
    ring,
    (m) => (inst[(stores[m] ?? 0) * NI + I_UP] ?? 0) > 0,
    sc.ringRecv,
    sc.ringUniq,
    sc.ringShared,
  );
  for (let k = 0; k < stores.length; k++) {
    const o = (stores[k] ?? 0) * NI;
    inst[o + I_RECV] = sc.ringRecv[k] ?? 0;
    inst[o + I_UNIQ] = sc.ringUniq[k] ?? 0;
    inst[o + I_SHARED] = sc.ringShared[k] ?? 0;
  }
  s.g[G_FAIL_FRAC] = fail;
}

function spansPerTrace(s: SimState): number {
  return Math.max(1, s.load.spansPerTrace);
}

/** A process dies (OOM or killed): it loses what only its memory held. */
function crash(s: SimState, i: number, cause: number): void {
  const cfg = s.cfg;
  const inst = s.inst;
  const g = s.g;
  const o = i * NI;
  const name = cfg.names[i] ?? '';
  const memAtDeath = inst[o + I_MEM] ?? 0;
  let lostSpans = 0;
  let note = '';
  const pos = cfg.storePos[i] ?? -1;
  if (pos >= 0) {
    if (cfg.storeKind === 'ingester') {
      const uniq = inst[o + I_LIVE_UNIQ] ?? 0;
      // The part another live replica also holds survives there.
      let keep = uniq * (inst[o + I_SHARED] ?? 0);
      let others = 0;
      for (const j of cfg.stores) if (j !== i && (inst[j * NI + I_UP] ?? 0) > 0) others++;
      if (others === 0) keep = 0;
      lostSpans = uniq - keep;
      if (keep > 0) {
        let weight = 0;
        for (const j of cfg.stores)
          if (j !== i && (inst[j * NI + I_UP] ?? 0) > 0) weight += inst[j * NI + I_UNIQ] ?? 0;
        for (const j of cfg.stores) {
          if (j === i || (inst[j * NI + I_UP] ?? 0) <= 0) continue;
          const w = weight > 0 ? (inst[j * NI + I_UNIQ] ?? 0) / weight : 1 / others;
          inst[j * NI + I_LIVE_UNIQ] = (inst[j * NI + I_LIVE_UNIQ] ?? 0) + keep * w;
        }
      }
      inst[o + I_REPLAY_BYTES] = (inst[o + I_HEAD_BYTES] ?? 0) + (inst[o + I_COMPLETE_BYTES] ?? 0);
      if (lostSpans > 0) {
        g[G_LOST] = (g[G_LOST] ?? 0) + lostSpans;
        g[G_TRACES_LOST] = (g[G_TRACES_LOST] ?? 0) + lostSpans / spansPerTrace(s);
        note = `; ${formatCount(lostSpans / spansPerTrace(s))} traces lost (${formatCount(lostSpans)} spans only in its memory)`;
      } else if (uniq > 0) {
        note = '; nothing lost: other replicas hold its live traces';
      }
    } else {
      // 3.0 live-store: what it held is still in Kafka; it re-consumes from its committed offset.
      const live = (inst[o + I_LIVE_BYTES] ?? 0) + (inst[o + I_HEAD_BYTES] ?? 0);
      inst[o + I_LAG_BYTES] = (inst[o + I_LAG_BYTES] ?? 0) + live;
      inst[o + I_HEAD_BYTES] = 0;
      inst[o + I_HEAD_AGE] = 0;
      inst[o + I_REPLAY_BYTES] = 0;
      note = `; nothing lost: Kafka holds partition ${cfg.livePartition[pos] ?? 0}`;
    }
    inst[o + I_LIVE_BYTES] = 0;
    inst[o + I_LIVE_UNIQ] = 0;
    g[G_RING_DIRTY] = 1;
  }
  if (cfg.kinds[i] === 'block-builder') {
    const buffered = inst[o + I_BB_BUFFER] ?? 0;
    inst[o + I_LAG_BYTES] = (inst[o + I_LAG_BYTES] ?? 0) + buffered;
    inst[o + I_BB_BUFFER] = 0;
    inst[o + I_BB_PHASE] = 0;
    inst[o + I_BB_TARGET] = 0;
    inst[o + I_BB_NEXT] = 0;
    if (buffered > 0) note = `; nothing lost: ${formatBytes(buffered)} will be consumed again from Kafka`;
  }
  // Queries running on it fail.
  const active = inst[o + I_Q_ACTIVE] ?? 0;
  if (active > 0) {
    const perQuery = Math.max(1, g[G_Q_JOBS_PER_QUERY] ?? 1);
    const failed = Math.min(active / perQuery, (g[G_Q_ISSUED] ?? 0) - (g[G_Q_FAILED] ?? 0));
    g[G_Q_FAILED] = (g[G_Q_FAILED] ?? 0) + Math.max(0, failed);
  }
  inst[o + I_Q_ACTIVE] = 0;
  const streak = (inst[o + I_STREAK] ?? 0) + 1;
  inst[o + I_STREAK] = streak;
  const backoff = Math.min(C.RESTART_BACKOFF_MAX_S, C.RESTART_BACKOFF_BASE_S * 2 ** (streak - 1));
  inst[o + I_UP] = 0;
  inst[o + I_PHASE] = PHASE_CRASHED;
  inst[o + I_CAUSE] = cause;
  inst[o + I_DOWN_SINCE] = s.t;
  inst[o + I_DOWN_UNTIL] = s.t + backoff;
  inst[o + I_MEM] = 0;
  inst[o + I_CPU] = 0;
  inst[o + I_D_IN] = 0;
  inst[o + I_S_IN] = 0;
  inst[o + I_S_OUT] = 0;
  inst[o + I_Q_JOBS] = 0;
  inst[o + I_COMPACT_BYTES] = 0;
  if (cause === CAUSE_OOM) {
    inst[o + I_OOM_KILLS] = (inst[o + I_OOM_KILLS] ?? 0) + 1;
    emit(
      s,
      name,
      'oom-kill',
      `${name} OOM-killed at ${formatOver(memAtDeath, cfg.memLimit[i] ?? 0)} of ${formatBytes(cfg.memLimit[i] ?? 0)}${note}`,
    );
  } else {
    inst[o + I_KILLS] = (inst[o + I_KILLS] ?? 0) + 1;
    emit(s, name, 'killed', `${name} killed${note}`);
  }
}

// ------------------------------------------------------------------ the step

/** Advance `s` by DT in place. Prefer `step` unless you own `s`. */
export function stepMut(s: SimState): void {
  const cfg = s.cfg;
  const inst = s.inst;
  const g = s.g;
  const dt = C.DT;
  const t = s.t;
  const sc = cfg.scratch;
  const n = cfg.n;

  // 1. Scheduled events and the end of outages and spikes.
  while (s.nextScheduled < cfg.scheduled.length) {
    const e = cfg.scheduled[s.nextScheduled];
    if (!e || e.at > t) break;
    s.nextScheduled++;
    applyAction(s, e);
  }
  if (g[G_STORAGE_DOWN] && t >= (g[G_STORAGE_DOWN_UNTIL] ?? 0)) {
    g[G_STORAGE_DOWN] = 0;
    let waiting = 0;
    for (const i of cfg.stores) waiting += inst[i * NI + I_COMPLETE_BYTES] ?? 0;
    emit(
      s,
      'object-storage',
      'storage-restored',
      `object storage back after ${formatSeconds(t - (g[G_STORAGE_DOWN_SINCE] ?? 0))}; ${formatBytes(waiting)} of blocks waiting to flush`,
    );
  }
  if (g[G_KAFKA_DOWN] && t >= (g[G_KAFKA_DOWN_UNTIL] ?? 0)) {
    g[G_KAFKA_DOWN] = 0;
    emit(s, 'kafka', 'kafka-restored', `Kafka back after ${formatSeconds(t - (g[G_KAFKA_DOWN_SINCE] ?? 0))}`);
  }
  if (g[G_SPIKE_ON] && t >= (g[G_SPIKE_UNTIL] ?? 0)) {
    g[G_SPIKE_ON] = 0;
    g[G_SPIKE_FACTOR] = 1;
    emit(s, 'client', 'spike-end', 'load spike over');
  }
  const storageUp = !g[G_STORAGE_DOWN];
  const kafkaUp = !g[G_KAFKA_DOWN];

  // 2. Restarts.
  for (let i = 0; i < n; i++) {
    const o = i * NI;
    const phase = inst[o + I_PHASE] ?? 0;
    if (phase === PHASE_CRASHED && t >= (inst[o + I_DOWN_UNTIL] ?? 0)) {
      const replay = inst[o + I_REPLAY_BYTES] ?? 0;
      inst[o + I_PHASE] = PHASE_REPLAYING;
      inst[o + I_READY_AT] = t + C.STARTUP_SECONDS + replay / C.WAL_REPLAY_BYTES_PER_S;
      inst[o + I_RESTARTS] = (inst[o + I_RESTARTS] ?? 0) + 1;
      const name = cfg.names[i] ?? '';
      const down = formatSeconds(t - (inst[o + I_DOWN_SINCE] ?? 0));
      const what =
        replay > 0
          ? `, replaying ${formatBytes(replay)} of WAL`
          : (inst[o + I_LAG_BYTES] ?? 0) > 0
            ? `, catching up ${formatBytes(inst[o + I_LAG_BYTES] ?? 0)} from Kafka`
            : '';
      emit(s, name, 'restart', `${name} restarted after ${down}${what}`);
    } else if (phase === PHASE_REPLAYING && t >= (inst[o + I_READY_AT] ?? 0)) {
      inst[o + I_PHASE] = PHASE_RUNNING;
      inst[o + I_UP] = 1;
      inst[o + I_LAST_READY] = t;
      inst[o + I_REPLAY_BYTES] = 0;
      if ((cfg.storePos[i] ?? -1) >= 0) g[G_RING_DIRTY] = 1;
      const name = cfg.names[i] ?? '';
      emit(s, name, 'ready', `${name} ready after ${formatSeconds(t - (inst[o + I_DOWN_SINCE] ?? 0))} down`);
    } else if (phase === PHASE_RUNNING && t - (inst[o + I_LAST_READY] ?? 0) >= C.RESTART_BACKOFF_RESET_S) {
      inst[o + I_STREAK] = 0;
    }
  }
  if (g[G_RING_DIRTY]) refreshRing(s);
  const failFrac = cfg.ring ? (g[G_FAIL_FRAC] ?? 0) : 0;

  // 3. Load and the clients' retry queue.
  const load = s.load;
  const spanSize = load.spanSizeBytes;
  const spt = spansPerTrace(s);
  s.rng = advance(s.rng);
  const jitter = 1 + C.LOAD_JITTER * (2 * unitFloat(s.rng) - 1);
  const rate = load.spansPerSecond * (g[G_SPIKE_FACTOR] ?? 1) * jitter;
  const fresh = rate * dt;
  g[G_SENT] = (g[G_SENT] ?? 0) + fresh;
  g[G_TRACES_SENT] = (g[G_TRACES_SENT] ?? 0) + fresh / spt;
  const queue0 = g[G_QUEUE] ?? 0;
  const retried = queue0 * Math.min(1, dt / C.CLIENT_RETRY_INTERVAL_S);
  let queue = queue0 - retried;
  const offered = fresh + retried;

  // 4. CPU demand per process.
  const demand = sc.demand;
  const demandBg = sc.demandBg;
  demandBg.fill(0);
  const used = sc.used;
  const extraMem = sc.extraMem;
  demand.fill(0);
  used.fill(0);
  extraMem.fill(0);
  for (let i = 0; i < n; i++) if ((inst[i * NI + I_UP] ?? 0) > 0) demand[i] = C.IDLE_CPU;

  const distCost = C.DIST_CPU_PER_SPAN + spanSize * C.DIST_CPU_PER_BYTE;
  const ingCost = C.ING_CPU_PER_SPAN + spanSize * C.ING_CPU_PER_BYTE;
  const lsCostPerByte = C.LIVE_STORE_CPU_PER_BYTE + C.LIVE_STORE_CPU_PER_SPAN / spanSize;
  let distUp = 0;
  for (const d of cfg.distributors) if ((inst[d * NI + I_UP] ?? 0) > 0) distUp++;
  const perDist = distUp > 0 ? offered / distUp : 0;
  for (const d of cfg.distributors) {
    const up = (inst[d * NI + I_UP] ?? 0) > 0;
    sc.wantDist[d] = up ? perDist : 0;
    if (up) demand[d] = (demand[d] ?? 0) + perDist * distCost;
  }
  // Store push path (2.x ingesters / single binaries): not throttled, but it takes CPU from the rest.
  if (cfg.storeKind === 'ingester') {
    for (let k = 0; k < cfg.stores.length; k++) {
      const i = cfg.stores[k] ?? 0;
      if ((inst[i * NI + I_UP] ?? 0) <= 0) continue;
      const copies = cfg.ring
        ? offered * (1 - failFrac) * (inst[i * NI + I_RECV] ?? 0)
        : (sc.wantDist[i] ?? 0);
      demand[i] = (demand[i] ?? 0) + copies * ingCost;
    }
  }
  // Block pipeline: encode complete blocks and flush them.
  const pipeCost = C.COMPLETE_CPU_PER_BYTE + (cfg.storesFlush ? C.FLUSH_CPU_PER_BYTE : 0);
  for (const i of cfg.stores) {
    const o = i * NI;
    sc.wantPipe[i] = 0;
    if ((inst[o + I_UP] ?? 0) <= 0) continue;
    const canMove = !cfg.storesFlush || storageUp;
    const cap = Math.min(C.COMPLETE_BYTES_PER_S, cfg.storesFlush ? C.FLUSH_BYTES_PER_S : Infinity) * dt;
    const want = canMove ? Math.min(inst[o + I_COMPLETE_BYTES] ?? 0, cap) : 0;
    sc.wantPipe[i] = want;
    demandBg[i] = (demandBg[i] ?? 0) + want * pipeCost;
  }
  // 3.0 Kafka consumers.
  if (cfg.kafka) {
    for (const i of cfg.stores) {
      const o = i * NI;
      sc.wantConsume[i] = 0;
      if ((inst[o + I_UP] ?? 0) <= 0) continue;
      const want = Math.min(inst[o + I_LAG_BYTES] ?? 0, ((cfg.cpuLimit[i] ?? 0) * dt) / lsCostPerByte);
      sc.wantConsume[i] = want;
      demand[i] = (demand[i] ?? 0) + want * lsCostPerByte;
    }
    for (const i of cfg.blockBuilders) {
      const o = i * NI;
      sc.wantConsume[i] = 0;
      if ((inst[o + I_UP] ?? 0) <= 0 || !storageUp) continue;
      if (
        (inst[o + I_BB_PHASE] ?? 0) === 0 &&
        t >= (inst[o + I_BB_NEXT] ?? 0) &&
        (inst[o + I_LAG_BYTES] ?? 0) > 0
      ) {
        inst[o + I_BB_PHASE] = 1;
        inst[o + I_BB_TARGET] = inst[o + I_LAG_BYTES] ?? 0;
        inst[o + I_BB_CYCLE_START] = t;
      }
      if ((inst[o + I_BB_PHASE] ?? 0) === 1) {
        const want = Math.min(
          inst[o + I_BB_TARGET] ?? 0,
          inst[o + I_LAG_BYTES] ?? 0,
          ((cfg.cpuLimit[i] ?? 0) * dt) / C.BLOCK_BUILDER_CPU_PER_BYTE,
        );
        sc.wantConsume[i] = want;
        demand[i] = (demand[i] ?? 0) + want * C.BLOCK_BUILDER_CPU_PER_BYTE;
      }
    }
  }
  // Compaction.
  const schedulerUp =
    cfg.scheduler === -1 || (cfg.scheduler >= 0 && (inst[cfg.scheduler * NI + I_UP] ?? 0) > 0);
  let compUp = 0;
  for (const i of cfg.compactors) if ((inst[i * NI + I_UP] ?? 0) > 0) compUp++;
  const l0Bytes = g[G_L0_BYTES] ?? 0;
  const l0Blocks = g[G_L0_BLOCKS] ?? 0;
  const canCompact = storageUp && schedulerUp && compUp > 0 && l0Blocks >= 2;
  for (const i of cfg.compactors) {
    sc.wantCompact[i] = 0;
    if (!canCompact || (inst[i * NI + I_UP] ?? 0) <= 0) continue;
    const want = Math.min(l0Bytes / compUp, C.COMPACT_IO_BYTES_PER_S * dt);
    sc.wantCompact[i] = want;
    demandBg[i] = (demandBg[i] ?? 0) + want * C.COMPACT_CPU_PER_BYTE;
  }
  if (cfg.scheduler >= 0 && schedulerUp && canCompact)
    demand[cfg.scheduler] = (demand[cfg.scheduler] ?? 0) + 0.02;

  // Queries: plan the jobs of this step.
  const qps = load.queriesPerSecond;
  const rangeS = load.queryRangeMinutes * 60;
  const arrivals = qps * dt;
  const backendRange = Math.max(0, Math.min(rangeS, t) - C.QUERY_BACKEND_AFTER_S);
  const totalBytes = g[G_TOTAL_BYTES] ?? 0;
  const bytesInRange = totalBytes * Math.min(1, backendRange / Math.max(t, 1));
  const writeRate = Math.max(1, g[G_WRITE_EMA] ?? 0);
  const l0Age = l0Bytes / writeRate;
  const l0InRange = backendRange > 0 ? l0Blocks * Math.min(1, backendRange / Math.max(dt, l0Age)) : 0;
  const compactedInRange =
    backendRange > 0 && (g[G_C_BYTES] ?? 0) > 0 ? Math.ceil(backendRange / C.COMPACTION_WINDOW_S) : 0;
  const backendJobs =
    backendRange > 0
      ? Math.max(
          l0InRange + compactedInRange,
          bytesInRange / C.TARGET_BYTES_PER_JOB,
          bytesInRange > 0 ? 1 : 0,
        )
      : 0;
  const jobsPerQuery = 1 + backendJobs;
  g[G_Q_JOBS_PER_QUERY] = jobsPerQuery;
  const backendCpu =
    backendJobs > 0
      ? C.QUERY_JOB_BASE_CPU_S +
        ((bytesInRange / backendJobs) * C.SEARCH_READ_SHARE) / C.QUERY_SCAN_BYTES_PER_CORE_S
      : 0;
  const jobCpu = (C.QUERY_JOB_BASE_CPU_S + backendJobs * backendCpu) / jobsPerQuery;
  const jobWall =
    jobCpu + (backendJobs / jobsPerQuery) * C.STORAGE_REQUESTS_PER_JOB * C.STORAGE_REQUEST_LATENCY_S;
  let querierUp = 0;
  for (const i of cfg.queriers) if ((inst[i * NI + I_UP] ?? 0) > 0) querierUp++;
  let frontendUp = 0;
  for (const i of cfg.frontends) if ((inst[i * NI + I_UP] ?? 0) > 0) frontendUp++;
  const readPathUp = querierUp > 0 && frontendUp > 0;
  // Recent data must be answerable: 2.x a quorum of every replica set; 3.0 a live owner per partition
  // that is not lagging (fail_on_high_lag).
  let recentOk = true;
  if (cfg.ring) recentOk = failFrac <= 1e-12;
  else if (cfg.kafka) recentOk = partitionsServed(s);
  else {
    let storeUp = 0;
    for (const i of cfg.stores) if ((inst[i * NI + I_UP] ?? 0) > 0) storeUp++;
    recentOk = storeUp > 0;
  }
  let qQueue = g[G_Q_QUEUE] ?? 0;
  let failedNow = 0;
  if (!readPathUp || !recentOk) {
    failedNow += arrivals + qQueue / Math.max(1, jobsPerQuery);
    qQueue = 0;
  } else {
    qQueue += arrivals * jobsPerQuery;
  }
  const perQuerier = querierUp > 0 ? qQueue / querierUp : 0;
  for (const i of cfg.queriers) {
    sc.wantJobs[i] = 0;
    if (!readPathUp || (inst[i * NI + I_UP] ?? 0) <= 0) continue;
    const slotCap = (C.QUERIER_MAX_CONCURRENT * dt) / Math.max(jobWall, 1e-3);
    const cpuCap = ((cfg.cpuLimit[i] ?? 0) * dt) / Math.max(jobCpu, 1e-6);
    const want = Math.min(perQuerier, slotCap, cpuCap);
    sc.wantJobs[i] = want;
    demand[i] = (demand[i] ?? 0) + want * jobCpu;
  }
  // Stores scan their recent data for each query.
  if (readPathUp && recentOk && qps > 0) {
    for (const i of cfg.stores) {
      const o = i * NI;
      if ((inst[o + I_UP] ?? 0) <= 0) continue;
      const recent =
        (inst[o + I_LIVE_BYTES] ?? 0) + (inst[o + I_HEAD_BYTES] ?? 0) + (inst[o + I_RETAINED_BYTES] ?? 0);
      const cpu = (qps * dt * recent * C.SEARCH_READ_SHARE) / C.RECENT_SCAN_BYTES_PER_CORE_S;
      inst[o + I_Q_RECENT] = cpu;
      demand[i] = (demand[i] ?? 0) + cpu;
    }
  }
  if (frontendUp > 0) {
    const perFrontend = (arrivals * jobsPerQuery * C.FRONTEND_CPU_PER_JOB) / frontendUp;
    for (const i of cfg.frontends)
      if ((inst[i * NI + I_UP] ?? 0) > 0) demand[i] = (demand[i] ?? 0) + perFrontend;
  }
  // Metrics-generators get a copy of the accepted spans (estimated from the offer here).
  let mgUp = 0;
  for (const i of cfg.metricsGenerators) if ((inst[i * NI + I_UP] ?? 0) > 0) mgUp++;

  // 5. Share each process's CPU among its modules: ingest and queries first, background work (block
  // encoding, flushing, compaction) gets the rest but never less than a guaranteed share.
  const scale = sc.scale;
  const scaleBg = sc.scaleBg;
  for (let i = 0; i < n; i++) {
    const fg = demand[i] ?? 0;
    const bg = demandBg[i] ?? 0;
    const lim = cfg.cpuLimit[i] ?? 0;
    const bgFloor = Math.min(bg, C.BACKGROUND_CPU_SHARE * lim);
    const fgAvail = lim - bgFloor;
    scale[i] = fg > fgAvail ? fgAvail / fg : 1;
    const bgAvail = lim - Math.min(fg, fgAvail);
    scaleBg[i] = bg > bgAvail ? bgAvail / bg : 1;
  }

  // 6. Distributors: rate limit (local strategy: each distributor applies the per-tenant limit), CPU.
  let accepted = 0;
  let refused = 0;
  const limit = cfg.rateLimitBytes * dt;
  const tokenCap = Math.max(cfg.burstBytes, limit);
  for (const d of cfg.distributors) {
    const o = d * NI;
    const want = sc.wantDist[d] ?? 0;
    inst[o + I_D_OFFER] = want / dt;
    if ((inst[o + I_UP] ?? 0) <= 0) {
      inst[o + I_D_IN] = 0;
      inst[o + I_D_REFUSED] = 0;
      inst[o + I_D_RATE_LIMITED] = 0;
      continue;
    }
    const available = Math.min(tokenCap, (inst[o + I_TOKENS] ?? 0) + limit);
    const byRate = available / spanSize;
    const byCpu = want * (scale[d] ?? 1);
    let take = Math.min(want, byRate, byCpu);
    let limited = Math.max(0, Math.min(want, byCpu) - take);
    if (cfg.kafka && !kafkaUp) {
      // Kafka refuses the produce: nothing is accepted and no tokens are spent.
      take = 0;
      limited = 0;
      inst[o + I_TOKENS] = available;
    } else inst[o + I_TOKENS] = Math.max(0, available - take * spanSize);
    const no = want - take;
    accepted += take;
    refused += no;
    inst[o + I_D_IN] = take / dt;
    inst[o + I_D_REFUSED] = no / dt;
    inst[o + I_D_RATE_LIMITED] = limited / dt;
    used[d] = (used[d] ?? 0) + take * distCost;
    extraMem[d] = (extraMem[d] ?? 0) + (take / dt) * spanSize * C.DIST_BUFFER_SECONDS * C.DIST_BUFFER_FACTOR;
    rateLimitEvent(s, d, want, limited);
  }
  if (distUp === 0) refused += offered;
  // Traces over max_bytes_per_trace lose their extra spans for good.
  const traceBytes = spanSize * spt;
  const discardShare = traceBytes > C.MAX_BYTES_PER_TRACE ? 1 - C.MAX_BYTES_PER_TRACE / traceBytes : 0;
  const discarded = accepted * discardShare;
  if (discarded > 0) {
    g[G_LOST] = (g[G_LOST] ?? 0) + discarded;
    g[G_DISCARDED] = (g[G_DISCARDED] ?? 0) + discarded;
    g[G_TRACES_LOST] = (g[G_TRACES_LOST] ?? 0) + discarded / spt;
    if (!g[G_FLAG_SIZE]) {
      g[G_FLAG_SIZE] = 1;
      emit(
        s,
        'client',
        'trace-too-large',
        `traces of ${formatBytes(traceBytes)} exceed max_bytes_per_trace (5 MB): ${formatCount(discardShare * 100)}% of their spans are discarded`,
      );
    }
  } else g[G_FLAG_SIZE] = 0;
  const kept = accepted - discarded;

  // 7. Where accepted spans go.
  let written = 0;
  if (cfg.kafka) {
    written = kept;
    const partBytes = (kept * spanSize) / Math.max(1, cfg.partitions);
    for (let k = 0; k < cfg.stores.length; k++) {
      const i = cfg.stores[k] ?? 0;
      const o = i * NI;
      if ((cfg.livePartition[k] ?? -1) < 0) continue;
      inst[o + I_LAG_BYTES] = (inst[o + I_LAG_BYTES] ?? 0) + partBytes;
      inst[o + I_RATE_EMA] = ema(inst[o + I_RATE_EMA] ?? 0, partBytes / dt);
    }
    for (let k = 0; k < cfg.blockBuilders.length; k++) {
      const i = cfg.blockBuilders[k] ?? 0;
      const o = i * NI;
      const owned = cfg.builderPartitions[k] ?? 0;
      inst[o + I_LAG_BYTES] = (inst[o + I_LAG_BYTES] ?? 0) + partBytes * owned;
      inst[o + I_RATE_EMA] = ema(inst[o + I_RATE_EMA] ?? 0, (partBytes * owned) / dt);
    }
  } else if (cfg.ring) {
    const failing = kept * failFrac;
    refused += failing;
    const ok = kept - failing;
    for (const i of cfg.stores) {
      const o = i * NI;
      if ((inst[o + I_UP] ?? 0) <= 0) {
        inst[o + I_S_IN] = 0;
        continue;
      }
      const copies = ok * (inst[o + I_RECV] ?? 0);
      inst[o + I_LIVE_BYTES] = (inst[o + I_LIVE_BYTES] ?? 0) + copies * spanSize;
      inst[o + I_LIVE_UNIQ] = (inst[o + I_LIVE_UNIQ] ?? 0) + ok * (inst[o + I_UNIQ] ?? 0);
      inst[o + I_S_IN] = copies / dt;
      used[i] = (used[i] ?? 0) + copies * ingCost;
    }
  } else {
    // Single binaries without a shared ring: each writes what its own distributor accepted.
    for (const i of cfg.stores) {
      const o = i * NI;
      const mine = (inst[o + I_D_IN] ?? 0) * dt * (1 - discardShare);
      inst[o + I_LIVE_BYTES] = (inst[o + I_LIVE_BYTES] ?? 0) + mine * spanSize;
      inst[o + I_LIVE_UNIQ] = (inst[o + I_LIVE_UNIQ] ?? 0) + mine;
      inst[o + I_S_IN] = mine / dt;
      used[i] = (used[i] ?? 0) + mine * ingCost;
    }
  }
  g[G_REFUSED] = (g[G_REFUSED] ?? 0) + refused;
  queue += refused;
  g[G_F_OFFERED] = offered / dt;
  g[G_F_ACCEPTED] = accepted / dt;
  g[G_F_REFUSED] = refused / dt;
  g[G_F_KAFKA_REFUSED] = cfg.kafka && !kafkaUp ? refused / dt : 0;
  // Metrics-generators.
  if (mgUp > 0) {
    const each = kept / mgUp;
    for (const i of cfg.metricsGenerators) {
      if ((inst[i * NI + I_UP] ?? 0) <= 0) continue;
      used[i] = (used[i] ?? 0) + each * C.METRICS_GEN_CPU_PER_SPAN * (scale[i] ?? 1);
      extraMem[i] = (extraMem[i] ?? 0) + (each / dt) * C.METRICS_GEN_MEMORY_PER_SPAN_S;
    }
  }

  // 8. Stores: consume (3.0), cut live traces into the head block, cut blocks, encode and flush.
  const p = cfg.storeParams;
  const residence = Math.max(dt, Math.min(p.traceIdleSeconds + C.TRACE_ARRIVAL_SPREAD_S, p.traceLiveSeconds));
  const cutShare = Math.min(1, dt / residence);
  let storageSpans = 0;
  for (const i of cfg.stores) {
    const o = i * NI;
    const up = (inst[o + I_UP] ?? 0) > 0;
    if (!up) {
      inst[o + I_S_OUT] = 0;
      continue;
    }
    if (cfg.kafka) {
      const take = (sc.wantConsume[i] ?? 0) * (scale[i] ?? 1);
      inst[o + I_LAG_BYTES] = Math.max(0, (inst[o + I_LAG_BYTES] ?? 0) - take);
      inst[o + I_LIVE_BYTES] = (inst[o + I_LIVE_BYTES] ?? 0) + take;
      inst[o + I_S_IN] = take / spanSize / dt;
      used[i] = (used[i] ?? 0) + take * lsCostPerByte;
    }
    const live = inst[o + I_LIVE_BYTES] ?? 0;
    let cut = live * cutShare;
    if (live - cut > p.maxLiveBytes) cut = live - p.maxLiveBytes;
    const share = live > 0 ? cut / live : 1;
    const uniq = inst[o + I_LIVE_UNIQ] ?? 0;
    const uniqCut = uniq * share;
    written += uniqCut;
    inst[o + I_LIVE_UNIQ] = uniq - uniqCut;
    inst[o + I_LIVE_BYTES] = live - cut;
    let head = (inst[o + I_HEAD_BYTES] ?? 0) + cut;
    let age = head > 0 ? (inst[o + I_HEAD_AGE] ?? 0) + dt : 0;
    if (head > 0 && (head >= p.maxBlockBytes || age >= p.maxBlockSeconds)) {
      inst[o + I_COMPLETE_BYTES] = (inst[o + I_COMPLETE_BYTES] ?? 0) + head;
      inst[o + I_COMPLETE_BLOCKS] = (inst[o + I_COMPLETE_BLOCKS] ?? 0) + Math.max(1, head / p.maxBlockBytes);
      head = 0;
      age = 0;
    }
    inst[o + I_HEAD_BYTES] = head;
    inst[o + I_HEAD_AGE] = age;
    // Encode and flush complete blocks.
    const move = (sc.wantPipe[i] ?? 0) * (scaleBg[i] ?? 1);
    const complete = inst[o + I_COMPLETE_BYTES] ?? 0;
    const blocks = inst[o + I_COMPLETE_BLOCKS] ?? 0;
    if (move > 0 && complete > 0) {
      const movedBlocks = blocks * Math.min(1, move / complete);
      inst[o + I_COMPLETE_BYTES] = Math.max(0, complete - move);
      inst[o + I_COMPLETE_BLOCKS] = Math.max(0, blocks - movedBlocks);
      used[i] = (used[i] ?? 0) + move * pipeCost;
      if (cfg.storesFlush) {
        g[G_L0_BYTES] = (g[G_L0_BYTES] ?? 0) + move;
        g[G_L0_BLOCKS] = (g[G_L0_BLOCKS] ?? 0) + movedBlocks;
        g[G_TOTAL_BYTES] = (g[G_TOTAL_BYTES] ?? 0) + move;
        storageSpans += move / spanSize;
      }
      inst[o + I_RETAINED_BYTES] = (inst[o + I_RETAINED_BYTES] ?? 0) + move;
    }
    if ((inst[o + I_COMPLETE_BYTES] ?? 0) <= 1e-6) {
      inst[o + I_COMPLETE_BYTES] = 0;
      inst[o + I_COMPLETE_BLOCKS] = 0;
    }
    inst[o + I_S_OUT] = move / spanSize / dt;
    inst[o + I_RETAINED_BYTES] =
      (inst[o + I_RETAINED_BYTES] ?? 0) * (1 - Math.min(1, dt / p.completeBlockTimeoutS));
    const liveTraces = (inst[o + I_LIVE_BYTES] ?? 0) / Math.max(1, spanSize * spt);
    extraMem[i] =
      (extraMem[i] ?? 0) +
      (inst[o + I_LIVE_BYTES] ?? 0) * C.LIVE_TRACE_MEMORY_FACTOR +
      liveTraces * C.LIVE_TRACE_OVERHEAD_BYTES +
      head * C.HEAD_BLOCK_MEMORY_FACTOR +
      (inst[o + I_COMPLETE_BYTES] ?? 0) * C.COMPLETE_BLOCK_MEMORY_FACTOR +
      (inst[o + I_RETAINED_BYTES] ?? 0) * C.RETAINED_BLOCK_MEMORY_FACTOR;
  }
  // Replaying stores hold the WAL they have read back so far.
  for (const i of cfg.stores) {
    const o = i * NI;
    if ((inst[o + I_PHASE] ?? 0) !== PHASE_REPLAYING) continue;
    const replay = inst[o + I_REPLAY_BYTES] ?? 0;
    const total = Math.max(1e-9, (inst[o + I_READY_AT] ?? 0) - (inst[o + I_DOWN_UNTIL] ?? 0));
    const done = Math.min(1, Math.max(0, t - (inst[o + I_DOWN_UNTIL] ?? 0)) / total);
    extraMem[i] = (extraMem[i] ?? 0) + replay * done * C.HEAD_BLOCK_MEMORY_FACTOR;
  }

  // 9. Block-builders (3.0): consume a cycle, then write its blocks.
  for (const i of cfg.blockBuilders) {
    const o = i * NI;
    if ((inst[o + I_UP] ?? 0) <= 0) {
      inst[o + I_S_IN] = 0;
      inst[o + I_S_OUT] = 0;
      continue;
    }
    const take = (sc.wantConsume[i] ?? 0) * (scale[i] ?? 1);
    inst[o + I_LAG_BYTES] = Math.max(0, (inst[o + I_LAG_BYTES] ?? 0) - take);
    inst[o + I_BB_TARGET] = Math.max(0, (inst[o + I_BB_TARGET] ?? 0) - take);
    inst[o + I_BB_BUFFER] = (inst[o + I_BB_BUFFER] ?? 0) + take;
    inst[o + I_S_IN] = take / spanSize / dt;
    used[i] = (used[i] ?? 0) + take * C.BLOCK_BUILDER_CPU_PER_BYTE;
    if ((inst[o + I_BB_PHASE] ?? 0) === 1 && (inst[o + I_BB_TARGET] ?? 0) <= 1e-6) inst[o + I_BB_PHASE] = 2;
    let out = 0;
    if ((inst[o + I_BB_PHASE] ?? 0) === 2 && storageUp) {
      out = Math.min(inst[o + I_BB_BUFFER] ?? 0, C.BLOCK_BUILDER_WRITE_BYTES_PER_S * dt);
      inst[o + I_BB_BUFFER] = (inst[o + I_BB_BUFFER] ?? 0) - out;
      g[G_L0_BYTES] = (g[G_L0_BYTES] ?? 0) + out;
      g[G_L0_BLOCKS] = (g[G_L0_BLOCKS] ?? 0) + out / C.BLOCK_BUILDER_BLOCK_BYTES;
      g[G_TOTAL_BYTES] = (g[G_TOTAL_BYTES] ?? 0) + out;
      storageSpans += out / spanSize;
      used[i] = (used[i] ?? 0) + out * C.FLUSH_CPU_PER_BYTE;
      if ((inst[o + I_BB_BUFFER] ?? 0) <= 1e-6) {
        inst[o + I_BB_BUFFER] = 0;
        inst[o + I_BB_PHASE] = 0;
        inst[o + I_BB_NEXT] = Math.max(t + dt, (inst[o + I_BB_CYCLE_START] ?? 0) + C.BLOCK_BUILDER_CYCLE_S);
      }
    }
    inst[o + I_S_OUT] = out / spanSize / dt;
    extraMem[i] = (extraMem[i] ?? 0) + (inst[o + I_BB_BUFFER] ?? 0) * C.BLOCK_BUILDER_MEMORY_FACTOR;
  }
  g[G_F_STORAGE_SPANS] = storageSpans / dt;
  g[G_WRITE_EMA] = ema(g[G_WRITE_EMA] ?? 0, (storageSpans * spanSize) / dt);

  // 10. Compaction: merge level-0 blocks; replicas are deduplicated.
  let compactedBlocks = 0;
  for (const i of cfg.compactors) {
    const o = i * NI;
    const want = sc.wantCompact[i] ?? 0;
    if (want <= 0) {
      inst[o + I_COMPACT_BYTES] = 0;
      continue;
    }
    const bytes0 = g[G_L0_BYTES] ?? 0;
    const x = Math.min(bytes0, want * (scaleBg[i] ?? 1));
    const blocks0 = g[G_L0_BLOCKS] ?? 0;
    const b = bytes0 > 0 ? blocks0 * (x / bytes0) : 0;
    g[G_L0_BYTES] = bytes0 - x;
    g[G_L0_BLOCKS] = Math.max(0, blocks0 - b);
    const keep = x * cfg.compactionKeep;
    g[G_C_BYTES] = (g[G_C_BYTES] ?? 0) + keep;
    g[G_TOTAL_BYTES] = Math.max(0, (g[G_TOTAL_BYTES] ?? 0) - x + keep);
    compactedBlocks += b;
    inst[o + I_COMPACT_BYTES] = x / dt;
    used[i] = (used[i] ?? 0) + x * C.COMPACT_CPU_PER_BYTE;
    extraMem[i] = (extraMem[i] ?? 0) + C.COMPACT_MEMORY_BYTES;
  }
  if ((g[G_L0_BYTES] ?? 0) <= 1e-6) {
    g[G_L0_BYTES] = 0;
    g[G_L0_BLOCKS] = 0;
  }
  g[G_F_COMPACT_BLOCKS] = compactedBlocks / dt;
  if (cfg.scheduler >= 0 && compactedBlocks > 0) used[cfg.scheduler] = (used[cfg.scheduler] ?? 0) + 0.02;

  // 11. Queries: serve jobs, queue the rest at the frontends, measure latency.
  let served = 0;
  let slotsTotal = 0;
  let slowest = 1;
  for (const i of cfg.queriers) {
    const o = i * NI;
    const want = sc.wantJobs[i] ?? 0;
    if ((inst[o + I_UP] ?? 0) <= 0) {
      inst[o + I_Q_JOBS] = 0;
      inst[o + I_Q_ACTIVE] = 0;
      continue;
    }
    slotsTotal += C.QUERIER_MAX_CONCURRENT;
    const sc_ = scale[i] ?? 1;
    const done = want * sc_;
    served += done;
    const wall = jobWall / Math.max(sc_, 1e-3);
    slowest = Math.min(slowest, sc_);
    const active = Math.min(C.QUERIER_MAX_CONCURRENT, (done / dt) * wall);
    inst[o + I_Q_JOBS] = done / dt;
    inst[o + I_Q_ACTIVE] = active;
    used[i] = (used[i] ?? 0) + done * jobCpu;
    extraMem[i] = (extraMem[i] ?? 0) + active * C.QUERY_JOB_MEMORY_BYTES;
  }
  let recentWall = 0;
  for (const i of cfg.stores) {
    const o = i * NI;
    const cpu = inst[o + I_Q_RECENT] ?? 0;
    inst[o + I_Q_RECENT] = 0;
    if (cpu <= 0 || (inst[o + I_UP] ?? 0) <= 0) continue;
    const sc_ = scale[i] ?? 1;
    used[i] = (used[i] ?? 0) + cpu * sc_;
    const perQuery = qps > 0 ? cpu / (qps * dt) : 0;
    recentWall = Math.max(recentWall, perQuery / Math.max(sc_, 1e-3));
  }
  if (frontendUp > 0) {
    const perFrontend = (arrivals * jobsPerQuery * C.FRONTEND_CPU_PER_JOB) / frontendUp;
    for (const i of cfg.frontends) {
      if ((inst[i * NI + I_UP] ?? 0) <= 0) continue;
      used[i] = (used[i] ?? 0) + perFrontend * (scale[i] ?? 1);
      extraMem[i] = (extraMem[i] ?? 0) + (qQueue / frontendUp) * 10_000;
    }
  }
  qQueue = Math.max(0, qQueue - served);
  const maxQueue = C.FRONTEND_MAX_OUTSTANDING * frontendUp;
  if (qQueue > maxQueue) {
    failedNow += (qQueue - maxQueue) / jobsPerQuery;
    qQueue = maxQueue;
  }
  failedNow = Math.min(failedNow, (g[G_Q_ISSUED] ?? 0) + arrivals - (g[G_Q_FAILED] ?? 0));
  g[G_Q_QUEUE] = qQueue;
  g[G_Q_ISSUED] = (g[G_Q_ISSUED] ?? 0) + arrivals;
  g[G_Q_FAILED] = (g[G_Q_FAILED] ?? 0) + Math.max(0, failedNow);
  g[G_F_QPS] = arrivals / dt;
  g[G_F_JOBS] = served / dt;
  const wasFailing = (g[G_Q_FAILING] ?? 0) > 0;
  g[G_Q_FAILING] = failedNow > 0 ? 1 : 0;
  if (failedNow > 0 && !wasFailing && qps > 0) {
    const why = !readPathUp
      ? 'no query-frontend or querier is up'
      : !recentOk
        ? cfg.kafka
          ? 'a partition has no live-store that is up and caught up (fail_on_high_lag)'
          : 'recent data is unavailable: an ingester replica set is below quorum'
        : 'the query-frontend queue is full (max_outstanding_per_tenant)';
    emit(s, 'grafana', 'queries-failing', `queries failing: ${why}`);
  }
  // Decay the live latency window, then add this step's completed queries.
  const decay = Math.exp(-dt / C.QUERY_WINDOW_S);
  for (let b = 0; b < LAT_BUCKETS; b++) s.latRecent[b] = (s.latRecent[b] ?? 0) * decay;
  const completed = readPathUp && recentOk ? Math.max(0, arrivals - failedNow) : 0;
  if (completed > 0 && slotsTotal > 0) {
    const serveRate = Math.max(served / dt, 1e-6);
    const wait = qQueue / serveRate;
    const parallel = Math.min(C.FRONTEND_CONCURRENT_JOBS, slotsTotal);
    const waves = Math.ceil(jobsPerQuery / parallel);
    const latencyS = wait + waves * (jobWall / Math.max(slowest, 1e-3)) + recentWall;
    s.rng = advance(s.rng);
    const ms = Math.max(LAT_MIN_MS, latencyS * 1000 * (1 + 0.1 * (2 * unitFloat(s.rng) - 1)));
    g[G_Q_LAST_LAT_MS] = ms;
    addLatency(s, ms, completed);
  } else {
    g[G_Q_LAST_LAT_MS] = 0;
  }

  // 12. Client queue overflow.
  const cap = Math.max(C.CLIENT_QUEUE_MIN_SPANS, C.CLIENT_QUEUE_SECONDS * load.spansPerSecond);
  let dropped = 0;
  if (queue > cap) {
    dropped = queue - cap;
    queue = cap;
    g[G_LOST] = (g[G_LOST] ?? 0) + dropped;
    g[G_TRACES_LOST] = (g[G_TRACES_LOST] ?? 0) + dropped / spt;
    if (!g[G_FLAG_DROP] && t - (g[G_LAST_DROP_EVENT] ?? 0) >= 30) {
      emit(
        s,
        'client',
        'spans-dropped',
        `clients dropping spans: their retry queue (${formatCount(cap)} spans) is full, ${formatCount(dropped / dt)} spans/s lost`,
      );
      g[G_LAST_DROP_EVENT] = t;
    }
    g[G_FLAG_DROP] = 1;
  } else g[G_FLAG_DROP] = 0;
  g[G_QUEUE] = queue;
  g[G_F_DROPPED] = dropped / dt;
  g[G_WRITTEN] = (g[G_WRITTEN] ?? 0) + written;

  // 13. Resources, lag, OOM kills.
  for (let i = 0; i < n; i++) {
    const o = i * NI;
    const phase = inst[o + I_PHASE] ?? 0;
    if (phase === PHASE_CRASHED) {
      inst[o + I_MEM] = 0;
      inst[o + I_CPU] = 0;
      continue;
    }
    const base = cfg.baseMem[i] ?? 0;
    const mem = base + (extraMem[i] ?? 0);
    const cpu =
      phase === PHASE_REPLAYING
        ? Math.min(cfg.cpuLimit[i] ?? 0, 1)
        : Math.min(cfg.cpuLimit[i] ?? 0, C.IDLE_CPU + (used[i] ?? 0) / dt);
    inst[o + I_MEM] = mem;
    inst[o + I_CPU] = cpu;
    inst[o + I_CPU_AVG] = ema(inst[o + I_CPU_AVG] ?? 0, cpu);
    if (mem > (inst[o + I_PEAK_MEM] ?? 0)) inst[o + I_PEAK_MEM] = mem;
    if (cpu > (inst[o + I_PEAK_CPU] ?? 0)) inst[o + I_PEAK_CPU] = cpu;
  }
  if (cfg.kafka) lagEvents(s);
  quorumEvent(s, failFrac);
  // Processes over their limit die together: none of them can hand its live traces to another.
  let victims = 0;
  for (let i = 0; i < n; i++) {
    const o = i * NI;
    if ((inst[o + I_PHASE] ?? 0) === PHASE_CRASHED) continue;
    if ((inst[o + I_MEM] ?? 0) > (cfg.memLimit[i] ?? 0)) {
      inst[o + I_UP] = 0;
      inst[o + I_PHASE] = PHASE_OOM_PENDING;
      victims++;
    }
  }
  if (victims > 0)
    for (let i = 0; i < n; i++)
      if ((inst[i * NI + I_PHASE] ?? 0) === PHASE_OOM_PENDING) crash(s, i, CAUSE_OOM);

  s.t = t + dt;
  s.steps++;
}

function ema(prev: number, x: number): number {
  return prev + C.RATE_EMA_ALPHA * (x - prev);
}

function addLatency(s: SimState, ms: number, count: number): void {
  const center = Math.round(Math.log2(ms / LAT_MIN_MS) * LAT_PER_DOUBLING);
  for (let j = -LAT_KERNEL_HALF; j <= LAT_KERNEL_HALF; j++) {
    const b = Math.min(LAT_BUCKETS - 1, Math.max(0, center + j));
    const w = (LAT_KERNEL[j + LAT_KERNEL_HALF] ?? 0) * count;
    s.latRecent[b] = (s.latRecent[b] ?? 0) + w;
    s.latAll[b] = (s.latAll[b] ?? 0) + w;
  }
}

/** Latency at quantile q of a histogram, ms (0 when empty). */
export function latencyQuantile(hist: Float64Array, q: number): number {
  let total = 0;
  for (let b = 0; b < hist.length; b++) total += hist[b] ?? 0;
  if (total <= 1e-9) return 0;
  const target = total * q;
  let acc = 0;
  for (let b = 0; b < hist.length; b++) {
    acc += hist[b] ?? 0;
    if (acc >= target) return LAT_MIN_MS * 2 ** (b / LAT_PER_DOUBLING);
  }
  return LAT_MIN_MS * 2 ** ((hist.length - 1) / LAT_PER_DOUBLING);
}

/** Lag in seconds of a Kafka consumer (live-store or block-builder). */
function lagSecondsOf(s: SimState, i: number): number {
  const o = i * NI;
  const bytes = s.inst[o + I_LAG_BYTES] ?? 0;
  if (bytes <= 1) return 0;
  const rate = s.inst[o + I_RATE_EMA] ?? 0;
  return bytes / Math.max(rate, 1);
}

/** Every partition has a live-store owner that is up and not lagging past the threshold. */
function partitionsServed(s: SimState): boolean {
  const cfg = s.cfg;
  for (let part = 0; part < cfg.partitions; part++) {
    let ok = false;
    for (let k = 0; k < cfg.stores.length; k++) {
      if ((cfg.livePartition[k] ?? -1) !== part) continue;
      const i = cfg.stores[k] ?? 0;
      if ((s.inst[i * NI + I_UP] ?? 0) > 0 && (s.inst[i * NI + I_LAG_S] ?? 0) <= C.LIVE_STORE_HIGH_LAG_S) {
        ok = true;
        break;
      }
    }
    if (!ok) return false;
  }
  return true;
}

function lagEvents(s: SimState): void {
  const cfg = s.cfg;
  const inst = s.inst;
  for (let k = 0; k < cfg.stores.length; k++) {
    const i = cfg.stores[k] ?? 0;
    const o = i * NI;
    const lag = lagSecondsOf(s, i);
    inst[o + I_LAG_S] = lag;
    const name = cfg.names[i] ?? '';
    const part = cfg.livePartition[k] ?? 0;
    if (lag > C.LIVE_STORE_HIGH_LAG_S && !inst[o + I_FLAG_LAG]) {
      inst[o + I_FLAG_LAG] = 1;
      emit(
        s,
        name,
        'lag',
        `${name} is ${formatSeconds(lag)} behind partition ${part}; recent queries on it fail (fail_on_high_lag), nothing is lost`,
      );
    } else if (lag <= C.LIVE_STORE_CAUGHT_UP_S && inst[o + I_FLAG_LAG]) {
      inst[o + I_FLAG_LAG] = 0;
      emit(s, name, 'caught-up', `${name} caught up with partition ${part}`);
    }
  }
  for (const i of cfg.blockBuilders) {
    const o = i * NI;
    const lag = lagSecondsOf(s, i);
    inst[o + I_LAG_S] = lag;
    const name = cfg.names[i] ?? '';
    const limit = C.BLOCK_BUILDER_CYCLE_S * C.BLOCK_BUILDER_LAG_CYCLES;
    if (lag > limit && !inst[o + I_FLAG_LAG]) {
      inst[o + I_FLAG_LAG] = 1;
      emit(
        s,
        name,
        'lag',
        `${name} is ${formatSeconds(lag)} behind its partitions: blocks reach object storage late, nothing is lost`,
      );
    } else if (lag <= C.BLOCK_BUILDER_CYCLE_S && inst[o + I_FLAG_LAG]) {
      inst[o + I_FLAG_LAG] = 0;
      emit(s, name, 'caught-up', `${name} caught up with its partitions`);
    }
  }
}

function quorumEvent(s: SimState, failFrac: number): void {
  const cfg = s.cfg;
  const g = s.g;
  if (!cfg.ring) return;
  if (failFrac > 1e-9 && !g[G_FLAG_QUORUM]) {
    g[G_FLAG_QUORUM] = 1;
    let down = 0;
    for (const i of cfg.stores) if ((s.inst[i * NI + I_UP] ?? 0) <= 0) down++;
    emit(
      s,
      'ring',
      'quorum-lost',
      `writes for ${formatCount(failFrac * 100)}% of trace IDs fail: ${down} of ${cfg.stores.length} ring members down and each write needs ${cfg.ring.quorum} of ${cfg.replicationFactor} replicas`,
    );
  } else if (failFrac <= 1e-9 && g[G_FLAG_QUORUM]) {
    g[G_FLAG_QUORUM] = 0;
    emit(s, 'ring', 'quorum-restored', 'every replica set has a write quorum again');
  }
}

function rateLimitEvent(s: SimState, d: number, want: number, limited: number): void {
  const inst = s.inst;
  const o = d * NI;
  const on = limited > 0.01 * Math.max(want, 1);
  if (on && !inst[o + I_FLAG_RL] && s.t - (inst[o + I_LAST_RL_EVENT] ?? 0) >= 60) {
    const name = s.cfg.names[d] ?? '';
    emit(
      s,
      name,
      'rate-limited',
      `${name} refuses ${formatCount(limited / C.DT)} spans/s over the ${formatRate(s.cfg.rateLimitBytes)} ingestion rate limit (RESOURCE_EXHAUSTED); clients retry`,
    );
    inst[o + I_LAST_RL_EVENT] = s.t;
  }
  inst[o + I_FLAG_RL] = on ? 1 : 0;
}

export { lagSecondsOf };
