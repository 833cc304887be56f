/**
 * max_traces_per_user: the live traces an ingester (2.10) or a live-store (3.0) holds per tenant. It is
 * a local limit, checked by each of them against its own live traces (`len(i.traces)`), and a push for
 * any trace is refused while they are at it (modules/ingester/instance.go, limiter.go at v2.10.8;
 * modules/livestore/instance.go at v3.0.3). The global form (max_global_traces_per_user, 0 by default)
 * would be turned into a local one as global / ingesters x RF; this model applies the local one.
 *
 * In the aggregate the live set of a store is bytes: at the limit it holds max_traces_per_user traces
 * of the mean kept size, and takes only what its cut makes room for. The rest is discarded with reason
 * live_traces_exceeded: lost on 2.10 (the distributor gets the push error); on 3.0 only the live-store's
 * copy is dropped (recent searches miss it) while the block-builder, which does not apply this limit
 * (modules/blockbuilder/tenant_store.go at v3.0.3), still writes it to object storage.
 */
import * as C from './calibration';
import { emit } from './events';
import { formatCount } from './format';
import type { SimState } from './state';
import { traceShape } from './traces';

/** Bytes of live traces a store may hold at max_traces_per_user. */
export function liveTracesCapBytes(s: SimState): number {
  const cap = s.cfg.maxLiveTraces;
  if (!Number.isFinite(cap)) return Number.POSITIVE_INFINITY;
  const shape = traceShape(s);
  return cap * shape.meanBytes * (1 - shape.discardShare);
}

/** Share of `bytes` arriving at a store holding `live` bytes that the limit lets in. */
export function admittedShare(live: number, bytes: number, capBytes: number): number {
  if (bytes <= 0 || live + bytes <= capBytes) return 1;
  return Math.max(0, capBytes - live) / bytes;
}

/**
 * The event when stores start refusing at max_traces_per_user (at most once a minute), in Tempo's words;
 * `rate` is the spans/s discarded this step over the cluster.
 */
export function liveTracesEvent(s: SimState, rate: number): void {
  const g = s.g;
  // On while more than 0.1% of the offered spans are refused, so rounding never flaps it.
  const on = rate > 0.001 * Math.max(1, s.cfg.tick.offered / C.DT);
  if (on && !g.liveTracesExceeded && s.t - g.lastLiveTracesEvent >= 60) {
    const cap = formatCount(s.cfg.maxLiveTraces);
    const text = s.cfg.kafka
      ? `LIVE_TRACES_EXCEEDED: live-stores at max_traces_per_user (${cap}) drop ${formatCount(rate)} spans/s; recent searches miss them until block-builders, which do not apply this limit, write them`
      : `LIVE_TRACES_EXCEEDED: ingesters at max_traces_per_user (${cap}) refuse ${formatCount(rate)} spans/s, lost (reason live_traces_exceeded)`;
    emit(s, s.cfg.kafka ? 'live-store' : 'ingester', 'live-traces-exceeded', text);
    g.lastLiveTracesEvent = s.t;
  }
  g.liveTracesExceeded = on;
}
