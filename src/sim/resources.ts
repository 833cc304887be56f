/**
 * Processes as the kubelet sees them: CPU limits shared among a process's modules, memory against the
 * limit, OOM kills, crashes, CrashLoopBackOff restarts and the start-up (WAL replay) before ready.
 */

import { crashBuilder } from './blockBuilders';
import * as C from './calibration';
import { splitCohortOf } from './cohorts';
import { emit, formatOver } from './events';
import { formatBytes, formatSeconds } from './format';
import { resumeFromOffset } from './liveStores';
import { crashQueries } from './queries';
import {
  CAUSE_OOM,
  PHASE_CRASHED,
  PHASE_OOM_PENDING,
  PHASE_REPLAYING,
  PHASE_RUNNING,
  type SimState,
} from './state';
import { crashStore } from './stores';

/**
 * What a process of `kind` holds at the most of its bounded working set, whatever the load: its base,
 * and for a querier max_concurrent_queries jobs, for a compactor or backend-worker one compaction job
 * with a full row group, for a query-frontend max_outstanding_per_tenant queued jobs. Working sets
 * that grow with the load (live traces, blocks, consume cycles, batches, series) are not in it: the
 * simulation sizes those. The capacity planner never gives a pod less (src/plan).
 */
export function heldMemoryBytes(kind: string, singleBinary: boolean): number {
  const base = C.BASE_MEMORY[kind] ?? 150 * C.MiB;
  switch (kind) {
    case 'tempo':
      return (
        base +
        C.QUERIER_MAX_CONCURRENT * C.SINGLE_BINARY_QUERY_JOB_MEMORY_BYTES +
        (C.COMPACT_WORKING_SET_BYTES.tempo ?? 0)
      );
    case 'querier':
      return (
        base +
        C.QUERIER_MAX_CONCURRENT *
          (singleBinary ? C.SINGLE_BINARY_QUERY_JOB_MEMORY_BYTES : C.QUERY_JOB_MEMORY_BYTES)
      );
    case 'compactor':
    case 'backend-worker':
      return base + (C.COMPACT_WORKING_SET_BYTES[kind] ?? 0);
    case 'query-frontend':
      return base + C.FRONTEND_MAX_OUTSTANDING * C.FRONTEND_BYTES_PER_QUEUED_JOB;
    default:
      return base;
  }
}

/** A process dies (OOM or killed): it loses what only its memory held. */
export function crash(s: SimState, i: number, cause: number): void {
  // It no longer runs like the other replicas of its cohort.
  splitCohortOf(s, i);
  const cfg = s.cfg;
  const p = s.proc;
  const name = cfg.names[i]!;
  const memAtDeath = p.mem[i]!;
  // Died before it was ready again since its last crash: it was still starting (replaying).
  const starting = p.restarts[i]! > 0 && p.lastReady[i]! < p.downSince[i]!;
  let note = crashStore(s, i);
  if (cfg.kinds[i] === 'block-builder') note = crashBuilder(s, i);
  if (starting && p.replayBytes[i]! > 0)
    note += `; it died replaying ${formatBytes(p.replayBytes[i]!)} of WAL and will replay the same WAL again: crash loop`;
  crashQueries(s, i);
  const streak = p.streak[i]! + 1;
  p.streak[i] = streak;
  const backoff = Math.min(C.RESTART_BACKOFF_MAX_S, C.RESTART_BACKOFF_BASE_S * 2 ** (streak - 1));
  p.up[i] = 0;
  p.phase[i] = PHASE_CRASHED;
  s.g.recovering++;
  p.cause[i] = cause;
  p.downSince[i] = s.t;
  p.downUntil[i] = s.t + backoff;
  p.mem[i] = 0;
  p.cpu[i] = 0;
  p.spansIn[i] = 0;
  p.spansOut[i] = 0;
  s.dist.accepted[i] = 0;
  s.work.jobs[i] = 0;
  s.work.compactBytes[i] = 0;
  if (cause === CAUSE_OOM) {
    p.oomKills[i] = p.oomKills[i]! + 1;
    const limit = cfg.memLimit[i]!;
    emit(
      s,
      name,
      'oom-kill',
      `${name} OOM-killed at ${formatOver(memAtDeath, limit)} of ${formatBytes(limit)}${note}`,
    );
  } else {
    p.kills[i] = p.kills[i]! + 1;
    emit(s, name, 'killed', `${name} killed${note}`);
  }
}

