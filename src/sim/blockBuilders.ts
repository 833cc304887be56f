/**
 * Tempo 3.0 block-builders: every consume_cycle_duration each one consumes what its partitions
 * produced since the last cycle, groups it into blocks in memory and writes them to object storage.
 * A lagging one catches up in sections (blockbuilder.go at v3.0.3): each is at most
 * consume_cycle_duration of records and at most max_consuming_bytes, written and committed before
 * the next, which starts at once while it is still a cycle or more behind. So a backlog drains in
 * bounded steps instead of being held in memory at once. One that dies loses nothing: its partitions
 * are consumed again from the committed offset.
 */
import * as C from './calibration';
import { formatBytes, formatSeconds } from './format';
import { produceRate, recordExpired, updateLag } from './kafka';
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
  const { wantConsume, demand } = cfg.scratch;
  const { cycle, target, cycleStart, nextCycleAt } = s.builder;
  const lagBytes = s.consumer.lagBytes;
  const up = s.proc.up;
  const cpuLimit = cfg.cpuLimit;
  const storageUp = cfg.tick.storageUp;
  const t = s.t;
  for (let at = 0, list = cfg.blockBuilders; at < list.length; at++) {
    const i = list[at]!;
    wantConsume[i] = 0;
    if (up[i]! <= 0 || !storageUp) continue;
    if (cycle[i] === IDLE && t >= nextCycleAt[i]! && lagBytes[i]! > 0) {
      cycle[i] = CONSUMING;
      // One section: a cycle's worth of records from the committed offset, max_consuming_bytes at most.
      const section = Math.min(
        produceRate(s, i) * C.BLOCK_BUILDER_CYCLE_S,
        C.BLOCK_BUILDER_MAX_CONSUMING_BYTES,
      );
      target[i] = Math.min(lagBytes[i]!, section);
      cycleStart[i] = t;
    }
    if (cycle[i] === CONSUMING) {
      const want = Math.min(target[i]!, lagBytes[i]!, cpuLimit[i]! * BYTES_PER_CORE_STEP);
      wantConsume[i] = want;
      demand[i] = demand[i]! + want * C.BLOCK_BUILDER_CPU_PER_BYTE;
    }
  }
}

/** Consume toward the cycle's target, then write its blocks to object storage. */
export function stepBuilders(s: SimState): void {
  const cfg = s.cfg;
  const tick = cfg.tick;
  const { wantConsume, scale, used, extraMem } = cfg.scratch;
  const { cycle, target, buffer, cycleStart, nextCycleAt } = s.builder;
  const { up, spansIn, spansOut } = s.proc;
  const { lagBytes, lagSeconds } = s.consumer;
  const g = s.g;
  const dt = C.DT;
  const spansPerSecond = 1 / tick.spanSize / dt;
  for (let at = 0, list = cfg.blockBuilders; at < list.length; at++) {
    const i = list[at]!;
    if (up[i]! <= 0) {
      spansIn[i] = 0;
      spansOut[i] = 0;
      continue;
    }
    if (cycle[i] === IDLE) {
      // Between cycles (most of the time): nothing consumed, nothing written, nothing buffered.
      spansIn[i] = 0;
      spansOut[i] = 0;
      extraMem[i] = extraMem[i]! + buffer[i]! * C.BLOCK_BUILDER_MEMORY_FACTOR;
      continue;
    }
    const take = wantConsume[i]! * scale[i]!;
    lagBytes[i] = Math.max(0, lagBytes[i]! - take);
    target[i] = Math.max(0, target[i]! - take);
    buffer[i] = buffer[i]! + take;
    spansIn[i] = take * spansPerSecond;
    used[i] = used[i]! + take * C.BLOCK_BUILDER_CPU_PER_BYTE;
    if (cycle[i] === CONSUMING && target[i]! <= 1e-6) cycle[i] = WRITING;
    let out = 0;
    if (cycle[i] === WRITING && tick.storageUp) {
      out = Math.min(buffer[i]!, C.BLOCK_BUILDER_WRITE_BYTES_PER_S * dt);
      buffer[i] = buffer[i]! - out;
      g.l0Bytes += out;
      g.l0Blocks += out / C.BLOCK_BUILDER_BLOCK_BYTES;
      g.totalBytes += out;
      tick.storageSpans += out / tick.spanSize;
      used[i] = used[i]! + out * C.FLUSH_CPU_PER_BYTE;
      if (buffer[i]! <= 1e-6) {
        buffer[i] = 0;
        cycle[i] = IDLE;
        // Still a cycle or more behind: the next section starts now; caught up: wait for the cycle.
        nextCycleAt[i] =
          lagSeconds[i]! >= C.BLOCK_BUILDER_CYCLE_S
            ? s.t + dt
            : Math.max(s.t + dt, cycleStart[i]! + C.BLOCK_BUILDER_CYCLE_S);
      }
    }
    spansOut[i] = out * spansPerSecond;
    extraMem[i] = extraMem[i]! + buffer[i]! * C.BLOCK_BUILDER_MEMORY_FACTOR;
  }
}

/** Lag in seconds, and an event when a block-builder falls cycles behind or catches up. */
export function builderLag(s: SimState): void {
  const limit = C.BLOCK_BUILDER_CYCLE_S * C.BLOCK_BUILDER_LAG_CYCLES;
  updateLag(s, s.cfg.blockBuilders, limit, C.BLOCK_BUILDER_CYCLE_S, behind, caughtUp, expired);
}

const behind = (s: SimState, at: number, lag: number) =>
  `${s.cfg.names[s.cfg.blockBuilders[at]!]} is ${formatSeconds(lag)} behind its partitions: blocks reach object storage late; nothing is lost unless it falls ${formatSeconds(s.cfg.kafkaRetentionS)} behind (Kafka's retention)`;
/** Records a block-builder never read never reach object storage: spans written to Kafka, now lost. */
const expired = (s: SimState, at: number, bytes: number) => {
  const g = s.g;
  // At today's span size; never more than Kafka was ever written (the span size may have changed).
  const spans = Math.min(bytes / s.cfg.tick.spanSize, Math.max(0, g.written));
  g.written -= spans;
  g.lost += spans;
  g.tracesLost += spans / Math.max(1, s.load.spansPerTrace);
  recordExpired(s, s.cfg.blockBuilders[at]!, bytes, 'those spans never reach object storage and are lost');
};
const caughtUp = (s: SimState, at: number) =>
  `${s.cfg.names[s.cfg.blockBuilders[at]!]} caught up with its partitions`;

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
