import { describe, expect, it } from 'vitest';
import { commitDraft, tidy } from './numberDraft';

describe('commitDraft', () => {
  it('keeps what was typed when it is inside the bounds', () => {
    expect(commitDraft('5', { min: 1, max: 500, integer: true })).toEqual({ kind: 'value', value: 5 });
    expect(commitDraft('0.25', { min: 0.1, max: 256 })).toEqual({ kind: 'value', value: 0.25 });
  });

  it('clamps once and says why', () => {
    const r = commitDraft('900', { min: 1, max: 500, integer: true });
    expect(r).toEqual({ kind: 'value', value: 500, note: 'lowered to the maximum, 500' });
    const low = commitDraft('0.01', { min: 0.1, max: 256, unit: 'cores' });
    expect(low).toEqual({ kind: 'value', value: 0.1, note: 'raised to the minimum, 0.1 cores' });
  });

  it('rounds to whole numbers where only those make sense', () => {
    expect(commitDraft('2.6', { min: 1, max: 10, integer: true })).toEqual({
      kind: 'value',
      value: 3,
      note: 'whole numbers only: 3',
    });
  });

  it('refuses text that is not a number and treats an empty field as no edit', () => {
    expect(commitDraft('abc', { min: 0, max: 1 }).kind).toBe('invalid');
    expect(commitDraft('  ', { min: 0, max: 1 })).toEqual({ kind: 'empty' });
  });

  it('accepts thousands separators', () => {
    expect(commitDraft('10,000', { min: 0, max: 1e6 })).toEqual({ kind: 'value', value: 10000 });
  });
});

describe('tidy', () => {
  it('removes float noise', () => {
    expect(tidy(0.1 + 0.2)).toBe(0.3);
    expect(tidy(0.8999999999999999)).toBe(0.9);
  });
});
