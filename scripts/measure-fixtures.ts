/**
 * Writes the measurement fixtures in src/measure/fixtures: what a Prometheus and a Grafana panel
 * return for the "Measure your cluster" queries on two made-up clusters, with the series names and
 * labels real ones carry (kube-prometheus cAdvisor labels, Tempo's own metrics scraped per pod).
 * Deterministic: run it again and the files are the same. `npx tsx scripts/measure-fixtures.ts`
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScenario, type Scenario } from '../src/model/scenario';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'measure', 'fixtures');
mkdirSync(out, { recursive: true });

let seed = 7;
/** A small LCG: the same noise every run. */
function noise(): number {
  seed = (seed * 1103515245 + 12345) % 2147483648;
  return seed / 2147483648 - 0.5;
}

const START = 1_764_928_800; // 2025-12-05T10:00:00Z
const STEP = 60;
const POINTS = 61; // one hour
const times = Array.from({ length: POINTS }, (_, i) => START + i * STEP);

type Labels = Record<string, string>;
interface Matrix {
  metric: Labels;
  values: [number, string][];
}

/** A counter growing at `rate` per second (with noise) that restarts once if `resetAt` is given. */
function counter(metric: Labels, rate: number, resetAt?: number): Matrix {
  let v = rate * 86_400 * (1 + noise() * 0.2);
  return {
    metric,
    values: times.map((t, i) => {
      if (i > 0) v += rate * STEP * (1 + noise() * 0.1);
      if (resetAt !== undefined && i === resetAt) v = rate * STEP * 0.5;
      return [t, String(Math.round(v * 1000) / 1000)];
    }),
  };
}

function gauge(metric: Labels, level: number, spread = 0.08): Matrix {
  return {
    metric,
    values: times.map((t) => [t, String(Math.round(level * (1 + noise() * spread)))]),
  };
}

const response = (result: unknown, resultType: 'matrix' | 'vector' = 'matrix') => ({
  status: 'success',
  data: { resultType, result },
});

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

function podIp(i: number): string {
  return `10.42.${(i * 7) % 250}.${(i * 13) % 250}`;
}

function cadvisor(name: string, pod: string, container: string, image: string, i: number): Labels {
  return {
    __name__: name,
    container,
    endpoint: 'https-metrics',
    id: `/kubepods/burstable/pod${(i * 2654435761).toString(16).slice(0, 8)}/${container}`,
    image,
    instance: `10.0.${i % 3}.${20 + i}:10250`,
    job: 'kubelet',
    metrics_path: '/metrics/cadvisor',
    name: `k8s_${container}_${pod}_tempo_${i}`,
    namespace: 'tempo',
    node: `ip-10-0-${i % 3}-${20 + i}`,
    pod,
    service: 'prometheus-kube-prometheus-kubelet',
  };
}

function tempoLabels(name: string, pod: string, component: string, i: number, extra: Labels = {}): Labels {
  return {
    __name__: name,
    cluster: 'prod-eu-1',
    container: component,
    instance: `${podIp(i)}:3200`,
    job: `tempo/${component}`,
    namespace: 'tempo',
    pod,
    ...extra,
  };
}

// ---------- Tempo 2.10 microservices, tempo-distributed chart, about 22 MB/s ----------
const s210: Scenario = createScenario('2.10', 'microservices');
s210.name = 'Our tracing cluster (fixture)';
s210.components = {
  ...s210.components,
  distributor: { replicas: 3, cpu: 2, memoryBytes: 4 * GiB },
  ingester: { replicas: 6, cpu: 4, memoryBytes: 12 * GiB },
  'query-frontend': { replicas: 2, cpu: 1, memoryBytes: 2 * GiB },
  querier: { replicas: 4, cpu: 2, memoryBytes: 8 * GiB },
  compactor: { replicas: 2, cpu: 2, memoryBytes: 8 * GiB },
};
s210.load = {
  ...s210.load,
  spansPerSecond: 30_000,
  spanSizeBytes: 600,
  spansPerTrace: 25,
  queriesPerSecond: 2,
};
writeFileSync(join(out, 'tempo-2.10-scenario.json'), `${JSON.stringify(s210, null, 2)}\n`);

