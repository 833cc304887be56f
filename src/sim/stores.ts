/**
 * The trace and block life cycle shared by every process that holds live traces (2.10 ingesters and
 * single binaries, 3.0 live-stores): live traces are cut into the head block after
 * trace_idle_period (or max_trace_live), the head block is cut into a complete block at
 * max_block_bytes or max_block_duration, complete blocks are encoded and flushed (2.10) or kept for
 * recent queries until complete_block_timeout. Memory follows what is held at each stage.
 */
import * as C from './calibration';
import { emit } from './events';
import { formatBytes, formatCount } from './format';
import { crashIngester } from './ingesters';
import { consumeCostPerByte, crashLiveStore } from './liveStores';
import { PHASE_REPLAYING, type SimState } from './state';
import { traceShape } from './traces';

/**
 * What each store asks of its CPU this step, in one pass: encoding and flushing complete blocks
 * (background work), consuming its partition (3.0 live-stores: liveStores.ts), and scanning its
 * recent data for this step's queries (planned in queries.ts).
 */
export function demandStores(s: SimState): void {
  const cfg = s.cfg;
  const tick = cfg.tick;
  tick.pipeCostPerByte = C.COMPLETE_CPU_PER_BYTE + (cfg.storesFlush ? C.FLUSH_CPU_PER_BYTE : 0);
  tick.consumeCostPerByte = consumeCostPerByte(tick.spanSize);
  const canMove = !cfg.storesFlush || tick.storageUp;
  const cap = Math.min(C.COMPLETE_BYTES_PER_S, cfg.storesFlush ? C.FLUSH_BYTES_PER_S : Infinity) * C.DT;
  const { wantPipe, wantConsume, demand, demandBg } = cfg.scratch;
  const up = s.proc.up;
  const { completeBytes, parkedBytes, completeBlocks, liveBytes, headBytes, retainedBytes, queryCpu } =
    s.store;
  // live-store backpressure (instance.go at v3.0.3): no consuming past max_live_traces_bytes or with
  // more than walBackpressureLimit WAL blocks waiting to be completed.
  const maxLive = cfg.storeParams.maxLiveBytes;
  const lagBytes = s.consumer.lagBytes;
  const cpuLimit = cfg.cpuLimit;
  const pipeCost = tick.pipeCostPerByte;
  const consumeCost = tick.consumeCostPerByte;
  const bytesPerCore = C.DT / consumeCost;
  const kafka = cfg.kafka;
  const scanCpuPerByte = tick.scanCpuPerByte;
  for (let at = 0, list = cfg.stores; at < list.length; at++) {
    const i = list[at]!;
    wantPipe[i] = 0;
    if (kafka) wantConsume[i] = 0;
    if (up[i]! <= 0) continue;
    const pipe = canMove ? Math.min(completeBytes[i]! + parkedBytes[i]!, cap) : 0;
    wantPipe[i] = pipe;
    demandBg[i] = demandBg[i]! + pipe * pipeCost;
    if (kafka) {
      const room = completeBlocks[i]! > C.LIVE_STORE_WAL_BACKPRESSURE_BLOCKS ? 0 : maxLive - liveBytes[i]!;
      const take = Math.max(0, Math.min(lagBytes[i]!, cpuLimit[i]! * bytesPerCore, room));
      wantConsume[i] = take;
      demand[i] = demand[i]! + take * consumeCost;
    }
    if (scanCpuPerByte > 0) {
      const cpu = (liveBytes[i]! + headBytes[i]! + retainedBytes[i]!) * scanCpuPerByte;
      queryCpu[i] = cpu;
      demand[i] = demand[i]! + cpu;
    }
  }
}

/**
 * For every store that is up: live traces idle (or too old) go to the head block; a full or old head
 * block becomes a complete block; complete blocks are encoded and uploaded (2.10) or kept for recent
 * queries (3.0 live-stores); then the heap held for live traces and for blocks at each stage. One loop
 * with every array read once: this is the step's busiest part.
 */
