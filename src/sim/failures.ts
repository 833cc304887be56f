/**
 * Faults and load changes: kills, object-storage and Kafka outages, load spikes. They come from the
 * scenario's timeline (at exact simulated seconds) or live from the UI; both go through `applyAction`.
 */
import { type ScheduledEvent, ZONE_NAMES } from '../model/scenario';
import { emit, trimFactor } from './events';
import { formatBytes, formatSeconds } from './format';
import { crash } from './resources';
import { CAUSE_KILLED, PHASE_CRASHED, type SimState } from './state';

export type SimAction =
  | { kind: 'kill'; instance: string }
  | { kind: 'storage-outage'; durationSeconds: number }
  | { kind: 'kafka-outage'; durationSeconds: number }
  | { kind: 'spike'; factor: number; durationSeconds: number }
  | { kind: 'zone-outage'; zone: number; durationSeconds: number };

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
    case 'zone-outage':
      zoneOutage(s, a.zone ?? 0, Math.max(0, a.durationSeconds ?? 0));
      return;
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

/**
 * A zone goes away with its live-stores (Tempo's 3.0 live-stores are the zone-aware component): they
 * are down until the zone is back, then consume their partitions again. Kafka holds everything.
 */
function zoneOutage(s: SimState, zone: number, seconds: number): void {
  const cfg = s.cfg;
  const name = ZONE_NAMES[zone] ?? `zone-${zone}`;
  if (seconds <= 0) return;
  if (!cfg.kafka || zone >= cfg.zones) {
    emit(
      s,
      name,
      'zone-outage',
      `${name} outage requested, but this deployment has no live-stores in ${name}`,
    );
    return;
  }
  const others = cfg.zones - 1;
  emit(
    s,
    name,
    'zone-outage',
    `${name} unavailable for ${formatSeconds(seconds)}: its live-stores are down; ${others > 0 ? `recent data is still served from ${others} other zone${others === 1 ? '' : 's'}` : 'no other zone serves recent data, so recent queries fail'}; Kafka keeps every span`,
  );
  for (let k = 0; k < cfg.stores.length; k++) {
    if (cfg.storeZone[k] !== zone) continue;
    const i = cfg.stores[k]!;
    if (s.proc.phase[i] !== PHASE_CRASHED) crash(s, i, CAUSE_KILLED);
    s.proc.downUntil[i] = Math.max(s.proc.downUntil[i]!, s.t + seconds);
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
