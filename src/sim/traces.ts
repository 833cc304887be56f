/**
 * Trace size and lifetime. A trace's bytes follow a log-normal distribution (mean = span size x spans
 * per trace, spread `traceSizeSigma`: 0 is every trace the same size, 1.5 is a heavy tail). Byte for
 * byte, big traces stay live longer (their spans arrive over more batches, until max_trace_live) and
 * cost more heap (the pushes of a trace are combined and converted as one), and the part of a trace
 * past max_bytes_per_trace is discarded. Worked out once per load, as byte-weighted expectations.
 */
import * as C from './calibration';
import type { SimState } from './state';

export interface TraceShape {
  /** Load it was worked out for. */
  spanSize: number;
  spansPerTrace: number;
  sigma: number;
  /** Mean bytes of a trace. */
  meanBytes: number;
  /** Share of the live set cut into the head block per step. */
  cutShare: number;
  /** Seconds a byte stays in the live set, byte-weighted. */
  residenceSeconds: number;
  /** Heap per live byte, byte-weighted over trace sizes. */
  memoryPerLiveByte: number;
  /** Share of bytes in traces past max_bytes_per_trace (discarded). */
  discardShare: number;
}

const Z_STEPS = 81;
const Z_MAX = 5;

/** Standard normal CDF (Abramowitz-Stegun 7.1.26 on erf, error < 1.5e-7). */
function phi(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const poly =
    t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp((-x * x) / 2);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** E[(S - L)+] / E[S] for a log-normal S with mean m and spread sigma. */
export function shareOverLimit(meanBytes: number, sigma: number, limit: number): number {
  if (!Number.isFinite(limit)) return 0;
  if (sigma <= 1e-9) return meanBytes > limit ? 1 - limit / meanBytes : 0;
  const muB = Math.log(meanBytes) + (sigma * sigma) / 2;
  const d1 = (muB - Math.log(limit)) / sigma;
  return Math.max(0, phi(d1) - (limit / meanBytes) * phi(d1 - sigma));
}

function compute(s: SimState, spanSize: number, spansPerTrace: number, sigma: number): TraceShape {
  const p = s.cfg.storeParams;
  const meanBytes = spanSize * spansPerTrace;
  const maxBytes = s.cfg.maxBytesPerTrace;
  // A live trace never grows past max_bytes_per_trace: the rest of its spans are refused.
  const residenceOf = (bytes: number) => {
    const b = Math.min(bytes, maxBytes);
    const spread = C.TRACE_ARRIVAL_SPREAD_S * Math.max(1, Math.sqrt(b / C.TRACE_SPREAD_REF_BYTES));
    return Math.max(C.DT, Math.min(p.traceIdleSeconds + spread, p.traceLiveSeconds) + p.cutPeriodSeconds / 2);
  };
  const factorOf = (bytes: number) => {
    const b = Math.min(bytes, maxBytes, C.TRACE_COMBINE_MAX_BYTES);
    return (
      C.LIVE_TRACE_MEMORY_FACTOR * Math.max(1, (b / C.TRACE_COMBINE_REF_BYTES) ** C.TRACE_COMBINE_EXPONENT)
    );
  };
  let residence = 0;
  let heap = 0;
  if (sigma <= 1e-9) {
    residence = residenceOf(meanBytes);
    heap = residence * factorOf(meanBytes);
  } else {
    // Byte-weighted sizes are log-normal too, with mu shifted by sigma^2.
    const muB = Math.log(meanBytes) + (sigma * sigma) / 2;
    let weight = 0;
    for (let k = 0; k < Z_STEPS; k++) {
      const z = -Z_MAX + (2 * Z_MAX * k) / (Z_STEPS - 1);
      const w = Math.exp((-z * z) / 2);
      const bytes = Math.exp(muB + sigma * z);
      const r = residenceOf(bytes);
      residence += w * r;
      heap += w * r * factorOf(bytes);
      weight += w;
    }
    residence /= weight;
    heap /= weight;
  }
  return {
    spanSize,
    spansPerTrace,
    sigma,
    meanBytes,
    cutShare: Math.min(1, C.DT / residence),
    residenceSeconds: residence,
    memoryPerLiveByte: heap / residence,
    discardShare: shareOverLimit(meanBytes, sigma, maxBytes),
  };
}

/** The trace shape of the state's current load (recomputed only when the load changes). */
export function traceShape(s: SimState): TraceShape {
  const load = s.load;
  const spansPerTrace = Math.max(1, load.spansPerTrace);
  const sigma = load.traceSizeSigma ?? 0;
  const cached = s.cfg.traceShape;
  if (
    cached &&
    cached.spanSize === load.spanSizeBytes &&
    cached.spansPerTrace === spansPerTrace &&
    cached.sigma === sigma
  )
    return cached;
  const shape = compute(s, load.spanSizeBytes, spansPerTrace, sigma);
  s.cfg.traceShape = shape;
  return shape;
}
