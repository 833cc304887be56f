/** npm run golden: re-record src/sim/golden/golden.json (only for a deliberate behaviour change). */
import { writeFileSync } from 'node:fs';
import { GOLDEN_CASES, goldenRecord } from '../src/sim/golden/cases';

const out: Record<string, unknown> = {};
for (const c of GOLDEN_CASES) out[c.name] = goldenRecord(c);
writeFileSync(new URL('../src/sim/golden/golden.json', import.meta.url), `${JSON.stringify(out, null, 1)}\n`);
console.log(`recorded ${GOLDEN_CASES.length} golden runs`);
