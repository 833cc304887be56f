/**
 * What may enter the engine from outside a validated scenario: the load (sliders, CLI, API) and
 * live actions (kill, outages, spike). A NaN spike factor made every total NaN and a NaN outage
 * never ended, so every number is checked here to be finite and within the scenario's limits.
 * Pure; the engine and the UI call these before `setLoad` and `inject`.
 */
import { LIMITS, type Load, ZONE_NAMES } from '../model/scenario';
import type { SimAction } from './failures';

export type InputCheck<T> = { ok: true; value: T } | { ok: false; errors: string[] };

/** Longest outage or spike an action may ask for (the scenario schema's limit for events). */
export const MAX_ACTION_SECONDS = 24 * 3600;
export const SPIKE_FACTOR = { min: 1, max: 1000 } as const;
const MAX_INSTANCE_NAME = 100;

const LOAD_FIELDS = [
  'spansPerSecond',
  'spanSizeBytes',
  'spansPerTrace',
  'queriesPerSecond',
  'queryRangeMinutes',
] as const satisfies readonly (keyof Load)[];

function numberProblem(name: string, v: unknown, min: number, max: number): string | null {
  if (typeof v !== 'number' || !Number.isFinite(v))
    return `${name} must be a finite number, got ${String(v)}`;
  if (v < min || v > max) return `${name} must be from ${min} to ${max}, got ${v}`;
  return null;
}

/**
 * A load the engine can run: every field a finite number within `LIMITS`. Returns a fresh copy
 * (no extra fields) or every problem found. Never throws.
 */
export function checkLoad(load: unknown): InputCheck<Load> {
  if (typeof load !== 'object' || load === null) return { ok: false, errors: ['load must be an object'] };
  const l = load as Record<string, unknown>;
  const errors: string[] = [];
  for (const k of LOAD_FIELDS) {
    const p = numberProblem(`load.${k}`, l[k], LIMITS[k].min, LIMITS[k].max);
    if (p) errors.push(p);
  }
  // Optional: a load written before trace sizes had a spread has none (every trace alike).
  const sigma = l.traceSizeSigma;
  if (sigma !== undefined) {
    const p = numberProblem(
      'load.traceSizeSigma',
      sigma,
      LIMITS.traceSizeSigma.min,
      LIMITS.traceSizeSigma.max,
    );
    if (p) errors.push(p);
  }
  if (errors.length) return { ok: false, errors };
  const value = {} as Load;
  for (const k of LOAD_FIELDS) value[k] = l[k] as number;
  if (sigma !== undefined) value.traceSizeSigma = sigma as number;
  return { ok: true, value };
}

/**
 * The load with every field made runnable: a non-finite field takes `fallback`'s value, a finite
 * one is clamped into `LIMITS`. For inputs that must not stop the simulation (a slider).
 */
export function sanitizeLoad(load: Load, fallback: Load): Load {
  const out = { ...fallback };
  for (const k of LOAD_FIELDS) {
    const v = load[k];
    out[k] = Number.isFinite(v) ? Math.min(LIMITS[k].max, Math.max(LIMITS[k].min, v)) : fallback[k];
  }
  const sigma = load.traceSizeSigma;
  if (sigma !== undefined)
    out.traceSizeSigma = Number.isFinite(sigma)
      ? Math.min(LIMITS.traceSizeSigma.max, Math.max(LIMITS.traceSizeSigma.min, sigma))
      : fallback.traceSizeSigma;
  return out;
}

/**
 * A live action the engine can apply: a kill names an instance (a string of at most 100
 * characters; with `instances`, one of them: compare by `has`, never through a plain object),
 * durations are finite seconds from 0 to 24 h, a spike factor is finite from 1 to 1000.
 * Returns a fresh copy or the problems. Never throws.
 */
export function checkAction(
  action: unknown,
  instances?: { has: (name: string) => boolean },
): InputCheck<SimAction> {
  if (typeof action !== 'object' || action === null)
    return { ok: false, errors: ['action must be an object'] };
  const a = action as Record<string, unknown>;
  const errors: string[] = [];
  const seconds = (v: unknown) => numberProblem('durationSeconds', v, 0, MAX_ACTION_SECONDS);
  switch (a.kind) {
    case 'kill': {
      if (typeof a.instance !== 'string' || a.instance.length > MAX_INSTANCE_NAME)
        return { ok: false, errors: [`instance must be a name of at most ${MAX_INSTANCE_NAME} characters`] };
      if (instances && !instances.has(a.instance))
        return { ok: false, errors: [`no instance named ${JSON.stringify(a.instance)}`] };
      return { ok: true, value: { kind: 'kill', instance: a.instance } };
    }
    case 'storage-outage':
    case 'kafka-outage': {
      const p = seconds(a.durationSeconds);
      if (p) return { ok: false, errors: [p] };
      return { ok: true, value: { kind: a.kind, durationSeconds: a.durationSeconds as number } };
    }
    case 'zone-outage': {
      const z = numberProblem('zone', a.zone, 0, ZONE_NAMES.length - 1);
      const d = seconds(a.durationSeconds);
      if (z) errors.push(z);
      else if (!Number.isInteger(a.zone)) errors.push(`zone must be a whole number, got ${String(a.zone)}`);
      if (d) errors.push(d);
      if (errors.length) return { ok: false, errors };
      return {
        ok: true,
        value: { kind: 'zone-outage', zone: a.zone as number, durationSeconds: a.durationSeconds as number },
      };
    }
    case 'spike': {
      const f = numberProblem('factor', a.factor, SPIKE_FACTOR.min, SPIKE_FACTOR.max);
      const d = seconds(a.durationSeconds);
      if (f) errors.push(f);
      if (d) errors.push(d);
      if (errors.length) return { ok: false, errors };
      return {
        ok: true,
        value: { kind: 'spike', factor: a.factor as number, durationSeconds: a.durationSeconds as number },
      };
    }
    default:
      return {
        ok: false,
        errors: [
          `unknown action ${JSON.stringify(String(a.kind)).slice(0, 60)}: kill, storage-outage, kafka-outage, zone-outage or spike`,
        ],
      };
  }
}
