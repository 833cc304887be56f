import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseScenario } from '../model/scenario';
import { runImportCli } from './cli';
import { importAny, importManifests } from './index';

const TEMPO_YAML = `
server:
  http_listen_port: 3200
distributor:
  receivers:
    otlp:
      protocols:
        grpc:
memberlist:
  join_members: [dns+tempo-gossip-ring:7946]
ingester:
  lifecycler:
    ring:
      replication_factor: 3
compactor:
  compaction:
    block_retention: 72h
storage:
  trace:
    backend: s3
    s3:
      bucket: prod-traces
`;

/** A workload as Tanka or an operator writes it (not a chart's template). */
function workload(
  kind: string,
  name: string,
  target: string,
  replicas: number,
  extra: Record<string, unknown> = {},
) {
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name, namespace: 'tracing' },
    spec: {
      replicas,
      template: {
        spec: {
          containers: [
            {
              name,
              image: 'grafana/tempo:2.10.8',
              args: [`-target=${target}`, '-config.file=/etc/tempo/tempo.yaml', '-config.expand-env=true'],
              resources: { limits: { cpu: '2', memory: '8Gi' }, requests: { cpu: '500m', memory: '1Gi' } },
              volumeMounts: [{ name: 'tempo-config', mountPath: '/etc/tempo' }],
            },
          ],
          volumes: [{ name: 'tempo-config', secret: { secretName: 'tempo' } }],
        },
      },
      ...extra,
    },
  };
}

const secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'tempo', namespace: 'tracing' },
  data: { 'tempo.yaml': Buffer.from(TEMPO_YAML).toString('base64') },
};

const cluster = [
  workload('Deployment', 'distributor', 'distributor', 2),
  workload('StatefulSet', 'ingester', 'ingester', 6),
  workload('Deployment', 'query-frontend', 'query-frontend', 2),
  workload('Deployment', 'querier', 'querier', 4),
  workload('Deployment', 'compactor', 'compactor', 1),
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'tempo-gossip-ring' }, spec: { clusterIP: 'None' } },
  secret,
];
const multiDoc = cluster.map((o) => stringify(o)).join('---\n');

