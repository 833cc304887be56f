/**
 * Per-tenant limits: Tempo's defaults and what a scenario runs with, and what an operator raises for a
 * load (issue 17): max_traces_per_user for the live traces a store holds, with the rate limit. And the
 * 3.0 partition assignment (which partitions are written to, which each block-builder consumes). Used
 * by the engine, the validator, the exports, Configure, the planner, the decision guide and tests; kept
 * out of scenario.ts (only the schema is there) so the first page load does not carry them.
 */
import type { ProcessKind, TempoVersion } from './catalog';
import { LIMITS, liveStoreZones, type Scenario, type TenantLimits, ZONE_NAMES } from './scenario';

/** ingestion.rate_limit_bytes and burst_size_bytes per distributor (rate_strategy local; manifests v2.10.8, v3.0.3). */
export function defaultRateLimit(version: TempoVersion): { rateLimitBytes: number; burstSizeBytes: number } {
  return version === '2.10'
    ? { rateLimitBytes: 15_000_000, burstSizeBytes: 20_000_000 }
    : { rateLimitBytes: 30_000_000, burstSizeBytes: 30_000_000 };
}

/** Tempo's defaults (manifests v2.10.8 and v3.0.3: overrides.defaults, query_frontend.search). */
export function defaultTenantLimits(version: TempoVersion): Required<TenantLimits> {
  return {
    maxTracesPerUser: 10_000,
    maxBytesPerTrace: 5_000_000,
    queryBackendAfterSeconds: 15 * 60,
    // 3.0 has no such key: its live-stores answer for the last query_backend_after.
    queryIngestersUntilSeconds: version === '2.10' ? 30 * 60 : 15 * 60,
  };
}

/** The limits a scenario runs with: its own where set, the version's default elsewhere. */
export function tenantLimits(s: Pick<Scenario, 'tempoVersion' | 'settings'>): Required<TenantLimits> {
  const d = defaultTenantLimits(s.tempoVersion);
  const l = s.settings.limits ?? {};
  return {
    maxTracesPerUser: l.maxTracesPerUser ?? d.maxTracesPerUser,
    maxBytesPerTrace: l.maxBytesPerTrace ?? d.maxBytesPerTrace,
    queryBackendAfterSeconds: l.queryBackendAfterSeconds ?? d.queryBackendAfterSeconds,
    queryIngestersUntilSeconds: l.queryIngestersUntilSeconds ?? d.queryIngestersUntilSeconds,
  };
}

/**
 * Live traces one ingester (2.10) or live-store (3.0) holds at a load: traces per second that reach it
 * (RF copies over the ring members; a partition's share on 3.0) times how long a trace stays live. That
 * is trace_idle_period 5s after its last span, its spans arriving over the SDKs' 5 s export interval, and
 * half a flush_check_period until the cut (10s on 2.10, 5s on 3.0): 15 s and 12.5 s, 20 s with room.
 */
export function liveTracesPerStore(
  s: Pick<Scenario, 'tempoVersion' | 'mode' | 'settings' | 'components' | 'load'>,
  spansPerSecond: number = s.load.spansPerSecond,
): number {
  const traces = spansPerSecond / Math.max(1, s.load.spansPerTrace);
  const replicas = (k: ProcessKind) => Math.max(1, s.components[k]?.replicas ?? 1);
  let perStore: number;
  if (s.mode === 'monolithic') perStore = traces / replicas('tempo');
  else if (s.tempoVersion === '3.0') perStore = traces / Math.max(1, s.settings.kafkaPartitions);
  else {
    const members = s.mode === 'microservices' ? replicas('ingester') : replicas('tempo');
    perStore = (traces * Math.min(s.settings.replicationFactor, members)) / members;
  }
  return perStore * LIVE_TRACE_SECONDS_WITH_ROOM;
}
const LIVE_TRACE_SECONDS_WITH_ROOM = 20;

/**
 * max_traces_per_user an operator sets for this load (peak `factor` x spans/s): the live traces a store
 * holds, rounded up to 10,000; null when Tempo's default 10,000 is enough.
 */
export function raisedMaxTraces(
  s: Pick<Scenario, 'tempoVersion' | 'mode' | 'settings' | 'components' | 'load'>,
  factor = 1,
): number | null {
  const need = liveTracesPerStore(s, s.load.spansPerSecond * factor);
  const d = defaultTenantLimits(s.tempoVersion).maxTracesPerUser;
  if (need <= d) return null;
  return Math.min(100_000_000, Math.ceil(need / 10_000) * 10_000);
}

