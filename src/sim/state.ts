/**
 * The simulation's state: plain data, one typed array per field, grouped by the Tempo part that owns
 * it and indexed by instance (`proc.mem[i]`, `store.headBytes[i]`, `consumer.lagBytes[i]`). `SimConfig`
 * is fixed for one scenario and shared by every state of a run; `Tick` and the per-step buffers hold
 * what one step hands from one component to the next and mean nothing between steps.
 */
import type { DeploymentMode, ProcessKind, TempoVersion } from '../model/catalog';
import type { Load, Scenario, ScheduledEvent } from '../model/scenario';
import { type CohortConfig, type CohortState, copyCohortState } from './cohorts';
import { copyFields, type Fields, fields } from './fields';
import { type Globals, newGlobals } from './globals';
import type { RingSets } from './ring';
import type { Scratch, Tick } from './tick';
import type { TraceShape } from './traces';
import type { SimEvent } from './types';

/** Phases of a process. */
export const PHASE_RUNNING = 0;
export const PHASE_CRASHED = 1;
export const PHASE_REPLAYING = 2;
/** Marked for an OOM kill within the current step. */
export const PHASE_OOM_PENDING = 3;
/** Why it went down. */
export const CAUSE_OOM = 1;
export const CAUSE_KILLED = 2;

/** What kind of store the ingest path ends in. */
export type StoreKind = 'ingester' | 'live-store-consumer';

export interface StoreParams {
  traceIdleSeconds: number;
  traceLiveSeconds: number;
  cutPeriodSeconds: number;
  maxLiveBytes: number;
  maxBlockSeconds: number;
  maxBlockBytes: number;
  completeBlockTimeoutS: number;
}

/** Every process: life cycle and resources (resources.ts, failures.ts). */
const PROC = [
  'up',
  'phase',
  'cause',
  'downSince',
  'downUntil',
  'readyAt',
  'streak',
  'lastReady',
  'replayBytes',
  'oomKills',
  'restarts',
  'kills',
  'mem',
  'cpu',
  'cpuAvg',
  'peakMem',
  'peakCpu',
  /** Spans per second into and out of the process (stores and block-builders). */
  'spansIn',
  'spansOut',
] as const;
/** Processes that hold live traces: 2.10 ingesters and single binaries, 3.0 live-stores (ingesters.ts). */
const STORE = [
  'liveBytes',
  /** Unique spans held only in memory (not yet in a WAL), for accounting. */
  'liveUniq',
  'headBytes',
  'headAge',
  'completeBytes',
  /** Complete blocks whose flush failed (object storage down): on the volume, retried, not in heap. */
  'parkedBytes',
  'completeBlocks',
  /** Flushed blocks kept for recent queries until complete_block_timeout. */
  'retainedBytes',
  /** 2.x ring routing: copies received, unique share, share another live replica holds. */
  'recv',
  'uniq',
  'shared',
  /** CPU of this step's recent-data scans for queries. */
  'queryCpu',
  /** The data volume: bytes on it now (WAL, head and complete blocks, blocks kept until
   * complete_block_timeout), the most it held, 1 while full, spans lost to a full volume. */
  'diskBytes',
  'peakDiskBytes',
  'diskFull',
  'diskLostSpans',
] as const;
/** 3.0 Kafka consumers: live-stores and block-builders (kafka.ts). */
const CONSUMER = [
  'lagBytes',
  'lagSeconds',
  'lagging',
  /** Bytes Kafka deleted (retention) before this consumer read them, and 1 while that happens. */
  'expiredBytes',
  'expiring',
] as const;
/** Distributors (distributors.ts). */
const DIST = [
  'tokens',
  'offered',
  'accepted',
  'refused',
  'rateLimited',
  'limiting',
  'lastLimitEvent',
] as const;
/** Block-builders' consume cycle (blockBuilders.ts): 0 idle, 1 consuming, 2 writing. */
const BUILDER = ['cycle', 'target', 'nextCycleAt', 'buffer', 'cycleStart'] as const;
/** Queriers and compaction (queries.ts, compaction.ts). */
const WORK = ['jobs', 'activeJobs', 'compactBytes'] as const;

