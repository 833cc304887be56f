/**
 * What bounds a stateful process's recovery, as a scenario sets it: the volume of each stateful
 * process, Kafka's retention and the block timings, with the defaults the charts and manifests give.
 * Kept apart from scenario.ts so the first page load does not carry it.
 */
import { GiB, type ProcessKind, type TempoVersion } from './catalog';
import type { Scenario, Settings } from './scenario';

/**
 * Processes that keep data on a volume: 2.10 ingesters (WAL, head and complete blocks), 3.0
 * live-stores (WAL and complete blocks), 3.0 block-builders (WAL of the blocks a cycle builds),
 * single binaries (all of these), metrics-generators (their own WAL). Their `volumeBytes` counts.
 */
export const STATEFUL_KINDS: readonly ProcessKind[] = [
  'tempo',
  'ingester',
  'live-store',
  'block-builder',
  'metrics-generator',
];

export function isStateful(kind: ProcessKind): boolean {
  return STATEFUL_KINDS.includes(kind);
}

/**
 * The charts' default volume: `persistence.size: 10Gi` in the `tempo` chart 2.2.4 and for
 * `ingester` and `metricsGenerator` in tempo-distributed 1.61.3 and 3.3.0 (values.yaml). The 3.3.0
 * chart mounts an emptyDir without a size limit for live-stores and block-builders; the model gives
 * them the same 10 GiB, the size an operator gets when turning on persistence.
 */
export const DEFAULT_VOLUME_BYTES = 10 * GiB;

export function defaultVolumeBytes(_version: TempoVersion, _kind: ProcessKind): number {
  return DEFAULT_VOLUME_BYTES;
}

/** The volume a scenario gives each replica of a stateful kind (0 for a stateless one). */
export function volumeBytes(s: Pick<Scenario, 'tempoVersion' | 'components'>, kind: ProcessKind): number {
  if (!isStateful(kind)) return 0;
  return s.components[kind]?.volumeBytes ?? defaultVolumeBytes(s.tempoVersion, kind);
}

/**
 * Kafka keeps records 24 h unless told otherwise: the retention Tempo's 3.0 docs suggest for the
 * ingest topic (at least 40 min). Kafka's own broker default (log.retention.hours) is 168 h.
 */
export const DEFAULT_KAFKA_RETENTION_HOURS = 24;

export function kafkaRetentionHours(settings: Pick<Settings, 'kafkaRetentionHours'>): number {
  return settings.kafkaRetentionHours ?? DEFAULT_KAFKA_RETENTION_HOURS;
}

/**
 * Block timings of the store that cuts blocks: 2.10 `ingester.max_block_duration` 30m and
 * `complete_block_timeout` 15m (manifest v2.10.8); 3.0 `live_store.max_block_duration` 30s and
 * `complete_block_timeout` 20m (manifest v3.0.3). The scenario's settings override them.
 */
export const DEFAULT_BLOCK_TIMINGS: Record<
  TempoVersion,
  { maxBlockDurationSeconds: number; completeBlockTimeoutSeconds: number }
> = {
  '2.10': { maxBlockDurationSeconds: 30 * 60, completeBlockTimeoutSeconds: 15 * 60 },
  '3.0': { maxBlockDurationSeconds: 30, completeBlockTimeoutSeconds: 20 * 60 },
};

export function blockTimings(s: Pick<Scenario, 'tempoVersion' | 'settings'>): {
  maxBlockDurationSeconds: number;
  completeBlockTimeoutSeconds: number;
} {
  const d = DEFAULT_BLOCK_TIMINGS[s.tempoVersion];
  return {
    maxBlockDurationSeconds: s.settings.maxBlockDurationSeconds ?? d.maxBlockDurationSeconds,
    completeBlockTimeoutSeconds: s.settings.completeBlockTimeoutSeconds ?? d.completeBlockTimeoutSeconds,
  };
}