describe('Kubernetes manifests', () => {
  it('reads targets, replicas, resources, the version and the tempo.yaml from a base64 Secret', () => {
    const r = importAny(multiDoc);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.scenario).toMatchObject({ tempoVersion: '2.10', mode: 'microservices' });
    const replicas = Object.fromEntries(
      Object.entries(r.scenario.components).map(([k, c]) => [k, c?.replicas]),
    );
    expect(replicas).toEqual({ distributor: 2, ingester: 6, 'query-frontend': 2, querier: 4, compactor: 1 });
    expect(r.scenario.components.ingester).toMatchObject({ cpu: 2, memoryBytes: 8 * 1024 ** 3 });
    expect(r.scenario.settings).toMatchObject({
      replicationFactor: 3,
      retentionHours: 72,
      storageBackend: 's3',
      bucket: 'prod-traces',
    });
    expect(r.kind).toMatch(/Kubernetes manifests \(Tempo 2\.10\.8 microservices, 5 Tempo workloads\)/);
  });

  it('reads a kubectl get -o yaml List, and the same in JSON', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: cluster };
    for (const text of [stringify(list), JSON.stringify(list, null, 2)]) {
      const r = importAny(text);
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      expect(r.scenario.components.querier?.replicas).toBe(4);
      expect(r.scenario.settings.retentionHours).toBe(72);
    }
  });

  it('reads a ConfigMap mounted by subPath', () => {
    const w = workload('StatefulSet', 'tempo', 'all', 1);
    const c = w.spec.template.spec.containers[0] as Record<string, unknown>;
    c.args = ['-config.file=/conf/tempo.yaml'];
    c.image = 'docker.io/grafana/tempo:3.0.3';
    c.volumeMounts = [{ name: 'cfg', mountPath: '/conf/tempo.yaml', subPath: 'config.yaml' }];
    w.spec.template.spec.volumes = [{ name: 'cfg', configMap: { name: 'tempo-cfg' } } as never];
    const cm = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'tempo-cfg', namespace: 'tracing' },
      data: {
        'config.yaml':
          'backend_scheduler:\n  provider:\n    compaction:\n      compaction:\n        block_retention: 36h\n',
      },
    };
    const r = importAny([w, cm].map((o) => stringify(o)).join('---\n'));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.scenario).toMatchObject({
      tempoVersion: '3.0',
      mode: 'monolithic',
      settings: { retentionHours: 36 },
    });
  });

  it('without the Secret, keeps the topology, says so, and awaits the tempo.yaml', () => {
    const r = importManifests(
      cluster
        .slice(0, 5)
        .map((o) => stringify(o))
        .join('---\n'),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.awaitsConfig).toBe('Secret tempo, key tempo.yaml');
    expect(r.warnings.map((w) => w.message).join('\n')).toMatch(/is not in these manifests/);
    const next = importAny(TEMPO_YAML, r.scenario, undefined, { keepTopology: true });
    if (!next.ok) throw new Error(JSON.stringify(next.errors));
    expect(next.scenario.components).toEqual(r.scenario.components);
    expect(next.scenario.settings.retentionHours).toBe(72);
  });

  it('names the document line of a bad replica count, and refuses manifests with no Tempo workload', () => {
    const bad = multiDoc.replace('replicas: 4', 'replicas: four');
    const r = importAny(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.key).toBe('spec.replicas');
    if (!r.ok)
      expect(r.errors[0]?.line).toBe(bad.split('\n').findIndex((l) => l.includes('replicas: four')) + 1);
    const none = importAny(
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: y\n',
    );
    expect(none.ok).toBe(false);
    if (!none.ok) expect(none.errors[0]?.message).toMatch(/no Tempo workload/);
  });

  it('the CLI prints the scenario of a manifests file', () => {
    const out = runImportCli(['m.yaml'], () => multiDoc);
    expect(out.code).toBe(0);
    expect(out.stderr).toMatch(/read as Kubernetes manifests/);
    expect(JSON.parse(out.stdout).components.ingester.replicas).toBe(6);
  });
});