const image210 = 'docker.io/grafana/tempo:2.10.8';
const pods210: { pod: string; component: string; cpu: number; mem: number }[] = [
  ...[0, 1, 2].map((k) => ({
    pod: `tempo-distributor-7c9f6d8b5d-${['x2k8q', 'mzq7w', 'p4v9n'][k]}`,
    component: 'distributor',
    cpu: 0.9,
    mem: 1.1 * GiB,
  })),
  ...[0, 1, 2, 3, 4, 5].map((k) => ({
    pod: `tempo-ingester-${k}`,
    component: 'ingester',
    cpu: 1.6,
    mem: 7.4 * GiB,
  })),
  ...[0, 1].map((k) => ({
    pod: `tempo-query-frontend-5b8d7f9c6-${['qw2ex', 'lk9ds'][k]}`,
    component: 'query-frontend',
    cpu: 0.15,
    mem: 260 * MiB,
  })),
  ...[0, 1, 2, 3].map((k) => ({
    pod: `tempo-querier-6f5c8d7b9-${['a1b2c', 'd3e4f', 'g5h6i', 'j7k8l'][k]}`,
    component: 'querier',
    cpu: 0.5,
    mem: 2.3 * GiB,
  })),
  ...[0, 1].map((k) => ({
    pod: `tempo-compactor-7d6c5b4a3-${['zz1yy', 'xx2ww'][k]}`,
    component: 'compactor',
    cpu: 0.8,
    mem: 5.2 * GiB,
  })),
];
const memcached = { pod: 'tempo-memcached-0', component: 'memcached', cpu: 0.05, mem: 900 * MiB };
const gateway = { pod: 'tempo-gateway-66b7d8f9c-t5r4e', component: 'nginx', cpu: 0.02, mem: 40 * MiB };

const cpu210: Matrix[] = [];
const mem210: Matrix[] = [];
[...pods210, memcached, gateway].forEach((p, i) => {
  const img =
    p.component === 'memcached'
      ? 'memcached:1.6.39-alpine'
      : p.component === 'nginx'
        ? 'nginxinc/nginx-unprivileged:1.27-alpine'
        : image210;
  cpu210.push(counter(cadvisor('container_cpu_usage_seconds_total', p.pod, p.component, img, i), p.cpu));
  mem210.push(gauge(cadvisor('container_memory_working_set_bytes', p.pod, p.component, img, i), p.mem));
  // cAdvisor's pod-level cgroup, which the playground must not count twice.
  mem210.push(
    gauge(
      { ...cadvisor('container_memory_working_set_bytes', p.pod, '', img, i), container: '' },
      p.mem * 1.02,
    ),
  );
});

