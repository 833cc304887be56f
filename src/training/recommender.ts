/**
 * The decision guide as a function: a few answers about throughput, availability, the team and the
 * Tempo version in, a deployment mode, the reasons for it and a sized scenario out.
 *
 * Replica counts follow the published sizing quoted in shared/tempo-reference.md ("Size the
 * cluster"); where the guide gives a range (3-5 MB/s per ingester) the middle is used. Every rule
 * lives in `SIZING` / `THRESHOLDS` so the tests and the UI can quote the same figures.
 */
import { type DeploymentMode, GiB, type ProcessKind, type TempoVersion } from '../model/catalog';
import {
  defaultRateLimit,
  raisedMaxTraces,
  liveTracesPerStore as raisedMaxTracesNeed,
} from '../model/limits';
import {
  type ComponentConfig,
  createScenario,
  defaultComponentConfig,
  LIMITS,
  processKinds,
  type Scenario,
  ZONE_NAMES,
} from '../model/scenario';

export type OpsMaturity = 'low' | 'medium' | 'high';

export interface RecommenderAnswers {
  /** Bytes of spans received per second, in MB/s (1 MB = 1,000,000 bytes). */
  throughputMBps?: number;
  /** Alternative to throughputMBps: spans per second, with spanSizeBytes. */
  spansPerSecond?: number;
  /** Average span size in bytes; 500 when not given. */
  spanSizeBytes?: number;
  /** Must the cluster keep accepting and storing spans when one pod dies? */
  highAvailability: boolean;
  /** low: no Kubernetes routine; medium: runs Kubernetes well; high: also runs Kafka or similar. */
  opsMaturity: OpsMaturity;
  tempoVersion: TempoVersion | 'either';
  /** Already operates Kafka (or a Kafka-compatible service). Unknown: assumed when ops is high. */
  hasKafka?: boolean;
}

/** A sized line: process kinds, plus the Kafka partition count on 3.0 microservices. */
export type SizedComponent = ProcessKind | 'kafka-partitions';

export interface SizingRow {
  component: SizedComponent;
  replicas: number;
  /** Per replica; absent for Kafka partitions. */
  cpu?: number;
  memoryBytes?: number;
  why: string;
}

export interface Recommendation {
  tempoVersion: TempoVersion;
  mode: DeploymentMode;
  /** Throughput the scenario is sized for, MB/s. */
  throughputMBps: number;
  /** Why this mode, and why not each of the others, in plain words. */
  reasons: string[];
  /** Things to plan for with this choice (Kafka to run, a migration ahead, limits raised). */
  notes: string[];
  scenario: Scenario;
  sizing: SizingRow[];
  /**
   * Set when the published sizing needs more than one cluster holds (more than LIMITS.replicas.max
   * replicas of a kind, or more partitions than live-stores can cover): the scenario is then not one
   * to open, and this says why.
   */
  beyondOneCluster?: string;
}

/** Published sizing (MB/s of received spans per replica) and the point used inside each range. */
export const SIZING = {
  /** Distributor: 1 per 10 MB/s. */
  distributorMBps: 10,
  /** Ingester (2.x, RF=3): 1 per 3-5 MB/s; the middle. */
  ingesterMBps: 4,
  /** Live-store (3.0): 1 per 6-10 MB/s; the middle. One partition per live-store per zone. */
  liveStoreMBps: 8,
  /** Querier: 1 per 1-2 MB/s; the middle. */
  querierMBps: 1.5,
  /** Compactor (2.x): 1 per 3-5 MB/s; the middle. */
  compactorMBps: 4,
  /**
   * Backend-worker (3.0): the guide gives no rate. The compactor figure counts three copies of every
   * block (RF=3); 3.0 block-builders write one, so a worker covers about three times as much.
   */
  backendWorkerMBps: 12,
  /** Query-frontend: 2 for high availability. */
  queryFrontendHa: 2,
  /** Backend-scheduler: exactly 1. */
  backendScheduler: 1,
  /** Replication factor the ingester sizing assumes (and the charts ship). */
  replicationFactor: 3,
} as const;

