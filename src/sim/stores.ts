/**
 * The trace and block life cycle shared by every process that holds live traces (2.10 ingesters and
 * single binaries, 3.0 live-stores): live traces are cut into the head block after
 * trace_idle_period (or max_trace_live), the head block is cut into a complete block at
 * max_block_bytes or max_block_duration, complete blocks are encoded and flushed (2.10) or kept for
 * recent queries until complete_block_timeout. Memory follows what is held at each stage.
 */
import * as C from './calibration';
import { crashIngester } from './ingesters';
import { crashLiveStore } from './liveStores';
import { PHASE_REPLAYING, type SimState } from './state';
import { type TraceShape, traceShape } from './traces';

/** CPU wanted to encode complete blocks and flush them (background work). */
export function demandBlockPipeline(s: SimState): void {
  const cfg = s.cfg;
  const sc = cfg.scratch;
  const tick = cfg.tick;
  tick.pipeCostPerByte = C.COMPLETE_CPU_PER_BYTE + (cfg.storesFlush ? C.FLUSH_CPU_PER_BYTE : 0);
  const canMove = !cfg.storesFlush || tick.storageUp;
  const cap = Math.min(C.COMPLETE_BYTES_PER_S, cfg.storesFlush ? C.FLUSH_BYTES_PER_S : Infinity) * C.DT;
  for (let at = 0, list = cfg.stores; at < list.length; at++) {
    const i = list[at]!;
    sc.wantPipe[i] = 0;
    if (s.proc.up[i]! <= 0) continue;
    const want = canMove ? Math.min(s.store.completeBytes[i]!, cap) : 0;
    sc.wantPipe[i] = want;
    sc.demandBg[i] = sc.demandBg[i]! + want * tick.pipeCostPerByte;
  }
}

/** Cut live traces, cut blocks, encode and flush, for every store that is up. */
export function stepStores(s: SimState): void {
  const cfg = s.cfg;
  const shape = traceShape(s);
  const up = s.proc.up;
  for (let at = 0, list = cfg.stores; at < list.length; at++) {
    const i = list[at]!;
    if (up[i]! <= 0) {
      s.proc.spansOut[i] = 0;
      continue;
    }
    cutLiveTraces(s, i, shape.cutShare);
    flushBlocks(s, i);
    storeMemory(s, i, shape);
  }
  replayingMemory(s);
}

/** Live traces idle (or too old) go to the head block; a full or old head block becomes a complete block. */
function cutLiveTraces(s: SimState, i: number, cutShare: number): void {
  const { liveBytes, liveUniq, headBytes, headAge, completeBytes, completeBlocks } = s.store;
  const p = s.cfg.storeParams;
  const live = liveBytes[i]!;
  let cut = live * cutShare;
  if (live - cut > p.maxLiveBytes) cut = live - p.maxLiveBytes;
  const share = live > 0 ? cut / live : 1;
  const uniq = liveUniq[i]!;
  const uniqCut = uniq * share;
  s.cfg.tick.written += uniqCut;
  liveUniq[i] = uniq - uniqCut;
  liveBytes[i] = live - cut;
  let head = headBytes[i]! + cut;
  let age = head > 0 ? headAge[i]! + C.DT : 0;
  if (head > 0 && (head >= p.maxBlockBytes || age >= p.maxBlockSeconds)) {
    completeBytes[i] = completeBytes[i]! + head;
    completeBlocks[i] = completeBlocks[i]! + Math.max(1, head / p.maxBlockBytes);
    head = 0;
    age = 0;
  }
  headBytes[i] = head;
  headAge[i] = age;
}

/** Encode and upload complete blocks (2.10), or keep them for recent queries (3.0 live-stores). */
function flushBlocks(s: SimState, i: number): void {
  const cfg = s.cfg;
  const { completeBytes, completeBlocks, retainedBytes } = s.store;
  const tick = cfg.tick;
  const sc = cfg.scratch;
  const move = sc.wantPipe[i]! * sc.scaleBg[i]!;
  const complete = completeBytes[i]!;
  const blocks = completeBlocks[i]!;
  let retained = retainedBytes[i]!;
  if (move > 0 && complete > 0) {
    const movedBlocks = blocks * Math.min(1, move / complete);
    completeBytes[i] = Math.max(0, complete - move);
    completeBlocks[i] = Math.max(0, blocks - movedBlocks);
    sc.used[i] = sc.used[i]! + move * tick.pipeCostPerByte;
    if (cfg.storesFlush) {
      const g = s.g;
      g.l0Bytes += move;
      g.l0Blocks += movedBlocks;
      g.totalBytes += move;
      tick.storageSpans += move / tick.spanSize;
    }
    retained += move;
  }
  if (completeBytes[i]! <= 1e-6) {
    completeBytes[i] = 0;
    completeBlocks[i] = 0;
  }
  s.proc.spansOut[i] = move / tick.spanSize / C.DT;
  retainedBytes[i] = retained * (1 - Math.min(1, C.DT / cfg.storeParams.completeBlockTimeoutS));
}

/** Heap held for live traces and for blocks at each stage. */
function storeMemory(s: SimState, i: number, shape: TraceShape): void {
  const { liveBytes, headBytes, completeBytes, retainedBytes } = s.store;
  const extraMem = s.cfg.scratch.extraMem;
  const live = liveBytes[i]!;
  const liveTraces = live / Math.max(1, shape.meanBytes);
  extraMem[i] =
    extraMem[i]! +
    live * shape.memoryPerLiveByte +
    liveTraces * C.LIVE_TRACE_OVERHEAD_BYTES +
    headBytes[i]! * C.HEAD_BLOCK_MEMORY_FACTOR +
    completeBytes[i]! * C.COMPLETE_BLOCK_MEMORY_FACTOR +
    retainedBytes[i]! * C.RETAINED_BLOCK_MEMORY_FACTOR;
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
