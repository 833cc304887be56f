import { describe, expect, it } from 'vitest';
import { createScenario, type Scenario } from './scenario';
import { deriveTopology } from './topology';

const kinds = (s: Scenario) => new Set(deriveTopology(s).nodes.map((n) => n.kind));
const countKind = (s: Scenario, kind: string) =>
  deriveTopology(s)
    .nodes.filter((n) => n.kind === kind)
    .reduce((a, n) => a + n.instances.length, 0);
const paths = (s: Scenario) => {
  const t = deriveTopology(s);
  const kindOf = new Map(t.nodes.map((n) => [n.id, n.kind]));
  return new Set(t.edges.map((e) => `${kindOf.get(e.source)}-${e.path}->${kindOf.get(e.target)}`));
};

describe('topology per version x mode', () => {
  it('2.10 monolithic is one `all` process with every 2.10 module', () => {
    const s = createScenario('2.10', 'monolithic');
    const t = deriveTopology(s);
    const tempo = t.nodes.filter((n) => n.kind === 'tempo');
    expect(tempo).toHaveLength(1);
    expect(tempo[0]?.id).toBe('tempo-0');
    expect(tempo[0]?.target).toBe('all');
    expect(tempo[0]?.modules).toEqual(['distributor', 'ingester', 'query-frontend', 'querier', 'compactor']);
    expect(kinds(s)).toEqual(new Set(['client', 'grafana', 'object-storage', 'tempo']));
    expect(paths(s)).toEqual(
      new Set(['client-write->tempo', 'grafana-read->tempo', 'tempo-write->object-storage']),
    );
  });

  it('2.10 SSB with 3 replicas has 3 tempo processes on one memberlist ring', () => {
    const s = createScenario('2.10', 'scalable-single-binary');
    expect(s.components.tempo?.replicas).toBe(3);
    const t = deriveTopology(s);
    const tempo = t.nodes.filter((n) => n.kind === 'tempo');
    expect(tempo.map((n) => n.id)).toEqual(['tempo-0', 'tempo-1', 'tempo-2']);
    expect(tempo.every((n) => n.target === 'scalable-single-binary')).toBe(true);
    const rings = t.nodes.filter((n) => n.kind === 'ring');
    expect(rings).toHaveLength(1);
    const ringEdges = t.edges.filter((e) => e.path === 'ring');
    expect(ringEdges.map((e) => e.source).sort()).toEqual(['tempo-0', 'tempo-1', 'tempo-2']);
    expect(ringEdges.every((e) => e.target === rings[0]?.id)).toBe(true);
  });

  it('2.10 microservices has ingesters on a ring, a compactor and no Kafka', () => {
    const s = createScenario('2.10', 'microservices');
    expect(kinds(s)).toEqual(
      new Set([
        'client',
        'grafana',
        'object-storage',
        'distributor',
        'ingester',
        'query-frontend',
        'querier',
        'compactor',
        'ring',
      ]),
    );
    expect(countKind(s, 'ingester')).toBe(3);
    const p = paths(s);
    for (const e of [
      'client-write->distributor',
      'distributor-write->ingester',
      'ingester-write->object-storage',
      'ingester-ring->ring',
      'grafana-read->query-frontend',
      'query-frontend-read->querier',
      'querier-read->ingester',
      'querier-read->object-storage',
      'compactor-compaction->object-storage',
    ]) {
      expect(p).toContain(e);
    }
    expect(p).not.toContain('distributor-write->kafka');
  });

  it('2.10 microservices can compact with backend scheduler and workers instead', () => {
    const s0 = createScenario('2.10', 'microservices');
    const s = createScenario('2.10', 'microservices');
    s.settings.compaction = 'backend-scheduler';
    const t = deriveTopology({ ...s, components: s0.components });
    expect(t.nodes.some((n) => n.kind === 'compactor')).toBe(false);
    expect(t.nodes.filter((n) => n.kind === 'backend-scheduler')).toHaveLength(1);
  });

  it('3.0 microservices has Kafka, block-builders and live-stores, no ingester or compactor', () => {
    const s = createScenario('3.0', 'microservices');
    const k = kinds(s);
    for (const kind of [
      'kafka',
      'block-builder',
      'live-store',
      'backend-scheduler',
      'backend-worker',
      'distributor',
    ]) {
      expect(k).toContain(kind);
    }
    expect(k).not.toContain('ingester');
    expect(k).not.toContain('compactor');
    expect(countKind(s, 'block-builder')).toBe(s.settings.kafkaPartitions);
    const p = paths(s);
    for (const e of [
      'client-write->distributor',
      'distributor-write->kafka',
      'kafka-write->block-builder',
      'kafka-write->live-store',
      'block-builder-write->object-storage',
      'querier-read->live-store',
      'querier-read->object-storage',
      'backend-scheduler-compaction->backend-worker',
      'backend-worker-compaction->object-storage',
    ]) {
      expect(p).toContain(e);
    }
    expect(p).not.toContain('distributor-write->ingester');
  });

  it('3.0 monolithic runs live-store and backend modules inside one process, with no Kafka', () => {
    const s = createScenario('3.0', 'monolithic');
    const t = deriveTopology(s);
    const tempo = t.nodes.find((n) => n.kind === 'tempo');
    expect(tempo?.modules).toContain('live-store');
    expect(tempo?.modules).toContain('backend-scheduler');
    expect(tempo?.modules).not.toContain('ingester');
    expect(kinds(s)).not.toContain('kafka');
  });

  it('3.0 SSB is reported as removed, with `all` offered instead', () => {
    const s = { ...createScenario('3.0', 'monolithic'), mode: 'scalable-single-binary' as const };
    const t = deriveTopology(s);
    expect(t.nodes).toHaveLength(0);
    expect(t.unsupported?.reason).toMatch(/removed/);
    expect(t.unsupported?.suggestion).toEqual({ tempoVersion: '3.0', mode: 'monolithic' });
  });

  it('groups a component with many replicas into one node carrying every instance name', () => {
    const s = createScenario('2.10', 'microservices');
    s.components.ingester = { replicas: 40, cpu: 2, memoryBytes: 8 * 1024 ** 3 };
    const t = deriveTopology(s);
    const ing = t.nodes.filter((n) => n.kind === 'ingester');
    expect(ing).toHaveLength(1);
    expect(ing[0]?.grouped).toBe(true);
    expect(ing[0]?.instances).toHaveLength(40);
    expect(ing[0]?.instances[39]).toBe('ingester-39');
  });

  it('keeps positions the user dragged', () => {
    const s = createScenario('2.10', 'microservices');
    s.layout = { 'ingester-1': { x: 999, y: -5 } };
    const n = deriveTopology(s).nodes.find((x) => x.id === 'ingester-1');
    expect(n?.position).toEqual({ x: 999, y: -5 });
  });

  it('never places two nodes on the same spot', () => {
    for (const [v, m] of [
      ['2.10', 'monolithic'],
      ['2.10', 'scalable-single-binary'],
      ['2.10', 'microservices'],
      ['3.0', 'monolithic'],
      ['3.0', 'microservices'],
    ] as const) {
      const t = deriveTopology(createScenario(v, m));
      const spots = new Set(t.nodes.map((n) => `${n.position.x},${n.position.y}`));
      expect(spots.size).toBe(t.nodes.length);
    }
  });
});

describe('layout leaves room for every node', () => {
  it('no two laid-out nodes overlap in any version x mode and replica count, modules included', async () => {
    const { SUPPORTED_PAIRS } = await import('./modes');
    const { estimatedHeight } = await import('./topology');
    for (const [v, m] of SUPPORTED_PAIRS) {
      for (const replicas of [1, 3, 7, 20]) {
        const s = createScenario(v, m);
        for (const c of Object.values(s.components)) if (c) c.replicas = replicas;
        const t = deriveTopology(s, { groupAbove: 64 });
        const boxes = t.nodes.map((n) => ({
          id: n.id,
          x: n.position.x,
          y: n.position.y,
          w: n.target ? 230 : 200,
          h: estimatedHeight(n),
        }));
        for (const a of boxes)
          for (const b of boxes) {
            if (a === b) continue;
            const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
            expect(overlap, `${v} ${m} x${replicas}: ${a.id} and ${b.id}`).toBe(false);
          }
      }
    }
  });
});
