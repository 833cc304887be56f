// The capacity planner's time for a ~300-process cluster: in Node, and in headless Chromium through the
// Planner panel (worker start, module load and every simulation included). A benchmark, not a test:
// it prints figures and never fails on them. Run after `vite build` (npm run bench:plan does both).
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';
import { DEFAULT_PLAN_INPUT, planMode } from '../src/plan/planner';
import { CHROMIUM_ARGS, findChromium, HOW_TO_GET_CHROMIUM } from './find-chromium.mjs';

const SPANS = 800_000; // 400 MB/s at 500 B: 3.0 microservices plans about 300 processes
const input = { ...DEFAULT_PLAN_INPUT, version: '3.0' as const, spansPerSecond: SPANS };

const t0 = performance.now();
const p = planMode(input, 'microservices');
const nodeMs = performance.now() - t0;
const pods = p.totals?.pods ?? 0;
console.log(
  `Node: Tempo 3.0 microservices at 400 MB/s: ${pods} processes, ${p.simulations} simulations, ${nodeMs.toFixed(0)} ms`,
);

const found = await findChromium();
if (!found) {
  console.error(HOW_TO_GET_CHROMIUM);
  process.exit(1);
}
const PORT = Number(process.env.E2E_PORT ?? 4179);
const server = spawn(
  'node_modules/.bin/vite',
  ['preview', '--host', '127.0.0.1', '--strictPort', '--port', String(PORT)],
  { stdio: 'ignore', detached: true },
);
const url = `http://127.0.0.1:${PORT}/`;
const browser = await chromium.launch({ executablePath: found.path, args: CHROMIUM_ARGS });
try {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(url)).ok) break;
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const page = await browser.newPage();
  await page.goto(url);
  await page.getByTestId('open-learn').click();
  await page.getByTestId('learn-tab-plan').click();
  await page.getByTestId('plan-sps').fill(String(SPANS));
  await page.getByTestId('plan-version').selectOption('3.0');
  await page.getByTestId('plan-mode').selectOption('microservices');
  const runs: number[] = [];
  for (let k = 0; k < 3; k++) {
    const start = Date.now();
    await page.getByTestId('plan-run').click();
    await page.getByTestId('plan-totals').waitFor({ timeout: 60_000 });
    runs.push(Date.now() - start);
    const totals = await page.getByTestId('plan-totals').textContent();
    if (k === 0) console.log(`Chromium answer: ${totals?.slice(0, 120)}`);
  }
  console.log(
    `Chromium (headless, Web Worker): ${runs.map((r) => `${r} ms`).join(', ')} for one plan of ${pods} processes (target <= 3000 ms)`,
  );
} finally {
  await browser.close();
  if (server.pid) process.kill(-server.pid);
}
