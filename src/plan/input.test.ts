import { describe, expect, it } from 'vitest';
import { parsePlanInput } from './input';
import { DEFAULT_PLAN_INPUT } from './planner';

describe('planner input from outside', () => {
  it('accepts the defaults and refuses NaN, Infinity and values past the limits with the field named', () => {
    expect(parsePlanInput(DEFAULT_PLAN_INPUT).ok).toBe(true);
    for (const [field, value] of [
      ['spansPerSecond', Number.NaN],
      ['spansPerSecond', 1e9],
      ['headroom', Number.POSITIVE_INFINITY],
      ['zones', 4],
      ['kafkaRetentionHours', 0.5],
    ] as const) {
      const r = parsePlanInput({ ...DEFAULT_PLAN_INPUT, [field]: value });
      expect(r.ok, field).toBe(false);
      if (!r.ok) expect(r.errors[0], field).toMatch(new RegExp(`^${field}:`));
    }
  });
});
