/** npm run golden: re-record src/sim/golden/golden.json (only for a deliberate behaviour change). */
import { writeFileSync } from 'node:fs';
import { GOLDEN_CASES, goldenRecord } from '../src/sim/golden/cases';
import { GUIDED_SCENARIOS } from '../src/training/guided';
import { storyGoldenRecord } from '../src/training/stories/golden';

const out: Record<string, unknown> = {};
for (const c of GOLDEN_CASES) out[c.name] = goldenRecord(c);
writeFileSync(new URL('../src/sim/golden/golden.json', import.meta.url), `${JSON.stringify(out, null, 1)}\n`);
console.log(`recorded ${GOLDEN_CASES.length} golden runs`);

const stories: Record<string, unknown> = {};
for (const g of GUIDED_SCENARIOS) stories[g.id] = storyGoldenRecord(g);
writeFileSync(
  new URL('../src/training/stories/golden.json', import.meta.url),
  `${JSON.stringify(stories, null, 1)}\n`,
);
console.log(`recorded ${GUIDED_SCENARIOS.length} built-in stories`);
