import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { composeExport } from '../export/compose';
import { deployVariants } from '../export/deployVariants';
import { SUPPORTED_PAIRS } from '../model/modes';
import { createScenario, parseScenario, processKinds } from '../model/scenario';
import { runImportCli } from './cli';
import { importCompose } from './compose';
import { importAny } from './index';

const replicas = (r: ReturnType<typeof importCompose>) =>
  r.ok ? Object.fromEntries(Object.entries(r.scenario.components).map(([k, c]) => [k, c?.replicas])) : {};

// Written for these tests in the shape of Tempo's docker-compose examples (not copied from them).
const SSB_2_10 = `
services:
  tempo1:
    image: grafana/tempo:2.10.8
    command: "-target=scalable-single-binary -config.file=/etc/tempo.yaml"
    volumes: [ "./tempo-ssb.yaml:/etc/tempo.yaml" ]
    networks: { default: { aliases: [ tempo ] } }
  tempo2:
    image: grafana/tempo:2.10.8
    command: "-target=scalable-single-binary -config.file=/etc/tempo.yaml"
    volumes: [ "./tempo-ssb.yaml:/etc/tempo.yaml" ]
  tempo3:
    image: grafana/tempo:2.10.8
    command: "-target=scalable-single-binary -config.file=/etc/tempo.yaml"
    volumes: [ "./tempo-ssb.yaml:/etc/tempo.yaml" ]
  minio:
    image: minio/minio:latest
  grafana:
    image: grafana/grafana:latest
`;

const DISTRIBUTED_2_10 = `
services:
  distributor:
    image: grafana/tempo:2.10.8
    command: "-target=distributor -config.file=/etc/tempo.yaml"
  ingester-0:
    image: grafana/tempo:2.10.8
    command: "-target=ingester -config.file=/etc/tempo.yaml"
    hostname: ingester-0
  ingester-1:
    image: grafana/tempo:2.10.8
    command: "-target=ingester -config.file=/etc/tempo.yaml"
    hostname: ingester-1
  ingester-2:
    image: grafana/tempo:2.10.8
    command: "-target=ingester -config.file=/etc/tempo.yaml"
    hostname: ingester-2
  query-frontend:
    image: grafana/tempo:2.10.8
    command: "-target=query-frontend -config.file=/etc/tempo.yaml"
  querier:
    image: grafana/tempo:2.10.8
    command: "-target=querier -config.file=/etc/tempo.yaml"
    deploy: { replicas: 2 }
  compactor:
    image: grafana/tempo:2.10.8
    command: "-target=compactor -config.file=/etc/tempo.yaml"
  metrics-generator:
    image: grafana/tempo:2.10.8
    command: "-target=metrics-generator -config.file=/etc/tempo.yaml"
`;

function liveStore(zone: string, n: number) {
  return `
  live-store-${zone}-${n}:
    image: grafana/tempo:3.0.3
    command: "-target=live-store -config.file=/etc/tempo.yaml -live-store.instance-availability-zone=${zone}"
    hostname: live-store-${zone}-${n}
    volumes: [ "./tempo.yaml:/etc/tempo.yaml" ]`;
}
const DISTRIBUTED_3_0 = `
services:
  distributor:
    image: grafana/tempo:3.0.3
    command: "-target=distributor -config.file=/etc/tempo.yaml"
    volumes: [ "./tempo.yaml:/etc/tempo.yaml" ]
${['zone-a', 'zone-b'].flatMap((z) => [0, 1].map((n) => liveStore(z, n))).join('')}
  block-builder-0:
    image: grafana/tempo:3.0.3
    command: ["-target=block-builder", "-config.file=/etc/tempo.yaml"]
    hostname: block-builder-0
  block-builder-1:
    image: grafana/tempo:3.0.3
    command: ["-target=block-builder", "-config.file=/etc/tempo.yaml"]
    hostname: block-builder-1
  query-frontend:
    image: grafana/tempo:3.0.3
    command: "-target=query-frontend -config.file=/etc/tempo.yaml"
  querier:
    image: grafana/tempo:3.0.3
    command: "-target=querier -config.file=/etc/tempo.yaml"
  backend-scheduler:
    image: grafana/tempo:3.0.3
    command: "-target=backend-scheduler -config.file=/etc/tempo.yaml"
  backend-worker-0:
    image: grafana/tempo:3.0.3
    command: "-target=backend-worker -config.file=/etc/tempo.yaml"
  redpanda:
    image: redpandadata/redpanda:latest
`;
const CONFIG_3_0 = `
memberlist: { join_members: [ "live-store-zone-a-0:7946" ] }
ingest: { kafka: { address: redpanda:9092, topic: tempo-ingest } }
block_builder: { assigned_partitions: { block-builder-0: [0], block-builder-1: [1] } }
backend_worker: { backend_scheduler_addr: backend-scheduler:3200, compaction: { block_retention: 1h } }
storage: { trace: { backend: s3, s3: { bucket: tempo, endpoint: minio:9000 } } }
`;

