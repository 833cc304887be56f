/**
 * Tempo 3.0 block-builders: every consume_cycle_duration each one consumes what its partitions
 * produced since the last cycle, groups it into blocks in memory and writes them to object storage.
 * One that dies loses nothing: its partitions are consumed again from the committed offset.
 */
import * as C from './calibration';
import { emit } from './events';
import { formatBytes, formatSeconds } from './format';
import { updateLag } from './kafka';
import type { SimState } from './state';

const IDLE = 0;
const CONSUMING = 1;
const WRITING = 2;
/** Bytes one core consumes in a step. */
const BYTES_PER_CORE_STEP = C.DT / C.BLOCK_BUILDER_CPU_PER_BYTE;

/** Start a cycle when it is due, and ask for the CPU to consume its target. */
export function demandBuilders(s: SimState): void {
  const cfg = s.cfg;
  if (!cfg.kafka) return;
  const sc = cfg.scratch;
  const b = s.builder;
  const c = s.consumer;
  for (let at = 0, list = cfg.blockBuilders; at < list.length; at++) {
    const i = list[at]!;
    sc.wantConsume[i] = 0;
    if (s.proc.up[i]! <= 0 || !cfg.tick.storageUp) continue;
    if (b.cycle[i] === IDLE && s.t >= b.nextCycleAt[i]! && c.lagBytes[i]! > 0) {
      b.cycle[i] = CONSUMING;
      b.target[i] = c.lagBytes[i]!;
      b.cycleStart[i] = s.t;
    }
    if (b.cycle[i] === CONSUMING) {
      const want = Math.min(
        b.target[i]!,
        c.lagBytes[i]!,
        cfg.cpuLimit[i]! * BYTES_PER_CORE_STEP,
      );
      sc.wantConsume[i] = want;
      sc.demand[i] = sc.demand[i]! + want * C.BLOCK_BUILDER_CPU_PER_BYTE;
    }
  }
}

/** Consume toward the cycle's target, then write its blocks to object storage. */
export function stepBuilders(s: SimState): void {
  const cfg = s.cfg;
  const sc = cfg.scratch;
  const tick = cfg.tick;
  const b = s.builder;
  const p = s.proc;
  const g = s.g;
  const dt = C.DT;
  for (let at = 0, list = cfg.blockBuilders; at < list.length; at++) {
    const i = list[at]!;
    if (p.up[i]! <= 0) {
      p.spansIn[i] = 0;
      p.spansOut[i] = 0;
      continue;
    }
    if (b.cycle[i] === IDLE) {
      // Between cycles (most of the time): nothing consumed, nothing written, nothing buffered.
      p.spansIn[i] = 0;
      p.spansOut[i] = 0;
      sc.extraMem[i] = sc.extraMem[i]! + b.buffer[i]! * C.BLOCK_BUILDER_MEMORY_FACTOR;
      continue;
    }
    const take = sc.wantConsume[i]! * sc.scale[i]!;
    s.consumer.lagBytes[i] = Math.max(0, s.consumer.lagBytes[i]! - take);
    b.target[i] = Math.max(0, b.target[i]! - take);
    b.buffer[i] = b.buffer[i]! + take;
    p.spansIn[i] = take / tick.spanSize / dt;
    sc.used[i] = sc.used[i]! + take * C.BLOCK_BUILDER_CPU_PER_BYTE;
    if (b.cycle[i] === CONSUMING && b.target[i]! <= 1e-6) b.cycle[i] = WRITING;
    let out = 0;
    if (b.cycle[i] === WRITING && tick.storageUp) {
      out = Math.min(b.buffer[i]!, C.BLOCK_BUILDER_WRITE_BYTES_PER_S * dt);
      b.buffer[i] = b.buffer[i]! - out;
      g.l0Bytes += out;
      g.l0Blocks += out / C.BLOCK_BUILDER_BLOCK_BYTES;
      g.totalBytes += out;
      tick.storageSpans += out / tick.spanSize;
      sc.used[i] = sc.used[i]! + out * C.FLUSH_CPU_PER_BYTE;
      if (b.buffer[i]! <= 1e-6) {
        b.buffer[i] = 0;
        b.cycle[i] = IDLE;
        b.nextCycleAt[i] = Math.max(s.t + dt, b.cycleStart[i]! + C.BLOCK_BUILDER_CYCLE_S);
      }
    }
    p.spansOut[i] = out / tick.spanSize / dt;
    sc.extraMem[i] = sc.extraMem[i]! + b.buffer[i]! * C.BLOCK_BUILDER_MEMORY_FACTOR;
  }
}

/** Lag in seconds, and an event when a block-builder falls cycles behind or catches up. */
export function builderLag(s: SimState): void {
  const cfg = s.cfg;
  const c = s.consumer;
  const limit = C.BLOCK_BUILDER_CYCLE_S * C.BLOCK_BUILDER_LAG_CYCLES;
  const changed = cfg.scratch.changed;
  const n = updateLag(s, cfg.blockBuilders, limit, C.BLOCK_BUILDER_CYCLE_S, changed);
  for (let x = 0; x < n; x++) {
    const i = cfg.blockBuilders[changed[x]!]!;
    const lag = c.lagSeconds[i]!;
    const name = cfg.names[i]!;
    if (c.lagging[i]) {
      emit(
        s,
        name,
        'lag',
        `${name} is ${formatSeconds(lag)} behind its partitions: blocks reach object storage late, nothing is lost`,
      );
    } else {
      emit(s, name, 'caught-up', `${name} caught up with its partitions`);
    }
  }
}

/** A block-builder dies: its unwritten cycle goes back to Kafka. */
export function crashBuilder(s: SimState, i: number): string {
  const b = s.builder;
  const buffered = b.buffer[i]!;
  s.consumer.lagBytes[i] = s.consumer.lagBytes[i]! + buffered;
  b.buffer[i] = 0;
  b.cycle[i] = IDLE;
  b.target[i] = 0;
  b.nextCycleAt[i] = 0;
  return buffered > 0 ? `; nothing lost: ${formatBytes(buffered)} will be consumed again from Kafka` : '';
}
