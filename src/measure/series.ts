/** Turning samples into figures: counter rates, sums over series, median and peak, histogram quantiles. */
import type { Series } from './parse';

/** A figure over time: the value at each sample time. */
export interface Timeline {
  t: number[];
  v: number[];
}

/**
 * Per-second rate of a counter between consecutive samples, at the later sample's time. A drop is
 * a counter reset (a restart): the rate over that interval is the new value over the interval, as
 * Prometheus's rate() counts it.
 */
export function counterRate(s: Pick<Series, 't' | 'v'>): Timeline {
  const t: number[] = [];
  const v: number[] = [];
  for (let i = 1; i < s.t.length; i++) {
    const dt = s.t[i]! - s.t[i - 1]!;
    if (!(dt > 0)) continue;
    const dv = s.v[i]! >= s.v[i - 1]! ? s.v[i]! - s.v[i - 1]! : s.v[i]!;
    t.push(s.t[i]!);
    v.push(dv / dt);
  }
  return { t, v };
}

/** How much a counter grew over its samples, resets counted as Prometheus's increase() does. */
export function counterIncrease(s: Pick<Series, 't' | 'v'>): number {
  let n = 0;
  for (let i = 1; i < s.v.length; i++) n += s.v[i]! >= s.v[i - 1]! ? s.v[i]! - s.v[i - 1]! : s.v[i]!;
  return n;
}

/** The sum of several timelines at each time any of them has a sample (a missing one counts 0). */
export function sumTimelines(list: readonly Timeline[]): Timeline {
  const at = new Map<number, number>();
  for (const l of list)
    for (let i = 0; i < l.t.length; i++) at.set(l.t[i]!, (at.get(l.t[i]!) ?? 0) + l.v[i]!);
  const t = [...at.keys()].sort((a, b) => a - b);
  return { t, v: t.map((x) => at.get(x)!) };
}

/** The largest of several timelines at each time any of them has a sample (the worst partition, the busiest store). */
export function maxTimelines(list: readonly Timeline[]): Timeline {
  const at = new Map<number, number>();
  for (const l of list)
    for (let i = 0; i < l.t.length; i++) at.set(l.t[i]!, Math.max(at.get(l.t[i]!) ?? -Infinity, l.v[i]!));
  const t = [...at.keys()].sort((a, b) => a - b);
  return { t, v: t.map((x) => at.get(x)!) };
}

export interface Stat {
  median: number;
  peak: number;
}

export function stat(values: readonly number[]): Stat | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { median, peak: sorted[sorted.length - 1]! };
}

/** The figure a series stands for over time: a counter's rate, a gauge's value. */
export function timelineOf(s: Series, type: 'counter' | 'gauge' | 'histogram'): Timeline {
  return type === 'counter' && !s.rated ? counterRate(s) : { t: s.t, v: s.v };
}

/**
 * A quantile from classic histogram buckets (`le` labels, cumulative counters), summed over the
 * series given and over the whole range: linear inside the bucket, as histogram_quantile does.
 */
export function histogramQuantile(buckets: readonly Series[], q: number): number | null {
  const byLe = new Map<number, number>();
  for (const b of buckets) {
    const le = b.labels.le === '+Inf' ? Number.POSITIVE_INFINITY : Number(b.labels.le);
    if (Number.isNaN(le)) continue;
    byLe.set(le, (byLe.get(le) ?? 0) + counterIncrease(b));
  }
  const les = [...byLe.keys()].sort((a, b) => a - b);
  if (les.length < 2 || les[les.length - 1] !== Number.POSITIVE_INFINITY) return null;
  const total = byLe.get(Number.POSITIVE_INFINITY)!;
  if (!(total > 0)) return null;
  const rank = q * total;
  let prevLe = 0;
  let prevCount = 0;
  for (const le of les) {
    const count = byLe.get(le)!;
    if (count >= rank) {
      if (le === Number.POSITIVE_INFINITY) return prevLe;
      const inBucket = count - prevCount;
      return inBucket > 0 ? prevLe + ((le - prevLe) * (rank - prevCount)) / inBucket : le;
    }
    prevLe = le;
    prevCount = count;
  }
  return prevLe;
}
