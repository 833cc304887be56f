import { describe, expect, it } from 'vitest';
import { createScenario, parseScenario, type Scenario } from '../model/scenario';
import { validateScenario } from '../model/validate';
import { createSimulation, runFor, summarize } from '../sim';
import { loadMBps, migrationView } from './migration';

const errors = (s: Scenario) => validateScenario(s).filter((i) => i.severity === 'error');
const components = (xs: { component: string }[]) => xs.map((x) => x.component);

function withLoad(s: Scenario, spansPerSecond: number): Scenario {
  return { ...s, load: { ...s.load, spansPerSecond, spanSizeBytes: 500 } };
}

describe('migration view: 2.10 microservices', () => {
  const from = withLoad(createScenario('2.10', 'microservices'), 60_000); // 30 MB/s
  const m = migrationView(from);

  it('ingester and compactor disappear; Kafka, block-builder, live-store and the backend pair appear', () => {
    expect(components(m.disappears)).toEqual(expect.arrayContaining(['ingester', 'compactor']));
    expect(components(m.appears)).toEqual(
      expect.arrayContaining(['kafka', 'block-builder', 'live-store', 'backend-scheduler', 'backend-worker']),
    );
    expect(components(m.unchanged)).toEqual(
      expect.arrayContaining(['distributor', 'query-frontend', 'querier', 'object-storage']),
    );
    for (const x of [...m.disappears, ...m.appears, ...m.unchanged]) expect(x.why.length).toBeGreaterThan(15);
  });

  it('scenario30 is 3.0 microservices for the same load, and validates without errors', () => {
    const s = m.scenario30;
    expect(parseScenario(s).ok).toBe(true);
    expect([s.tempoVersion, s.mode, m.targetMode]).toEqual(['3.0', 'microservices', 'microservices']);
    expect(errors(s)).toEqual([]);
    expect(validateScenario(s)).toEqual([]);
    expect(loadMBps(s)).toBe(loadMBps(from));
    expect(s.components.ingester).toBeUndefined();
    expect(s.components.compactor).toBeUndefined();
    expect(s.components['block-builder']?.replicas).toBe(s.settings.kafkaPartitions);
    // 30 MB/s: 4 partitions of 8 MB/s; HA (RF=3 before) -> live-stores in two zones.
    expect(s.settings.kafkaPartitions).toBe(4);
    expect(s.components['live-store']?.replicas).toBe(8);
    // Unchanged components keep their 2.10 sizing.
    expect(s.components.distributor).toEqual(from.components.distributor);
    expect(s.components.querier).toEqual(from.components.querier);
  });

  it('lists the key moves from the manifests', () => {
    const byFrom = new Map(m.configChanges.map((c) => [c.from, c]));
    expect(byFrom.get('ingester.lifecycler.ring.replication_factor')?.to).toBe('removed');
    expect(byFrom.get('ingester.trace_idle_period')?.to).toBe('live_store.max_trace_idle');
    expect(byFrom.get('ingester.max_block_duration')?.to).toBe('live_store.max_block_duration');
    expect(byFrom.get('compactor.compaction.block_retention')?.to).toBe(
      'backend_worker.compaction.block_retention',
    );
    const added = m.configChanges.filter((c) => c.from === null).map((c) => c.to);
    expect(added).toEqual(expect.arrayContaining(['ingest.kafka.address', 'ingest.kafka.topic']));
    expect(m.configChanges.some((c) => /enable_legacy_overrides/.test(c.note))).toBe(true);
    expect(m.notes.join(' ')).toMatch(/tempo-cli migrate config/);
  });

  it('the 3.0 equivalent carries the load in the simulator without loss', () => {
    const out = summarize(runFor(createSimulation(m.scenario30), 900));
    expect(out.spans.lost).toBe(0);
    expect(out.spans.refused).toBe(0);
    for (const i of Object.values(out.instances)) expect(i.oomKills).toBe(0);
  });

  it('with backend-scheduler compaction in 2.10 the scheduler and workers are unchanged, not new', () => {
    const s = createScenario('2.10', 'microservices');
    const m2 = migrationView({ ...s, settings: { ...s.settings, compaction: 'backend-scheduler' } });
    expect(components(m2.disappears)).not.toContain('compactor');
    expect(components(m2.appears)).not.toContain('backend-scheduler');
    expect(components(m2.unchanged)).toContain('backend-scheduler');
  });

  it('drops scheduled kills of instances 3.0 does not have, keeps the others', () => {
    const s: Scenario = {
      ...from,
      events: [
        { at: 60, kind: 'kill', instance: 'ingester-1' },
        { at: 90, kind: 'kill', instance: 'distributor-0' },
        { at: 120, kind: 'spike', factor: 2, durationSeconds: 30 },
      ],
    };
    const m2 = migrationView(s);
    expect(m2.scenario30.events.map((e) => e.at)).toEqual([90, 120]);
    expect(m2.notes.join(' ')).toMatch(/1 scheduled event/);
  });
});

describe('migration view: single binaries', () => {
  it('a 2.10 monolith becomes a 3.0 monolith: ingester and compactor modules go, live-store and backend modules come', () => {
    const from = createScenario('2.10', 'monolithic');
    const m = migrationView(from);
    expect(m.targetMode).toBe('monolithic');
    expect(components(m.disappears)).toEqual(['ingester', 'compactor']);
    expect(components(m.appears)).toEqual(['live-store', 'backend-scheduler', 'backend-worker']);
    expect(components(m.appears)).not.toContain('kafka');
    expect(m.scenario30.components.tempo?.replicas).toBe(1);
    expect(errors(m.scenario30)).toEqual([]);
  });

  it('a small SSB becomes one 3.0 process; the SSB target is listed as gone', () => {
    const from = createScenario('2.10', 'scalable-single-binary');
    const m = migrationView(from);
    expect(components(m.disappears)).toEqual(
      expect.arrayContaining(['scalable-single-binary', 'ingester', 'compactor', 'ring']),
    );
    expect(m.scenario30.mode).toBe('monolithic');
    expect(m.configChanges.find((c) => c.from === 'target: scalable-single-binary')?.to).toBe('target: all');
    expect(errors(m.scenario30)).toEqual([]);
  });

  it('an SSB carrying more than one process holds becomes 3.0 microservices', () => {
    const from = withLoad(createScenario('2.10', 'scalable-single-binary'), 100_000); // 50 MB/s
    const m = migrationView(from);
    expect(m.scenario30.mode).toBe('microservices');
    expect(components(m.appears)).toContain('kafka');
    expect(validateScenario(m.scenario30)).toEqual([]);
  });

  it('local storage becomes shared object storage when the target is distributed, with a note', () => {
    const from = withLoad(createScenario('2.10', 'scalable-single-binary'), 100_000);
    const m = migrationView({ ...from, settings: { ...from.settings, storageBackend: 'local' } });
    expect(m.scenario30.settings.storageBackend).toBe('s3');
    expect(components(m.unchanged)).not.toContain('object-storage');
    expect(m.notes.join(' ')).toMatch(/moves from local to s3/);
  });

  it('a 3.0 scenario comes back as it is', () => {
    const s = createScenario('3.0', 'microservices');
    const m = migrationView(s);
    expect(m.scenario30).toBe(s);
    expect(m.disappears).toEqual([]);
  });
});
