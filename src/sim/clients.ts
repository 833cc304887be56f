/**
 * The clients (OpenTelemetry SDKs and collectors) in front of Tempo: they send the load, keep refused
 * spans in a bounded retry queue, retry them every few seconds and drop what the queue cannot hold.
 */
import * as C from './calibration';
import { emit } from './events';
import { formatCount } from './format';
import { advance, unitFloat } from './rng';
import type { SimState } from './state';

/** This step's spans: fresh ones from the load (with a spike) plus the share of the queue retried. */
export function send(s: SimState): void {
  const g = s.g;
  const tick = s.cfg.tick;
  const load = s.load;
  tick.spanSize = load.spanSizeBytes;
  tick.spansPerTrace = Math.max(1, load.spansPerTrace);
  tick.written = 0;
  tick.storageSpans = 0;
  s.rng = advance(s.rng);
  const jitter = 1 + C.LOAD_JITTER * (2 * unitFloat(s.rng) - 1);
  const fresh = load.spansPerSecond * g.spikeFactor * jitter * C.DT;
  g.sent += fresh;
  g.tracesSent += fresh / tick.spansPerTrace;
  const retried = g.queue * Math.min(1, C.DT / C.CLIENT_RETRY_INTERVAL_S);
  tick.fresh = fresh;
  tick.queue = g.queue - retried;
  tick.offered = fresh + retried;
}

/** Refused spans go back to the queue; what overflows it is lost. */
export function settleQueue(s: SimState): void {
  const g = s.g;
  const tick = s.cfg.tick;
  const dt = C.DT;
  g.refusedAttempts += tick.refused;
  // Fresh and retried spans are refused alike: the fresh share is refused for the first time.
  if (tick.offered > 0) g.refusedSpans += tick.refused * (tick.fresh / tick.offered);
  let queue = tick.queue + tick.refused;
  const cap = Math.max(C.CLIENT_QUEUE_MIN_SPANS, C.CLIENT_QUEUE_SECONDS * s.load.spansPerSecond);
  let dropped = 0;
  if (queue > cap) {
    dropped = queue - cap;
    queue = cap;
    g.lost += dropped;
    g.tracesLost += dropped / tick.spansPerTrace;
    if (!g.dropping && s.t - g.lastDropEvent >= 30) {
      emit(
        s,
        'client',
        'spans-dropped',
        `clients dropping spans: their retry queue (${formatCount(cap)} spans) is full, ${formatCount(dropped / dt)} spans/s lost`,
      );
      g.lastDropEvent = s.t;
    }
    g.dropping = true;
  } else g.dropping = false;
  g.queue = queue;
  g.droppedRate = dropped / dt;
  g.written += tick.written;
}
