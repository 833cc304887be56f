/**
 * A cluster that has been running at this load for its whole retention ("steady" start): object
 * storage holds retention x flush rate of blocks, compacted as far as the compactors keep up; every
 * ingester or live-store holds the live traces, head block and recent blocks it keeps at this load;
 * block-builders are spread over their consume cycle. Figures follow the engine's own per-step
 * rules at their fixed point, so a steady cluster at a load it holds stays where it starts.
 */
import * as C from './calibration';
import { compactionKeep } from './compaction';
import { liveTracesCapBytes } from './limits';
import type { SimState } from './state';
import { traceShape } from './traces';

/** Spans per second the distributors accept at this load, before refusals by CPU. */
function acceptedSpans(s: SimState): number {
  const cfg = s.cfg;
  const load = s.load;
  const limit = (cfg.rateLimitBytes * cfg.distributors.length) / load.spanSizeBytes;
  return Math.min(load.spansPerSecond, limit);
}

/** Where in a repeating cycle instance k of `count` starts, spread evenly and deterministically. */
function phase(k: number, count: number): number {
  return (k + 0.5) / Math.max(1, count);
}

export function startSteady(s: SimState): void {
  const cfg = s.cfg;
  const shape = traceShape(s);
  const kept = acceptedSpans(s) * (1 - shape.discardShare);
  const spanSize = s.load.spanSizeBytes;
  const flushRate = cfg.kafka ? steadyKafka(s, kept * spanSize) : steadyStores(s, kept, spanSize);
  steadyBackend(s, flushRate);
  countPrefilled(s);
}

/**
 * What the start puts in flight was sent: unique spans in live traces (in no WAL yet) are sent and in
 * flight, records waiting in Kafka for a block-builder are sent and written. So a kill at t = 1 loses
 * spans that were sent, and records that expire leave written at zero or more.
 */
function countPrefilled(s: SimState): void {
  const cfg = s.cfg;
  const g = s.g;
  let live = 0;
  for (const i of cfg.stores) live += s.store.liveUniq[i]!;
  let queued = 0;
  for (const i of cfg.blockBuilders) queued += s.consumer.lagBytes[i]!;
  queued /= s.load.spanSizeBytes;
  g.sent += live + queued;
  g.written += queued;
  g.tracesSent += (live + queued) / Math.max(1, s.load.spansPerTrace);
}

/** Live traces, head block and recent blocks of each ingester (2.10) or single binary. */
function steadyStores(s: SimState, kept: number, spanSize: number): number {
  const cfg = s.cfg;
  const st = s.store;
  let flush = 0;
  for (let k = 0; k < cfg.stores.length; k++) {
    const i = cfg.stores[k]!;
    const share = cfg.ring ? st.recv[i]! : 1 / cfg.stores.length;
    const uniqShare = cfg.ring ? st.uniq[i]! : 1 / cfg.stores.length;
    const bytes = kept * share * spanSize;
    flush += fillStore(s, i, k, bytes, kept * uniqShare);
  }
  return flush;
}

/**
 * One store at its fixed point, offered `offered` bytes per second (`uniq` unique spans per second);
 * returns the bytes per second it takes, and so flushes.
 */
function fillStore(s: SimState, i: number, k: number, offered: number, uniq: number): number {
  const cfg = s.cfg;
  const p = cfg.storeParams;
  const st = s.store;
  const cut = traceShape(s).cutShare;
  // At max_traces_per_user a store takes only what its cut makes room for (limits.ts).
  const admitted = Math.min(1, (liveTracesCapBytes(s) * cut) / Math.max(1e-9, offered * C.DT));
  const bytes = offered * admitted;
  // live' = (live + in) (1 - cut)  =>  live = in (1 - cut) / cut
  st.liveBytes[i] = (bytes * C.DT * (1 - cut)) / cut;
  st.liveUniq[i] = (uniq * admitted * C.DT * (1 - cut)) / cut;
  const cycle = Math.max(C.DT, Math.min(p.maxBlockSeconds, p.maxBlockBytes / Math.max(bytes, 1)));
  const f = phase(k, cfg.stores.length);
  st.headBytes[i] = bytes * cycle * f;
  st.headAge[i] = Math.floor(cycle * f);
  // retained' = (retained + flushed) (1 - DT / complete_block_timeout)
  const d = Math.min(1, C.DT / p.completeBlockTimeoutS);
  st.retainedBytes[i] = (bytes * C.DT * (1 - d)) / d;
  st.diskBytes[i] = (st.headBytes[i]! + st.retainedBytes[i]!) * C.DISK_BYTES_PER_WIRE_BYTE;
  return bytes;
}

/** 3.0: live-stores hold their partition's recent data; block-builders are part-way through a cycle. */
function steadyKafka(s: SimState, keptBytes: number): number {
  const cfg = s.cfg;
  const partBytes = keptBytes / Math.max(1, cfg.activePartitions);
  for (let k = 0; k < cfg.stores.length; k++) {
    const i = cfg.stores[k]!;
    if (cfg.livePartition[k]! < 0) continue;
    fillStore(s, i, k, partBytes, 0);
  }
  s.g.partitionRate = partBytes;
  s.g.partitionHistoryRate = partBytes;
  s.g.partitionHistorySeconds = cfg.kafkaRetentionS;
  for (let k = 0; k < cfg.blockBuilders.length; k++) {
    const i = cfg.blockBuilders[k]!;
    const rate = partBytes * cfg.builderPartitions[k]!;
    const f = phase(k, cfg.blockBuilders.length);
    s.consumer.lagBytes[i] = rate * C.BLOCK_BUILDER_CYCLE_S * f;
    s.builder.nextCycleAt[i] = Math.ceil(C.BLOCK_BUILDER_CYCLE_S * (1 - f));
  }
  // Partitions no block-builder consumes never reach object storage.
  return partBytes * (Math.max(1, cfg.activePartitions) - cfg.unownedPartitions.length);
}

/**
 * Object storage after a retention of writes: what the compactors keep up with is compacted (replicas
 * deduplicated), what they cannot is still level 0.
 */
function steadyBackend(s: SimState, flushRate: number): void {
  const cfg = s.cfg;
  const g = s.g;
  const retention = cfg.retentionS;
  const capacity = cfg.compactors.length * C.COMPACT_IO_BYTES_PER_S;
  const behind = flushRate > 0 ? Math.max(0, 1 - capacity / flushRate) : 0;
  const l0Seconds = Math.min(retention, Math.max(C.STEADY_LEVEL0_SECONDS, retention * behind));
  const blockBytes = cfg.kafka ? C.BLOCK_BUILDER_BLOCK_BYTES : steadyBlockBytes(s, flushRate);
  g.l0Bytes = flushRate * l0Seconds;
  g.l0Blocks = g.l0Bytes / Math.max(1, blockBytes);
  g.compactedBytes = flushRate * (retention - l0Seconds) * compactionKeep(s);
  g.totalBytes = g.l0Bytes + g.compactedBytes;
  g.writeRateEma = flushRate;
  g.historySeconds = retention;
}

/** Size of the blocks a store cuts at its share of the flush rate. */
function steadyBlockBytes(s: SimState, flushRate: number): number {
  const p = s.cfg.storeParams;
  const perStore = flushRate / Math.max(1, s.cfg.stores.length);
  return Math.min(p.maxBlockBytes, perStore * p.maxBlockSeconds);
}