/** Crashed processes start again after their back-off; replaying ones become ready. */
export function stepRestarts(s: SimState): void {
  const cfg = s.cfg;
  const p = s.proc;
  const t = s.t;
  if (s.g.recovering === 0) return;
  let recovering = 0;
  for (let at = 0, active = s.co.active; at < active.length; at++) {
    const i = active[at]!;
    const phase = p.phase[i]!;
    if (phase !== PHASE_RUNNING || p.streak[i]! > 0) recovering += s.co.weight[i]!;
    if (phase === PHASE_CRASHED && t >= p.downUntil[i]!) {
      const replay = p.replayBytes[i]!;
      p.phase[i] = PHASE_REPLAYING;
      p.readyAt[i] = t + C.STARTUP_SECONDS + replay / C.WAL_REPLAY_BYTES_PER_S;
      p.restarts[i] = p.restarts[i]! + 1;
      const name = cfg.names[i]!;
      const lag = s.consumer.lagBytes[i]!;
      const what =
        replay > 0
          ? `, replaying ${formatBytes(replay)} of WAL`
          : cfg.kafka && cfg.storePos[i]! >= 0
            ? resumeFromOffset(s, i)
            : lag > 0
              ? `, catching up ${formatBytes(lag)} from Kafka`
              : '';
      emit(s, name, 'restart', `${name} restarted after ${formatSeconds(t - p.downSince[i]!)}${what}`);
    } else if (phase === PHASE_REPLAYING && t >= p.readyAt[i]!) {
      p.phase[i] = PHASE_RUNNING;
      p.up[i] = 1;
      p.lastReady[i] = t;
      p.replayBytes[i] = 0;
      if (cfg.storePos[i]! >= 0) s.g.ringDirty = true;
      const name = cfg.names[i]!;
      emit(s, name, 'ready', `${name} ready after ${formatSeconds(t - p.downSince[i]!)} down`);
    } else if (phase === PHASE_RUNNING && t - p.lastReady[i]! >= C.RESTART_BACKOFF_RESET_S) {
      p.streak[i] = 0;
    }
  }
  s.g.recovering = recovering;
}

/** Start a step's accounting: every running process idles at a little CPU. */
export function beginDemand(s: SimState): void {
  const sc = s.cfg.scratch;
  // A process that is down wants nothing else, and idle demand alone never exceeds a CPU limit.
  sc.demand.fill(C.IDLE_CPU);
  sc.demandBg.fill(0);
  sc.used.fill(0);
  sc.extraMem.fill(0);
}

/**
 * Share each process's CPU among its modules: ingest and queries first, background work (block
 * encoding, flushing, compaction) gets the rest but never less than a guaranteed share.
 */
export function shareCpu(s: SimState): void {
  const cfg = s.cfg;
  const { demand, demandBg, scale, scaleBg } = cfg.scratch;
  const cpuLimit = cfg.cpuLimit;
  const bgShare = C.BACKGROUND_CPU_SHARE;
  for (let at = 0, active = s.co.active; at < active.length; at++) {
    const i = active[at]!;
    const fg = demand[i]!;
    const bg = demandBg[i]!;
    const lim = cpuLimit[i]!;
    const bgFloor = Math.min(bg, bgShare * lim);
    const fgAvail = lim - bgFloor;
    scale[i] = fg > fgAvail ? fgAvail / fg : 1;
    const bgAvail = lim - Math.min(fg, fgAvail);
    scaleBg[i] = bg > bgAvail ? bgAvail / bg : 1;
  }
}

export function ema(prev: number, x: number): number {
  return prev + C.RATE_EMA_ALPHA * (x - prev);
}

/** Memory and CPU at the end of the step, peaks, then OOM kills. */
export function settleResources(s: SimState): void {
  const cfg = s.cfg;
  const { baseMem, cpuLimit, memLimit } = cfg;
  const active = s.co.active;
  const { extraMem, used } = cfg.scratch;
  const { phase, mem, cpu, cpuAvg, peakMem, peakCpu } = s.proc;
  const idle = C.IDLE_CPU;
  const perSecond = 1 / C.DT;
  const alpha = C.RATE_EMA_ALPHA;
  let over = 0;
  for (let at = 0; at < active.length; at++) {
    const i = active[at]!;
    const ph = phase[i]!;
    if (ph === PHASE_CRASHED) continue;
    const m = baseMem[i]! + extraMem[i]!;
    const lim = cpuLimit[i]!;
    const want = ph === PHASE_REPLAYING ? 1 : idle + used[i]! * perSecond;
    const c = Math.min(want, lim);
    mem[i] = m;
    cpu[i] = c;
    const avg = cpuAvg[i]!;
    cpuAvg[i] = avg + alpha * (c - avg);
    if (m > peakMem[i]!) peakMem[i] = m;
    if (c > peakCpu[i]!) peakCpu[i] = c;
    if (m > memLimit[i]!) over++;
  }
  cfg.tick.overMemory = over;
}

/** Processes over their limit die together: none of them can hand its live traces to another. */
export function oomKills(s: SimState): void {
  const cfg = s.cfg;
  const p = s.proc;
  if (cfg.tick.overMemory === 0) return;
  // A merged cohort over its limit is every one of its replicas over it: they die one by one.
  const before = s.co.active;
  for (let at = 0; at < before.length; at++) {
    const i = before[at]!;
    if (p.phase[i] !== PHASE_CRASHED && p.mem[i]! > cfg.memLimit[i]!) splitCohortOf(s, i);
  }
  let victims = 0;
  for (let at = 0, active = s.co.active; at < active.length; at++) {
    const i = active[at]!;
    if (p.phase[i] === PHASE_CRASHED) continue;
    if (p.mem[i]! > cfg.memLimit[i]!) {
      p.up[i] = 0;
      p.phase[i] = PHASE_OOM_PENDING;
      victims++;
    }
  }
  if (victims > 0)
    for (let i = 0; i < cfg.n; i++) if (p.phase[i] === PHASE_OOM_PENDING) crash(s, i, CAUSE_OOM);
}