export function stepStores(s: SimState): void {
  const cfg = s.cfg;
  const { cutShare, memoryPerLiveByte, meanBytes } = traceShape(s);
  // Loop-invariant divisions as multiplications: a division costs several multiplications' time.
  const perMeanTrace = 1 / Math.max(1, meanBytes);
  const { maxLiveBytes, maxBlockBytes, maxBlockSeconds, completeBlockTimeoutS } = cfg.storeParams;
  const keepRetained = 1 - Math.min(1, C.DT / completeBlockTimeoutS);
  const { liveBytes, liveUniq, headBytes, headAge, completeBytes, completeBlocks, retainedBytes } = s.store;
  const { diskBytes, peakDiskBytes, diskFull, parkedBytes } = s.store;
  const volume = cfg.volume;
  const wirePerDiskByte = 1 / C.DISK_BYTES_PER_WIRE_BYTE;
  const { up, spansOut } = s.proc;
  const tick = cfg.tick;
  const { wantPipe, scaleBg, used, extraMem } = cfg.scratch;
  const flush = cfg.storesFlush;
  const parkFailed = flush && !tick.storageUp;
  const perSpan = 1 / tick.spanSize;
  const spansPerSecond = perSpan / C.DT;
  const g = s.g;
  let written = 0;
  for (let at = 0, list = cfg.stores; at < list.length; at++) {
    const i = list[at]!;
    if (up[i]! <= 0) {
      spansOut[i] = 0;
      continue;
    }
    // Cut live traces into the head block, and a full or old head block into a complete block.
    const live = liveBytes[i]!;
    let cut = live * cutShare;
    let share = live > 0 ? cutShare : 1;
    if (live - cut > maxLiveBytes) {
      cut = live - maxLiveBytes;
      share = cut / live;
    }
    const uniq = liveUniq[i]!;
    let uniqCut = uniq * share;
    liveUniq[i] = uniq - uniqCut;
    const liveLeft = live - cut;
    liveBytes[i] = liveLeft;
    // Traces cut from memory are appended to the WAL on the volume; what does not fit is dropped.
    const free = (volume[i]! - diskBytes[i]!) * wirePerDiskByte;
    if (cut > free) {
      const kept = Math.max(0, free);
      const lostUniq = cut > 0 ? uniqCut * (1 - kept / cut) : 0;
      volumeFull(s, i, cut - kept, lostUniq);
      uniqCut -= lostUniq;
      cut = kept;
    } else if (diskFull[i]! > 0 && free > C.VOLUME_FREE_SHARE * volume[i]! * wirePerDiskByte)
      volumeFreed(s, i);
    written += uniqCut;
    let head = headBytes[i]! + cut;
    let age = head > 0 ? headAge[i]! + C.DT : 0;
    let complete = completeBytes[i]!;
    let blocks = completeBlocks[i]!;
    if (head > 0 && (head >= maxBlockBytes || age >= maxBlockSeconds)) {
      complete = complete + head;
      blocks = blocks + Math.max(1, head / maxBlockBytes);
      head = 0;
      age = 0;
    }
    headBytes[i] = head;
    headAge[i] = age;
    // Blocks whose flush fails wait on the volume (flush.go retries them from local disk), not in the heap.
    let parked = parkedBytes[i]!;
    if (parkFailed && complete > 0) {
      parked += complete;
      complete = 0;
    }
    // Encode and upload complete blocks, or keep them for recent queries.
    const move = wantPipe[i]! * scaleBg[i]!;
    let retained = retainedBytes[i]!;
    const waiting = complete + parked;
    if (move > 0 && waiting > 0) {
      const movedBlocks = blocks * Math.min(1, move / waiting);
      const fromParked = Math.min(parked, move);
      parked -= fromParked;
      complete = Math.max(0, complete - (move - fromParked));
      blocks = Math.max(0, blocks - movedBlocks);
      used[i] = used[i]! + move * tick.pipeCostPerByte;
      if (flush) {
        g.l0Bytes += move;
        g.l0Blocks += movedBlocks;
        g.totalBytes += move;
        tick.storageSpans += move * perSpan;
      }
      retained += move;
    }
    if (complete + parked <= 1e-6) {
      complete = 0;
      parked = 0;
      blocks = 0;
    }
    completeBytes[i] = complete;
    parkedBytes[i] = parked;
    completeBlocks[i] = blocks;
    spansOut[i] = move * spansPerSecond;
    retained = retained * keepRetained;
    retainedBytes[i] = retained;
    const disk = (head + complete + parked + retained) * C.DISK_BYTES_PER_WIRE_BYTE;
    diskBytes[i] = disk;
    if (disk > peakDiskBytes[i]!) peakDiskBytes[i] = disk;
    extraMem[i] =
      extraMem[i]! +
      heldBytes(
        liveLeft,
        memoryPerLiveByte,
        perMeanTrace,
        head,
        complete + Math.min(parked, maxBlockBytes),
        retained,
      );
  }
  tick.written += written;
  // Only while something is down or starting (resources.ts counts them).
  if (s.g.recovering > 0) replayingMemory(s);
}