const dist210 = pods210.filter((p) => p.component === 'distributor');
const ing210 = pods210.filter((p) => p.component === 'ingester');
const qf210 = pods210.filter((p) => p.component === 'query-frontend');
const tenant = { tenant: 'single-tenant' };
const spans210 = dist210.map((p, i) =>
  counter(
    tempoLabels('tempo_distributor_spans_received_total', p.pod, 'distributor', i, tenant),
    36_000 / 3,
    i === 1 ? 20 : undefined,
  ),
);
const bytes210 = dist210.map((p, i) =>
  counter(
    tempoLabels('tempo_distributor_bytes_received_total', p.pod, 'distributor', i, tenant),
    (36_000 * 640) / 3,
  ),
);
// Each of RF=3 copies creates the trace on its ingester: 3 x 36,000 / 24 spans per trace.
const traces210 = ing210.map((p, i) =>
  counter(
    tempoLabels('tempo_ingester_traces_created_total', p.pod, 'ingester', 10 + i, tenant),
    (3 * 36_000) / 24 / 6,
  ),
);
const discarded210 = [
  counter(
    tempoLabels('tempo_discarded_spans_total', dist210[0]!.pod, 'distributor', 0, {
      ...tenant,
      reason: 'trace_too_large',
    }),
    3.5,
  ),
  counter(
    tempoLabels('tempo_discarded_spans_total', ing210[2]!.pod, 'ingester', 12, {
      ...tenant,
      reason: 'live_traces_exceeded',
    }),
    0,
  ),
];
const live210 = ing210.map((p, i) =>
  gauge(tempoLabels('tempo_ingester_live_traces', p.pod, 'ingester', 10 + i, tenant), 4200),
);
const queries210 = qf210.flatMap((p, i) =>
  (
    [
      ['search', 0.9],
      ['traces', 0.6],
      ['metrics', 0.1],
      ['metadata', 0.7],
    ] as const
  ).map(([op, rate]) =>
    counter(
      tempoLabels('tempo_query_frontend_queries_total', p.pod, 'query-frontend', 30 + i, {
        ...tenant,
        op,
        result: 'completed',
      }),
      rate,
    ),
  ),
);
const LE = ['0.005', '0.01', '0.025', '0.05', '0.1', '0.25', '0.5', '1', '2.5', '5', '10', '+Inf'];
/** Cumulative share of searches at or under each bound: most take 0.25–1 s. */
const CUM = [0, 0.001, 0.005, 0.02, 0.08, 0.3, 0.62, 0.9, 0.985, 0.997, 0.9995, 1];
const latency210 = qf210.flatMap((p, i) =>
  LE.map((le, k) =>
    counter(
      tempoLabels('tempo_request_duration_seconds_bucket', p.pod, 'query-frontend', 30 + i, {
        le,
        method: 'GET',
        route: 'api_search',
        status_code: '200',
        ws: 'false',
      }),
      0.45 * CUM[k]!,
    ),
  ),
);

writeFileSync(
  join(out, 'tempo-2.10-matrix.json'),
  `${JSON.stringify(
    [
      response(spans210),
      response(bytes210),
      response(traces210),
      response(discarded210),
      response(cpu210),
      response(mem210),
      response(live210),
      response(queries210),
      response(latency210),
    ],
    null,
    1,
  )}\n`,
);

// ---------- Tempo 3.0 microservices, zone-aware live-stores, instant queries with rate() ----------
const s30: Scenario = createScenario('3.0', 'microservices');
s30.name = 'Our 3.0 tracing cluster (fixture)';
s30.settings = { ...s30.settings, kafkaPartitions: 4 };
s30.components = {
  ...s30.components,
  distributor: { replicas: 3, cpu: 2, memoryBytes: 4 * GiB },
  'live-store': { replicas: 8, cpu: 2, memoryBytes: 8 * GiB },
  'block-builder': { replicas: 4, cpu: 2, memoryBytes: 8 * GiB },
  'query-frontend': { replicas: 2, cpu: 1, memoryBytes: 2 * GiB },
  querier: { replicas: 3, cpu: 2, memoryBytes: 8 * GiB },
};
s30.load = {
  ...s30.load,
  spansPerSecond: 30_000,
  spanSizeBytes: 600,
  spansPerTrace: 25,
  queriesPerSecond: 2,
};
writeFileSync(join(out, 'tempo-3.0-scenario.json'), `${JSON.stringify(s30, null, 2)}\n`);