export const THRESHOLDS = {
  /** A single process fits under about 25-35 MB/s; the low end, so a spike still fits. */
  monolithMaxMBps: 25,
  /** Up to here a monolith gets 2 CPU / 4 GiB; above, 4 CPU / 8 GiB. */
  monolithSmallMBps: 10,
  /** Largest 2.10 cluster recommended as scalable single binary, by ops maturity. */
  ssbMaxMBps: { low: 100, medium: 50, high: 0 } as Record<OpsMaturity, number>,
  /** Raise the ingestion rate limit when a distributor's share needs more than this part of it. */
  rateLimitUse: 2 / 3,
} as const;

const MB = 1_000_000;
const DEFAULT_SPAN_SIZE = 500;

const ceil = (x: number) => Math.max(1, Math.ceil(x - 1e-9));
const mb = (x: number) => `${Number.isInteger(x) ? x : x.toFixed(1)} MB/s`;

/** Throughput in MB/s from the answers; 0 when nothing usable was given. */
export function answeredThroughput(a: RecommenderAnswers): number {
  const direct = a.throughputMBps;
  if (direct !== undefined && Number.isFinite(direct)) return Math.max(0, direct);
  const spans = a.spansPerSecond;
  const size = a.spanSizeBytes ?? DEFAULT_SPAN_SIZE;
  if (spans !== undefined && Number.isFinite(spans) && Number.isFinite(size))
    return Math.max(0, (spans * size) / MB);
  return 0;
}

export interface SizeOptions {
  highAvailability: boolean;
  spanSizeBytes?: number;
  /** 3.0 live-store zones; absent: 2 with high availability, else 1. */
  zones?: number;
}

/**
 * A scenario of `version` x `mode` sized for `throughputMBps` by the published sizing, with the
 * load set to that throughput. Used by the recommender and the migration view.
 */
