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
// vite itself, not npx: killing npx would leave the preview server running.
const server = spawn(
  process.execPath,
  ['node_modules/vite/bin/vite.js', 'preview', '--host', '127.0.0.1', '--strictPort', '--port', String(PORT)],
  { stdio: 'ignore' },
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

  // 500 processes, every replica drawn (72 per component, bundled edges): screen updates per second
  // while simulating, and how long a drag and a zoom take to show on screen.
  const big = structuredClone(scenario);
  big.name = 'bench: 3.0 microservices, 500 processes, every replica';
  big.components = {
    distributor: c(72, 2, 2),
    'block-builder': c(72, 0.5, 6),
    'live-store': c(72, 1, 8),
    'query-frontend': c(72, 1, 2),
    querier: c(72, 1, 4),
    'backend-scheduler': c(1, 0.5, 2),
    'backend-worker': c(70, 0.5, 2),
    'metrics-generator': c(69, 1, 4),
  };
  big.settings.kafkaPartitions = 72;
  big.load.spansPerSecond = 1_000_000;
  const processes = Object.values(big.components).reduce((n, x) => n + x.replicas, 0);
  const p2 = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  await p2.goto(url);
  await p2.evaluate((s) => {
    localStorage.setItem('tempo-playground:scenario', JSON.stringify(s));
    localStorage.setItem('tempo-playground:show-every-replica', 'true');
  }, big);
  const t0 = Date.now();
  await p2.reload();
  await p2.getByTestId('sim-play').waitFor();
  await p2.locator('.react-flow__node').first().waitFor();
  const shown = Date.now() - t0;
  await p2.waitForTimeout(1000);
  const edgesDrawn = await p2.locator('.react-flow__edge').count();
  await p2.getByTestId('sim-speed').selectOption('10');
  await p2.getByTestId('sim-play').click();
  await p2.waitForTimeout(1000);
  // Screen updates: times the totals on screen change, per second, over 6 s of simulating.
  const updates = await p2.evaluate(
    () =>
      new Promise((resolve) => {
        const el = document.querySelector('[data-testid="spans-sent"]');
        let n = 0;
        const mo = new MutationObserver(() => n++);
        if (el) mo.observe(el, { childList: true, characterData: true, subtree: true });
        setTimeout(() => {
          mo.disconnect();
          resolve(n / 6);
        }, 6000);
      }),
  );
  // Drag and zoom latency, while the simulation runs: from the input event to the frame showing it.
  await p2.evaluate(() => {
    window.__lat = [];
    window.__input = 0;
    const stamp = () => {
      window.__input = performance.now();
    };
    window.addEventListener('mousemove', stamp, { capture: true });
    window.addEventListener('wheel', stamp, { capture: true });
    const mo = new MutationObserver(() => {
      const since = window.__input;
      if (!since) return;
      window.__input = 0;
      requestAnimationFrame(() => window.__lat.push(performance.now() - since));
    });
    for (const el of document.querySelectorAll('.react-flow__viewport, .react-flow__node'))
      mo.observe(el, { attributes: true, attributeFilter: ['style'] });
  });
  const node = p2.locator('.react-flow__node').nth(5);
  const box = await node.boundingBox();
  await p2.mouse.move(box.x + box.width / 2, box.y + 10);
  await p2.evaluate(() => {
    window.__input = 0;
    window.__lat = [];
  });
  await p2.mouse.down();
  for (let i = 1; i <= 20; i++) {
    await p2.mouse.move(box.x + box.width / 2 + i * 6, box.y + 10 + i * 3);
    await p2.waitForTimeout(60);
  }
  await p2.mouse.up();
  const drag = await p2.evaluate(() => window.__lat.slice());
  await p2.evaluate(() => {
    window.__input = 0;
    window.__lat = [];
  });
  await p2.mouse.move(800, 500);
  await p2.evaluate(() => {
    window.__input = 0;
  });
  for (let i = 0; i < 10; i++) {
    await p2.mouse.wheel(0, i % 2 ? 120 : -120);
    await p2.waitForTimeout(80);
  }
  const zoom = await p2.evaluate(() => window.__lat.slice());
  await p2.getByTestId('sim-pause').click();
  await p2.screenshot({ path: 'test-results/bench-ui-500.png' });
  const pct = (xs, p) => {
    const s2 = [...xs].sort((a2, b2) => a2 - b2);
    return s2.length ? s2[Math.min(s2.length - 1, Math.floor(p * s2.length))].toFixed(0) : 'n/a';
  };
  console.log(
    `500-process cluster, every replica: ${processes} processes, ${await p2.locator('.react-flow__node').count()} nodes in the DOM, ${edgesDrawn} edges drawn (bundled), first nodes on screen after ${shown} ms`,
  );
  console.log(`  screen updates while simulating at 10x: ${updates.toFixed(1)}/s (target >= 10/s)`);
  console.log(
    `  drag: ${drag.length} moves, latency p50 ${pct(drag, 0.5)} ms, p95 ${pct(drag, 0.95)} ms; zoom: ${zoom.length} wheel steps, p50 ${pct(zoom, 0.5)} ms, p95 ${pct(zoom, 0.95)} ms (target <= 50 ms)`,
  );
} finally {
  await browser.close();
  server.kill();
}
