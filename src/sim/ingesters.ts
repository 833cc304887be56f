/**
 * Tempo 2.10's write path after the distributor: ingesters (or single binaries) on the ring. With a
 * ring (microservices, SSB) each trace goes to replication_factor owners and a write needs a quorum;
 * a monolith writes locally. An ingester that dies loses the live traces no other replica holds and
 * replays its WAL (head and complete blocks) when it restarts. The block cycle is in stores.ts.
 */
import * as C from './calibration';
import { emit } from './events';
import { formatCount } from './format';
import { admittedShare, liveTracesCapBytes, liveTracesEvent } from './limits';
import { routeRing } from './ring';
import type { SimState } from './state';

/** Re-route the ring after a member went down or came back. */
export function refreshRing(s: SimState): void {
  const cfg = s.cfg;
  const ring = cfg.ring;
  s.g.ringDirty = false;
  if (!ring) return;
  const sc = cfg.scratch;
  const up = s.proc.up;
  const stores = cfg.stores;
  const fail = routeRing(ring, (m) => up[stores[m]!]! > 0, sc.ringRecv, sc.ringUniq, sc.ringShared);
  for (let k = 0; k < stores.length; k++) {
    const i = stores[k]!;
    s.store.recv[i] = sc.ringRecv[k]!;
    s.store.uniq[i] = sc.ringUniq[k]!;
    s.store.shared[i] = sc.ringShared[k]!;
  }
  s.g.ringFailShare = fail;
}

/** The push path is not throttled, but it takes CPU from the rest of the process. */
export function demandIngest(s: SimState): void {
  const cfg = s.cfg;
  const tick = cfg.tick;
  tick.ingestCostPerSpan = C.ING_CPU_PER_SPAN + tick.spanSize * C.ING_CPU_PER_BYTE;
  if (cfg.storeKind !== 'ingester') return;
  const sc = cfg.scratch;
  for (let at = 0, list = cfg.stores; at < list.length; at++) {
    const i = list[at]!;
    if (s.proc.up[i]! <= 0) continue;
    const copies = cfg.ring ? tick.offered * (1 - tick.failShare) * s.store.recv[i]! : sc.wantDist[i]!;
    sc.demand[i] = sc.demand[i]! + copies * tick.ingestCostPerSpan;
  }
}

/** Accepted spans reach the ingesters: every replica of the trace's set, or the local one. */
export function receiveSpans(s: SimState): void {
  const cfg = s.cfg;
  const tick = cfg.tick;
  const sc = cfg.scratch;
  const st = s.store;
  const dt = C.DT;
  // max_traces_per_user (limits.ts): what a store at its limit refuses is discarded, and lost.
  const capBytes = liveTracesCapBytes(s);
  const spanSize = tick.spanSize;
  let discarded = 0;
  if (cfg.ring) {
    const failing = tick.kept * tick.failShare;
    tick.refused += failing;
    const ok = tick.kept - failing;
    for (let at = 0, list = cfg.stores; at < list.length; at++) {
      const i = list[at]!;
      if (s.proc.up[i]! <= 0) {
        s.proc.spansIn[i] = 0;
        continue;
      }
      const live = st.liveBytes[i]!;
      const copies = ok * st.recv[i]!;
      const share = admittedShare(live, copies * spanSize, capBytes);
      const admitted = copies * share;
      const uniq = ok * st.uniq[i]!;
      st.liveBytes[i] = live + admitted * spanSize;
      st.liveUniq[i] = st.liveUniq[i]! + uniq * share;
      // A span is discarded when its replicas refuse it: the stores of a replica set fill alike under an
      // even load, so the refused share of the spans this store accounts for is lost.
      discarded += uniq * (1 - share);
      s.proc.spansIn[i] = admitted / dt;
      sc.used[i] = sc.used[i]! + copies * tick.ingestCostPerSpan;
    }
  } else {
    // Single binaries without a shared ring: each writes what its own distributor accepted.
    for (let at = 0, list = cfg.stores; at < list.length; at++) {
      const i = list[at]!;
      const mine = s.dist.accepted[i]! * dt * (1 - tick.discardShare);
      const live = st.liveBytes[i]!;
      const share = admittedShare(live, mine * spanSize, capBytes);
      const admitted = mine * share;
      st.liveBytes[i] = live + admitted * spanSize;
      st.liveUniq[i] = st.liveUniq[i]! + admitted;
      discarded += mine - admitted;
      s.proc.spansIn[i] = admitted / dt;
      sc.used[i] = sc.used[i]! + mine * tick.ingestCostPerSpan;
    }
  }
  if (discarded > 0) {
    const g = s.g;
    g.lost += discarded;
    g.tracesLost += discarded / tick.spansPerTrace;
    g.discardedLiveTraces += discarded;
  }
  if (discarded > 0 || s.g.liveTracesExceeded) liveTracesEvent(s, discarded / dt);
}

/** An ingester dies: the part of its live traces another live replica holds survives there. */
export function crashIngester(s: SimState, i: number): string {
  const cfg = s.cfg;
  const st = s.store;
  const up = s.proc.up;
  const g = s.g;
  const uniq = st.liveUniq[i]!;
  let keep = uniq * st.shared[i]!;
  let others = 0;
  for (const j of cfg.stores) if (j !== i && up[j]! > 0) others++;
  if (others === 0) keep = 0;
  const lostSpans = uniq - keep;
  if (keep > 0) {
    let weight = 0;
    for (const j of cfg.stores) if (j !== i && up[j]! > 0) weight += st.uniq[j]!;
    for (let at = 0, list = cfg.stores; at < list.length; at++) {
      const j = list[at]!;
      if (j === i || up[j]! <= 0) continue;
      const w = weight > 0 ? st.uniq[j]! / weight : 1 / others;
      st.liveUniq[j] = st.liveUniq[j]! + keep * w;
    }
  }
  // On restart only the WAL (the head block) is replayed; complete blocks waiting for their flush are
  // found again on the volume (ingester.go rediscoverLocalBlocks at v2.10.8).
  s.proc.replayBytes[i] = st.headBytes[i]!;
  const spt = Math.max(1, s.load.spansPerTrace);
  if (lostSpans > 0) {
    g.lost += lostSpans;
    g.tracesLost += lostSpans / spt;
    return `; ${formatCount(lostSpans / spt)} traces lost (${formatCount(lostSpans)} spans only in its memory)`;
  }
  return uniq > 0 ? '; nothing lost: other replicas hold its live traces' : '';
}

/** An event when part of the hash space loses its write quorum, and when it has it again. */
export function quorumEvent(s: SimState): void {
  const cfg = s.cfg;
  const g = s.g;
  if (!cfg.ring) return;
  const failShare = cfg.tick.failShare;
  if (failShare > 1e-9 && !g.quorumLost) {
    g.quorumLost = true;
    let down = 0;
    for (const i of cfg.stores) if (s.proc.up[i]! <= 0) down++;
    emit(
      s,
      'ring',
      'quorum-lost',
      `writes for ${formatCount(failShare * 100)}% of trace IDs fail: ${down} of ${cfg.stores.length} ring members down and each write needs ${cfg.ring.quorum} of ${cfg.replicationFactor} replicas`,
    );
  } else if (failShare <= 1e-9 && g.quorumLost) {
    g.quorumLost = false;
    emit(s, 'ring', 'quorum-restored', 'every replica set has a write quorum again');
  }
}
