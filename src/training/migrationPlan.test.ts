import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { createScenario, liveStoreZones } from '../model/scenario';
import { toTempo30 } from './migration';
import {
  CLUSTER_LABEL_30,
  configChanges,
  migrationMarkdown,
  migrationPlan,
  migrationSteps,
  simulateCutover,
} from './migrationPlan';

const micro = createScenario('2.10', 'microservices');

describe('migration plan (Tempo guide: Migrate from Tempo 2.x to 3.0)', () => {
  it("microservices: a parallel deployment with the guide's requirements, in order", () => {
    const text = migrationSteps(micro)
      .map((s) => `${s.phase}: ${s.title}. ${s.detail}`)
      .join('\n');
    for (const needed of [
      /vParquet4/,
      /No downgrade/,
      /--kafka-address/,
      /-mem-ballast-size-mbs/,
      /local_blocks/,
      /compaction_disabled: true/,
      /readiness_max_wait \(30 minutes\)/,
      /about 45 minutes/,
      /Scale the 2\.10 compactors to zero/,
    ])
      expect(text).toMatch(needed);
    const phases = migrationSteps(micro).map((s) => s.phase);
    expect(phases.indexOf('switch traffic')).toBeGreaterThan(phases.indexOf('deploy 3.0'));
    expect(phases.lastIndexOf('clean up')).toBe(phases.length - 1);
  });

  it('monolithic: an in-place upgrade without Kafka or a parallel deployment', () => {
    const steps = migrationSteps(createScenario('2.10', 'monolithic'));
    const text = steps.map((s) => s.detail).join('\n');
    expect(text).toMatch(/--mode=monolithic/);
    expect(text).not.toMatch(/--kafka-address/);
    expect(steps.some((s) => s.phase === 'switch traffic')).toBe(false);
    expect(migrationPlan(createScenario('2.10', 'monolithic')).cutover).toBeNull();
  });

  it('configs side by side: ingester and compactor go, ingest.kafka arrives, compaction disabled on 3.0', () => {
    const plan = migrationPlan(micro);
    expect(plan.cutover).toBeUndefined();
    expect(migrationPlan(micro, true).cutover?.lost).toBe(0);
    const byPath = new Map(plan.changes.map((c) => [c.path, c]));
    expect([...byPath.values()].some((c) => c.path.startsWith('ingester.') && c.change === 'removed')).toBe(
      true,
    );
    expect([...byPath.values()].some((c) => c.path.startsWith('compactor.') && c.change === 'removed')).toBe(
      true,
    );
    expect(byPath.get('ingest.kafka.address')?.change).toBe('added');
    expect(byPath.get('overrides.defaults.compaction.compaction_disabled')).toMatchObject({
      change: 'added',
      after: 'true',
    });
    expect(parse(plan.config30).overrides.defaults.compaction.compaction_disabled).toBe(true);
    expect(configChanges({ a: { b: 1 } }, { a: { b: 2 }, c: 'x' })).toEqual([
      { path: 'a.b', before: '1', after: '2', change: 'changed' },
      { path: 'c', after: '"x"', change: 'added' },
    ]);
  });

  it('simulated cut-over: nothing lost, 2.10 ingesters drain in about the 45 minutes the guide gives', () => {
    const c = simulateCutover(micro);
    expect(c.lost).toBe(0);
    // Head blocks wait for max_block_duration (30 min) once no new spans arrive; then they are flushed.
    expect(c.drainedAfterMinutes).not.toBeNull();
    expect(c.drainedAfterMinutes!).toBeGreaterThanOrEqual(25);
    expect(c.drainedAfterMinutes!).toBeLessThanOrEqual(45);
    // Before the switch 2.10 holds data in memory; 3.0 compacts nothing while compaction is disabled.
    expect(c.samples[5]!.unflushed210).toBeGreaterThan(0);
    expect(c.uncompactedAtHandOver).toBeGreaterThan(10);
    expect(c.samples.find((x) => x.minute === 15)?.shareOn30).toBe(0.1);
  });

  it('Markdown export: a checklist, the cut-over and both configs that parse back', () => {
    const md = migrationMarkdown({ ...micro, name: 'prod\u0085east' });
    expect(md.split('\n')[0]).toBe('# Migrating "prod east" from Tempo 2.10 to 3.0');
    expect((md.match(/^- \[ \] /gm) ?? []).length).toBe(migrationSteps(micro).length);
    expect(md).toMatch(/## Simulated cut-over/);
    const fences = [...md.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => parse(m[1] ?? ''));
    expect(fences).toHaveLength(2);
    expect(fences[0].ingester).toBeDefined();
    expect(fences[1].ingest.kafka.topic).toBeDefined();
  });

  it('SSB that fits one process takes the monolithic path, as tempo-cli treats SSB: no Kafka, no block-builders, every replica flushed', () => {
    const ssb = createScenario('2.10', 'scalable-single-binary');
    const plan = migrationPlan(ssb);
    expect(plan.scenario30.mode).toBe('monolithic');
    expect(plan.cutover).toBeNull();
    const text = plan.steps.map((s) => `${s.title}. ${s.detail}`).join('\n');
    expect(text).not.toMatch(/Kafka-compatible broker|--kafka-address=<broker>|block-builder per partition/);
    expect(text).toMatch(/rewrites it to `all` and treats the config as monolithic/);
    expect(text).toMatch(/Flush every one of the 3 replicas/);
    expect(plan.steps.some((s) => s.phase === 'switch traffic')).toBe(false);
    const config30 = parse(plan.config30);
    expect(config30.target).toBe('all');
    expect(config30.ingest).toBeUndefined();
    expect(config30.memberlist).toBeUndefined();
    expect(config30.overrides?.defaults?.compaction).toBeUndefined();
    // Too much load for one process: microservices beside the SSB, and tempo-cli told so.
    const big = { ...ssb, load: { ...ssb.load, spansPerSecond: 400_000 } };
    const bigText = migrationSteps(big)
      .map((s) => s.detail)
      .join('\n');
    expect(toTempo30(big).mode).toBe('microservices');
    expect(bigText).toMatch(/--mode=microservices/);
  });

  it('in place: compaction_disabled comes out again (in 3.0 it stops retention too), and the 2.10 ingester flushes before it stops', () => {
    const mono = createScenario('2.10', 'monolithic');
    const text = migrationSteps(mono)
      .map((s) => `${s.title}. ${s.detail}`)
      .join('\n');
    expect(text).toMatch(/Remove compaction_disabled again/);
    expect(text).toMatch(/stops retention/);
    expect(text).toMatch(/POST \/shutdown/);
    expect(text).toMatch(/flush_all_on_shutdown: true/);
    expect(text).toMatch(/max_block_duration \(30 min\)/);
    const order = migrationSteps(mono).map((s) => s.title);
    expect(order.indexOf('Flush the 2.10 ingester before it stops')).toBeLessThan(
      order.indexOf('Upgrade the binary in place'),
    );
    expect(parse(migrationPlan(mono).config30).overrides?.defaults?.compaction).toBeUndefined();
  });

  it('parallel: memberlist clusters kept apart, Kafka caveats, RF3 zones no chart deploys, RF1 TraceQL metrics', () => {
    const plan = migrationPlan(micro);
    expect(parse(plan.config30).memberlist.cluster_label).toBe(CLUSTER_LABEL_30);
    expect(parse(plan.config210).memberlist.cluster_label).toBeUndefined();
    const text = plan.steps.map((s) => `${s.title}. ${s.detail}`).join('\n');
    expect(text).toMatch(/auto\.create\.topics\.enable=true/);
    expect(text).toMatch(/broker-wide num\.partitions/);
    expect(text).toMatch(/TraceQL metrics queries read only RF1 blocks/);
    expect(text).toMatch(/POST \/shutdown on each/);
    expect(micro.settings.replicationFactor).toBe(3);
    const zones = liveStoreZones(plan.scenario30);
    expect(text).toMatch(
      zones > 1
        ? /No chart deploys that: tempo-distributed 3\.3\.0/
        : /Two zones need manifests no chart deploys/,
    );
    const rf2 = { ...micro, settings: { ...micro.settings, replicationFactor: 2 } };
    expect(migrationSteps(rf2).some((s) => /Replication factor/.test(s.title))).toBe(false);
  });
});