export type ProcFields = Fields<(typeof PROC)[number]>;
export type StoreFields = Fields<(typeof STORE)[number]>;
export type ConsumerFields = Fields<(typeof CONSUMER)[number]>;
export type DistFields = Fields<(typeof DIST)[number]>;
export type BuilderFields = Fields<(typeof BUILDER)[number]>;
export type WorkFields = Fields<(typeof WORK)[number]>;

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
  /** Data volume of each instance in bytes (`volumeBytes` of the scenario; 0 for stateless kinds). */
  volume: Float64Array;
  /** block_retention in seconds: blocks older than this are deleted from object storage. */
  retentionS: number;
  /** Kafka retention in seconds (3.0): records older than this are gone. */
  kafkaRetentionS: number;
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
  /** overrides compaction_disabled: nothing compacts (a migration's parallel deployment). */
  compactionDisabled: boolean;
  /** The backend-scheduler every compaction waits for, -1 for none, -2 when it is missing. */
  scheduler: number;
  metricsGenerators: Int32Array;
  /** Replicas that may run as one (cohorts.ts). */
  cohorts: CohortConfig;
  /** The 2.x ring over `stores` (microservices ingesters or SSB replicas); null when writes stay local. */
  ring: RingSets | null;
  replicationFactor: number;
  /** Copies of each span a distributor sends over the network: RF to ingesters on other pods, one Kafka
   * produce in 3.0, none in a monolith. */
  forwardCopies: number;
  /** Replicas of each trace written to object storage: RF of the 2.x ring, 1 otherwise. */
  replicaCopies: number;
  /** Memo of `compactionKeep` (compaction.ts) for the trace rate it was computed at. */
  keepMemo: { tracesPerSecond: number; keep: number };
  kafka: boolean;
  partitions: number;
  /** Partition consumed by each live-store (index into stores), -1 for none. */
  livePartition: Int32Array;
  /** Live-store zones, and the zone of each live-store (index into stores): partition p of zone z is
   * live-store z x partitions + p. */
  zones: number;
  storeZone: Int32Array;
  /** Live-stores (indices into stores) per partition: `partitionStores[partitionStart[p] .. partitionStart[p + 1]]`. */
  partitionStart: Int32Array;
  partitionStores: Int32Array;
  /** Partitions each block-builder owns (index into blockBuilders): assigned and in the ring. */
  builderPartitions: Float64Array;
  /** Partitions in the ring (a live-store owns them): the only ones distributors write to. */
  activePartitions: number;
  /** Active partitions no block-builder consumes: their spans never reach object storage. */
  unownedPartitions: number[];
  /** Partitions each instance reads (by instance): 1 for a live-store with one, a block-builder's
   * partitions, 0 for the rest. */
  partitionsRead: Float64Array;
  rateLimitBytes: number;
  burstBytes: number;
  /** Per-tenant limits (model/limits.ts `tenantLimits`); a disabled one (0 in Tempo) is Infinity. */
  maxLiveTraces: number;
  maxBytesPerTrace: number;
  queryBackendAfterS: number;
  queryIngestersUntilS: number;
  scheduled: ScheduledEvent[];
  /** Instance index by name. */
  index: ReadonlyMap<string, number>;
  /** Position of an instance inside `stores`, -1 if not a store. */
  storePos: Int32Array;
  scratch: Scratch;
  tick: Tick;
  /** Memo of the trace shape for the last load seen (traces.ts): derived, never state. */
  traceShape: TraceShape | null;
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
  proc: ProcFields;
  store: StoreFields;
  consumer: ConsumerFields;
  dist: DistFields;
  builder: BuilderFields;
  work: WorkFields;
  /** Every per-instance field above, for whole-state copies and checks. */
  fieldList: Float64Array[];
  /** Which replicas run as one (cohorts.ts). */
  co: CohortState;
  g: Globals;
  /** Recent query latencies: decaying histogram over log buckets. */
  latRecent: Float64Array;
  /** All query latencies since start. */
  latAll: Float64Array;
  /** When each reason queries fail for (queries.ts) was last put in the event log. */
  failingReportedAt: Float64Array;
  /** Next scheduled event to fire (index into cfg.scheduled). */
  nextScheduled: number;
  /** Event log, oldest first, at most MAX_EVENTS (older ones are dropped; `eventsDropped` counts them). */
  events: SimEvent[];
  eventsDropped: number;
  /** True when `events` is shared with another state and must be copied before appending. */
  eventsShared: boolean;
}

