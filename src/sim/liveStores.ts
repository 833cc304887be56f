/**
 * Tempo 3.0 live-stores: each consumes one partition from Kafka into live traces (the block cycle is in
 * stores.ts) and serves recent data. A live-store that lags past the threshold of fail_on_high_lag
 * fails recent queries; one that dies loses nothing (Kafka holds its partition) and consumes again
 * from its committed offset.
 */
import * as C from './calibration';
import { formatBytes, formatSeconds } from './format';
import { produceRate, recordExpired, updateLag } from './kafka';
import { admittedShare, liveTracesCapBytes, liveTracesEvent } from './limits';
import type { SimState } from './state';

/** CPU a live-store spends per byte it consumes (what it asks for is in stores.ts `demandStores`). */
export function consumeCostPerByte(spanSize: number): number {
  return C.LIVE_STORE_CPU_PER_BYTE + C.LIVE_STORE_CPU_PER_SPAN / spanSize;
}

/**
 * What this step produced reaches each live-store's partition (kafka.ts), and each live-store up
 * consumes from it into live traces, as far as its CPU share allows.
 */
export function consume(s: SimState): void {
  const cfg = s.cfg;
  if (!cfg.kafka) return;
  const livePartition = cfg.livePartition;
  const partBytes = cfg.tick.partBytes;
  const { wantConsume, scale, used } = cfg.scratch;
  const tick = cfg.tick;
  const { up, spansIn } = s.proc;
  const lagBytes = s.consumer.lagBytes;
  const liveBytes = s.store.liveBytes;
  const spansPerSecond = 1 / tick.spanSize / C.DT;
  const cost = tick.consumeCostPerByte;
  // max_traces_per_user (limits.ts): a live-store at it drops what it consumes; Kafka and the
  // block-builders still hold it, so nothing is lost.
  const capBytes = liveTracesCapBytes(s);
  let dropped = 0;
  for (let at = 0, list = cfg.stores; at < list.length; at++) {
    const i = list[at]!;
    if (livePartition[at]! >= 0) lagBytes[i] = lagBytes[i]! + partBytes;
    if (up[i]! <= 0) continue;
    const take = wantConsume[i]! * scale[i]!;
    lagBytes[i] = Math.max(0, lagBytes[i]! - take);
    const live = liveBytes[i]!;
    const kept = take * admittedShare(live, take, capBytes);
    dropped += take - kept;
    liveBytes[i] = live + kept;
    spansIn[i] = take * spansPerSecond;
    used[i] = used[i]! + take * cost;
  }
  const droppedSpans = dropped / tick.spanSize;
  s.g.discardedLiveTraces += droppedSpans;
  if (droppedSpans > 0 || s.g.liveTracesExceeded) liveTracesEvent(s, droppedSpans / C.DT);
}

/** Every partition has a live-store owner that is up and not lagging past the threshold. */
export function partitionsServed(s: SimState): boolean {
  const cfg = s.cfg;
  const up = s.proc.up;
  const lag = s.consumer.lagSeconds;
  const { partitionStart, partitionStores, stores } = cfg;
  for (let part = 0; part < cfg.partitions; part++) {
    // A partition without a live-store is not in the ring: nothing is written to it.
    if (partitionStart[part] === partitionStart[part + 1]) continue;
    let ok = false;
    for (let k = partitionStart[part]!, end = partitionStart[part + 1]!; k < end; k++) {
      const i = stores[partitionStores[k]!]!;
      if (up[i]! > 0 && lag[i]! <= C.LIVE_STORE_HIGH_LAG_S) {
        ok = true;
        break;
      }
    }
    if (!ok) return false;
  }
  return true;
}

/** Lag in seconds, and an event when a live-store falls behind or catches up. */
export function liveStoreLag(s: SimState): void {
  updateLag(s, s.cfg.stores, C.LIVE_STORE_HIGH_LAG_S, C.LIVE_STORE_CAUGHT_UP_S, behind, caughtUp, expired);
}

/** Records a live-store never read are missing from its recent data only: block-builders write them. */
function expired(s: SimState, at: number, bytes: number): void {
  recordExpired(
    s,
    s.cfg.stores[at]!,
    bytes,
    'recent queries miss them, block-builders write them unless they lag as far',
  );
}

const behind = (s: SimState, at: number, lag: number) =>
  `${s.cfg.names[s.cfg.stores[at]!]} is ${formatSeconds(lag)} behind partition ${s.cfg.livePartition[at]!}; recent queries on it fail (fail_on_high_lag), nothing is lost`;
const caughtUp = (s: SimState, at: number) =>
  `${s.cfg.names[s.cfg.stores[at]!]} caught up with partition ${s.cfg.livePartition[at]!}`;

/**
 * A live-store dies: what it held is still in Kafka. With its volume it reloads its blocks from local
 * disk and resumes from its committed offset, re-consuming what was only in memory; what is produced
 * while it is down waits in the partition. (A pod without local data would re-read twice
 * complete_block_timeout of the partition: modules/livestore, shouldForceFromLookback.)
 */
export function crashLiveStore(s: SimState, i: number, pos: number): string {
  const st = s.store;
  s.consumer.lagBytes[i] = s.consumer.lagBytes[i]! + st.liveBytes[i]! + st.headBytes[i]!;
  st.headBytes[i] = 0;
  st.headAge[i] = 0;
  s.proc.replayBytes[i] = 0;
  return `; nothing lost: Kafka holds partition ${s.cfg.livePartition[pos]!}, it resumes from its committed offset`;
}

/**
 * A live-store starts again: it resumes from its committed offset, but no further back than twice
 * complete_block_timeout (live_store.go, partition_reader.go cutoffOffset at v3.0.3), since it only
 * serves recent data; the older records it skips are the block-builders' to write, not lost. Returns
 * what the restart event says.
 */
export function resumeFromOffset(s: SimState, i: number): string {
  const lookback = C.LIVE_STORE_LOOKBACK_TIMEOUTS * s.cfg.storeParams.completeBlockTimeoutS;
  const lag = s.consumer.lagBytes;
  const keep = produceRate(s, i) * lookback;
  if (lag[i]! <= keep) return lag[i]! > 0 ? `, catching up ${formatBytes(lag[i]!)} from Kafka` : '';
  const skipped = lag[i]! - keep;
  lag[i] = keep;
  return `, catching up the last ${formatSeconds(lookback)} (${formatBytes(keep)}) from Kafka; it skips ${formatBytes(skipped)} older than 2 x complete_block_timeout (block-builders still write them)`;
}
