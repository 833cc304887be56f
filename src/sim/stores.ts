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

/** CPU wanted to encode complete blocks and flush them (background work). */
export function demandBlockPipeline(s: SimState): void {
  const cfg = s.cfg;
  const sc = cfg.scratch;
  const tick = cfg.tick;
  tick.pipeCostPerByte = C.COMPLETE_CPU_PER_BYTE + (cfg.storesFlush ? C.FLUSH_CPU_PER_BYTE : 0);
  const canMove = !cfg.storesFlush || tick.storageUp;
  const cap = Math.min(C.COMPLETE_BYTES_PER_S, cfg.storesFlush ? C.FLUSH_BYTES_PER_S : Infinity) * C.DT;
  for (const i of cfg.stores) {
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
  const p = cfg.storeParams;
  const dt = C.DT;
  const residence = Math.max(dt, Math.min(p.traceIdleSeconds + C.TRACE_ARRIVAL_SPREAD_S, p.traceLiveSeconds));
  const cutShare = Math.min(1, dt / residence);
  for (const i of cfg.stores) {
    if (s.proc.up[i]! <= 0) {
      s.proc.spansOut[i] = 0;
      continue;
    }
    cutLiveTraces(s, i, cutShare);
    flushBlocks(s, i);
    storeMemory(s, i);
  }
  replayingMemory(s);
}

function cutLiveTraces(s: SimState, i: number, cutShare: number): void {
  const st = s.store;
  const p = s.cfg.storeParams;
  const live = st.liveBytes[i]!;
  let cut = live * cutShare;
  if (live - cut > p.maxLiveBytes) cut = live - p.maxLiveBytes;
  const share = live > 0 ? cut / live : 1;
  const uniq = st.liveUniq[i]!;
  const uniqCut = uniq * share;
  s.cfg.tick.written += uniqCut;
  st.liveUniq[i] = uniq - uniqCut;
  st.liveBytes[i] = live - cut;
  let head = st.headBytes[i]! + cut;
  let age = head > 0 ? st.headAge[i]! + C.DT : 0;
  if (head > 0 && (head >= p.maxBlockBytes || age >= p.maxBlockSeconds)) {
    st.completeBytes[i] = st.completeBytes[i]! + head;
    st.completeBlocks[i] = st.completeBlocks[i]! + Math.max(1, head / p.maxBlockBytes);
    head = 0;
    age = 0;
  }
  st.headBytes[i] = head;
  st.headAge[i] = age;
}

function flushBlocks(s: SimState, i: number): void {
  const cfg = s.cfg;
  const st = s.store;
  const g = s.g;
  const tick = cfg.tick;
  const sc = cfg.scratch;
  const move = sc.wantPipe[i]! * sc.scaleBg[i]!;
  const complete = st.completeBytes[i]!;
  const blocks = st.completeBlocks[i]!;
  if (move > 0 && complete > 0) {
    const movedBlocks = blocks * Math.min(1, move / complete);
    st.completeBytes[i] = Math.max(0, complete - move);
    st.completeBlocks[i] = Math.max(0, blocks - movedBlocks);
    sc.used[i] = sc.used[i]! + move * tick.pipeCostPerByte;
    if (cfg.storesFlush) {
      g.l0Bytes += move;
      g.l0Blocks += movedBlocks;
      g.totalBytes += move;
      tick.storageSpans += move / tick.spanSize;
    }
    st.retainedBytes[i] = st.retainedBytes[i]! + move;
  }
  if (st.completeBytes[i]! <= 1e-6) {
    st.completeBytes[i] = 0;
    st.completeBlocks[i] = 0;
  }
  s.proc.spansOut[i] = move / tick.spanSize / C.DT;
  st.retainedBytes[i] =
    st.retainedBytes[i]! * (1 - Math.min(1, C.DT / cfg.storeParams.completeBlockTimeoutS));
}

function storeMemory(s: SimState, i: number): void {
  const st = s.store;
  const tick = s.cfg.tick;
  const sc = s.cfg.scratch;
  const liveTraces = st.liveBytes[i]! / Math.max(1, tick.spanSize * tick.spansPerTrace);
  sc.extraMem[i] =
    sc.extraMem[i]! +
    st.liveBytes[i]! * C.LIVE_TRACE_MEMORY_FACTOR +
    liveTraces * C.LIVE_TRACE_OVERHEAD_BYTES +
    st.headBytes[i]! * C.HEAD_BLOCK_MEMORY_FACTOR +
    st.completeBytes[i]! * C.COMPLETE_BLOCK_MEMORY_FACTOR +
    st.retainedBytes[i]! * C.RETAINED_BLOCK_MEMORY_FACTOR;
}

/** Replaying stores hold the WAL they have read back so far. */
function replayingMemory(s: SimState): void {
  const cfg = s.cfg;
  const p = s.proc;
  for (const i of cfg.stores) {
    if (p.phase[i] !== PHASE_REPLAYING) continue;
    const replay = p.replayBytes[i]!;
    const total = Math.max(1e-9, p.readyAt[i]! - p.downUntil[i]!);
    const done = Math.min(1, Math.max(0, s.t - p.downUntil[i]!) / total);
    cfg.scratch.extraMem[i] = cfg.scratch.extraMem[i]! + replay * done * C.HEAD_BLOCK_MEMORY_FACTOR;
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
