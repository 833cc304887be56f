// Frame time in headless Chromium: ~150 nodes on screen while the simulation runs at 10x.
// Prints p50 / p95 frame times. A benchmark, not a test: it prints figures and never fails on them.
import { spawn } from 'node:child_process';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium, HOW_TO_GET_CHROMIUM } from './find-chromium.mjs';

const found = await findChromium();
if (!found) {
  console.error(HOW_TO_GET_CHROMIUM);
  process.exit(1);
}
const PORT = 4174;
const server = spawn(
  'npx',
  ['vite', 'preview', '--host', '127.0.0.1', '--strictPort', '--port', String(PORT)],
  {
    stdio: 'ignore',
  },
);
const url = `http://127.0.0.1:${PORT}/`;
for (let i = 0; i < 100; i++) {
  try {
    if ((await fetch(url)).ok) break;
  } catch {
    await new Promise((r) => setTimeout(r, 200));
  }
}

const GiB = 1024 ** 3;
const c = (replicas, cpu, mem) => ({ replicas, cpu, memoryBytes: mem * GiB });
const scenario = {
  schemaVersion: 1,
  name: 'bench: 3.0 microservices, 150 nodes',
  tempoVersion: '3.0',
  mode: 'microservices',
  components: {
    distributor: c(20, 2, 2),
    'block-builder': c(30, 0.5, 6),
    'live-store': c(30, 1, 8),
    'query-frontend': c(4, 1, 2),
    querier: c(30, 1, 4),
    'backend-scheduler': c(1, 0.5, 2),
    'backend-worker': c(20, 0.5, 2),
    'metrics-generator': c(10, 1, 4),
  },
  settings: {
    replicationFactor: 3,
    kafkaPartitions: 30,
    storageBackend: 's3',
    bucket: 'tempo-traces',
    metricsGenerator: true,
    compaction: 'compactor',
    retentionHours: 336,
    receivers: { otlpGrpc: true, otlpHttp: true, jaeger: false, zipkin: false },
  },
  load: {
    spansPerSecond: 400000,
    spanSizeBytes: 500,
    spansPerTrace: 20,
    queriesPerSecond: 5,
    queryRangeMinutes: 60,
  },
  events: [],
  seed: 7,
};

const browser = await chromium.launch({
  executablePath: found.path,
  args: CHROMIUM_ARGS,
});
try {
  const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await page.goto(url);
  await page.evaluate((s) => {
    localStorage.setItem('tempo-playground:scenario', JSON.stringify(s));
    localStorage.setItem('tempo-playground:show-every-replica', 'true');
  }, scenario);
  await page.reload();
  await page.getByTestId('sim-play').waitFor();
  await page.waitForTimeout(1500);
  const nodes = await page.locator('.react-flow__node').count();
  await page.getByTestId('sim-speed').selectOption('10');
  await page.getByTestId('sim-play').click();
  await page.waitForTimeout(1000);
  const frames = await page.evaluate(
    () =>
      new Promise((resolve) => {
        const out = [];
        let last = performance.now();
        const end = last + 6000;
        const tick = (now) => {
          out.push(now - last);
          last = now;
          if (now < end) requestAnimationFrame(tick);
          else resolve(out);
        };
        requestAnimationFrame(tick);
      }),
  );
  const simT = await page.getByTestId('sim-time').textContent();
  await page.screenshot({ path: 'test-results/bench-ui.png' });
  const sorted = [...frames].sort((a, b) => a - b);
  const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
  console.log(
    `nodes on screen: ${nodes}; frames measured: ${frames.length} over 6 s at 10x (${simT?.trim()})`,
  );
  console.log(`frame time p50: ${q(0.5).toFixed(1)} ms, p95: ${q(0.95).toFixed(1)} ms (target p95 <= 20 ms)`);
} finally {
  await browser.close();
  server.kill();
}
