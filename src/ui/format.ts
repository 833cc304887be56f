/** Number formatting for people: 1.2 GiB, 12,345, 3.4k/s. */
const nf = new Intl.NumberFormat('en-US');

export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v >= 100 || i === 0 ? Math.round(v) : v.toFixed(1).replace(/\.0$/, '')} ${units[i]}`;
}

export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return '0';
  return nf.format(Math.round(n));
}

export function formatRate(n: number): string {
  if (!Number.isFinite(n) || n <= 0) return '0';
  if (n >= 1e6) return `${trimZero((n / 1e6).toFixed(n >= 1e7 ? 0 : 1))}M`;
  if (n >= 1e3) return `${trimZero((n / 1e3).toFixed(n >= 1e4 ? 0 : 1))}k`;
  return n >= 10 ? `${Math.round(n)}` : n.toFixed(1);
}

export function formatCores(c: number): string {
  return `${formatNumber(c, 2)} CPU`;
}

export function formatSeconds(t: number): string {
  const s = Math.floor(t);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (x: number) => String(x).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(sec)}` : `${m}:${pad(sec)}`;
}

const trimZero = (s: string) => s.replace(/\.0+$/, '').replace(/(\.\d*?)0+$/, '$1');

/** A plain number without float noise: 0.8999999999999999 -> "0.9", 2.5 -> "2.5", 12345 -> "12,345". */
export function formatNumber(n: number, maxDecimals = 2): string {
  if (!Number.isFinite(n)) return '0';
  if (Math.abs(n) >= 1000) return nf.format(Math.round(n));
  return trimZero(n.toFixed(maxDecimals));
}

/** Decimal bytes per second with a unit that scales: "850 B/s", "12 KB/s", "2 TB/s". */
export function formatByteRate(bytesPerSecond: number): string {
  if (!Number.isFinite(bytesPerSecond) || bytesPerSecond <= 0) return '0 B/s';
  const units = ['B/s', 'KB/s', 'MB/s', 'GB/s', 'TB/s', 'PB/s'];
  let v = bytesPerSecond;
  let i = 0;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${v >= 100 || i === 0 ? Math.round(v) : trimZero(v.toFixed(1))} ${units[i]}`;
}

/** A duration given in milliseconds, in the unit a person reads: "45 ms", "1.4 s", "3.7 min", "2.1 h". */
export function formatDurationMs(ms: number): string {
  if (!Number.isFinite(ms) || ms <= 0) return '0 ms';
  if (ms < 1000) return `${ms < 10 ? trimZero(ms.toFixed(1)) : Math.round(ms)} ms`;
  const s = ms / 1000;
  if (s < 60) return `${trimZero(s.toFixed(s < 10 ? 2 : 1))} s`;
  if (s < 3600) return `${trimZero((s / 60).toFixed(1))} min`;
  return `${trimZero((s / 3600).toFixed(1))} h`;
}
