/**
 * Query latency as histograms over log-spaced buckets: one decaying (what the UI shows live) and one
 * since the start (what the CLI reports). Each completed batch of queries is spread over nearby
 * buckets with a log-normal kernel.
 */
import * as C from './calibration';
import type { SimState } from './state';

/** Bucket b holds latencies around LAT_MIN_MS * 2^(b / LAT_PER_DOUBLING). */
export const LAT_BUCKETS = 72;
export const LAT_PER_DOUBLING = 4;
export const LAT_MIN_MS = 1;
const KERNEL_HALF = 4;
const KERNEL = buildKernel();

function buildKernel(): Float64Array {
  const k = new Float64Array(2 * KERNEL_HALF + 1);
  const step = Math.LN2 / LAT_PER_DOUBLING;
  let sum = 0;
  for (let j = -KERNEL_HALF; j <= KERNEL_HALF; j++) {
    const x = (j * step) / C.QUERY_LATENCY_SIGMA;
    const w = Math.exp(-0.5 * x * x);
    k[j + KERNEL_HALF] = w;
    sum += w;
  }
  for (let j = 0; j < k.length; j++) k[j] = k[j]! / sum;
  return k;
}

const DECAY = Math.exp(-C.DT / C.QUERY_WINDOW_S);

/** Let the live window forget a step's worth. */
export function decayRecent(s: SimState): void {
  const recent = s.latRecent;
  for (let b = 0; b < LAT_BUCKETS; b++) recent[b] = recent[b]! * DECAY;
}

/** Record `count` queries at `ms`: the kernel is centred between buckets where `ms` falls between them. */
export function addLatency(s: SimState, ms: number, count: number): void {
  const at = Math.log2(ms / LAT_MIN_MS) * LAT_PER_DOUBLING;
  const low = Math.floor(at);
  const high = at - low;
  spread(s, low, count * (1 - high));
  if (high > 0) spread(s, low + 1, count * high);
}

function spread(s: SimState, center: number, count: number): void {
  for (let j = -KERNEL_HALF; j <= KERNEL_HALF; j++) {
    const b = Math.min(LAT_BUCKETS - 1, Math.max(0, center + j));
    const w = KERNEL[j + KERNEL_HALF]! * count;
    s.latRecent[b] = s.latRecent[b]! + w;
    s.latAll[b] = s.latAll[b]! + w;
  }
}

/**
 * Latency at quantile q of a histogram, ms (0 when empty). Interpolated inside the bucket that holds
 * the quantile, on the log scale the buckets are spaced on (as Prometheus' histogram_quantile does
 * linearly), so a p99 reads 540 ms rather than snapping to a bucket edge at 512.
 */
export function latencyQuantile(hist: Float64Array, q: number): number {
  let total = 0;
  for (let b = 0; b < hist.length; b++) total += hist[b]!;
  if (total <= 1e-9) return 0;
  const target = total * q;
  let acc = 0;
  for (let b = 0; b < hist.length; b++) {
    const h = hist[b]!;
    if (h > 0 && acc + h >= target) {
      const within = Math.min(1, Math.max(0, (target - acc) / h));
      return Math.max(LAT_MIN_MS, LAT_MIN_MS * 2 ** ((b - 0.5 + within) / LAT_PER_DOUBLING));
    }
    acc += h;
  }
  return LAT_MIN_MS * 2 ** ((hist.length - 1) / LAT_PER_DOUBLING);
}
