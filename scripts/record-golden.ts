/** npm run golden: re-record src/sim/golden/golden.json (only for a deliberate behaviour change). */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { GOLDEN_CASES, goldenRecord } from '../src/sim/golden/cases';
import { storyGoldenRecord } from '../src/training/stories/golden';
import { storiesFromFiles } from '../src/training/storySet';

const out: Record<string, unknown> = {};
for (const c of GOLDEN_CASES) out[c.name] = goldenRecord(c);
writeFileSync(new URL('../src/sim/golden/golden.json', import.meta.url), `${JSON.stringify(out, null, 1)}\n`);
console.log(`recorded ${GOLDEN_CASES.length} golden runs`);

// The built-in stories as the app loads them: from their story files.
const dir = new URL('../src/training/stories/', import.meta.url);
const files: Record<string, string> = {};
for (const f of readdirSync(dir))
  if (f.endsWith('.story.yaml')) files[`./stories/${f}`] = readFileSync(new URL(f, dir), 'utf8');
const GUIDED_SCENARIOS = storiesFromFiles(files);
const stories: Record<string, unknown> = {};
for (const g of GUIDED_SCENARIOS) stories[g.id] = storyGoldenRecord(g);
writeFileSync(
  new URL('../src/training/stories/golden.json', import.meta.url),
  `${JSON.stringify(stories, null, 1)}\n`,
);
console.log(`recorded ${GUIDED_SCENARIOS.length} built-in stories`);
