import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { helmValues } from '../export/helm';
import { tempoConfig } from '../export/tempoConfig';
import { SUPPORTED_PAIRS } from '../model/modes';
import { createScenario, normalizeScenario, type Scenario } from '../model/scenario';
import { importAny, importHelmValues, importTempoConfig } from './index';
import { parseCpu, parseDurationHours, parseMemory } from './units';

const pairs = SUPPORTED_PAIRS;

/** A scenario with non-default settings, so a round trip has something to carry. */
function edited(v: Scenario['tempoVersion'], m: Scenario['mode']): Scenario {
  const s = createScenario(v, m);
  s.settings = {
    ...s.settings,
    storageBackend: 'gcs',
    bucket: 'team "traces": <a>',
    retentionHours: 72,
    rateLimitBytes: 40e6,
    burstSizeBytes: 60e6,
    kafkaPartitions: m === 'microservices' && v === '3.0' ? 6 : s.settings.kafkaPartitions,
    receivers: { otlpGrpc: true, otlpHttp: false, jaeger: true, zipkin: false },
  };
  const n = normalizeScenario(s);
  for (const k of Object.keys(n.components) as (keyof typeof n.components)[]) {
    const c = n.components[k];
    if (!c) continue;
    const replicas =
      k === 'backend-scheduler'
        ? 1
        : k === 'block-builder' || k === 'live-store'
          ? n.settings.kafkaPartitions
          : c.replicas + 1;
    n.components[k] = { replicas, cpu: c.cpu * 2, memoryBytes: c.memoryBytes * 2 };
  }
  if (m === 'monolithic') n.components.tempo = { ...n.components.tempo!, replicas: 1 };
  return n;
}

const carried = (s: Scenario) => ({
  tempoVersion: s.tempoVersion,
  mode: s.mode,
  settings: s.settings,
  replicas: Object.fromEntries(Object.entries(s.components).map(([k, c]) => [k, c?.replicas])),
});

describe('round trips: export then import gives the same scenario', () => {
  for (const [v, m] of pairs) {
    it(`tempo.yaml, Tempo ${v} ${m}`, () => {
      const s = edited(v, m);
      const r = importTempoConfig(tempoConfig(s).yaml);
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      expect(carried(r.scenario)).toEqual(carried(s));
    });
    it(`Helm values, Tempo ${v} ${m} (resources too)`, () => {
      const s = edited(v, m);
      const h = helmValues(s);
      if (!h.support.ok) {
        // No values file for a pair no chart deploys: the explanation is not read as values.
        expect(importHelmValues(h.yaml).ok).toBe(false);
        return;
      }
      const r = importHelmValues(h.yaml);
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      expect(r.scenario.tempoVersion).toBe(s.tempoVersion);
      expect(r.scenario.mode).toBe(m);
      if (m === 'microservices') expect(r.scenario.components).toEqual(s.components);
      else expect(r.scenario.components.tempo).toEqual(s.components.tempo);
      const { receivers, ...rest } = r.scenario.settings;
      const { receivers: want, ...wantRest } = s.settings;
      expect({ ...rest, replicationFactor: 0, compaction: 'x' }).toEqual({
        ...wantRest,
        replicationFactor: 0,
        compaction: 'x',
      });
      expect(receivers.otlpGrpc).toBe(want.otlpGrpc);
    });
  }
});

