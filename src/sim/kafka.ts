/**
 * Tempo 3.0's durable buffer: distributors produce every accepted span to the topic's partitions,
 * spread evenly; each partition's consumers (its live-store, the block-builder that owns it) see it
 * as lag in bytes, shown in seconds of the partition's produce rate.
 */
import * as C from './calibration';
import { emit } from './events';
import { formatBytes, formatSeconds } from './format';
import { ema } from './resources';
import type { SimState } from './state';

/**
 * Kept spans go into the partitions, an equal share each: lag grows for every consumer of each
 * partition. A live-store's grows at the start of its own step (stores.ts: `tick.partBytes`).
 */
export function produce(s: SimState): void {
  const cfg = s.cfg;
  const tick = cfg.tick;
  const g = s.g;
  const lagBytes = s.consumer.lagBytes;
  // Distributors write to the active partitions only (model/limits.ts partitionAssignment).
  const active = Math.max(1, cfg.activePartitions);
  const unowned = cfg.unownedPartitions.length;
  if (unowned > 0) {
    // Partitions no block-builder consumes: in Kafka and the live-stores for a while, never in object
    // storage, so lost for good.
    const never = (tick.kept * unowned) / active;
    tick.written = tick.kept - never;
    g.lost += never;
    g.tracesLost += never / tick.spansPerTrace;
    if (!g.unownedReported) {
      g.unownedReported = true;
      emit(
        s,
        'block-builder',
        'partition-unowned',
        `partition${unowned === 1 ? '' : 's'} ${cfg.unownedPartitions.join(', ')} ${unowned === 1 ? 'has' : 'have'} no block-builder (block_builder.partitions_per_instance x block-builders do not reach ${unowned === 1 ? 'it' : 'them'}): ${Math.round((100 * unowned) / active)}% of spans never reach object storage; live-stores serve them for complete_block_timeout only`,
      );
    }
  } else tick.written = tick.kept;
  const partBytes = (tick.kept * tick.spanSize) / active;
  tick.partBytes = partBytes;
  g.partitionProduced += partBytes;
  g.partitionRate = ema(g.partitionRate, partBytes / C.DT);
  const { blockBuilders, builderPartitions } = cfg;
  for (let k = 0; k < blockBuilders.length; k++) {
    const i = blockBuilders[k]!;
    lagBytes[i] = lagBytes[i]! + partBytes * builderPartitions[k]!;
  }
}

/**
 * Bytes per second produced to one partition on average since its records began: the run, and for a
 * steady start the retention's worth of produce before it (a load cut after a steady start does not
 * make the backlog of the old load look days old).
 */
function averageRate(s: SimState): number {
  const g = s.g;
  const seconds = s.t + g.partitionHistorySeconds;
  return seconds > 0
    ? (g.partitionProduced + g.partitionHistoryRate * g.partitionHistorySeconds) / seconds
    : 0;
}

/** Bytes per second produced to what consumer `i` reads: recent, but never below the run's average. */
export function produceRate(s: SimState, i: number): number {
  const read = s.cfg.partitionsRead[i]!;
  return Math.max(s.g.partitionRate * read, averageRate(s) * read, 1);
}

/**
 * Lag in seconds of a Kafka consumer (live-store or block-builder): its backlog at the partition's usual
 * produce rate (a Kafka outage that stops producing does not make old data older), never more than the
 * time data has existed.
 */
export function lagSecondsOf(s: SimState, i: number): number {
  const bytes = s.consumer.lagBytes[i]!;
  if (bytes <= 1) return 0;
  return Math.min(bytes / produceRate(s, i), s.t + s.g.historySeconds);
}

/**
 * `lagSecondsOf` for every consumer in `list`, into `consumer.lagSeconds`, and its `lagging` flag: set
 * above `high` seconds, cleared at `low` or below, with an event each time (the consumer's own words:
 * `behind` and `caughtUp` get its position in `list`). A consumer further behind than Kafka's retention
 * has lost what is older: those bytes go to `expire` (its position in `list`, the bytes).
 */
export function updateLag(
  s: SimState,
  list: Int32Array,
  high: number,
  low: number,
  behind: (s: SimState, at: number, lag: number) => string,
  caughtUp: (s: SimState, at: number) => string,
  expire: (s: SimState, at: number, bytes: number) => void,
): void {
  const { lagBytes, lagSeconds, lagging } = s.consumer;
  const retention = s.cfg.kafkaRetentionS;
  const read = s.cfg.partitionsRead;
  const changed = s.cfg.scratch.changed;
  const t = s.t;
  const g = s.g;
  const cap = t + g.historySeconds;
  const average = averageRate(s);
  const rate = g.partitionRate;
  // Most consumers read one partition: one division for all of them.
  const perOnePartition = 1 / Math.max(rate, average, 1);
  let n = 0;
  for (let at = 0; at < list.length; at++) {
    const i = list[at]!;
    const bytes = lagBytes[i]!;
    let lag = 0;
    if (bytes > 1) {
      const r = read[i]!;
      lag = Math.min(r === 1 ? bytes * perOnePartition : bytes / Math.max(rate * r, average * r, 1), cap);
    }
    if (lag > retention) {
      // Records older than the retention are deleted before this consumer reads them.
      const keep = bytes * (retention / lag);
      lagBytes[i] = keep;
      lag = retention;
      expire(s, at, bytes - keep);
    } else if (lag < retention * C.KAFKA_RETENTION_CLEAR_SHARE && s.consumer.expiring[i]! > 0)
      expiredEnd(s, i);
    lagSeconds[i] = lag;
    const was = lagging[i]!;
    if (lag > high ? was === 0 : lag <= low && was !== 0) {
      lagging[i] = was === 0 ? 1 : 0;
      changed[n++] = at;
    }
  }
  for (let x = 0; x < n; x++) {
    const at = changed[x]!;
    const i = list[at]!;
    const name = s.cfg.names[i]!;
    if (lagging[i]) emit(s, name, 'lag', behind(s, at, lagSeconds[i]!));
    else emit(s, name, 'caught-up', caughtUp(s, at));
  }
}

/**
 * Bytes Kafka deleted before consumer `i` read them (its lag passed the topic's retention): counted,
 * and an event when it starts. `what` says what that costs (lost spans, or recent data only).
 */
export function recordExpired(s: SimState, i: number, bytes: number, what: string): void {
  const c = s.consumer;
  c.expiredBytes[i] = c.expiredBytes[i]! + bytes;
  if (c.expiring[i]! > 0) return;
  c.expiring[i] = 1;
  const name = s.cfg.names[i]!;
  emit(
    s,
    name,
    'records-expired',
    `${name} lags more than Kafka's retention (${formatSeconds(s.cfg.kafkaRetentionS)}): records older than that are deleted before it reads them; ${what}`,
  );
}

/** A consumer is back within the retention: an event with what it missed. */
function expiredEnd(s: SimState, i: number): void {
  const c = s.consumer;
  c.expiring[i] = 0;
  const name = s.cfg.names[i]!;
  emit(
    s,
    name,
    'caught-up',
    `${name} is within Kafka's retention again; ${formatBytes(c.expiredBytes[i]!)} of records expired before it read them so far`,
  );
}
