// Time to export every artifact (tempo.yaml, Helm values, Mermaid) for a 300-process scenario.
import { exportAll } from '../src/export';
import { importAny } from '../src/import';
import { createScenario, type Scenario } from '../src/model/scenario';

const GiB = 1024 ** 3;
const s: Scenario = createScenario('3.0', 'microservices');
const c = (replicas: number) => ({ replicas, cpu: 1, memoryBytes: 4 * GiB });
s.settings.kafkaPartitions = 60;
s.components = {
  distributor: c(40),
  'block-builder': c(60),
  'live-store': c(60),
  'query-frontend': c(4),
  querier: c(80),
  'backend-scheduler': c(1),
  'backend-worker': c(55),
};
const processes = Object.values(s.components).reduce((a, x) => a + (x?.replicas ?? 0), 0);
for (let i = 0; i < 20; i++) exportAll(s); // warm up
const runs = 200;
const times: number[] = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  exportAll(s);
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0;
console.log(
  `export of all artifacts, ${processes} processes: p50 ${q(0.5).toFixed(2)} ms, p95 ${q(0.95).toFixed(2)} ms, max ${q(1).toFixed(2)} ms over ${runs} runs (target <= 20 ms)`,
);

// Hostile imports: 32,000 keys in one mapping (a tempo.yaml, the same with a duplicate, Helm values).
// Goal: under 1 s of CPU each on an idle machine (these were timed unit tests; timing belongs here).
const keys = (n: number) => Array.from({ length: n }, (_, i) => `key_${i}: ${i}`).join('\n');
const hostile: [string, string][] = [
  ['tempo.yaml, 32,000 keys', `target: all\n${keys(32_000)}\n`],
  ['the same with a duplicate key', `target: all\n${keys(32_000)}\nkey_5: again\n`],
  [
    'Helm values, 32,000 keys',
    `tempo:\n  tag: 3.0.3\n${Array.from({ length: 32_000 }, (_, i) => `  k${i}: v`).join('\n')}\n`,
  ],
];
for (const [name, text] of hostile) {
  const c0 = process.cpuUsage();
  importAny(text);
  const c = process.cpuUsage(c0);
  console.log(`import of ${name}: ${((c.user + c.system) / 1000).toFixed(0)} ms of CPU (goal < 1000 ms)`);
}
