/**
 * Compaction: level-0 blocks in object storage are merged by the compactors (2.10), or by
 * backend-workers that take jobs from the single backend-scheduler (2.10 option, 3.0), or by the
 * single binary itself. Merging deduplicates the replicas RF=3 wrote; nothing compacts while object
 * storage is down, or while the scheduler is.
 */
import * as C from './calibration';
import { countUp, walked } from './cohorts';
import { emit } from './events';
import { formatSeconds } from './format';
import type { SimState } from './state';

const SCHEDULER_CPU = 0.02;

export function demandCompaction(s: SimState): void {
  const cfg = s.cfg;
  const sc = cfg.scratch;
  const tick = cfg.tick;
  const up = s.proc.up;
  const g = s.g;
  const schedulerUp = cfg.scheduler === -1 || (cfg.scheduler >= 0 && up[cfg.scheduler]! > 0);
  const compUp = countUp(s, cfg.compactors);
  if (cfg.mode === 'microservices' && !cfg.compactionDisabled && (compUp === 0) !== g.compactionStopped)
    compactionEvent(s, compUp === 0);
  tick.canExpire = !cfg.compactionDisabled && tick.storageUp && schedulerUp && compUp > 0;
  tick.canCompact = tick.canExpire && g.l0Blocks >= 2;
  for (let at = 0, list = cfg.compactors, len = walked(s, list); at < len; at++) {
    const i = list[at]!;
    sc.wantCompact[i] = 0;
    if (!tick.canCompact || up[i]! <= 0) continue;
    const want = Math.min(g.l0Bytes / compUp, C.COMPACT_IO_BYTES_PER_S * C.DT);
    sc.wantCompact[i] = want;
    sc.demandBg[i] = sc.demandBg[i]! + want * C.COMPACT_CPU_PER_BYTE;
  }
  if (cfg.scheduler >= 0 && tick.canCompact)
    sc.demand[cfg.scheduler] = sc.demand[cfg.scheduler]! + SCHEDULER_CPU;
}

/**
 * Nothing compacts because no compactor or backend-worker runs (backend-workers scaled to 0, or all
 * down), or it runs again. In 3.0 the backend-scheduler still plans compaction and retention jobs,
 * but backend-workers run both (modules/backendworker/backendworker.go at v3.0.3): without one,
 * level-0 blocks pile up and nothing past block_retention is deleted.
 */
function compactionEvent(s: SimState, stopped: boolean): void {
  const cfg = s.cfg;
  s.g.compactionStopped = stopped;
  const workers = cfg.scheduler !== -1;
  const who = cfg.scheduler >= 0 ? cfg.names[cfg.scheduler]! : workers ? 'backend-worker' : 'compactor';
  const what = workers ? 'backend-worker' : 'compactor';
  const none =
    cfg.compactors.length === 0
      ? `no ${what} runs (${workers ? 'backendWorker' : 'compactor'}.replicas is 0)`
      : `no ${what} is running`;
  const jobs = workers ? `${who} hands its compaction and retention jobs to nobody` : 'nothing compacts';
  emit(
    s,
    who,
    stopped ? 'compaction-stopped' : 'compaction-resumed',
    stopped
      ? `${none}: ${jobs}; level-0 blocks pile up, searches scan more of them, and nothing older than block_retention (${formatSeconds(cfg.retentionS)}) is deleted`
      : `a ${what} runs again: compaction and block_retention resume`,
  );
}

/** Merge level-0 blocks as far as each compacting process's CPU share allows. */
export function stepCompaction(s: SimState): void {
  const cfg = s.cfg;
  const sc = cfg.scratch;
  const g = s.g;
  let compactedBlocks = 0;
  const keepShare = compactionKeep(s);
  const workingSet = compactionWorkingSet(s);
  for (let at = 0, list = cfg.compactors, len = walked(s, list); at < len; at++) {
    const i = list[at]!;
    const want = sc.wantCompact[i]!;
    if (want <= 0) {
      s.work.compactBytes[i] = 0;
      continue;
    }
    // A merged cohort (cohorts.ts) takes its replicas' shares at once.
    const w = s.co.weight[i]!;
    const bytes0 = g.l0Bytes;
    const x = Math.min(bytes0, want * sc.scaleBg[i]! * w);
    const blocks0 = g.l0Blocks;
    const b = bytes0 > 0 ? blocks0 * (x / bytes0) : 0;
    g.l0Bytes = bytes0 - x;
    g.l0Blocks = Math.max(0, blocks0 - b);
    const keep = x * keepShare;
    g.compactedBytes += keep;
    g.totalBytes = Math.max(0, g.totalBytes - x + keep);
    compactedBlocks += b;
    s.work.compactBytes[i] = x / w / C.DT;
    sc.used[i] = sc.used[i]! + (x / w) * C.COMPACT_CPU_PER_BYTE;
    sc.extraMem[i] = sc.extraMem[i]! + workingSet;
  }
  if (g.l0Bytes <= 1e-6) {
    g.l0Bytes = 0;
    g.l0Blocks = 0;
  }
  g.compactedBlockRate = compactedBlocks / C.DT;
  if (cfg.tick.canExpire) expire(s);
  if (cfg.scheduler >= 0 && compactedBlocks > 0)
    sc.used[cfg.scheduler] = sc.used[cfg.scheduler]! + SCHEDULER_CPU;
}

