/**
 * The planner's load in the unit a person thinks in: spans per second, or MB/s or GB/s of spans
 * received (what Tempo's sizing docs count in). The two convert through the span size; the plan says
 * the load in the unit it was entered in, the other in brackets. Pure.
 */
import { LIMITS } from '../model/scenario';
import { clean, type EnteredRate, MB, type PlanInput, RATE_BYTES, throughputMBps } from './types';

export const LOAD_UNITS = ['spans/s', 'MB/s', 'GB/s'] as const;
export type LoadUnit = (typeof LOAD_UNITS)[number];

/** The most a rate field takes before its spans/s are checked: 20 M spans/s of 1 MB spans. */
export const MAX_RATE_MB = LIMITS.spansPerSecond.max * (LIMITS.spanSizeBytes.max / MB);

/** Spans per second of `rate` at `spanSizeBytes` a span (not rounded: the scenario rounds). */
export function spansOf(rate: EnteredRate, spanSizeBytes: number): number {
  return clean((rate.value * RATE_BYTES[rate.unit]) / spanSizeBytes);
}

/** `spansPerSecond` of `spanSizeBytes` each in `unit`, without float noise. */
export function rateOf(spansPerSecond: number, spanSizeBytes: number, unit: LoadUnit): number {
  if (unit === 'spans/s') return spansPerSecond;
  return clean((spansPerSecond * spanSizeBytes) / RATE_BYTES[unit]);
}

/** The unit the load was entered in. */
export const loadUnitOf = (i: Pick<PlanInput, 'loadEntered'>): LoadUnit => i.loadEntered?.unit ?? 'spans/s';

/** The load in the unit it was entered in, as a number: what the load field shows. */
export function enteredValue(i: PlanInput): number {
  return i.loadEntered ? i.loadEntered.value : i.spansPerSecond;
}

/** The input with its spans/s taken from the rate entered (unchanged when spans/s were entered). */
export function resolveLoad(i: PlanInput): PlanInput {
  return i.loadEntered ? { ...i, spansPerSecond: spansOf(i.loadEntered, i.spanSizeBytes) } : i;
}

/** Why a resolved load is outside the planner's range, or null. */
export function loadProblem(i: PlanInput): string | null {
  const sps = resolveLoad(i).spansPerSecond;
  if (sps >= 1 && sps <= LIMITS.spansPerSecond.max) return null;
  const max = LIMITS.spansPerSecond.max;
  const most = formatBytesRate((max * i.spanSizeBytes) / MB);
  return `${enteredText(i)} of ${num(i.spanSizeBytes)} B spans is ${num(sps)} spans/s; the planner takes 1 to ${num(max)} spans/s (at most ${most} at this span size)`;
}

const num = (n: number) =>
  n.toLocaleString('en-US', { maximumFractionDigits: n >= 100 ? 0 : n >= 10 ? 1 : n >= 1 ? 2 : 6 });

/** MB/s that scale: "350 MB/s", "1.5 GB/s", "0.25 MB/s"; never float noise. */
export function formatBytesRate(mbps: number): string {
  return mbps >= 1000 ? `${num(clean(mbps / 1000))} GB/s` : `${num(clean(mbps))} MB/s`;
}

/** The load as entered, exactly: "35 MB/s", "1.5 GB/s", "70,000 spans/s". */
export function enteredText(i: PlanInput): string {
  if (!i.loadEntered) return `${num(i.spansPerSecond)} spans/s`;
  return `${i.loadEntered.value.toLocaleString('en-US', { maximumFractionDigits: 9 })} ${i.loadEntered.unit}`;
}

/** The load entered first, the other unit after it: "35 MB/s (70,000 spans/s of 500 B)". */
export function loadText(i: PlanInput): string {
  const size = `${num(i.spanSizeBytes)} B`;
  if (i.loadEntered) {
    const sps = spansOf(i.loadEntered, i.spanSizeBytes);
    return `${enteredText(i)} (${Number.isInteger(sps) ? '' : 'about '}${num(sps)} spans/s of ${size})`;
  }
  return `${enteredText(i)} of ${size} (${formatBytesRate(throughputMBps(i))})`;
}

/** Which unit the load was entered in, in words, for a plan's summary. */
export function enteredAs(i: PlanInput): string {
  return i.loadEntered ? `entered as ${i.loadEntered.unit}` : 'entered as spans/s';
}