/** The scenario with max_traces_per_user raised for its load when the default would discard. */
export function withRaisedMaxTraces<T extends Scenario>(s: T, factor = 1): T {
  const raised = raisedMaxTraces(s, factor);
  if (raised === null) return s;
  return { ...s, settings: { ...s.settings, limits: { ...s.settings.limits, maxTracesPerUser: raised } } };
}
/**
 * Raise the ingestion rate limit (and burst) to `bytes` per distributor, and max_traces_per_user for what
 * that rate lets in, as an operator raising one raises both.
 */
export function withRaisedLimits<T extends Scenario>(s: T, bytes: number): T {
  const raised = { ...s, settings: { ...s.settings, rateLimitBytes: bytes, burstSizeBytes: bytes } };
  const distributors =
    s.mode === 'microservices'
      ? (s.components.distributor?.replicas ?? 1)
      : (s.components.tempo?.replicas ?? 1);
  const spans = (bytes * distributors) / Math.max(1, s.load.spanSizeBytes);
  return withRaisedMaxTraces(raised, spans / Math.max(1, s.load.spansPerSecond));
}

// ---- 3.0 partitions as Tempo assigns them

/**
 * block_builder.partitions_per_instance the exports write: partitions split evenly over the block-builders
 * when they divide, else 1 (one partition per block-builder).
 */
export function partitionsPerBlockBuilder(s: Pick<Scenario, 'settings' | 'components'>): number {
  const p = s.settings.kafkaPartitions;
  const bb = s.components['block-builder']?.replicas ?? p;
  return bb > 0 && p % bb === 0 && bb <= p ? p / bb : 1;
}

/**
 * 3.0 partitions as Tempo assigns them. The partition ring holds the partitions live-stores own (the
 * number at the end of a live-store's name, in every zone); distributors write only to ACTIVE ones
 * (modules/distributor/distributor.go at v3.0.3: ring.NewActivePartitionBatchRing). Block-builder k
 * consumes partitions k x partitions_per_instance up to the next block-builder's, those of them in the
 * ring (modules/blockbuilder/config.go AssignedPartitions, blockbuilder.go getAssignedPartitions): an
 * active partition no block-builder is assigned is never written to object storage.
 */
export function partitionAssignment(s: Pick<Scenario, 'settings' | 'components'>): {
  /** Partitions of the topic with a live-store owner (in the ring, written to). */
  active: number[];
  /** Partitions each block-builder consumes. */
  builders: number[][];
  /** Active partitions no block-builder consumes. */
  unowned: number[];
} {
  const p = s.settings.kafkaPartitions;
  const ls = s.components['live-store']?.replicas ?? p;
  const zones = liveStoreZones(s);
  const perZone = zones > 1 ? ls / zones : ls;
  const active: number[] = [];
  for (let k = 0; k < Math.min(p, perZone); k++) active.push(k);
  const isActive = (k: number) => k < p && k < perZone;
  const bb = s.components['block-builder']?.replicas ?? p;
  const per = partitionsPerBlockBuilder(s);
  const owned = new Set<number>();
  const builders: number[][] = [];
  for (let b = 0; b < bb; b++) {
    const mine: number[] = [];
    for (let j = 0; j < per; j++) if (isActive(b * per + j)) mine.push(b * per + j);
    for (const k of mine) owned.add(k);
    builders.push(mine);
  }
  return { active, builders, unowned: active.filter((k) => !owned.has(k)) };
}

/**
 * Change the partition count the way Tempo needs it: one block-builder per partition and one live-store
 * per partition in each zone.
 */
export function withKafkaPartitions(s: Scenario, partitions: number): Scenario {
  const zones = liveStoreZones(s);
  const p = Math.max(
    LIMITS.kafkaPartitions.min,
    Math.min(LIMITS.kafkaPartitions.max, Math.round(partitions)),
  );
  const components = { ...s.components };
  const set = (kind: 'block-builder' | 'live-store', replicas: number) => {
    const c = components[kind];
    if (c) components[kind] = { ...c, replicas: Math.min(LIMITS.replicas.max, replicas) };
  };
  set('block-builder', p);
  set('live-store', p * zones);
  return { ...s, settings: { ...s.settings, kafkaPartitions: p }, components };
}

/** Run the live-stores in `zones` availability zones: partitions x zones of them. */
export function withLiveStoreZones(s: Scenario, zones: number): Scenario {
  const z = Math.max(1, Math.min(ZONE_NAMES.length, Math.round(zones)));
  const c = s.components['live-store'];
  if (!c) return s;
  const replicas = Math.min(LIMITS.replicas.max, s.settings.kafkaPartitions * z);
  return { ...s, components: { ...s.components, 'live-store': { ...c, replicas } } };
}