const pods30: { pod: string; component: string; cpu: number; mem: number }[] = [
  ...[0, 1, 2].map((k) => ({
    pod: `tempo-distributor-84f6c9d7b-${['ab12c', 'de34f', 'gh56i'][k]}`,
    component: 'distributor',
    cpu: 0.7,
    mem: 1.6 * GiB,
  })),
  ...['a', 'b'].flatMap((z) =>
    [0, 1, 2, 3].map((k) => ({
      pod: `tempo-live-store-zone-${z}-${k}`,
      component: 'live-store',
      cpu: 0.6,
      mem: 3.1 * GiB,
    })),
  ),
  ...[0, 1, 2, 3].map((k) => ({
    pod: `tempo-block-builder-${k}`,
    component: 'block-builder',
    cpu: 0.4,
    mem: 1.9 * GiB,
  })),
  ...[0, 1].map((k) => ({
    pod: `tempo-query-frontend-7f8e9d6c5-${['mn78o', 'pq90r'][k]}`,
    component: 'query-frontend',
    cpu: 0.1,
    mem: 300 * MiB,
  })),
  ...[0, 1, 2].map((k) => ({
    pod: `tempo-querier-5d4c3b2a1-${['st12u', 'vw34x', 'yz56a'][k]}`,
    component: 'querier',
    cpu: 0.4,
    mem: 1.8 * GiB,
  })),
  { pod: 'tempo-backend-scheduler-0', component: 'backend-scheduler', cpu: 0.05, mem: 180 * MiB },
  ...[0, 1].map((k) => ({
    pod: `tempo-backend-worker-${k}`,
    component: 'backend-worker',
    cpu: 0.3,
    mem: 1.2 * GiB,
  })),
];
const instant = (name: string, query: string, result: { metric: Labels; value: [number, string] }[]) => ({
  query,
  response: response(result, 'vector'),
  _comment: name,
});
const AT = START + 3600;
const cpuVector = pods30.map((p) => ({
  metric: { pod: p.pod },
  value: [AT, String(p.cpu)] as [number, string],
}));
const memVector = pods30.map((p, i) => ({
  metric: cadvisor(
    'container_memory_working_set_bytes',
    p.pod,
    p.component,
    'docker.io/grafana/tempo:3.0.3',
    i,
  ),
  value: [AT, String(Math.round(p.mem))] as [number, string],
}));
writeFileSync(
  join(out, 'tempo-3.0-vector.json'),
  `${JSON.stringify(
    [
      instant('spans/s', 'sum(rate(tempo_distributor_spans_received_total{namespace="tempo"}[5m]))', [
        { metric: {}, value: [AT, '48000'] },
      ]),
      instant('bytes/s', 'sum(rate(tempo_distributor_bytes_received_total{namespace="tempo"}[5m]))', [
        { metric: {}, value: [AT, '26400000'] },
      ]),
      instant('traces/s', 'sum(rate(tempo_live_store_traces_created_total{namespace="tempo"}[5m]))', [
        { metric: {}, value: [AT, '3200'] },
      ]),
      instant('queries/s', 'sum by (op) (rate(tempo_query_frontend_queries_total{namespace="tempo"}[5m]))', [
        { metric: { op: 'search' }, value: [AT, '1.2'] },
        { metric: { op: 'traces' }, value: [AT, '0.5'] },
        { metric: { op: 'metadata' }, value: [AT, '0.8'] },
      ]),
      instant(
        'CPU',
        'sum by (pod) (rate(container_cpu_usage_seconds_total{namespace="tempo", container!=""}[5m]))',
        cpuVector,
      ),
      { ...response(memVector, 'vector') },
      instant(
        'lag',
        'max by (group, partition) (tempo_ingest_group_partition_lag_seconds{namespace="tempo"})',
        [
          { metric: { group: 'block-builder', partition: '0' }, value: [AT, '4.2'] },
          { metric: { group: 'block-builder', partition: '1' }, value: [AT, '3.9'] },
          { metric: { group: 'live-store', partition: '2' }, value: [AT, '0.4'] },
        ],
      ),
    ],
    null,
    1,
  )}\n`,
);

// Grafana CSV: a "Memory by pod" panel, Inspect > Data > Download CSV (series joined by time, raw values).
const csvPods = pods30.filter((p) => p.component !== 'query-frontend');
const header = [
  'Time',
  ...csvPods.map(
    (p) =>
      `container_memory_working_set_bytes{container="${p.component}", namespace="tempo", pod="${p.pod}"}`,
  ),
];
const csvRows = times.map((t) => {
  const d = new Date(t * 1000).toISOString().replace('T', ' ').replace('.000Z', '');
  return [d, ...csvPods.map((p) => String(Math.round(p.mem * (1 + noise() * 0.06))))];
});
const quote = (c: string) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
writeFileSync(
  join(out, 'tempo-3.0-grafana.csv'),
  `${[header, ...csvRows].map((r) => r.map(quote).join(',')).join('\n')}\n`,
);
console.log(`fixtures written to ${out}`);
