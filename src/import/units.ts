/** Kubernetes quantities and Go durations, as people write them in values files and tempo.yaml. */

/** CPU: "2", "0.5", "500m". Null when it is not a quantity. */
export function parseCpu(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) && v > 0 ? v : null;
  if (typeof v !== 'string') return null;
  const m = v.trim().match(/^(\d+(?:\.\d+)?)(m?)$/);
  if (!m) return null;
  const n = Number(m[1]) / (m[2] ? 1000 : 1);
  return n > 0 && Number.isFinite(n) ? n : null;
}

const MEM_UNITS: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
};

/** Memory: "4Gi", "512Mi", "4G", "1073741824". Null when it is not a quantity. */
export function parseMemory(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) && v > 0 ? v : null;
  if (typeof v !== 'string') return null;
  const m = v.trim().match(/^(\d+(?:\.\d+)?)(k|M|G|T|Ki|Mi|Gi|Ti)?$/);
  if (!m) return null;
  const n = Number(m[1]) * (MEM_UNITS[m[2] ?? ''] ?? 1);
  return n > 0 && Number.isFinite(n) ? n : null;
}

const DUR_UNITS: Record<string, number> = {
  ms: 1 / 3_600_000,
  s: 1 / 3600,
  m: 1 / 60,
  h: 1,
  d: 24,
  w: 168,
  y: 8760,
};

/** Go/Prometheus durations in hours: "336h", "14d", "1h30m". Null when it is not a duration. */
export function parseDurationHours(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  const t = v.trim();
  if (!/^(\d+(\.\d+)?(ms|s|m|h|d|w|y))+$/.test(t)) return null;
  let hours = 0;
  for (const m of t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h|d|w|y)/g))
    hours += Number(m[1]) * (DUR_UNITS[m[2] ?? 'h'] ?? 0);
  return hours > 0 && Number.isFinite(hours) ? hours : null;
}
