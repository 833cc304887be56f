/** npm run golden:plan: re-record src/plan/golden/answers.json (only for a deliberate change of policy). */
import { writeFileSync } from 'node:fs';
import { PLAN_GOLDEN_CASES, planGoldenRecord } from '../src/plan/golden/cases';

const out: Record<string, unknown> = {};
for (const c of PLAN_GOLDEN_CASES) out[c.name] = planGoldenRecord(c);
writeFileSync(
  new URL('../src/plan/golden/answers.json', import.meta.url),
  `${JSON.stringify(out, null, 1)}\n`,
);
console.log(`recorded ${PLAN_GOLDEN_CASES.length} golden planner answers`);