/**
 * What a compacting process holds for its job (calibration.ts COMPACT_WORKING_SET_BYTES): its kind's
 * working set, of which the output row group fills only as far as the job's four input blocks reach
 * parquet_row_group_size_bytes (small level-0 blocks: a smaller row group).
 */
function compactionWorkingSet(s: SimState): number {
  const cfg = s.cfg;
  const g = s.g;
  const first = cfg.compactors[0];
  if (first === undefined) return 0;
  const full = C.COMPACT_WORKING_SET_BYTES[cfg.kinds[first]!] ?? 0;
  const jobBytes = g.l0Blocks > 0 ? (C.COMPACT_MAX_INPUT_BLOCKS * g.l0Bytes) / g.l0Blocks : 0;
  return full * Math.min(1, jobBytes / C.PARQUET_ROW_GROUP_BYTES);
}

/**
 * block_retention during a run: once the oldest data in the bucket is as old as the retention, the
 * compactors (2.10) or the backend-scheduler's retention (3.0) delete what falls past it, about a
 * retention's share of what is stored each second (in a steady cluster, as much as is written).
 * Compacted blocks are the oldest, so they go first. Not while compaction is disabled: in 3.0 that
 * stops retention too (modules/backendscheduler/provider/retention.go).
 */
function expire(s: SimState): void {
  const g = s.g;
  const retention = s.cfg.retentionS;
  if (s.t + g.historySeconds < retention || g.totalBytes <= 0) return;
  const drop = g.totalBytes * (C.DT / retention);
  const fromCompacted = Math.min(g.compactedBytes, drop);
  g.compactedBytes -= fromCompacted;
  const fromL0 = Math.min(g.l0Bytes, drop - fromCompacted);
  if (fromL0 > 0) {
    g.l0Blocks = Math.max(0, g.l0Blocks * (1 - fromL0 / g.l0Bytes));
    g.l0Bytes -= fromL0;
  }
  g.totalBytes = Math.max(0, g.totalBytes - fromCompacted - fromL0);
}

/**
 * Output bytes per compacted input byte. Compaction deduplicates a trace's RF copies only when the
 * blocks holding them are merged in one job (vparquet4/compactor.go at v2.10.8 combines rows with the
 * same trace ID across its input blocks), and the block selector merges blocks of one compaction_window
 * only while they stay within max_compaction_objects (6,000,000) and max_block_bytes
 * (blockselector/compaction_block_selector.go). A window whose trace copies need k final blocks keeps
 * a trace in k (1 - (1 - 1/k)^RF) of them on average (copies spread over the final blocks at random
 * [estimate]); k follows from the distinct trace-block pairs, a fixed point found in a few rounds. At
 * 500 traces/s with RF 3 everything fits one block a window (1.0x); at 2,000 traces/s about 1.9x; at
 * 5,000 about 2.6x: the 3.0 release notes' 2-2.5x for RF 3 is a busy cluster's figure.
 */
export function compactionKeep(s: SimState): number {
  const cfg = s.cfg;
  const rf = cfg.replicaCopies;
  if (rf <= 1) return 1;
  const tracesPerSecond = s.load.spansPerSecond / Math.max(1, s.load.spansPerTrace);
  const memo = cfg.keepMemo;
  if (memo.tracesPerSecond === tracesPerSecond) return memo.keep;
  const traces = tracesPerSecond * C.COMPACTION_WINDOW_S;
  let copies = 1;
  for (let round = 0; round < 8; round++) {
    const k = Math.max(1, (traces * copies) / C.MAX_COMPACTION_OBJECTS);
    copies = k * (1 - (1 - 1 / k) ** rf);
  }
  memo.tracesPerSecond = tracesPerSecond;
  memo.keep = copies / rf;
  return memo.keep;
}