export function sizeScenario(
  version: TempoVersion,
  mode: DeploymentMode,
  throughputMBps: number,
  options: SizeOptions,
): { scenario: Scenario; sizing: SizingRow[]; notes: string[]; beyondOneCluster?: string } {
  const T = Math.max(0, Number.isFinite(throughputMBps) ? throughputMBps : 0);
  const ha = options.highAvailability;
  const spanSize = clampSpanSize(options.spanSizeBytes ?? DEFAULT_SPAN_SIZE);
  const base = createScenario(version, mode);
  const settings = { ...base.settings };
  const sizing: SizingRow[] = [];
  const notes: string[] = [];
  const components: Scenario['components'] = {};
  const over: string[] = [];
  const put = (kind: ProcessKind, wanted: number, why: string, resources?: Partial<ComponentConfig>) => {
    // Valid by construction: never more replicas than the schema holds; say what did not fit.
    const replicas = Math.min(LIMITS.replicas.max, wanted);
    if (wanted > replicas) over.push(`${wanted} ${kind}s`);
    const c: ComponentConfig = { ...defaultComponentConfig(version, kind), ...resources, replicas };
    components[kind] = c;
    sizing.push({ component: kind, replicas, cpu: c.cpu, memoryBytes: c.memoryBytes, why });
  };
  let distributors = 1;

  if (mode === 'monolithic') {
    const small = T <= THRESHOLDS.monolithSmallMBps;
    put(
      'tempo',
      1,
      small
        ? `One process; at ${mb(T)} 2 CPU and 4 GiB leave room for queries and compaction.`
        : `One process; above ${mb(THRESHOLDS.monolithSmallMBps)} give it 4 CPU and 8 GiB, since ingest, queries and compaction share them.`,
      small ? { cpu: 2, memoryBytes: 4 * GiB } : { cpu: 4, memoryBytes: 8 * GiB },
    );
    settings.replicationFactor = 1;
  } else if (mode === 'scalable-single-binary') {
    const rf = ha ? SIZING.replicationFactor : 1;
    // Each replica runs an ingester; the ingester rule assumes RF=3, so scale it by the copies kept.
    const byIngest = ceil((T * rf) / (SIZING.ingesterMBps * SIZING.replicationFactor));
    const replicas = Math.max(ha ? 3 : 2, byIngest);
    settings.replicationFactor = rf;
    distributors = Math.min(LIMITS.replicas.max, replicas);
    put(
      'tempo',
      replicas,
      `Every replica runs an ingester, so the ingester rule sets the count: about 1 per ${mb(
        (SIZING.ingesterMBps * SIZING.replicationFactor) / rf,
      )} with RF=${rf}${ha ? ', and at least 3 so RF=3 has three owners' : ', and at least 2'}. 4 CPU and 8 GiB each, as all modules share them.`,
      { cpu: 4, memoryBytes: 8 * GiB },
    );
  } else if (version === '2.10') {
    settings.replicationFactor = SIZING.replicationFactor;
    settings.compaction = 'compactor';
    distributors = Math.min(LIMITS.replicas.max, Math.max(ha ? 2 : 1, ceil(T / SIZING.distributorMBps)));
    put(
      'distributor',
      distributors,
      `1 per ${mb(SIZING.distributorMBps)} received${ha ? ', at least 2' : ''}.`,
    );
    put(
      'ingester',
      Math.max(SIZING.replicationFactor, ceil(T / SIZING.ingesterMBps)),
      `1 per ${mb(SIZING.ingesterMBps)} (the guide says 3-5) with RF=3, and at least 3 so every trace has three owners.`,
    );
    put(
      'query-frontend',
      ha ? SIZING.queryFrontendHa : 1,
      ha ? '2 so queries survive losing one.' : '1 is enough without HA.',
    );
    put(
      'querier',
      Math.max(ha ? 2 : 1, ceil(T / SIZING.querierMBps)),
      `1 per ${mb(SIZING.querierMBps)} received (the guide says 1-2).`,
    );
    put(
      'compactor',
      ceil(T / SIZING.compactorMBps),
      `1 per ${mb(SIZING.compactorMBps)} (the guide says 3-5).`,
    );
  } else {
    const zones = Math.max(1, Math.min(ZONE_NAMES.length, Math.round(options.zones ?? (ha ? 2 : 1))));
    // Live-stores are partitions x zones, each reading one partition: the partitions are bounded so
    // that every zone holds one live-store per partition within the replica limit.
    const wantedPartitions = Math.max(3, ceil(T / SIZING.liveStoreMBps));
    const maxPartitions = Math.min(LIMITS.kafkaPartitions.max, Math.floor(LIMITS.replicas.max / zones));
    const partitions = Math.min(maxPartitions, wantedPartitions);
    if (wantedPartitions > partitions)
      over.push(`${wantedPartitions} partitions (x ${zones} zone${zones === 1 ? '' : 's'} of live-stores)`);
    settings.kafkaPartitions = partitions;
    distributors = Math.min(LIMITS.replicas.max, Math.max(ha ? 2 : 1, ceil(T / SIZING.distributorMBps)));
    sizing.push({
      component: 'kafka-partitions',
      replicas: partitions,
      why: `One partition per ${mb(SIZING.liveStoreMBps)} (what one live-store consumes, the guide says 6-10), at least 3.`,
    });
    put(
      'distributor',
      distributors,
      `1 per ${mb(SIZING.distributorMBps)} received${ha ? ', at least 2' : ''}.`,
    );
    put(
      'block-builder',
      partitions,
      'Exactly one per partition: Tempo assigns each partition to one block-builder.',
    );
    put(
      'live-store',
      partitions * zones,
      zones > 1
        ? `One per partition in each of ${zones} zones (partitions x zones), so recent data stays queryable when a pod dies.`
        : 'One per partition.',
    );
    put(
      'query-frontend',
      ha ? SIZING.queryFrontendHa : 1,
      ha ? '2 so queries survive losing one.' : '1 is enough without HA.',
    );
    put(
      'querier',
      Math.max(ha ? 2 : 1, ceil(T / SIZING.querierMBps)),
      `1 per ${mb(SIZING.querierMBps)} received (the guide says 1-2).`,
    );
    put('backend-scheduler', SIZING.backendScheduler, 'Exactly one: it hands out compaction jobs.');
    put(
      'backend-worker',
      Math.max(ha ? 2 : 1, ceil(T / SIZING.backendWorkerMBps)),
      `About 1 per ${mb(SIZING.backendWorkerMBps)}: they compact one copy of each block, not three as 2.x compactors do.`,
    );
  }

  const raised = raisedRateLimit(version, T, distributors);
  if (raised) {
    settings.rateLimitBytes = raised.limitBytes;
    settings.burstSizeBytes = raised.limitBytes;
    notes.push(raised.note);
  }

  const spansPerSecond = Math.min(LIMITS.spansPerSecond.max, Math.round((T * MB) / spanSize));
  const scenario: Scenario = {
    ...base,
    name: `Recommended: Tempo ${version} ${mode} for ${mb(T)}`,
    settings,
    components,
    load: { ...base.load, spansPerSecond, spanSizeBytes: spanSize },
  };
  // Keep only the kinds this version x mode runs (normalizeScenario would add defaults, not remove).
  const kinds = new Set(processKinds(version, mode, settings));
  for (const k of Object.keys(components) as ProcessKind[]) if (!kinds.has(k)) delete components[k];
  const maxTraces = raisedMaxTraces(scenario, 1.5);
  if (maxTraces !== null) {
    settings.limits = { ...settings.limits, maxTracesPerUser: maxTraces };
    notes.push(
      `Raise overrides.defaults.ingestion.max_traces_per_user to ${maxTraces.toLocaleString('en-US')}: each ${version === '2.10' ? 'ingester' : 'live-store'} holds about ${Math.round(raisedMaxTracesNeed(scenario)).toLocaleString('en-US')} live traces at this load, and past the default 10,000 it discards spans (LIVE_TRACES_EXCEEDED).`,
    );
  }
  const beyondOneCluster =
    over.length > 0
      ? `At ${mb(T)} the published sizing needs ${over.join(', ')}: more than one cluster here holds (${LIMITS.replicas.max} replicas of a kind, ${LIMITS.kafkaPartitions.max} partitions). Split the load over several clusters, or size it with the capacity planner.`
      : undefined;
  return { scenario, sizing, notes, beyondOneCluster };
}