describe('realistic configs', () => {
  it('reads a hand-written 2.10 shared microservices config with RF 3 on s3 into the topology read before', () => {
    const topology = createScenario('2.10', 'microservices');
    const r = importAny(
      `
memberlist:
  join_members: [dns+tempo-gossip-ring:7946]
ingester:
  lifecycler:
    ring:
      replication_factor: 3
storage:
  trace:
    backend: s3
    s3:
      bucket: prod-traces
      endpoint: s3.eu-west-1.amazonaws.com
compactor:
  compaction:
    block_retention: 14d
`,
      topology,
      undefined,
      { keepTopology: true },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.scenario).toMatchObject({ tempoVersion: '2.10', mode: 'microservices' });
    expect(r.scenario.components).toEqual(topology.components);
    expect(r.scenario.settings).toMatchObject({
      replicationFactor: 3,
      storageBackend: 's3',
      bucket: 'prod-traces',
      retentionHours: 336,
    });
  });

  it('reads a 3.0 shared config with Kafka and 6 partitions into a microservices topology', () => {
    const r = importAny(
      `
ingest:
  kafka:
    address: kafka:9092
    topic: tempo
    auto_create_topic_default_partitions: 6
memberlist:
  join_members: [tempo-gossip-ring]
backend_worker:
  backend_scheduler_addr: tempo-backend-scheduler:9095
`,
      createScenario('3.0', 'microservices'),
      undefined,
      { keepTopology: true },
    );
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.scenario).toMatchObject({ tempoVersion: '3.0', mode: 'microservices' });
    expect(r.scenario.settings.kafkaPartitions).toBe(6);
    // The topology's three block-builders are what runs; the mismatch is named.
    expect(r.scenario.components['block-builder']?.replicas).toBe(3);
    expect(r.warnings.map((w) => w.message).join('\n')).toMatch(/6 partitions and 3 block-builders running/);
  });

  it('reads tempo-distributed 3.x values with Kubernetes quantities', () => {
    const r = importAny(`
liveStore:
  replicas: 4
  resources:
    limits: { cpu: 1500m, memory: 10Gi }
blockBuilder:
  replicas: 4
ingest:
  kafka:
    auto_create_topic_default_partitions: 4
storage:
  trace:
    backend: azure
    azure:
      container_name: traces
traces:
  otlp:
    grpc:
      enabled: true
`);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.scenario.tempoVersion).toBe('3.0');
    expect(r.scenario.components['live-store']).toEqual({
      replicas: 4,
      cpu: 1.5,
      memoryBytes: 10 * 1024 ** 3,
    });
    expect(r.scenario.settings).toMatchObject({
      storageBackend: 'azure',
      bucket: 'traces',
      kafkaPartitions: 4,
    });
  });

  it('a broken YAML names its line', () => {
    const r = importAny('target: all\nstorage:\n  trace: [unclosed\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it('contradictions point at the key and line: a 3.0 config with a removed target', () => {
    const r = importAny('# Tempo 3.0 config\ntarget: scalable-single-binary\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ key: 'target', line: 2 });
  });

  it('SSB next to Kafka-path blocks imports with a warning that names the block and line', () => {
    const r = importAny('target: scalable-single-binary\nlive_store:\n  max_trace_idle: 5s\n');
    expect(r.ok && r.warnings.find((w) => w.key === 'live_store')).toMatchObject({ line: 2 });
  });

  it('an ingester block in a 3.0 config is refused with its line (3.0 removed it)', () => {
    const r = importAny('# Tempo 3.0\ntarget: live-store\ningester:\n  trace_idle_period: 5s\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.some((e) => e.key === 'ingester' && e.line === 3)).toBe(true);
  });

  it('a target that is no Tempo target is refused', () => {
    const r = importAny('target: ingestor\n');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatchObject({ key: 'target', line: 1 });
  });

  it('legacy flat overrides get a warning that names 3.0', () => {
    const r = importAny('target: all\noverrides:\n  ingestion_rate_limit_bytes: 1000\n');
    expect(r.ok).toBe(true);
    if (r.ok)
      expect(r.warnings.find((w) => w.key === 'overrides.ingestion_rate_limit_bytes')).toMatchObject({
        line: 3,
      });
  });

  it('unknown top-level keys are warnings with their line', () => {
    const r = importAny('target: all\nfoo: 1\n');
    expect(r.ok && r.warnings[0]).toMatchObject({ key: 'foo', line: 2 });
  });
});

describe('units', () => {
  it('parses quantities and durations people write', () => {
    expect(parseCpu('500m')).toBe(0.5);
    expect(parseCpu(2)).toBe(2);
    expect(parseMemory('4Gi')).toBe(4 * 1024 ** 3);
    expect(parseMemory('512Mi')).toBe(512 * 1024 ** 2);
    expect(parseMemory('4G')).toBe(4e9);
    expect(parseDurationHours('336h')).toBe(336);
    expect(parseDurationHours('14d')).toBe(336);
    expect(parseDurationHours('1h30m')).toBe(1.5);
    expect(parseCpu('two')).toBeNull();
    expect(parseMemory('-1Gi')).toBeNull();
    expect(parseDurationHours('forever')).toBeNull();
  });

  it('never returns NaN, a negative or throws, on any input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.integer(), fc.constant(null)), (v) => {
        for (const f of [parseCpu, parseMemory, parseDurationHours]) {
          const r = f(v);
          expect(r === null || (Number.isFinite(r) && r > 0)).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe('property: no throw escapes, every rejection has a message', () => {
  const check = (r: ReturnType<typeof importAny>) => {
    if (!r.ok) {
      expect(r.errors.length).toBeGreaterThan(0);
      for (const e of r.errors) expect(e.message.trim().length).toBeGreaterThan(3);
    } else expect(r.scenario.schemaVersion).toBe(1);
  };
  const scalar = fc.oneof(
    fc.string({ maxLength: 12 }),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
  );
  const keys = fc.constantFrom(
    'target',
    'ingester',
    'lifecycler',
    'ring',
    'replication_factor',
    'storage',
    'trace',
    'backend',
    's3',
    'bucket',
    'ingest',
    'kafka',
    'auto_create_topic_default_partitions',
    'overrides',
    'defaults',
    'ingestion',
    'rate_limit_bytes',
    'replicas',
    'liveStore',
    'resources',
    'limits',
    'cpu',
    'memory',
    'traces',
    'otlp',
    'grpc',
    'enabled',
    'tempo',
    'retention',
    'compactor',
    'compaction',
    'block_retention',
    'memberlist',
    'distributor',
    'receivers',
    'x',
  );
  const tree = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: 'small' },
      scalar,
      fc.dictionary(keys, tie('node'), { maxKeys: 4 }),
      fc.array(scalar, { maxLength: 3 }),
    ),
  })).node;

  it('YAML import: random text and random config-shaped documents (4,000 cases)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ maxLength: 200 }),
          tree.map((t) => stringify(t)),
        ),
        (text) => {
          check(importTempoConfig(text));
          check(importAny(text));
        },
      ),
      { numRuns: 4000 },
    );
  }, 120_000);

  it('Helm values import: random values-shaped documents and mutated real exports (3,000 cases)', () => {
    const real = pairs.map(([v, m]) => helmValues(createScenario(v, m)).yaml);
    fc.assert(
      fc.property(
        fc.oneof(
          tree.map((t) =>
            stringify({ traces: {}, ...(typeof t === 'object' && t && !Array.isArray(t) ? t : { x: t }) }),
          ),
          fc.tuple(fc.constantFrom(...real), fc.nat(), fc.string({ maxLength: 3 })).map(([text, i, junk]) => {
            const at = i % text.length;
            return text.slice(0, at) + junk + text.slice(at + 1);
          }),
        ),
        (text) => {
          check(importHelmValues(text));
          check(importAny(text));
        },
      ),
      { numRuns: 3000 },
    );
  }, 120_000);
});
