/**
 * Stateful volumes and Kafka retention from rate x the time data stays local: what each process keeps
 * on its volume (the WAL of its head block, complete blocks until complete_block_timeout, and, while
 * object storage is down, every block waiting for its flush), divided by the headroom. Pure.
 */
import { GiB, type ProcessKind, type TempoVersion } from '../model/catalog';
import { DEFAULT_BLOCK_TIMINGS, DEFAULT_VOLUME_BYTES } from '../model/recovery';
import { DISK_BYTES_PER_WIRE_BYTE } from '../sim/calibration';
import { MB } from './types';

/** v3.0.3 manifest: block_builder.consume_cycle_duration 5m, max_consuming_bytes 5 GB. */
export const BLOCK_BUILDER_CYCLE_S = 300;
export const BLOCK_BUILDER_MAX_CONSUMING_BYTES = 5e9;
/** Kafka retention is given in whole hours, at least 40 minutes (Tempo's sizing guidance). */
export const MIN_KAFKA_RETENTION_H = 40 / 60;

export interface VolumeNeed {
  kind: ProcessKind;
  /** Bytes one replica holds locally at most, and the volume that keeps it within the headroom. */
  localBytes: number;
  volumeBytes: number;
  why: string;
}

const mbps = (x: number) => `${x >= 10 ? Math.round(x) : Number(x.toFixed(2))} MB/s`;
const dur = (s: number) =>
  s >= 3600 ? `${Number((s / 3600).toFixed(2))} h` : s >= 60 ? `${Math.round(s / 60)} min` : `${s} s`;
export const roundVolume = (b: number) => Math.max(GiB, Math.ceil(b / GiB - 1e-9) * GiB);

/**
 * The volume each stateful kind needs. `perReplicaMBps` is what one replica receives (RF copies
 * spread over the ingesters; a partition's share for 3.0 consumers).
 */
export function volumeNeed(
  version: TempoVersion,
  kind: ProcessKind,
  perReplicaMBps: number,
  outageHours: number,
  headroom: number,
): VolumeNeed | null {
  const t = DEFAULT_BLOCK_TIMINGS[version];
  // Blocks sit on disk as parquet: the engine's bytes on disk per received byte (an estimate, 4:1).
  const rate = perReplicaMBps * MB * DISK_BYTES_PER_WIRE_BYTE;
  const outageS = Math.max(0, outageHours) * 3600;
  const keys =
    version === '2.10'
      ? 'ingester.max_block_duration 30m + complete_block_timeout 15m (manifest v2.10.8)'
      : 'live_store.max_block_duration 30s + complete_block_timeout 20m (manifest v3.0.3)';
  let local: number;
  let why: string;
  if (kind === 'block-builder') {
    local = Math.min(
      BLOCK_BUILDER_MAX_CONSUMING_BYTES * DISK_BYTES_PER_WIRE_BYTE,
      rate * BLOCK_BUILDER_CYCLE_S,
    );
    why = `one consume cycle: ${mbps(perReplicaMBps)} x 5 min, at most max_consuming_bytes 5 GB (manifest v3.0.3); an outage does not add to it (catch-up runs cycle by cycle)`;
  } else if (kind === 'live-store') {
    local = rate * (t.maxBlockDurationSeconds + t.completeBlockTimeoutSeconds);
    why = `${mbps(perReplicaMBps)} x (${keys}); live-stores never write to object storage, so its outage adds nothing`;
  } else if (kind === 'ingester' || kind === 'tempo') {
    local = rate * (t.maxBlockDurationSeconds + t.completeBlockTimeoutSeconds + outageS);
    why = `${mbps(perReplicaMBps)} x (${keys}${outageS > 0 ? ` + the ${dur(outageS)} outage the blocks wait through` : ''})`;
  } else return null;
  return {
    kind,
    localBytes: local,
    volumeBytes: roundVolume(local / headroom),
    why: `${why}, at ${DISK_BYTES_PER_WIRE_BYTE} bytes on disk per received byte (the engine's estimate), over the ${Math.round(headroom * 100)}% headroom; charts' default ${DEFAULT_VOLUME_BYTES / GiB} Gi`,
  };
}

/**
 * Kafka retention (hours, whole, at least the user's) that outlives the longest lag of the outage
 * run with the headroom: records must still be there when the slowest consumer reads them.
 */
export function kafkaRetentionFor(peakLagSeconds: number, headroom: number, atLeastHours: number): number {
  const need = peakLagSeconds / headroom / 3600;
  return Math.max(MIN_KAFKA_RETENTION_H, atLeastHours, Math.ceil(need - 1e-9));
}