describe('property: generated manifests never crash the importer', () => {
  const anyValue = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.integer({ min: -5, max: 600 }),
    fc.constant(null),
    fc.boolean(),
    fc.array(fc.string({ maxLength: 6 }), { maxLength: 3 }),
  );
  const target = fc.constantFrom(
    'all',
    'scalable-single-binary',
    'distributor',
    'ingester',
    'querier',
    'query-frontend',
    'compactor',
    'metrics-generator',
    'block-builder',
    'live-store',
    'backend-scheduler',
    'backend-worker',
    'nonsense',
  );
  const container = fc.record(
    {
      name: fc.string({ maxLength: 8 }),
      image: fc.oneof(
        fc.constantFrom(
          'grafana/tempo:2.10.8',
          'grafana/tempo:3.0.3',
          'grafana/tempo-debug:3.0.3',
          'memcached:1.6',
          'grafana/tempo',
        ),
        fc.string({ maxLength: 20 }),
        anyValue,
      ),
      args: fc.oneof(
        fc
          .tuple(target, fc.constantFrom('/conf/tempo.yaml', '/etc/t.yaml', ''))
          .map(([t, f]) => [`-target=${t}`, `-config.file=${f}`]),
        fc.array(anyValue, { maxLength: 3 }),
        anyValue,
      ),
      resources: fc.oneof(
        fc.record(
          { limits: fc.record({ cpu: anyValue, memory: anyValue }, { requiredKeys: [] }) },
          { requiredKeys: [] },
        ),
        anyValue,
      ),
      volumeMounts: fc.oneof(fc.constant([{ name: 'config', mountPath: '/conf' }]), anyValue),
    },
    { requiredKeys: [] },
  );
  const workloadArb = fc.record({
    apiVersion: fc.constant('apps/v1'),
    kind: fc.constantFrom('Deployment', 'StatefulSet', 'DaemonSet', 'Service', 'Pod'),
    metadata: fc.record({ name: fc.oneof(fc.string({ maxLength: 10 }), anyValue) }, { requiredKeys: [] }),
    spec: fc.oneof(
      fc.record(
        {
          replicas: anyValue,
          template: fc.record({
            spec: fc.record(
              {
                containers: fc.oneof(fc.array(container, { maxLength: 2 }), anyValue),
                volumes: fc.oneof(
                  fc.constant([{ name: 'config', configMap: { name: 'tempo-config' } }]),
                  fc.constant([{ name: 'config', secret: { secretName: 'tempo-config' } }]),
                  anyValue,
                ),
              },
              { requiredKeys: [] },
            ),
          }),
        },
        { requiredKeys: [] },
      ),
      anyValue,
    ),
  });
  const plausible = fc
    .record({
      kind: fc.constantFrom('Deployment', 'StatefulSet'),
      name: fc.string({ minLength: 1, maxLength: 8 }),
      replicas: fc.integer({ min: 0, max: 5 }),
      image: fc.constantFrom('grafana/tempo:2.10.8', 'grafana/tempo:3.0.3', 'grafana/tempo-debug:2.10.8'),
      target: fc.oneof({ arbitrary: fc.constant('all'), weight: 4 }, { arbitrary: target, weight: 1 }),
      cpu: fc.oneof(fc.constantFrom('500m', '2', 4), anyValue),
    })
    .map((w) => ({
      apiVersion: 'apps/v1',
      kind: w.kind,
      metadata: { name: w.name },
      spec: {
        replicas: w.replicas,
        template: {
          spec: {
            containers: [
              {
                image: w.image,
                args: [`-target=${w.target}`, '-config.file=/conf/tempo.yaml'],
                resources: { limits: { cpu: w.cpu } },
                volumeMounts: [{ name: 'config', mountPath: '/conf' }],
              },
            ],
            volumes: [{ name: 'config', configMap: { name: 'tempo-config' } }],
          },
        },
      },
    }));
  const configObject = fc.record({
    apiVersion: fc.constant('v1'),
    kind: fc.constantFrom('ConfigMap', 'Secret'),
    metadata: fc.constant({ name: 'tempo-config' }),
    data: fc.oneof(
      fc.record({
        'tempo.yaml': fc.oneof(
          fc.constantFrom(
            'target: all\n',
            'ingester: {}\n',
            'live_store: {}\n',
            ': bad',
            'dGFyZ2V0OiBhbGwK',
            '%%%',
          ),
          fc.string({ maxLength: 30 }),
        ),
      }),
      anyValue,
    ),
  });
  const stream = fc
    .tuple(
      fc.array(fc.oneof(workloadArb, plausible, plausible, configObject), { minLength: 1, maxLength: 5 }),
      fc.boolean(),
      fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
    )
    .map(([objs, asList, junk]) => {
      const body = asList
        ? stringify({ apiVersion: 'v1', kind: 'List', items: objs })
        : objs.map((o) => stringify(o)).join('---\n');
      return junk === undefined ? body : `${body}---\n${junk}\n`;
    });

  it('10,000 generated manifest streams: a result every time, and every scenario it returns is valid', () => {
    let imported = 0;
    fc.assert(
      fc.property(stream, (text) => {
        const r = importAny(text);
        expect(typeof r.ok).toBe('boolean');
        if (r.ok) {
          imported++;
          expect(parseScenario(r.scenario).ok).toBe(true);
        } else expect(r.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 10_000, seed: 18 },
    );
    // The generator reaches the importer's success path too, not only its refusals.
    expect(imported).toBeGreaterThan(100);
  }, 600_000);
});
