import { describe, expect, it } from 'vitest';
import { BYTE_STEPS, byteTicks } from './byteTicks';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

describe('memory chart ticks', () => {
  it('step on round binary amounts', () => {
    expect(BYTE_STEPS).toContain(GiB);
    expect(BYTE_STEPS).toContain(2 * GiB);
    expect(BYTE_STEPS).toContain(512 * MiB);
    // Never the decimal 2e9 B that printed as "1.9 GiB".
    expect(BYTE_STEPS).not.toContain(2e9);
  });

  it('label every tick in the unit of the largest, with the decimals the step needs', () => {
    expect(byteTicks([0, 2 * GiB, 4 * GiB, 6 * GiB], 2 * GiB)).toEqual(['0 B', '2 GiB', '4 GiB', '6 GiB']);
    expect(byteTicks([0, 512 * MiB, GiB, 1536 * MiB], 512 * MiB)).toEqual([
      '0 B',
      '0.5 GiB',
      '1 GiB',
      '1.5 GiB',
    ]);
    // 1.25 GiB is not rounded to "1.3 GiB".
    expect(byteTicks([GiB, 1280 * MiB, 1536 * MiB], 256 * MiB)).toEqual(['1 GiB', '1.25 GiB', '1.5 GiB']);
    expect(byteTicks([0, 256 * MiB, 512 * MiB, 768 * MiB], 256 * MiB)).toEqual([
      '0 B',
      '256 MiB',
      '512 MiB',
      '768 MiB',
    ]);
    expect(byteTicks([0, 16 * 1024 * GiB], 16 * 1024 * GiB)).toEqual(['0 B', '16 TiB']);
  });

  it('has no float noise and no two ticks read the same', () => {
    for (const step of BYTE_STEPS) {
      const ticks = [0, 1, 2, 3, 4, 5, 6].map((k) => k * step);
      const labels = byteTicks(ticks, step);
      expect(new Set(labels).size, `step ${step}`).toBe(labels.length);
      for (const l of labels) expect(l).toMatch(/^\d+(\.\d{1,3})? (B|KiB|MiB|GiB|TiB)$/);
    }
  });
});
