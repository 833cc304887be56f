/**
 * The 2.x ingester ring, aggregated: tokens are placed deterministically from the seed, and every
 * token range is reduced to the set of replication-factor owners it maps to. A step then needs only
 * the list of distinct replica sets and the share of the hash space each owns.
 */
import { RING_MAX_TOKENS, RING_TOKENS_PER_MEMBER } from './calibration';
import { advance, hashString, unitFloat } from './rng';

export interface RingSets {
  /** Members per replica set: min(replication factor, ring members). */
  width: number;
  /** Acknowledgements a write needs: floor(RF / 2) + 1 of the configured RF. */
  quorum: number;
  /** Distinct replica sets. */
  count: number;
  /** count x width member indices (indices into the ring's member list). */
  members: Int32Array;
  /** Share of the hash space owned by each set; sums to 1. */
  frac: Float64Array;
}

/** Place tokens for `names` from `seed` and reduce the ring to replica sets. */
export function buildRing(names: readonly string[], replicationFactor: number, seed: number): RingSets {
  const n = names.length;
  const width = Math.max(1, Math.min(replicationFactor, n));
  const quorum = Math.floor(replicationFactor / 2) + 1;
  if (n === 0) return { width, quorum, count: 0, members: new Int32Array(0), frac: new Float64Array(0) };
  const per = Math.max(4, Math.min(RING_TOKENS_PER_MEMBER, Math.floor(RING_MAX_TOKENS / n)));
  const total = per * n;
  const tokens = new Float64Array(total);
  const owner = new Int32Array(total);
  for (let m = 0; m < n; m++) {
    let s = (seed ^ hashString(names[m] ?? '')) >>> 0;
    for (let k = 0; k < per; k++) {
      s = advance(s);
      tokens[m * per + k] = Math.floor(unitFloat(s) * 4294967296);
      owner[m * per + k] = m;
    }
  }
  const order = Array.from({ length: total }, (_, i) => i);
  order.sort((a, b) => (tokens[a] ?? 0) - (tokens[b] ?? 0) || (owner[a] ?? 0) - (owner[b] ?? 0));
  const setIndex = new Map<string, number>();
  const members: number[] = [];
  const frac: number[] = [];
  const chosen: number[] = [];
  for (let k = 0; k < total; k++) {
    const here = tokens[order[k] ?? 0] ?? 0;
    const prev = tokens[order[(k - 1 + total) % total] ?? 0] ?? 0;
    const span = k === 0 ? here + 4294967296 - prev : here - prev;
    if (span <= 0 && total > 1) continue;
    chosen.length = 0;
    for (let j = 0; j < total && chosen.length < width; j++) {
      const m = owner[order[(k + j) % total] ?? 0] ?? 0;
      if (!chosen.includes(m)) chosen.push(m);
    }
    chosen.sort((a, b) => a - b);
    const key = chosen.join(',');
    let idx = setIndex.get(key);
    if (idx === undefined) {
      idx = frac.length;
      setIndex.set(key, idx);
      frac.push(0);
      for (const m of chosen) members.push(m);
    }
    frac[idx] = (frac[idx] ?? 0) + (total === 1 ? 1 : span / 4294967296);
  }
  const f = Float64Array.from(frac);
  let sum = 0;
  for (const x of f) sum += x;
  for (let i = 0; i < f.length; i++) f[i] = (f[i] ?? 0) / sum;
  return { width, quorum, count: f.length, members: Int32Array.from(members), frac: f };
}

/**
 * Route writes over the ring given which members are up. Fills, per member:
 *  - recv: copies of an accepted span it receives (sums to the mean number of live replicas),
 *  - uniq: its share of the unique spans (sums to 1), used for accounting,
 *  - shared: the part of its unique share that another live replica also holds.
 * Returns the share of the hash space whose set has fewer live members than the quorum (writes fail).
 */
export function routeRing(
  ring: RingSets,
  up: (m: number) => boolean,
  recv: Float64Array,
  uniq: Float64Array,
  shared: Float64Array,
): number {
  recv.fill(0);
  uniq.fill(0);
  shared.fill(0);
  let fail = 0;
  const w = ring.width;
  for (let s = 0; s < ring.count; s++) {
    let live = 0;
    for (let j = 0; j < w; j++) if (up(ring.members[s * w + j] ?? 0)) live++;
    const f = ring.frac[s] ?? 0;
    if (live < ring.quorum || live === 0) {
      fail += f;
      continue;
    }
    for (let j = 0; j < w; j++) {
      const m = ring.members[s * w + j] ?? 0;
      if (!up(m)) continue;
      recv[m] = (recv[m] ?? 0) + f;
      uniq[m] = (uniq[m] ?? 0) + f / live;
      if (live > 1) shared[m] = (shared[m] ?? 0) + f / live;
    }
  }
  const ok = 1 - fail;
  if (ok > 1e-12) {
    for (let m = 0; m < recv.length; m++) {
      const u = uniq[m] ?? 0;
      shared[m] = u > 0 ? Math.min(1, (shared[m] ?? 0) / u) : 0;
      recv[m] = (recv[m] ?? 0) / ok;
      uniq[m] = u / ok;
    }
    return Math.max(0, fail);
  }
  return 1;
}
