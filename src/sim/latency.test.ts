/** Query latency quantiles read between bucket edges, close to the latency that went in. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createScenario } from '../model/scenario';
import { createSimulation } from './engine';
import { addLatency, LAT_BUCKETS, latencyQuantile } from './latency';

function histogramOf(latencies: number[]) {
  const s = createSimulation(createScenario('2.10', 'monolithic'));
  s.latAll.fill(0);
  s.latRecent.fill(0);
  for (const ms of latencies) addLatency(s, ms, 1);
  return s.latAll;
}

describe('latency quantiles', () => {
  it('the median of one latency is that latency to within half a bucket (2^(1/8)), not a bucket edge', () => {
    fc.assert(
      fc.property(fc.double({ min: 2, max: 100_000, noNaN: true }), (ms) => {
        const p50 = latencyQuantile(histogramOf([ms]), 0.5);
        expect(p50 / ms).toBeGreaterThan(2 ** (-1 / 8) - 1e-9);
        expect(p50 / ms).toBeLessThan(2 ** (1 / 8) + 1e-9);
      }),
      { numRuns: 500 },
    );
    // 540 ms used to read as 512 (the bucket edge below it).
    expect(latencyQuantile(histogramOf([540]), 0.5)).not.toBe(512);
  });

  it('quantiles never decrease with q, and an empty histogram reads 0', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 30 }),
        (xs) => {
          const h = histogramOf(xs);
          let last = 0;
          for (const q of [0.01, 0.1, 0.5, 0.9, 0.99, 1]) {
            const v = latencyQuantile(h, q);
            expect(v).toBeGreaterThanOrEqual(last);
            last = v;
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(latencyQuantile(new Float64Array(LAT_BUCKETS), 0.99)).toBe(0);
  });
});
