import { describe, expect, it } from 'vitest';
import { createScenario, parseScenario, switchDeployment } from './scenario';
import { parseScenarioJson } from './scenarioJson';
import { validateScenario } from './validate';

const codes = (s: ReturnType<typeof createScenario>) => validateScenario(s).map((i) => i.code);

describe('validation in Tempo terms', () => {
  it('the default scenario of every supported pair is valid', () => {
    for (const [v, m] of [
      ['2.10', 'monolithic'],
      ['2.10', 'scalable-single-binary'],
      ['2.10', 'microservices'],
      ['3.0', 'monolithic'],
      ['3.0', 'microservices'],
    ] as const) {
      expect(validateScenario(createScenario(v, m)), `${v} ${m}`).toEqual([]);
    }
  });

  it('RF=3 with 2 ingesters is an error that names the quorum', () => {
    const s = createScenario('2.10', 'microservices');
    s.components.ingester = { ...s.components.ingester!, replicas: 2 };
    const issue = validateScenario(s).find((i) => i.code === 'rf-exceeds-ingesters');
    expect(issue?.severity).toBe('error');
    expect(issue?.message).toContain('replication_factor is 3');
    expect(issue?.message).toContain('2 ingesters');
  });

  it('partitions as Tempo assigns them: an active partition without a block-builder is an error', () => {
    const s = createScenario('3.0', 'microservices');
    s.settings.kafkaPartitions = 4;
    // 3 live-stores own partitions 0-2: partition 3 is not in the ring and nobody writes to it.
    expect(codes(s)).toEqual(['live-stores-partitions']);
    s.components['live-store'] = { ...s.components['live-store']!, replicas: 4 };
    // Partition 3 is active now, and 3 block-builders x partitions_per_instance 1 stop at 2.
    expect(codes(s)).toEqual(['block-builders-partitions']);
    expect(validateScenario(s)[0]?.message).toMatch(
      /partition 3 is in the ring .* never written to object storage/,
    );
    s.components['block-builder'] = { ...s.components['block-builder']!, replicas: 4 };
    expect(codes(s)).toEqual([]);
    // 6 partitions over 3 block-builders: partitions_per_instance 2 covers them all.
    const six = createScenario('3.0', 'microservices');
    six.settings.kafkaPartitions = 6;
    six.components['live-store'] = { ...six.components['live-store']!, replicas: 6 };
    expect(codes(six)).toEqual([]);
  });

  it('two backend-schedulers are refused', () => {
    const s = createScenario('3.0', 'microservices');
    s.components['backend-scheduler'] = { ...s.components['backend-scheduler']!, replicas: 2 };
    expect(codes(s)).toContain('backend-scheduler-singleton');
  });

  it('SSB on 3.0 explains the removal and offers `all`', () => {
    const s = switchDeployment(
      createScenario('2.10', 'scalable-single-binary'),
      '3.0',
      'scalable-single-binary',
    );
    const [issue] = validateScenario(s);
    expect(issue?.code).toBe('ssb-removed');
    expect(issue?.fix).toMatchObject({ tempoVersion: '3.0', mode: 'monolithic' });
  });
});

describe('scenario documents', () => {
  it('round-trips through JSON', () => {
    const s = createScenario('3.0', 'microservices');
    const back = parseScenarioJson(JSON.stringify(s));
    expect(back).toEqual({ ok: true, value: s });
  });

  it('rejects out-of-range values with the path of the field', () => {
    const s = createScenario('2.10', 'monolithic');
    const r = parseScenario({ ...s, load: { ...s.load, spansPerSecond: -5 } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]).toMatch(/^load\.spansPerSecond: /);
  });

  it('rejects a newer schema version with a clear message', () => {
    const r = parseScenario({ ...createScenario(), schemaVersion: 9 });
    expect(r).toEqual({ ok: false, errors: [expect.stringContaining('newer than this app')] });
  });

  it('rejects text that is not JSON', () => {
    const r = parseScenarioJson('{"schemaVersion":');
    expect(r.ok).toBe(false);
  });

  it('switching mode keeps a user-chosen storage backend and drops dragged positions', () => {
    const s = createScenario('2.10', 'microservices');
    s.settings.storageBackend = 'gcs';
    s.layout = { 'ingester-0': { x: 1, y: 1 } };
    const m = switchDeployment(s, '2.10', 'monolithic');
    expect(m.settings.storageBackend).toBe('gcs');
    expect(m.layout).toBeUndefined();
    expect(m.components.tempo?.replicas).toBe(1);
    const ssb = switchDeployment(m, '2.10', 'scalable-single-binary');
    expect(ssb.components.tempo?.replicas).toBe(3);
  });
});
