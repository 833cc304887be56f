import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { createScenario, normalizeScenario } from '../model/scenario';
import { chartSupport, envRef, liveStoreZones, requiredEnv, volumeSizes } from './deploy';
import { checkRendered } from './deployCheck';
import { perTenantOverrides, tempoConfig } from './tempoConfig';

describe('tempo.yaml every process starts with', () => {
  it('3.0 microservices sets block-builder partitions, so block-builders start', () => {
    const s = createScenario('3.0', 'microservices');
    const c = parse(tempoConfig(s).yaml);
    expect(c.block_builder.partitions_per_instance).toBe(1);
    expect(c.ingest.kafka.topic).toBeTruthy();
    expect(c.ingest.kafka.address).toBe(envRef('TEMPO_KAFKA_ADDRESS'));
    expect(c.backend_worker.ring.kvstore.store).toBe('memberlist');
    const three = normalizeScenario({
      ...s,
      settings: { ...s.settings, kafkaPartitions: 6 },
      components: { ...s.components, 'block-builder': { ...s.components['block-builder']!, replicas: 3 } },
    });
    expect(parse(tempoConfig(three).yaml).block_builder.partitions_per_instance).toBe(2);
  });

  it('every process runs with -config.expand-env=true and the header names the variables', () => {
    const s = createScenario('2.10', 'microservices');
    const t = tempoConfig(s);
    for (const p of t.processes) expect(p.args).toContain('-config.expand-env=true');
    expect(t.yaml).toContain('TEMPO_S3_SECRET_KEY');
    expect(parse(t.yaml).storage.trace.s3.secret_key).toBe(envRef('TEMPO_S3_SECRET_KEY'));
  });

  it('a scenario name with $ or a backslash survives -config.expand-env in the header comment', () => {
    const s = createScenario('2.10', 'monolithic');
    s.name = `Cost \${X} \\ team`;
    expect(tempoConfig(s).yaml).toContain('# Scenario: Cost $${X} \\\\ team');
  });

  it('a metrics-generator writes its metrics somewhere', () => {
    const s = createScenario('3.0', 'monolithic');
    s.settings.metricsGenerator = true;
    expect(parse(tempoConfig(s).yaml).metrics_generator.storage.remote_write[0].url).toBeTruthy();
  });
});

describe('deployment facts', () => {
  it('live-store zones come from live-stores over partitions', () => {
    const s = createScenario('3.0', 'microservices');
    expect(liveStoreZones(s)).toBe(1);
    s.components['live-store'] = { ...s.components['live-store']!, replicas: 2 * s.settings.kafkaPartitions };
    expect(liveStoreZones(s)).toBe(2);
    expect(chartSupport(s).ok).toBe(false);
  });

  it('volumes grow with load and retention, never below 10 GiB', () => {
    const s = createScenario('2.10', 'monolithic');
    const small = volumeSizes(s)[0]?.perReplicaGi ?? 0;
    expect(small).toBeGreaterThanOrEqual(10);
    s.load.spansPerSecond = 200_000;
    s.settings.retentionHours = 720;
    expect(volumeSizes(s)[0]?.perReplicaGi ?? 0).toBeGreaterThan(small * 10);
  });

  it('names what to fill in per backend', () => {
    const s = createScenario('3.0', 'microservices');
    s.settings.storageBackend = 'azure';
    expect(requiredEnv(s, 'kubernetes').map((e) => e.name)).toEqual([
      'TEMPO_AZURE_ACCOUNT_NAME',
      'TEMPO_AZURE_ACCOUNT_KEY',
      'TEMPO_KAFKA_ADDRESS',
    ]);
  });
});

/** The config as the Helm exports wire it: per-tenant overrides read from /conf/overrides.yaml. */
function withOverrides(config: object): { 'tempo.yaml': string; 'overrides.yaml': string } {
  const c = structuredClone(config) as Record<string, unknown> & { overrides?: Record<string, unknown> };
  c.overrides = { ...(c.overrides ?? {}), per_tenant_override_config: '/conf/overrides.yaml' };
  return {
    'tempo.yaml': stringify(c),
    'overrides.yaml': stringify({ overrides: perTenantOverrides(createScenario('2.10', 'monolithic')) }),
  };
}

