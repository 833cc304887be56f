import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { envsubstUnescape } from '../model/envsubst';
import { SUPPORTED_PAIRS } from '../model/modes';
import { createScenario, normalizeScenario, type Scenario } from '../model/scenario';
import { deriveTopology } from '../model/topology';
import { deployVariants } from './deployVariants';
import { helmValues } from './helm';
import { exportAll } from './index';
import { leafPaths, unknownKeys } from './keyCheck';
import { mermaidDiagram } from './mermaid';
import { tempoConfig } from './tempoConfig';

const pairs = SUPPORTED_PAIRS;

function variants(): Scenario[] {
  const out: Scenario[] = pairs.map(([v, m]) => createScenario(v, m));
  const sched = createScenario('2.10', 'microservices');
  out.push(normalizeScenario({ ...sched, settings: { ...sched.settings, compaction: 'backend-scheduler' } }));
  for (const backend of ['local', 'gcs', 'azure'] as const) {
    const s = createScenario('3.0', 'microservices');
    out.push(
      normalizeScenario({
        ...s,
        settings: {
          ...s.settings,
          storageBackend: backend,
          metricsGenerator: true,
          retentionHours: 48,
          rateLimitBytes: 5e7,
        },
      }),
    );
  }
  return out;
}

describe('tempo.yaml', () => {
  for (const s of variants()) {
    it(`${s.tempoVersion} ${s.mode} (${s.settings.storageBackend}, ${s.settings.compaction}) parses and uses only ${s.tempoVersion} keys`, () => {
      const t = tempoConfig(s);
      const parsed = parse(t.yaml);
      expect(parsed).toEqual(t.config);
      expect(unknownKeys(s.tempoVersion === '2.10' ? 'tempo-2.10' : 'tempo-3.0', parsed)).toEqual([]);
      const topo = deriveTopology(s);
      if (s.mode === 'microservices') {
        expect(parsed.target).toBeUndefined();
        for (const p of t.processes) {
          const n = topo.nodes
            .filter((x) => x.kind === p.component)
            .reduce((a, x) => a + x.instances.length, 0);
          expect(n, p.component).toBe(p.replicas);
          expect(p.args).toContain(`-target=${p.target}`);
        }
      } else {
        expect(parsed.target).toBe(s.mode === 'monolithic' ? 'all' : 'scalable-single-binary');
        expect(t.processes[0]?.replicas).toBe(topo.nodes.filter((n) => n.kind === 'tempo').length);
      }
      if (s.tempoVersion === '3.0') {
        expect(parsed.ingester).toBeUndefined();
        expect(parsed.compactor).toBeUndefined();
      }
    });
  }

  it('writes Kafka, partitions and the scheduler address for 3.0 microservices', () => {
    const s = createScenario('3.0', 'microservices');
    s.settings.kafkaPartitions = 6;
    const c = parse(tempoConfig(s).yaml);
    expect(c.ingest.kafka.auto_create_topic_default_partitions).toBe(6);
    expect(c.backend_worker.backend_scheduler_addr).toMatch(/:9095$/);
  });

  it('writes RF, memberlist and the frontend address for 2.10 SSB', () => {
    const c = parse(tempoConfig(createScenario('2.10', 'scalable-single-binary')).yaml);
    expect(c.ingester.lifecycler.ring.replication_factor).toBe(3);
    expect(c.memberlist.join_members).toHaveLength(1);
    expect(c.querier.frontend_worker.frontend_address).toMatch(/:9095$/);
  });

  it('writes rate limits only when the user changed them, in the overrides.defaults format', () => {
    const s = createScenario('2.10', 'monolithic');
    expect(parse(tempoConfig(s).yaml).overrides).toBeUndefined();
    s.settings.rateLimitBytes = 50e6;
    expect(parse(tempoConfig(s).yaml).overrides.defaults.ingestion.rate_limit_bytes).toBe(50e6);
  });

  it('per-tenant limits and search windows go where Tempo reads them, by its own keys', () => {
    for (const v of ['2.10', '3.0'] as const) {
      const s = createScenario(v, 'microservices');
      s.settings.limits = {
        maxTracesPerUser: 50_000,
        maxBytesPerTrace: 10_000_000,
        queryBackendAfterSeconds: 600,
        queryIngestersUntilSeconds: 2400,
      };
      const c = parse(tempoConfig(s).yaml);
      expect(c.overrides.defaults.ingestion.max_traces_per_user).toBe(50_000);
      expect(c.overrides.defaults.global.max_bytes_per_trace).toBe(10_000_000);
      expect(c.query_frontend.search.query_backend_after).toBe('10m');
      // 3.0 has no query_ingesters_until (its live-stores answer for the last query_backend_after).
      expect(c.query_frontend.search.query_ingesters_until).toBe(v === '2.10' ? '40m' : undefined);
      expect(unknownKeys(`tempo-${v}`, c)).toEqual([]);
      const h = parse(helmValues(s).yaml!);
      expect(h.overrides.defaults.ingestion.max_traces_per_user).toBe(50_000);
      expect(h.tempo.structuredConfig.query_frontend.search.query_backend_after).toBe('10m');
      // The runtime overrides file replaces the defaults for its tenant: it carries both limits too.
      expect(h.per_tenant_overrides['single-tenant'].ingestion.max_traces_per_user).toBe(50_000);
      expect(h.per_tenant_overrides['single-tenant'].global.max_bytes_per_trace).toBe(10_000_000);
    }
    // At the defaults nothing is written.
    expect(parse(tempoConfig(createScenario('2.10', 'microservices')).yaml).query_frontend).toBeUndefined();
  });

  it('a 2.10-only key in a 3.0 config is caught', () => {
    expect(
      unknownKeys('tempo-3.0', { ingester: { lifecycler: { ring: { replication_factor: 3 } } } }),
    ).toEqual(['ingester.lifecycler.ring.replication_factor']);
    expect(unknownKeys('tempo-3.0', { compactor: { compaction: { block_retention: '1h' } } })).toHaveLength(
      1,
    );
  });
});

