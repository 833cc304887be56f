/**
 * Tempo 3.0's durable buffer: distributors produce every accepted span to the topic's partitions,
 * spread evenly; each partition's consumers (its live-store, the block-builder that owns it) see it
 * as lag in bytes, shown in seconds of the partition's produce rate.
 */
import * as C from './calibration';
import { ema } from './resources';
import type { SimState } from './state';

/** Kept spans go into the partitions: lag grows for every consumer of each partition. */
export function produce(s: SimState): void {
  const cfg = s.cfg;
  const tick = cfg.tick;
  const c = s.consumer;
  tick.written = tick.kept;
  const partBytes = (tick.kept * tick.spanSize) / Math.max(1, cfg.partitions);
  for (let k = 0; k < cfg.stores.length; k++) {
    if (cfg.livePartition[k]! < 0) continue;
    const i = cfg.stores[k]!;
    c.lagBytes[i] = c.lagBytes[i]! + partBytes;
    c.produced[i] = c.produced[i]! + partBytes;
    c.rateEma[i] = ema(c.rateEma[i]!, partBytes / C.DT);
  }
  for (let k = 0; k < cfg.blockBuilders.length; k++) {
    const i = cfg.blockBuilders[k]!;
    const owned = cfg.builderPartitions[k]!;
    c.lagBytes[i] = c.lagBytes[i]! + partBytes * owned;
    c.produced[i] = c.produced[i]! + partBytes * owned;
    c.rateEma[i] = ema(c.rateEma[i]!, (partBytes * owned) / C.DT);
  }
}

/** Bytes per second produced to what consumer `i` reads: recent, but never below the run's average. */
export function produceRate(s: SimState, i: number): number {
  const c = s.consumer;
  const average = s.t > 0 ? c.produced[i]! / s.t : 0;
  return Math.max(c.rateEma[i]!, average, 1);
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