/** A rendered stream as Helm would print it: one workload and the ConfigMap. */
function rendered(replicas: number, image: string, config: object): string {
  const deploy = {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'tempo' },
    spec: {
      replicas,
      template: {
        spec: {
          containers: [
            {
              name: 'tempo',
              image,
              args: ['-config.file=/conf/tempo.yaml', '-config.expand-env=true'],
              resources: { limits: { cpu: '2', memory: '4Gi' } },
              volumeMounts: [
                { name: 'storage', mountPath: '/var/tempo' },
                { name: 'conf', mountPath: '/conf' },
              ],
            },
          ],
        },
      },
      volumeClaimTemplates: [{ metadata: { name: 'storage' } }],
    },
  };
  const cm = {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'tempo' },
    data: withOverrides(config),
  };
  return `---\n${stringify(deploy)}---\n${stringify(cm)}`;
}

describe('the render check finds what users would hit', () => {
  const s = createScenario('2.10', 'monolithic');
  const good = tempoConfig(s).config;
  it('passes the export itself', () => {
    expect(checkRendered(s, rendered(1, 'docker.io/grafana/tempo:2.10.8', good)).problems).toEqual([]);
  });
  it('catches the chart default image, a chart default retention, a jaeger receiver left on, a key Tempo refuses', () => {
    const bad = structuredClone(good) as Record<string, unknown> & {
      compactor: { compaction: { block_retention: string } };
      distributor: { receivers: Record<string, unknown> };
    };
    bad.compactor.compaction.block_retention = '24h';
    bad.distributor.receivers.jaeger = { protocols: { grpc: {} } };
    bad.ingester_typo = {};
    const p = checkRendered(s, rendered(2, 'docker.io/grafana/tempo:2.9.0', bad)).problems.join('\n');
    expect(p).toMatch(/2 replicas, scenario has 1/);
    expect(p).toMatch(/expected tag 2\.10\.8/);
    expect(p).toMatch(/retention .* 24h/);
    expect(p).toMatch(/receiver jaeger is on/);
    expect(p).toMatch(/no key ingester_typo/);
  });
});

/** Objects as Helm prints them, for the semantic checks. */
const doc = (o: object) => `---\n${stringify(o)}`;
function podSet(
  kind: 'StatefulSet' | 'Deployment',
  name: string,
  opts: {
    replicas?: number;
    image?: string;
    args?: string[];
    labels?: Record<string, string>;
    mounts?: [string, string][];
    volumes?: object[];
    claims?: string[];
  },
): string {
  return doc({
    apiVersion: 'apps/v1',
    kind,
    metadata: { name },
    spec: {
      replicas: opts.replicas ?? 1,
      template: {
        metadata: { labels: opts.labels ?? { app: name } },
        spec: {
          containers: [
            {
              name,
              image: opts.image ?? 'docker.io/grafana/tempo:2.10.8',
              args: opts.args ?? ['-config.file=/conf/tempo.yaml', '-config.expand-env=true'],
              resources: { limits: { cpu: '2', memory: '4Gi' } },
              volumeMounts: [...(opts.mounts ?? []), ['conf', '/conf']].map(([n, p]) => ({
                name: n,
                mountPath: p,
              })),
              envFrom: [{ secretRef: { name: 'tempo-env' } }],
            },
          ],
          volumes: [...(opts.volumes ?? []), { name: 'conf', configMap: { name: 'tempo' } }],
        },
      },
      volumeClaimTemplates: (opts.claims ?? []).map((n) => ({ metadata: { name: n } })),
    },
  });
}
const service = (name: string, selector: Record<string, string>, extra: object = {}) =>
  doc({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector, ...extra } });
const configMap = (config: object) =>
  doc({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'tempo' },
    data: withOverrides(config),
  });

