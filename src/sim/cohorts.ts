/**
 * Replicas that run as one: a component's replicas that hold the same state and get the same share of
 * work (distributors, queriers, query-frontends, compactors or backend-workers, metrics-generators in
 * microservices) evolve identically, so the step computes the first of them once, with a weight, and
 * leaves the others' slots alone until `syncCohorts` copies the first one's figures into them.
 *
 * A cohort splits back into single replicas as soon as one of them is treated differently (killed, or
 * over its memory limit), and merges again once every replica is running with the same state. Stores
 * (ingesters, single binaries, live-stores) and block-builders never merge: each owns its own ring
 * range or partitions. Results are the same as stepping every replica, up to the order of floating
 * point sums (`cohorts.test.ts` runs both ways).
 */
import type { SimConfig, SimState } from './state';
import { PHASE_RUNNING } from './state';

/** Static cohorts of a scenario: contiguous instance ranges `[start, end)`, one per eligible role. */
export interface CohortConfig {
  start: Int32Array;
  end: Int32Array;
  /** Cohort of each instance, -1 for none. */
  of: Int32Array;
}

/** Role lists whose replicas may merge: each is one component's contiguous replicas in microservices. */
export function cohortsFor(
  n: number,
  microservices: boolean,
  lists: readonly Int32Array[],
  exclude: readonly Int32Array[],
): CohortConfig {
  const of = new Int32Array(n).fill(-1);
  const start: number[] = [];
  const end: number[] = [];
  const excluded = new Set<number>();
  for (const l of exclude) for (const i of l) excluded.add(i);
  if (microservices)
    for (const list of lists) {
      if (list.length < 2) continue;
      const first = list[0]!;
      const contiguous = list.every((i, k) => i === first + k && of[i] === -1 && !excluded.has(i));
      if (!contiguous) continue;
      for (const i of list) of[i] = start.length;
      start.push(first);
      end.push(first + list.length);
    }
  return { start: Int32Array.from(start), end: Int32Array.from(end), of };
}

/** Per-state cohort bookkeeping. A cohort runs merged while its first replica's weight is over 1. */
export interface CohortState {
  /** Replicas each instance stands for: 1, the cohort's size for a merged cohort's first, 0 for the rest. */
  weight: Float64Array;
  /** Instances the step walks (weight > 0), in index order. */
  active: Int32Array;
  /** Steps until split cohorts are checked for merging again. */
  mergeCheckIn: number;
}

export function newCohortState(cfg: SimConfig): CohortState {
  return {
    weight: new Float64Array(cfg.n).fill(1),
    active: Int32Array.from({ length: cfg.n }, (_, i) => i),
    mergeCheckIn: 0,
  };
}

export function copyCohortState(c: CohortState): CohortState {
  return {
    weight: c.weight.slice(),
    active: c.active,
    mergeCheckIn: c.mergeCheckIn,
  };
}

/** How many entries of a role list the step walks: only the first while the list runs as one cohort. */
export function walked(s: SimState, list: Int32Array): number {
  return list.length > 1 && s.co.weight[list[0]!]! > 1 ? 1 : list.length;
}

/** Replicas of a role list that are up. */
export function countUp(s: SimState, list: Int32Array): number {
  const up = s.proc.up;
  const w = s.co.weight;
  let n = 0;
  for (let at = 0, len = walked(s, list); at < len; at++) {
    const i = list[at]!;
    if (up[i]! > 0) n += w[i]!;
  }
  return n;
}

function rebuildActive(s: SimState): void {
  const w = s.co.weight;
  const out: number[] = [];
  for (let i = 0; i < w.length; i++) if (w[i]! > 0) out.push(i);
  s.co.active = Int32Array.from(out);
}

/**
 * Copy each merged cohort's first replica into the others, so every instance reads right. While a
 * cohort is merged only this writes the other replicas' slots, so they all hold one value per field:
 * a field whose second replica already agrees with the first needs no copy.
 */
export function syncCohorts(s: SimState): void {
  const cc = s.cfg.cohorts;
  for (let c = 0; c < cc.start.length; c++) if (isMerged(s, c)) copyFirst(s, cc.start[c]!, cc.end[c]!);
}

function isMerged(s: SimState, c: number): boolean {
  return s.co.weight[s.cfg.cohorts.start[c]!]! > 1;
}

/** Replicas a+1 .. b-1 take replica a's figures. */
function copyFirst(s: SimState, a: number, b: number): void {
  const fields = s.fieldList;
  for (let k = 0; k < fields.length; k++) {
    const f = fields[k]!;
    const v = f[a]!;
    if (!Object.is(f[a + 1], v)) f.fill(v, a + 1, b);
  }
}

/** Cohort c back to single replicas (before one of them is treated differently). */
export function splitCohort(s: SimState, c: number): void {
  if (!isMerged(s, c)) return;
  const a = s.cfg.cohorts.start[c]!;
  const b = s.cfg.cohorts.end[c]!;
  copyFirst(s, a, b);
  s.co.weight.fill(1, a, b);
  rebuildActive(s);
}

/** Split the cohort instance i belongs to, if it runs merged. */
export function splitCohortOf(s: SimState, i: number): void {
  const c = s.cfg.cohorts.of[i]!;
  if (c >= 0) splitCohort(s, c);
}

/** Merge every split cohort whose replicas are all running with the same state. */
export function mergeCohorts(s: SimState): void {
  const co = s.co;
  const cc = s.cfg.cohorts;
  let changed = false;
  for (let c = 0; c < cc.start.length; c++) {
    if (isMerged(s, c)) continue;
    const a = cc.start[c]!;
    const b = cc.end[c]!;
    if (!identical(s, a, b)) continue;
    co.weight.fill(0, a + 1, b);
    co.weight[a] = b - a;
    changed = true;
  }
  if (changed) rebuildActive(s);
}

function identical(s: SimState, a: number, b: number): boolean {
  const phase = s.proc.phase;
  for (let i = a; i < b; i++) if (phase[i] !== PHASE_RUNNING) return false;
  for (const f of s.fieldList) {
    const v = f[a]!;
    for (let i = a + 1; i < b; i++) if (!Object.is(f[i]!, v)) return false;
  }
  return true;
}

/** Steps between merge checks of split cohorts. */
export const MERGE_CHECK_STEPS = 256;

/** Now and then, merge split cohorts whose replicas have become the same again. */
export function maybeMergeCohorts(s: SimState): void {
  if (s.cfg.cohorts.start.length === 0) return;
  if (--s.co.mergeCheckIn > 0) return;
  s.co.mergeCheckIn = MERGE_CHECK_STEPS;
  mergeCohorts(s);
}