/**
 * A state at time 0 with every field zero (creation fills in the rest); `failingReasons` is how many
 * reasons queries can fail for (queries.ts).
 */
export function emptyState(
  cfg: SimConfig,
  load: Load,
  latBuckets: number,
  failingReasons: number,
  co: CohortState,
): SimState {
  const n = cfg.n;
  const groups = {
    proc: fields(PROC, n),
    store: fields(STORE, n),
    consumer: fields(CONSUMER, n),
    dist: fields(DIST, n),
    builder: fields(BUILDER, n),
    work: fields(WORK, n),
  };
  return {
    cfg,
    t: 0,
    steps: 0,
    rng: cfg.scenario.seed >>> 0,
    load: ownLoad(load),
    ...groups,
    fieldList: fieldsOf(groups),
    co,
    g: newGlobals(),
    latRecent: new Float64Array(latBuckets),
    latAll: new Float64Array(latBuckets),
    failingReportedAt: new Float64Array(failingReasons).fill(Number.NEGATIVE_INFINITY),
    nextScheduled: 0,
    events: [],
    eventsDropped: 0,
    eventsShared: false,
  };
}

/** A copy that shares nothing mutable with `s` (cfg is immutable and shared; the event log is copied on write). */
export function cloneState(s: SimState): SimState {
  // Both now share the event log: whichever appends first copies it (events.ts).
  s.eventsShared = true;
  const groups = {
    proc: copyFields(s.proc),
    store: copyFields(s.store),
    consumer: copyFields(s.consumer),
    dist: copyFields(s.dist),
    builder: copyFields(s.builder),
    work: copyFields(s.work),
  };
  return {
    cfg: s.cfg,
    t: s.t,
    steps: s.steps,
    rng: s.rng,
    load: ownLoad(s.load),
    ...groups,
    fieldList: fieldsOf(groups),
    co: copyCohortState(s.co),
    g: Object.assign(newGlobals(), s.g),
    latRecent: s.latRecent.slice(),
    latAll: s.latAll.slice(),
    failingReportedAt: s.failingReportedAt.slice(),
    nextScheduled: s.nextScheduled,
    events: s.events,
    eventsDropped: s.eventsDropped,
    eventsShared: true,
  };
}

/** A copy of the load with one fixed shape, so the step's property reads stay monomorphic. */
export function ownLoad(l: Load): Load {
  return {
    spansPerSecond: l.spansPerSecond,
    spanSizeBytes: l.spanSizeBytes,
    spansPerTrace: l.spansPerTrace,
    queriesPerSecond: l.queriesPerSecond,
    queryRangeMinutes: l.queryRangeMinutes,
    traceSizeSigma: l.traceSizeSigma ?? 0,
  };
}

type Groups = Pick<SimState, 'proc' | 'store' | 'consumer' | 'dist' | 'builder' | 'work'>;

function fieldsOf(g: Groups): Float64Array[] {
  return [g.proc, g.store, g.consumer, g.dist, g.builder, g.work].flatMap((group) => Object.values(group));
}

/** Every per-instance figure of a state, for checks that walk them all. */
export function allFields(s: SimState): Float64Array[] {
  return s.fieldList.slice();
}