/**
 * Each distributor applies the per-tenant ingestion limit to its own share (rate_strategy local).
 * When that share needs more than two thirds of the version's default, a raised limit and why.
 */
export function raisedRateLimit(
  version: TempoVersion,
  throughputMBps: number,
  distributors: number,
): { limitBytes: number; note: string } | null {
  const defaults = defaultRateLimit(version);
  const share = (Math.max(0, throughputMBps) * MB) / Math.max(1, distributors);
  if (share <= defaults.rateLimitBytes * THRESHOLDS.rateLimitUse) return null;
  const limitBytes = Math.ceil((share * 1.5) / (5 * MB)) * 5 * MB;
  return {
    limitBytes,
    note: `Raise overrides.defaults.ingestion.rate_limit_bytes and burst_size_bytes to ${limitBytes / MB} MB: each distributor takes about ${mb(
      share / MB,
    )} and applies the limit on its own (rate_strategy local), so the default ${defaults.rateLimitBytes / MB} MB/s would refuse spans.`,
  };
}

function clampSpanSize(x: number): number {
  if (!Number.isFinite(x)) return DEFAULT_SPAN_SIZE;
  return Math.min(LIMITS.spanSizeBytes.max, Math.max(LIMITS.spanSizeBytes.min, x));
}

interface Choice {
  version: TempoVersion;
  mode: DeploymentMode;
  reasons: string[];
  notes: string[];
}

