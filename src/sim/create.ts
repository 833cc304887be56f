/**
 * From a scenario to the first state: which instance plays which Tempo role, the ring, the Kafka
 * partitions and who consumes them, limits. Everything here is fixed for the run (`SimConfig`).
 */
import type { ProcessKind } from '../model/catalog';
import { defaultRateLimit, partitionAssignment, tenantLimits } from '../model/limits';
import { blockTimings, kafkaRetentionHours, volumeBytes } from '../model/recovery';
import { liveStoreZones, type Scenario, scenarioInstances } from '../model/scenario';
import * as C from './calibration';
import { cohortsFor, mergeCohorts, newCohortState } from './cohorts';
import { refreshRing } from './ingesters';
import { LAT_BUCKETS } from './latency';
import { FAILING_BECAUSE } from './queries';
import { buildRing } from './ring';
import { emptyState, PHASE_RUNNING, type SimConfig, type SimState, type StoreParams } from './state';
import { startSteady } from './steady';
import { newScratch, newTick } from './tick';

export interface CreateOptions {
  /** Let identical replicas run as one (cohorts.ts); off only to check that it changes nothing. */
  cohorts?: boolean;
}

export function createSimulation(scenario: Scenario, options: CreateOptions = {}): SimState {
  const cfg = buildConfig(scenario, options.cohorts !== false);
  const s = emptyState(cfg, scenario.load, LAT_BUCKETS, FAILING_BECAUSE.length, newCohortState(cfg));
  for (let i = 0; i < cfg.n; i++) {
    s.proc.up[i] = 1;
    s.proc.phase[i] = PHASE_RUNNING;
    s.proc.mem[i] = cfg.baseMem[i]!;
    s.proc.peakMem[i] = cfg.baseMem[i]!;
    s.dist.tokens[i] = Math.max(cfg.burstBytes, cfg.rateLimitBytes * C.DT);
    s.dist.lastLimitEvent[i] = Number.NEGATIVE_INFINITY;
  }
  if (cfg.ring) refreshRing(s);
  if (scenario.settings.start === 'steady') startSteady(s);
  mergeCohorts(s);
  return s;
}

/** Who does what in this scenario. */
function roles(scenario: Scenario, kinds: ProcessKind[]) {
  const { tempoVersion: version, mode } = scenario;
  const of = (kind: ProcessKind) => kinds.flatMap((k, i) => (k === kind ? [i] : []));
  const single = mode !== 'microservices';
  const tempo = of('tempo');
  const kafka = !single && version === '3.0';
  let compactors: number[];
  let scheduler = -1;
  if (single) compactors = tempo;
  else if (version === '2.10' && scenario.settings.compaction === 'compactor') compactors = of('compactor');
  else {
    compactors = of('backend-worker');
    scheduler = of('backend-scheduler')[0] ?? -2;
  }
  const metricsGenerators = single
    ? scenario.settings.metricsGenerator
      ? tempo
      : []
    : of('metrics-generator');
  return {
    kafka,
    distributors: single ? tempo : of('distributor'),
    stores: single ? tempo : version === '2.10' ? of('ingester') : of('live-store'),
    queriers: single ? tempo : of('querier'),
    frontends: single ? tempo : of('query-frontend'),
    blockBuilders: of('block-builder'),
    compactors,
    scheduler,
    metricsGenerators,
    ringed: version === '2.10' && mode !== 'monolithic',
  };
}

/**
 * Live-stores per partition and zone, and the partitions each block-builder owns, as Tempo assigns them
 * (model/limits.ts `partitionAssignment`): only partitions a live-store owns are in the ring and
 * written to; a block-builder consumes its assigned partitions that are.
 */
function partitioning(kafka: boolean, scenario: Scenario, stores: number, builders: number) {
  const partitions = scenario.settings.kafkaPartitions;
  const zones = kafka ? liveStoreZones(scenario) : 1;
  const livePartition = new Int32Array(stores).fill(-1);
  const storeZone = new Int32Array(stores);
  if (kafka)
    for (let k = 0; k < stores; k++) {
      livePartition[k] = k % partitions;
      storeZone[k] = k < partitions * zones ? Math.floor(k / partitions) : 0;
    }
  const partitionStart = new Int32Array(partitions + 1);
  for (let k = 0; k < stores; k++) if (livePartition[k]! >= 0) partitionStart[livePartition[k]! + 1]!++;
  for (let p = 0; p < partitions; p++) partitionStart[p + 1] = partitionStart[p + 1]! + partitionStart[p]!;
  const partitionStores = new Int32Array(partitionStart[partitions]!);
  const fill = partitionStart.slice(0, partitions);
  for (let k = 0; k < stores; k++) {
    const p = livePartition[k]!;
    if (p >= 0) partitionStores[fill[p]!++] = k;
  }
  const builderPartitions = new Float64Array(builders);
  let activePartitions = partitions;
  let unownedPartitions: number[] = [];
  if (kafka) {
    const a = partitionAssignment(scenario);
    a.builders.forEach((list, k) => {
      if (k < builders) builderPartitions[k] = list.length;
    });
    activePartitions = a.active.length;
    unownedPartitions = a.unowned;
  }
  return {
    livePartition,
    storeZone,
    zones,
    partitionStart,
    partitionStores,
    builderPartitions,
    activePartitions,
    unownedPartitions,
  };
}