describe('Helm values', () => {
  for (const s of variants()) {
    it(`${s.tempoVersion} ${s.mode} (${s.settings.compaction}) uses only keys of its chart and says which chart, or says plainly that none deploys it`, () => {
      const h = helmValues(s);
      if (!h.support.ok) {
        expect(h.fileName).toMatch(/\.txt$/);
        expect(h.yaml).toMatch(/^No Helm chart deploys Tempo/);
        expect(h.yaml).toMatch(/Instead: \S/);
        return;
      }
      const parsed = parse(h.yaml);
      expect(parsed).toEqual(h.values);
      expect(unknownKeys(h.keyList, parsed)).toEqual([]);
      expect(h.yaml.split('\n')[0]).toContain(`${h.chart.name} ${h.chart.version}`);
    });
  }

  it('sets replicas, RF and Kafka through the charts’ keys', () => {
    const m = parse(helmValues(createScenario('2.10', 'microservices')).yaml);
    expect(m.ingester.replicas).toBe(3);
    expect(m.ingester.config.replication_factor).toBe(3);
    const k = createScenario('3.0', 'microservices');
    const v = parse(helmValues(k).yaml);
    expect(v.blockBuilder.replicas).toBe(v.ingest.kafka.auto_create_topic_default_partitions);
    expect(v.liveStore.resources.limits.memory).toBe('6Gi');
    expect(v.ingester).toBeUndefined();
  });

  it('runs SSB on the tempo chart as a real ring: -target, join members through a headless Service', () => {
    const v = parse(helmValues(createScenario('2.10', 'scalable-single-binary')).yaml);
    expect(v.tempo.extraArgs.target).toBe('scalable-single-binary');
    expect(v.service.clusterIP).toBe('None');
    const config = parse(v.config);
    expect(config.target).toBe('scalable-single-binary');
    expect(config.memberlist.join_members).toEqual(['dns+tempo:7946']);
    expect(config.ingester.lifecycler.ring.replication_factor).toBe(3);
    expect(config.compactor.ring.kvstore.store).toBe('memberlist');
  });

  it('SSB queriers connect to their own pod’s query-frontend, so tempo-0 becomes Ready before tempo-1 exists', () => {
    const config = parse(parse(helmValues(createScenario('2.10', 'scalable-single-binary')).yaml).config);
    expect(config.querier.frontend_worker.frontend_address).toBe('127.0.0.1:9095');
  });

  it('gives Tempo’s flags and the Secret to each Tempo component, never to global (the charts’ memcached reads global too)', () => {
    for (const v of ['2.10', '3.0'] as const) {
      const s = createScenario(v, 'microservices');
      const values = parse(helmValues(s).yaml);
      expect(values.global).toBeUndefined();
      expect(values.memcached).toBeUndefined();
      for (const key of v === '2.10'
        ? ['distributor', 'ingester', 'querier', 'queryFrontend', 'compactor']
        : [
            'distributor',
            'querier',
            'queryFrontend',
            'blockBuilder',
            'liveStore',
            'backendScheduler',
            'backendWorker',
          ]) {
        expect(values[key].extraArgs, `${v} ${key}`).toEqual(['-config.expand-env=true']);
        expect(values[key].extraEnvFrom, `${v} ${key}`).toEqual([{ secretRef: { name: 'tempo-env' } }]);
      }
    }
  });

  it('refuses SSB and microservices on local storage, and says why', () => {
    for (const [v, m] of [
      ['2.10', 'scalable-single-binary'],
      ['2.10', 'microservices'],
      ['3.0', 'microservices'],
    ] as const) {
      const s = createScenario(v, m);
      s.settings.storageBackend = 'local';
      const h = helmValues(s);
      expect(h.support.ok, `${v} ${m}`).toBe(false);
      expect(h.fileName).toMatch(/\.txt$/);
      expect(h.yaml).toMatch(/storage\.trace\.backend is local/);
      expect(h.yaml).toMatch(/s3, gcs or azure/);
    }
    const mono = createScenario('2.10', 'monolithic');
    mono.settings.storageBackend = 'local';
    expect(helmValues(mono).support.ok).toBe(true);
  });

  it('offers no values file for 3.0 monolithic: the tempo chart cannot run Tempo 3.0', () => {
    const h = helmValues(createScenario('3.0', 'monolithic'));
    expect(h.support.ok).toBe(false);
    expect(h.yaml).toContain('-mem-ballast-size-mbs');
    expect(h.yaml).toContain('docker-compose');
    // Exact: the flag alone is fatal, the config blocks are not, and the newer chart is named as unchecked.
    expect(h.support.reason).toMatch(/That flag alone is fatal/);
    expect(h.support.reason).toMatch(/`config` replaces the chart's tempo\.yaml/);
    expect(h.support.reason).not.toMatch(/refuses at start-up\. No values fix/);
    expect(h.support.instead).toMatch(/upstream tempo chart 3\.0\.0 \(not checked here\)/);
  });

  it('pins the image of the scenario version and enables the backend-worker PodDisruptionBudget', () => {
    const d2 = parse(helmValues(createScenario('2.10', 'microservices')).yaml);
    expect(d2.tempo.image.tag).toBe('2.10.8');
    const d3 = parse(helmValues(createScenario('3.0', 'microservices')).yaml);
    expect(d3.tempo.image.tag).toBe('3.0.3');
    expect(d3.backendWorker.replicas).toBeGreaterThan(1);
    expect(d3.backendWorker.podDisruptionBudget.enabled).toBe(true);
    expect(d3.backendScheduler.config.provider.compaction.compaction.block_retention).toBe('336h');
  });

  it('Helm values and tempo.yaml use no YAML anchors', () => {
    for (const { scenario } of deployVariants()) {
      expect(helmValues(scenario).yaml).not.toMatch(/[&*]a\d+\b/);
      expect(tempoConfig(scenario).yaml).not.toMatch(/[&*]a\d+\b/);
    }
  });

  it('a typo is caught against the chart key list', () => {
    expect(unknownKeys('helm-tempo-distributed-3.3.0', { ingester: { replicas: 3 } })).toEqual([
      'ingester.replicas',
    ]);
  });
});

describe('Mermaid', () => {
  it('draws every node of the topology with its target', () => {
    for (const [v, m] of pairs) {
      const s = createScenario(v, m);
      const text = mermaidDiagram(s);
      expect(text.startsWith('flowchart LR')).toBe(true);
      for (const n of deriveTopology(s).nodes)
        expect(text).toContain(`n_${n.id.replace(/[^A-Za-z0-9]/g, '_')}`);
    }
  });

  it('the title line names the scenario once: a default name is not repeated after the version and mode', () => {
    const s = createScenario('2.10', 'microservices');
    expect(mermaidDiagram(s).split('\n')[1]).toBe('  %% Tempo 2.10 microservices');
    expect(mermaidDiagram({ ...s, name: 'Before: Tempo 2.10 microservices' }).split('\n')[1]).toBe(
      '  %% Before: Tempo 2.10 microservices',
    );
    expect(mermaidDiagram({ ...s, name: 'Prod EU' }).split('\n')[1]).toBe(
      '  %% Tempo 2.10 microservices: Prod EU',
    );
  });
});

describe('hostile names', () => {
  const nasty = fc.oneof(
    fc.string({ maxLength: 80 }),
    fc.constantFrom(
      'a "quoted": name',
      'line1\nline2: x',
      '<script>alert(1)</script>',
      '# not a comment',
      'end',
      '|]})',
    ),
  );
  it('any scenario exports without throwing; names never break YAML or Mermaid', () => {
    fc.assert(
      fc.property(
        nasty,
        nasty,
        fc.constantFrom(...pairs),
        fc.integer({ min: 1, max: 40 }),
        (name, bucket, [v, m], replicas) => {
          const s = createScenario(v, m);
          s.name = name;
          s.settings.bucket = bucket;
          for (const k of Object.keys(s.components) as (keyof typeof s.components)[]) {
            const c = s.components[k];
            if (c && k !== 'backend-scheduler') s.components[k] = { ...c, replicas };
          }
          const all = exportAll(s);
          const tempo = all.find((a) => a.id === 'tempo');
          if (tempo) {
            const parsed = parse(tempo.text);
            expect(leafPaths(parsed)).not.toContain('');
            const b = parsed.storage.trace;
            const kept = b.s3?.bucket ?? b.gcs?.bucket_name ?? b.azure?.container_name;
            // The file holds the bucket escaped for -config.expand-env=true; Tempo reads it as typed.
            if (s.settings.storageBackend !== 'local') expect(envsubstUnescape(kept)).toBe(bucket);
          }
          const mmd = all.find((a) => a.id === 'mermaid')?.text ?? '';
          expect(mmd).not.toContain('<script');
          for (const line of mmd.trimEnd().split('\n')) {
            expect(line === 'flowchart LR' || line.startsWith('  ')).toBe(true);
            expect((line.match(/"/g) ?? []).length % 2).toBe(0);
          }
        },
      ),
      { numRuns: 300 },
    );
  }, 60_000);
});
