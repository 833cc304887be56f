/** Plain-words number formatting for event messages. Locale-independent so runs are reproducible. */

/** 1234567.8 -> "1,234,568" */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '0';
  const r = Math.round(n);
  const neg = r < 0;
  const digits = String(Math.abs(r));
  let out = '';
  for (let i = 0; i < digits.length; i++) {
    if (i > 0 && (digits.length - i) % 3 === 0) out += ',';
    out += digits[i];
  }
  return neg ? `-${out}` : out;
}

/** Bytes with a binary unit and one decimal: "4.1 GiB", "512 MiB", "4 GiB". */
export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = Math.max(0, n);
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const text = v >= 100 || u === 0 ? String(Math.round(v)) : trimZero(v.toFixed(1));
  return `${text} ${units[u]}`;
}

/** Decimal bytes per second as Tempo's limits are written, in a unit that fits: "15 MB/s", "2 TB/s". */
export function formatRate(bytesPerSecond: number): string {
  const units = ['MB/s', 'GB/s', 'TB/s', 'PB/s'];
  let v = Math.max(0, bytesPerSecond) / 1e6;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v >= 100 ? Math.round(v) : trimZero(v.toFixed(1))} ${units[u]}`;
}

/** A share as a percentage a person reads: "0.4%", "12%", "100%". */
export function formatPercent(share: number): string {
  const p = Math.max(0, share) * 100;
  if (p > 0 && p < 0.1) return '<0.1%';
  return `${p < 10 ? trimZero(p.toFixed(1)) : String(Math.round(p))}%`;
}

export function formatSeconds(s: number): string {
  if (s < 120) return `${Math.round(s)} s`;
  if (s < 7200) return `${trimZero((s / 60).toFixed(1))} min`;
  return `${trimZero((s / 3600).toFixed(1))} h`;
}

function trimZero(s: string): string {
  return s.endsWith('.0') ? s.slice(0, -2) : s;
}