/** Heap held for live traces and for blocks at each stage. */
function heldBytes(
  live: number,
  memoryPerLiveByte: number,
  perMeanTrace: number,
  head: number,
  complete: number,
  retained: number,
): number {
  return (
    live * memoryPerLiveByte +
    live * perMeanTrace * C.LIVE_TRACE_OVERHEAD_BYTES +
    head * C.HEAD_BLOCK_MEMORY_FACTOR +
    complete * C.COMPLETE_BLOCK_MEMORY_FACTOR +
    retained * C.RETAINED_BLOCK_MEMORY_FACTOR
  );
}

/**
 * A store's volume is full: `bytes` cut from memory this step could not be written to its WAL and are
 * gone (`uniqSpans` of them unique spans, lost for good in 2.10; a 3.0 live-store only misses them for
 * recent queries, the block-builders write them from Kafka). An event when it fills.
 */
function volumeFull(s: SimState, i: number, bytes: number, uniqSpans: number): void {
  const st = s.store;
  const g = s.g;
  const spans = s.cfg.storesFlush ? uniqSpans : bytes / s.cfg.tick.spanSize;
  st.diskLostSpans[i] = st.diskLostSpans[i]! + spans;
  if (s.cfg.storesFlush) {
    g.lost += uniqSpans;
    g.tracesLost += uniqSpans / Math.max(1, s.load.spansPerTrace);
  }
  if (st.diskFull[i]! > 0) return;
  st.diskFull[i] = 1;
  const name = s.cfg.names[i]!;
  const vol = formatBytes(s.cfg.volume[i]!);
  const what = s.cfg.storesFlush
    ? 'traces it cuts from memory cannot be appended to the WAL and are lost ("failed to cut traces")'
    : 'traces it consumes cannot be written to its WAL: recent queries miss them, block-builders still write them from Kafka';
  emit(s, name, 'volume-full', `${name}'s volume is full (${vol}): ${what}`);
}

/** The volume has room again: an event with what was lost while it was full. */
function volumeFreed(s: SimState, i: number): void {
  const st = s.store;
  st.diskFull[i] = 0;
  const name = s.cfg.names[i]!;
  const lost = st.diskLostSpans[i]!;
  const what = s.cfg.storesFlush ? 'lost' : 'left out of its recent data';
  emit(
    s,
    name,
    'volume-ok',
    `${name}'s volume has room again; ${formatCount(lost)} spans ${what} while it was full, since start`,
  );
}

/** Replaying stores hold the WAL they have read back so far. */
function replayingMemory(s: SimState): void {
  const cfg = s.cfg;
  const p = s.proc;
  for (let at = 0, list = cfg.stores; at < list.length; at++) {
    const i = list[at]!;
    if (p.phase[i] !== PHASE_REPLAYING) continue;
    const replay = p.replayBytes[i]!;
    const total = Math.max(1e-9, p.readyAt[i]! - p.downUntil[i]!);
    const done = Math.min(1, Math.max(0, s.t - p.downUntil[i]!) / total);
    cfg.scratch.extraMem[i] = cfg.scratch.extraMem[i]! + replay * done * C.WAL_REPLAY_MEMORY_FACTOR;
  }
}

/** A store dies: what it held in memory is lost or survives elsewhere; returns a note for the log. */
export function crashStore(s: SimState, i: number): string {
  const pos = s.cfg.storePos[i]!;
  if (pos < 0) return '';
  const note = s.cfg.storeKind === 'ingester' ? crashIngester(s, i) : crashLiveStore(s, i, pos);
  s.store.liveBytes[i] = 0;
  s.store.liveUniq[i] = 0;
  s.g.ringDirty = true;
  return note;
}