function partitionsRead(
  n: number,
  kafka: boolean,
  stores: number[],
  builders: number[],
  generators: number[],
  scenario: Scenario,
) {
  const read = new Float64Array(n);
  if (!kafka) return read;
  const p = partitioning(kafka, scenario, stores.length, builders.length);
  // The consumer group "metrics-generator" spreads the partitions evenly over its members; only the
  // active ones (those a live-store owns) are written to.
  for (const i of generators) read[i] = Math.max(1, p.activePartitions) / generators.length;
  stores.forEach((i, k) => {
    read[i] = p.livePartition[k]! >= 0 ? 1 : 0;
  });
  builders.forEach((i, k) => {
    read[i] = p.builderPartitions[k]!;
  });
  return read;
}

function forwardCopies(kafka: boolean, ringWidth: number, members: number, mode: Scenario['mode']): number {
  if (kafka) return 1;
  if (mode === 'monolithic' || members === 0) return 0;
  // SSB: one of the copies may land on the replica that received the push, in process.
  return mode === 'scalable-single-binary' ? (ringWidth * (members - 1)) / members : ringWidth;
}

/** max_traces_per_user and max_bytes_per_trace (0 disables either, as in Tempo), the search windows. */
function perTenant(scenario: Scenario) {
  const l = tenantLimits(scenario);
  return {
    maxLiveTraces: l.maxTracesPerUser > 0 ? l.maxTracesPerUser : Number.POSITIVE_INFINITY,
    maxBytesPerTrace: l.maxBytesPerTrace > 0 ? l.maxBytesPerTrace : Number.POSITIVE_INFINITY,
    queryBackendAfterS: l.queryBackendAfterSeconds,
    queryIngestersUntilS: l.queryIngestersUntilSeconds,
  };
}

function buildConfig(scenario: Scenario, cohorts: boolean): SimConfig {
  const version = scenario.tempoVersion;
  const list = scenarioInstances(scenario);
  const n = list.length;
  const names = list.map((x) => x.name);
  const kinds = list.map((x) => x.kind);
  const r = roles(scenario, kinds);
  const rf = scenario.settings.replicationFactor;
  const ring = r.ringed
    ? buildRing(
        r.stores.map((i) => names[i]!),
        rf,
        scenario.seed,
      )
    : null;
  const partitions = scenario.settings.kafkaPartitions;
  const storePos = new Int32Array(n).fill(-1);
  r.stores.forEach((i, k) => {
    storePos[i] = k;
  });
  const limits = defaultRateLimit(version);
  const int32 = (a: number[]) => Int32Array.from(a);
  const replicated = [r.distributors, r.queriers, r.frontends, r.compactors, r.metricsGenerators].map(int32);
  const single = [r.stores, r.blockBuilders, r.scheduler >= 0 ? [r.scheduler] : []].map(int32);
  return {
    scenario,
    version,
    mode: scenario.mode,
    n,
    names,
    kinds,
    cpuLimit: Float64Array.from(list.map((x) => x.config.cpu)),
    memLimit: Float64Array.from(list.map((x) => x.config.memoryBytes)),
    baseMem: Float64Array.from(list.map((x) => C.BASE_MEMORY[x.kind] ?? 150 * C.MiB)),
    volume: Float64Array.from(list.map((x) => volumeBytes(scenario, x.kind))),
    kafkaRetentionS: kafkaRetentionHours(scenario.settings) * 3600,
    retentionS: scenario.settings.retentionHours * 3600,
    distributors: int32(r.distributors),
    stores: int32(r.stores),
    storeKind: r.kafka ? 'live-store-consumer' : 'ingester',
    storeParams: storeParams(scenario),
    storesFlush: !r.kafka,
    blockBuilders: int32(r.blockBuilders),
    queriers: int32(r.queriers),
    frontends: int32(r.frontends),
    compactors: int32(r.compactors),
    scheduler: r.scheduler,
    compactionDisabled: scenario.settings.compactionDisabled === true,
    metricsGenerators: int32(r.metricsGenerators),
    cohorts: cohortsFor(n, cohorts && scenario.mode === 'microservices', replicated, single),
    ring,
    replicationFactor: rf,
    forwardCopies: forwardCopies(r.kafka, ring ? ring.width : 0, r.stores.length, scenario.mode),
    replicaCopies: ring ? Math.max(1, ring.width) : 1,
    keepMemo: { tracesPerSecond: -1, keep: 1 },
    kafka: r.kafka,
    partitions,
    ...partitioning(r.kafka, scenario, r.stores.length, r.blockBuilders.length),
    partitionsRead: partitionsRead(n, r.kafka, r.stores, r.blockBuilders, r.metricsGenerators, scenario),
    rateLimitBytes: scenario.settings.rateLimitBytes ?? limits.rateLimitBytes,
    burstBytes: scenario.settings.burstSizeBytes ?? limits.burstSizeBytes,
    ...perTenant(scenario),
    scheduled: scenario.events.map((e) => ({ ...e })).sort((a, b) => a.at - b.at),
    index: new Map(names.map((name, i) => [name, i])),
    storePos,
    scratch: newScratch(n, r.stores.length),
    tick: newTick(),
    traceShape: null,
  };
}

/** The block cycle's settings: the version's defaults, with the scenario's max_block_duration and
 * complete_block_timeout. */
function storeParams(scenario: Scenario): StoreParams {
  const t = blockTimings(scenario);
  return {
    ...(scenario.tempoVersion === '2.10' ? C.INGESTER_2_10 : C.LIVE_STORE_3_0),
    maxBlockSeconds: t.maxBlockDurationSeconds,
    completeBlockTimeoutS: t.completeBlockTimeoutSeconds,
  };
}