/** Pick version and mode. Pure rules, no sizing. */
function choose(a: RecommenderAnswers, T: number): Choice {
  const ha = a.highAvailability;
  const fitsOne = T <= THRESHOLDS.monolithMaxMBps;
  const kafkaReady = a.hasKafka ?? a.opsMaturity === 'high';
  const reasons: string[] = [];
  const notes: string[] = [];

  // Small and no HA: one process on whichever version is wanted (3.0 when either will do).
  if (fitsOne && !ha) {
    const version: TempoVersion = a.tempoVersion === 'either' ? '3.0' : a.tempoVersion;
    reasons.push(
      `Monolithic: at ${mb(T)} a single Tempo process (-target=all) carries the load with room to spare, and it is one pod to run, watch and upgrade.`,
      'No high availability was asked for, so the price of one process (a crash or upgrade pauses ingestion until it is back) is acceptable.',
    );
    if (version === '2.10')
      reasons.push(
        'Not scalable single binary: several replicas, memberlist and a ring buy nothing at this size without an HA requirement.',
      );
    reasons.push(
      'Not microservices: seven kinds of deployments, a ring or Kafka, and object storage to operate for a load one pod handles.',
    );
    if (a.tempoVersion === 'either')
      reasons.push(
        'Tempo 3.0, since either version will do: it is the current line and needs no migration later.',
      );
    return { version, mode: 'monolithic', reasons, notes };
  }

  const why = !fitsOne
    ? `${mb(T)} is more than one process holds (about ${THRESHOLDS.monolithMaxMBps}-35 MB/s, past which ingest, queries and compaction fight over its memory)`
    : 'high availability was asked for, and a single process stops accepting spans whenever it restarts';

  // Which version scales out here?
  let version: TempoVersion;
  if (a.tempoVersion === 'either') {
    version = kafkaReady ? '3.0' : '2.10';
    if (kafkaReady)
      reasons.push(
        'Tempo 3.0: you can run Kafka, which is what 3.0 needs to scale out, and it is the current line.',
      );
    else {
      reasons.push(
        'Tempo 2.10: scaling out on 3.0 means running Kafka, which your team does not do yet; 2.10 scales out without it.',
      );
      notes.push(
        'Plan the move to 3.0: it removes the ingester, the compactor and scalable single binary, and needs Kafka. The migration view shows what changes.',
      );
    }
  } else {
    version = a.tempoVersion;
  }

  if (version === '3.0') {
    reasons.push(
      `Microservices with Kafka: ${why}. In 3.0 this is the only way to run more than one process: distributors write to Kafka, block-builders and live-stores consume it.`,
      `Not monolithic: ${fitsOne ? 'Tempo 3.0 runs exactly one `all` process (its backend-scheduler is a singleton), so it cannot have a standby' : 'one process cannot take this load, and 3.0 allows only one `all` process'}.`,
      'Not scalable single binary: Tempo 3.0 removed it; `tempo-cli migrate config` turns it into a single `all` process.',
    );
    if (!kafkaReady)
      notes.push(
        'You will have to run Kafka (or a Kafka-compatible service) with the partition count below. If that is out of reach for now, Tempo 2.10 scales out without Kafka.',
      );
    reasons.push(
      'Kafka is the durable buffer: a live-store or block-builder that dies loses nothing, it catches up from its partition offset.',
    );
    return { version, mode: 'microservices', reasons, notes };
  }

  // 2.10 scale-out: SSB for teams that want one kind of pod at moderate size, else microservices.
  const ssbMax = THRESHOLDS.ssbMaxMBps[a.opsMaturity];
  if (T <= ssbMax) {
    reasons.push(
      `Scalable single binary: ${why}. Several identical replicas joined by memberlist share one ingester ring, which your team can run without operating seven kinds of deployments.`,
      ha
        ? 'With replication_factor 3 every trace lives on three replicas, so one can die without losing writes.'
        : 'Without an HA requirement, replication_factor 1 spreads traces over the replicas instead of copying them, so each holds less.',
      `Not monolithic: ${!fitsOne ? 'one process cannot hold this load' : 'a single process stops ingestion whenever it restarts'}.`,
      `Not microservices: below ${mb(ssbMax)} its separate scaling of reads and writes is not worth ${
        a.opsMaturity === 'low'
          ? 'the ring, quorum and many deployments for a team new to them'
          : 'the extra moving parts'
      }.`,
    );
    notes.push(
      'Scalable single binary is gone in Tempo 3.0: moving there means microservices with Kafka (or one monolith).',
    );
    return { version, mode: 'scalable-single-binary', reasons, notes };
  }
  reasons.push(
    `Microservices: ${why}. Distributors hash traces onto the ingester ring and write each to 3 ingesters; queriers and compactors scale apart from them.`,
    'replication_factor 3 with a write quorum of 2: an ingester can die without losing spans.',
    `Not monolithic: ${!fitsOne ? 'one process cannot hold this load' : 'a single process stops ingestion whenever it restarts'}.`,
    a.opsMaturity === 'high'
      ? 'Not scalable single binary: your team runs distributed systems already, and microservices let reads, writes and compaction scale on their own.'
      : `Not scalable single binary: past ${mb(ssbMax)} identical replicas waste memory and CPU on modules the load does not need, and queries still compete with ingest on every pod.`,
  );
  return { version, mode: 'microservices', reasons, notes };
}

/** The recommendation for a set of answers. The scenario validates without errors. */
export function recommend(a: RecommenderAnswers): Recommendation {
  const T = answeredThroughput(a);
  const choice = choose(a, T);
  const sized = sizeScenario(choice.version, choice.mode, T, {
    highAvailability: a.highAvailability,
    spanSizeBytes: a.spanSizeBytes,
  });
  return {
    tempoVersion: choice.version,
    mode: choice.mode,
    throughputMBps: T,
    reasons: choice.reasons,
    notes: [...choice.notes, ...sized.notes],
    scenario: sized.scenario,
    sizing: sized.sizing,
    beyondOneCluster: sized.beyondOneCluster,
  };
}
