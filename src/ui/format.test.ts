import { describe, expect, it } from 'vitest';
import { formatByteRate, formatDurationMs, formatNumber, formatRate } from './format';

describe('number formatting people read', () => {
  it('has no float noise', () => {
    expect(formatNumber(0.8999999999999999)).toBe('0.9');
    expect(formatNumber(0.1 + 0.2)).toBe('0.3');
    expect(formatNumber(2.5)).toBe('2.5');
    expect(formatNumber(4)).toBe('4');
    expect(formatNumber(12345.6)).toBe('12,346');
  });

  it('scales byte rates from B/s to TB/s', () => {
    expect(formatByteRate(850)).toBe('850 B/s');
    expect(formatByteRate(12_000)).toBe('12 KB/s');
    expect(formatByteRate(15e6)).toBe('15 MB/s');
    expect(formatByteRate(2e12)).toBe('2 TB/s');
    expect(formatByteRate(2.5e9)).toBe('2.5 GB/s');
  });

  it('scales latencies from ms to s and min', () => {
    expect(formatDurationMs(45)).toBe('45 ms');
    expect(formatDurationMs(1448)).toBe('1.45 s');
    expect(formatDurationMs(220_436)).toBe('3.7 min');
    expect(formatDurationMs(7_200_000)).toBe('2 h');
  });

  it('keeps rates short', () => {
    expect(formatRate(16_500)).toBe('17k');
    expect(formatRate(1500)).toBe('1.5k');
    // An axis tick at 5,000 reads "5k", not "5.0k".
    expect(formatRate(5000)).toBe('5k');
    expect(formatRate(2e6)).toBe('2M');
  });
});
