import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PLAN_GOLDEN_CASES, planGoldenRecord } from './cases';

const golden = JSON.parse(readFileSync(new URL('./answers.json', import.meta.url), 'utf8')) as Record<
  string,
  unknown
>;

describe('planner golden answers (npm run golden:plan re-records them)', () => {
  it('has a recorded answer for every case', () => {
    expect(Object.keys(golden).sort()).toEqual(PLAN_GOLDEN_CASES.map((c) => c.name).sort());
  });
  for (const c of PLAN_GOLDEN_CASES)
    it(c.name, () => {
      expect(planGoldenRecord(c)).toEqual(golden[c.name]);
    }, 120_000);
});