describe('the render check proves the deployment becomes Ready and works', () => {
  const ssb = createScenario('2.10', 'scalable-single-binary');
  const ssbPods = (config: object, svc: object = { clusterIP: 'None' }) =>
    podSet('StatefulSet', 'tempo', {
      replicas: ssb.components.tempo?.replicas ?? 3,
      args: ['-config.file=/conf/tempo.yaml', '-target=scalable-single-binary', '-config.expand-env=true'],
      labels: { app: 'tempo' },
      mounts: [['storage', '/var/tempo']],
      claims: ['storage'],
    }) +
    service('tempo', { app: 'tempo' }, svc) +
    configMap(config);

  it('SSB whose queriers find the frontend through a Service of Ready pods never becomes Ready', () => {
    const c = structuredClone(tempoConfig(ssb).config) as {
      querier: { frontend_worker: { frontend_address: string } };
    };
    c.querier.frontend_worker.frontend_address = 'tempo:9095';
    const p = checkRendered(ssb, ssbPods(c)).problems.join('\n');
    expect(p).toMatch(/Service tempo lists only Ready pods.*no pod running one ever becomes Ready/);
    // The same address resolves before Ready when the Service publishes not-Ready pods.
    expect(
      checkRendered(ssb, ssbPods(c, { clusterIP: 'None', publishNotReadyAddresses: true })).problems,
    ).toEqual([]);
    // Or each pod's querier connects to its own query-frontend.
    c.querier.frontend_worker.frontend_address = '127.0.0.1:9095';
    expect(checkRendered(ssb, ssbPods(c)).problems).toEqual([]);
  });

  it('a querier in its own pod cannot reach a frontend at 127.0.0.1', () => {
    const s = createScenario('2.10', 'microservices');
    const c = structuredClone(tempoConfig(s).config) as {
      querier: { frontend_worker: { frontend_address: string } };
    };
    c.querier.frontend_worker.frontend_address = '127.0.0.1:9095';
    const text =
      podSet('Deployment', 'tempo-querier', { args: ['-target=querier', '-config.expand-env=true'] }) +
      podSet('Deployment', 'tempo-query-frontend', {
        args: ['-target=query-frontend', '-config.expand-env=true'],
      }) +
      configMap(c);
    expect(checkRendered(s, text).problems.join('\n')).toMatch(
      /tempo-querier: frontend_address 127\.0\.0\.1:9095 is its own pod, which runs no query-frontend/,
    );
  });

  it('a memcached container given Tempo flags is named', () => {
    const s = createScenario('2.10', 'monolithic');
    const text =
      podSet('StatefulSet', 'tempo', { mounts: [['storage', '/var/tempo']], claims: ['storage'] }) +
      podSet('StatefulSet', 'tempo-memcached', {
        image: 'docker.io/memcached:1.6.39-alpine',
        args: ['-m 1024', '-config.expand-env=true'],
      }) +
      configMap(tempoConfig(s).config);
    expect(checkRendered(s, text).problems).toEqual([
      "tempo-memcached/tempo-memcached (docker.io/memcached:1.6.39-alpine) gets Tempo's flags -config.expand-env=true: it is not Tempo and will misread them",
    ]);
  });

  it('local storage on several pods, and a WAL on an emptyDir or on no volume, are refused', () => {
    const s = structuredClone(ssb);
    s.settings.storageBackend = 'local';
    const c = structuredClone(tempoConfig(s).config) as {
      querier: { frontend_worker: { frontend_address: string } };
    };
    c.querier.frontend_worker.frontend_address = '127.0.0.1:9095';
    expect(checkRendered(s, ssbPods(c)).problems.join('\n')).toMatch(
      /storage\.trace\.backend is local on 3 Tempo pods/,
    );
    const mono = createScenario('2.10', 'monolithic');
    const onEmptyDir =
      podSet('StatefulSet', 'tempo', {
        mounts: [['scratch', '/var/tempo']],
        volumes: [{ name: 'scratch', emptyDir: {} }],
      }) + configMap(tempoConfig(mono).config);
    expect(checkRendered(mono, onEmptyDir).problems.join('\n')).toMatch(
      /WAL at \/var\/tempo\/wal is on emptyDir, not a PersistentVolumeClaim/,
    );
    const bare = podSet('StatefulSet', 'tempo', {}) + configMap(tempoConfig(mono).config);
    expect(checkRendered(mono, bare).problems.join('\n')).toMatch(
      /WAL at \/var\/tempo\/wal is on no mounted volume/,
    );
  });

  it('per-tenant overrides that no process reads, or with other limits, are named', () => {
    const s = createScenario('2.10', 'monolithic');
    const pods = podSet('StatefulSet', 'tempo', { mounts: [['storage', '/var/tempo']], claims: ['storage'] });
    const cm = (data: Record<string, string>) =>
      doc({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'tempo' }, data });
    expect(checkRendered(s, pods + cm({ 'tempo.yaml': stringify(tempoConfig(s).config) })).problems).toEqual([
      'overrides.per_tenant_override_config is not set: the per-tenant overrides are never read',
    ]);
    const wired = withOverrides(tempoConfig(s).config);
    const other = stringify({ overrides: { 'single-tenant': { ingestion: { rate_limit_bytes: 1 } } } });
    expect(checkRendered(s, pods + cm({ ...wired, 'overrides.yaml': other })).problems.join('\n')).toMatch(
      /single-tenant rate_limit_bytes 1, scenario has/,
    );
  });
});
