import { describe, expect, it } from 'vitest';
import type { Series } from './parse';
import { counterRate, histogramQuantile, stat, sumTimelines } from './series';

const series = (labels: Record<string, string>, v: number[], t = v.map((_, i) => i * 60)): Series => ({
  metric: 'm',
  labels,
  t,
  v,
  from: 'test',
});

describe('figures from samples', () => {
  it('a counter becomes a rate per second; a restart (the counter falling) counts as Prometheus counts it', () => {
    const r = counterRate(series({}, [0, 600, 1200, 300, 900]));
    expect(r.v).toEqual([10, 10, 5, 10]);
    expect(r.t).toEqual([60, 120, 180, 240]);
  });

  it('sums series at the same times and takes median and peak', () => {
    const sum = sumTimelines([
      { t: [1, 2, 3], v: [1, 2, 3] },
      { t: [2, 3], v: [10, 10] },
    ]);
    expect(sum).toEqual({ t: [1, 2, 3], v: [1, 12, 13] });
    expect(stat([5, 1, 3, 100])).toEqual({ median: 4, peak: 100 });
    expect(stat([])).toBeNull();
  });

  it('quantiles from classic histogram buckets, interpolated inside the bucket as histogram_quantile does', () => {
    // 100 requests: 50 under 0.1 s, 40 more under 1 s, 10 more under 10 s.
    const b = (le: string, n: number) => series({ le }, [0, n]);
    const buckets = [b('0.1', 50), b('1', 90), b('10', 100), b('+Inf', 100)];
    expect(histogramQuantile(buckets, 0.5)).toBeCloseTo(0.1, 9);
    expect(histogramQuantile(buckets, 0.7)).toBeCloseTo(0.1 + 0.9 * (20 / 40), 9);
    expect(histogramQuantile(buckets, 0.99)).toBeCloseTo(1 + 9 * 0.9, 9);
    expect(histogramQuantile([b('0.1', 5)], 0.5)).toBeNull();
  });
});
