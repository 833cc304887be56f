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
  if (n >= 1e6) return `${(n / 1e6).toFixed(n >= 1e7 ? 0 : 1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(n >= 1e4 ? 0 : 1)}k`;
  return n >= 10 ? `${Math.round(n)}` : n.toFixed(1);
}

export function formatCores(c: number): string {
  return `${Number.isInteger(c) ? c : c.toFixed(c < 1 ? 2 : 1).replace(/0$/, '')} CPU`;
}

export function formatSeconds(t: number): string {
  const s = Math.floor(t);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const pad = (x: number) => String(x).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(sec)}` : `${m}:${pad(sec)}`;
}
