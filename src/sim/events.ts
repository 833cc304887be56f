/** The event log: what happened, in plain words, at which simulated second. */
import { formatBytes } from './format';
import type { SimState } from './state';
import type { SimEventKind } from './types';

/** The log keeps at least the last MAX_EVENTS events (up to MAX_EVENTS + EVENT_DROP_CHUNK). */
export const MAX_EVENTS = 5000;
const EVENT_DROP_CHUNK = 500;

export function emit(s: SimState, instance: string, kind: SimEventKind, message: string): void {
  if (s.eventsShared) {
    s.events = s.events.slice();
    s.eventsShared = false;
  }
  s.events.push({ t: s.t, instance, kind, message });
  // Drop the oldest in chunks, so a full log costs no copy of 5,000 events per new one.
  if (s.events.length > MAX_EVENTS + EVENT_DROP_CHUNK) {
    const drop = s.events.length - MAX_EVENTS;
    s.events.splice(0, drop);
    s.eventsDropped += drop;
  }
}

/** Memory over a limit, with enough digits to show it is over ("4.01 GiB" rather than "4 GiB"). */
export function formatOver(mem: number, limit: number): string {
  const plain = formatBytes(mem);
  if (plain !== formatBytes(limit) || mem < 1024 ** 3) return plain;
  return `${(mem / 1024 ** 3).toFixed(2)} GiB`;
}

export function trimFactor(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}
