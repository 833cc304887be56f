/**
 * Faults and load changes: kills, object-storage and Kafka outages, load spikes. They come from the
 * scenario's timeline (at exact simulated seconds) or live from the UI; both go through `applyAction`.
 */
import type { ScheduledEvent } from '../model/scenario';
import { emit, trimFactor } from './events';
import { formatBytes, formatSeconds } from './format';
import { crash } from './resources';
import { CAUSE_KILLED, PHASE_CRASHED, type SimState } from './state';

export type SimAction =
  | { kind: 'kill'; instance: string }
  | { kind: 'storage-outage'; durationSeconds: number }
  | { kind: 'kafka-outage'; durationSeconds: number }
  | { kind: 'spike'; factor: number; durationSeconds: number };

export function applyAction(s: SimState, a: SimAction | ScheduledEvent): void {
  const g = s.g;
  const t = s.t;
  switch (a.kind) {
    case 'kill': {
      const i = s.cfg.index.get(a.instance ?? '');
      if (i === undefined || s.proc.phase[i] === PHASE_CRASHED) return;
      crash(s, i, CAUSE_KILLED);
      return;
    }
    case 'storage-outage': {
      const d = Math.max(0, a.durationSeconds ?? 0);
      if (d <= 0) return;
      if (!g.storageDown) {
        g.storageDown = true;
        g.storageDownSince = t;
        const what = s.cfg.kafka ? ' and block-builder writes' : '';
        emit(
          s,
          'object-storage',
          'storage-outage',
          `object storage unavailable for ${formatSeconds(d)}: block flushes${what} fail`,
        );
      }
      g.storageDownUntil = Math.max(g.storageDownUntil, t + d);
      return;
    }
    case 'kafka-outage': {
      const d = Math.max(0, a.durationSeconds ?? 0);
      if (d <= 0) return;
      if (!s.cfg.kafka) {
        emit(s, 'kafka', 'kafka-outage', 'Kafka outage requested, but this deployment writes without Kafka');
        return;
      }
      if (!g.kafkaDown) {
        g.kafkaDown = true;
        g.kafkaDownSince = t;
        emit(
          s,
          'kafka',
          'kafka-outage',
          `Kafka unavailable for ${formatSeconds(d)}: distributors refuse every push; clients retry from their queues`,
        );
      }
      g.kafkaDownUntil = Math.max(g.kafkaDownUntil, t + d);
      return;
    }
    case 'spike': {
      const d = Math.max(0, a.durationSeconds ?? 60);
      const f = Math.min(1000, Math.max(1, a.factor ?? 2));
      if (d <= 0) return;
      g.spikeOn = true;
      g.spikeFactor = f;
      g.spikeUntil = t + d;
      emit(s, 'client', 'spike', `load spike: ${trimFactor(f)}x the spans for ${formatSeconds(d)}`);
      return;
    }
  }
}

/** Fire the timeline's events that are due, end outages and spikes whose time is up. */
export function stepFailures(s: SimState): void {
  const cfg = s.cfg;
  const g = s.g;
  const t = s.t;
  while (s.nextScheduled < cfg.scheduled.length) {
    const e = cfg.scheduled[s.nextScheduled];
    if (!e || e.at > t) break;
    s.nextScheduled++;
    applyAction(s, e);
  }
  if (g.storageDown && t >= g.storageDownUntil) {
    g.storageDown = false;
    let waiting = 0;
    for (const i of cfg.stores) waiting += s.store.completeBytes[i]!;
    emit(
      s,
      'object-storage',
      'storage-restored',
      `object storage back after ${formatSeconds(t - g.storageDownSince)}; ${formatBytes(waiting)} of blocks waiting to flush`,
    );
  }
  if (g.kafkaDown && t >= g.kafkaDownUntil) {
    g.kafkaDown = false;
    emit(s, 'kafka', 'kafka-restored', `Kafka back after ${formatSeconds(t - g.kafkaDownSince)}`);
  }
  if (g.spikeOn && t >= g.spikeUntil) {
    g.spikeOn = false;
    g.spikeFactor = 1;
    emit(s, 'client', 'spike-end', 'load spike over');
  }
  const tick = cfg.tick;
  tick.storageUp = !g.storageDown;
  tick.kafkaUp = !g.kafkaDown;
}
