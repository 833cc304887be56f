/** Y-axis ticks for charts of bytes (memory): round binary steps, labels without rounding or noise. */

/** Byte tick steps: powers of two of a binary unit (256 MiB, 512 MiB, 1 GiB, 2 GiB ...). */
export const BYTE_STEPS = [0, 1, 2, 3, 4].flatMap((p) =>
  [1, 2, 4, 8, 16, 32, 64, 128, 256, 512].map((m) => m * 1024 ** p),
);
const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/**
 * Byte tick labels in one unit, that of the largest tick, with the decimals the step needs and no
 * more: "0 B", "512 MiB" ... or "0 B", "0.5 GiB", "1 GiB", "1.5 GiB". Never "1.9 GiB" for 2e9 B, never
 * float noise.
 */
export function byteTicks(ticks: number[], step: number): string[] {
  const top = Math.max(1, ...ticks.map(Math.abs));
  const p = Math.min(BYTE_UNITS.length - 1, Math.floor(Math.log2(top) / 10));
  const x = step / 1024 ** p;
  let d = 0;
  while (d < 3 && Math.abs(Math.round(x * 10 ** d) - x * 10 ** d) > 1e-9) d++;
  return ticks.map((v) => (v === 0 ? '0 B' : `${Number((v / 1024 ** p).toFixed(d))} ${BYTE_UNITS[p]}`));
}