describe('docker-compose import, in the shape of Tempo’s examples', () => {
  it('2.10 scalable single binary: three replicas, s3 from MinIO', () => {
    const r = importAny(SSB_2_10);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect([r.scenario.tempoVersion, r.scenario.mode]).toEqual(['2.10', 'scalable-single-binary']);
    expect(r.scenario.components.tempo?.replicas).toBe(3);
    expect(r.scenario.settings.storageBackend).toBe('s3');
    expect(r.warnings.map((w) => w.message).join()).toContain('tempo-ssb.yaml');
  });

  it('2.10 distributed: replicas per target, deploy.replicas counted, metrics-generator on', () => {
    const r = importAny(DISTRIBUTED_2_10);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect([r.scenario.tempoVersion, r.scenario.mode]).toEqual(['2.10', 'microservices']);
    expect(replicas(r)).toMatchObject({
      distributor: 1,
      ingester: 3,
      querier: 2,
      compactor: 1,
      'metrics-generator': 1,
    });
    expect(r.scenario.settings.metricsGenerator).toBe(true);
    expect(r.scenario.settings.compaction).toBe('compactor');
  });

  it('3.0 distributed with zone-aware live-stores: partitions from the consumers, settings from the mounted tempo.yaml', () => {
    const r = importCompose(DISTRIBUTED_3_0, (p) => (p === './tempo.yaml' ? CONFIG_3_0 : undefined));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect([r.scenario.tempoVersion, r.scenario.mode]).toEqual(['3.0', 'microservices']);
    expect(replicas(r)).toMatchObject({
      'live-store': 4,
      'block-builder': 2,
      'backend-worker': 1,
      'backend-scheduler': 1,
    });
    expect(r.scenario.settings.kafkaPartitions).toBe(2);
    expect(r.scenario.settings.retentionHours).toBe(1);
    expect(r.scenario.settings.bucket).toBe('tempo');
  });

  it('a target the version does not have is refused with its line and key', () => {
    const r = importAny(DISTRIBUTED_3_0.replace('-target=querier', '-target=ingester'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors[0]?.key).toBe('services.querier.command');
    expect(r.errors[0]?.line).toBe(
      DISTRIBUTED_3_0.split('\n').findIndex((l) => l.includes('-target=querier')) + 1,
    );
    expect(r.errors[0]?.message).toMatch(/not a Tempo 3\.0 target/);
  });

  it('reads back every export of the playground, settings included when the tempo.yaml is at hand', () => {
    for (const { id, scenario } of deployVariants()) {
      const c = composeExport(scenario);
      const files = Object.fromEntries(c.files.map((f) => [`./${f.name}`, f.text]));
      const r = importCompose(files['./docker-compose.yaml'] ?? '', (p) => files[p]);
      if (!r.ok) throw new Error(`${id}: ${JSON.stringify(r.errors)}`);
      expect([r.scenario.tempoVersion, r.scenario.mode], id).toEqual([scenario.tempoVersion, scenario.mode]);
      for (const k of processKinds(scenario.tempoVersion, scenario.mode, scenario.settings))
        expect(r.scenario.components[k]?.replicas, `${id} ${k}`).toBe(scenario.components[k]?.replicas);
      const { receivers, ...settings } = r.scenario.settings;
      expect(settings.storageBackend, id).toBe(scenario.settings.storageBackend);
      expect(settings.kafkaPartitions, id).toBe(scenario.settings.kafkaPartitions);
      expect(receivers, id).toEqual(scenario.settings.receivers);
    }
  });
});

describe('npm run import with a docker-compose file', () => {
  it('reads the mounted tempo.yaml beside the compose file', () => {
    const files: Record<string, string> = {
      'demo/docker-compose.yaml': DISTRIBUTED_3_0,
      'demo/tempo.yaml': CONFIG_3_0,
    };
    const r = runImportCli(['demo/docker-compose.yaml'], (p) => {
      const text = files[p];
      if (text === undefined) throw new Error('ENOENT');
      return text;
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('read as docker-compose (Tempo 3.0 microservices)');
    expect(JSON.parse(r.stdout).settings.retentionHours).toBe(1);
  });
});

describe('compose import never crashes', () => {
  const word = fc.oneof(
    fc.constantFrom(
      ...SUPPORTED_PAIRS.flatMap(([v]) => [`grafana/tempo:${v}.1`, 'grafana/tempo', 'minio/minio']),
    ),
    fc.string({ maxLength: 30 }),
  );
  const target = fc.oneof(
    fc.constantFrom(
      'all',
      'scalable-single-binary',
      'distributor',
      'ingester',
      'live-store',
      'block-builder',
      'compactor',
      'querier',
    ),
    fc.string({ maxLength: 12 }),
  );
  const service = fc.record(
    {
      image: word,
      command: fc.oneof(
        target.map((t) => `-target=${t} -config.file=/etc/tempo.yaml`),
        fc.array(
          fc.oneof(
            target.map((t) => `-target=${t}`),
            fc.string({ maxLength: 20 }),
          ),
          { maxLength: 4 },
        ),
        fc.anything(),
      ),
      volumes: fc.oneof(fc.constant(['./tempo.yaml:/etc/tempo.yaml']), fc.anything()),
      deploy: fc.oneof(
        fc.record({ replicas: fc.oneof(fc.integer({ min: -3, max: 600 }), fc.anything()) }),
        fc.anything(),
      ),
    },
    { requiredKeys: [] },
  );
  const composeDoc = fc.dictionary(fc.string({ minLength: 1, maxLength: 20 }), service, { maxKeys: 8 });
  it('10,000 generated compose files: a result every time, and every scenario it returns is valid', () => {
    fc.assert(
      fc.property(
        composeDoc,
        fc.oneof(fc.constant(undefined), fc.string({ maxLength: 200 })),
        (services, config) => {
          const r = importAny(stringify({ services }), createScenario(), () => config);
          if (r.ok) expect(parseScenario(r.scenario).ok).toBe(true);
          else expect(r.errors.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 10_000 },
    );
  }, 120_000);
});
