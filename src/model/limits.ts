/**
 * Per-tenant limits an operator raises for a load (issue 17): max_traces_per_user for the live traces a
 * store holds, with the rate limit. Used by the planner, the decision guide, the stories and tests; kept
 * out of scenario.ts so the first page load does not carry it.
 */
import type { ProcessKind } from './catalog';
import { defaultTenantLimits, type Scenario } from './scenario';

/**
 * Live traces one ingester (2.10) or live-store (3.0) holds at a load: traces per second that reach it
 * (RF copies over the ring members; a partition's share on 3.0) times how long a trace stays live. That
 * is trace_idle_period 5s after its last span, its spans arriving over the SDKs' 5 s export interval, and
 * half a flush_check_period until the cut (10s on 2.10, 5s on 3.0): 15 s and 12.5 s, 20 s with room.
 */
export function liveTracesPerStore(
  s: Pick<Scenario, 'tempoVersion' | 'mode' | 'settings' | 'components' | 'load'>,
  spansPerSecond: number = s.load.spansPerSecond,
): number {
  const traces = spansPerSecond / Math.max(1, s.load.spansPerTrace);
  const replicas = (k: ProcessKind) => Math.max(1, s.components[k]?.replicas ?? 1);
  let perStore: number;
  if (s.mode === 'monolithic') perStore = traces / replicas('tempo');
  else if (s.tempoVersion === '3.0') perStore = traces / Math.max(1, s.settings.kafkaPartitions);
  else {
    const members = s.mode === 'microservices' ? replicas('ingester') : replicas('tempo');
    perStore = (traces * Math.min(s.settings.replicationFactor, members)) / members;
  }
  return perStore * LIVE_TRACE_SECONDS_WITH_ROOM;
}
const LIVE_TRACE_SECONDS_WITH_ROOM = 20;

/**
 * max_traces_per_user an operator sets for this load (peak `factor` x spans/s): the live traces a store
 * holds, rounded up to 10,000; null when Tempo's default 10,000 is enough.
 */
export function raisedMaxTraces(
  s: Pick<Scenario, 'tempoVersion' | 'mode' | 'settings' | 'components' | 'load'>,
  factor = 1,
): number | null {
  const need = liveTracesPerStore(s, s.load.spansPerSecond * factor);
  const d = defaultTenantLimits(s.tempoVersion).maxTracesPerUser;
  if (need <= d) return null;
  return Math.min(100_000_000, Math.ceil(need / 10_000) * 10_000);
}

/** The scenario with max_traces_per_user raised for its load when the default would discard. */
export function withRaisedMaxTraces<T extends Scenario>(s: T, factor = 1): T {
  const raised = raisedMaxTraces(s, factor);
  if (raised === null) return s;
  return { ...s, settings: { ...s.settings, limits: { ...s.settings.limits, maxTracesPerUser: raised } } };
}
/**
 * Raise the ingestion rate limit (and burst) to `bytes` per distributor, and max_traces_per_user for what
 * that rate lets in, as an operator raising one raises both.
 */
export function withRaisedLimits<T extends Scenario>(s: T, bytes: number): T {
  const raised = { ...s, settings: { ...s.settings, rateLimitBytes: bytes, burstSizeBytes: bytes } };
  const distributors =
    s.mode === 'microservices'
      ? (s.components.distributor?.replicas ?? 1)
      : (s.components.tempo?.replicas ?? 1);
  const spans = (bytes * distributors) / Math.max(1, s.load.spanSizeBytes);
  return withRaisedMaxTraces(raised, spans / Math.max(1, s.load.spansPerSecond));
}
