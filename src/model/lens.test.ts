import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { GUIDED_SCENARIOS } from '../training/builtinStories';
import { scenarioAtStep } from '../training/guided';
import { namedAtStep } from '../training/stepFocus';
import { DEPLOYMENT_MODES, TEMPO_VERSIONS } from './catalog';
import { type Lens, lensTopology, listNames, restText } from './lens';
import { createScenario, type Scenario } from './scenario';
import { deriveTopology, estimatedHeight, type Topology } from './topology';

/** Every process instance and every external node of a topology: what a lens must account for. */
const unitsOf = (t: Topology) => t.nodes.flatMap((n) => (n.instances.length > 0 ? n.instances : [n.id]));

function checkLens(t: Topology, named: readonly string[], l: Lens) {
  const nodes = l.topology.nodes;
  // Ids are unique, and every edge joins two drawn nodes.
  const ids = new Set(nodes.map((n) => n.id));
  expect(ids.size).toBe(nodes.length);
  expect(new Set(l.topology.edges.map((e) => e.id)).size).toBe(l.topology.edges.length);
  for (const e of l.topology.edges) {
    expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    expect(e.source).not.toBe(e.target);
  }
  // Every instance of the cluster is drawn once or counted in the rest, never both, never lost.
  const drawn = nodes.flatMap((n) => (n.instances.length > 0 ? n.instances : [n.id]));
  expect(new Set(drawn).size).toBe(drawn.length);
  const all = unitsOf(t);
  const restCount = l.rest.reduce((a, r) => a + r.count, 0);
  expect(drawn.length + restCount).toBe(all.length);
  for (const u of drawn) expect(all).toContain(u);
  // What the step names is drawn on nodes that hold nothing else (the highlight means it alone).
  const want = new Set(named);
  const namedUnits = new Set(
    t.nodes.flatMap((n) => {
      const units = n.instances.length > 0 ? n.instances : [n.id];
      return want.has(n.id) ? units : units.filter((u) => want.has(u));
    }),
  );
  for (const n of nodes) {
    const units = n.instances.length > 0 ? n.instances : [n.id];
    const hits = units.filter((u) => namedUnits.has(u)).length;
    expect(hits === 0 || hits === units.length).toBe(true);
  }
  for (const u of namedUnits) expect(drawn).toContain(u);
  // Nodes never overlap (same estimate of a drawn node's size as the main layout).
  const box = (n: (typeof nodes)[number]) => ({
    x: n.position.x,
    y: n.position.y,
    w: n.target ? 230 : 200,
    h: estimatedHeight(n),
  });
  for (let i = 0; i < nodes.length; i++)
    for (let j = i + 1; j < nodes.length; j++) {
      const a = box(nodes[i]!);
      const b = box(nodes[j]!);
      const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
      expect(apart, `${nodes[i]!.id} and ${nodes[j]!.id}`).toBe(true);
    }
}

describe('presenter focus view (lens)', () => {
  it('zone A of the zone outage story: its three live-stores as one node, the other three beside, the rest counted', () => {
    const g = GUIDED_SCENARIOS.find((x) => x.id === 'live-store-zone-outage')!;
    const t = deriveTopology(scenarioAtStep(g, 1));
    const named = namedAtStep(g, 1);
    const l = lensTopology(t, named)!;
    checkLens(t, named, l);
    const byId = new Map(l.topology.nodes.map((n) => [n.id, n]));
    expect(byId.get('lens:named:live-store')?.instances).toEqual([
      'live-store-0',
      'live-store-1',
      'live-store-2',
    ]);
    expect(byId.get('lens:named:live-store')?.detail).toBe('live-store-0–2');
    expect(byId.get('lens:others:live-store')?.label).toBe('live-store ×3');
    // Wired to the live-stores: Kafka feeds them, queriers read them, they own partitions in the ring.
    expect([...byId.keys()].sort()).toEqual(
      ['kafka', 'lens:named:live-store', 'lens:others:live-store', 'lens:querier', 'ring'].sort(),
    );
    expect(restText(l.rest)).toBe(
      'Instrumented apps, Grafana, distributor ×2, query-frontend ×2, block-builder ×3, Object storage, backend-scheduler, backend-worker ×2',
    );
    // Feeders left of the step's part, what it feeds right of it.
    expect(byId.get('kafka')!.position.x).toBeLessThan(byId.get('lens:named:live-store')!.position.x);
    expect(byId.get('ring')!.position.x).toBeGreaterThan(byId.get('lens:named:live-store')!.position.x);
    // Flows still find their edges: Kafka's partitions to both sets of live-stores.
    const edges = l.topology.edges.map((e) => e.id);
    expect(edges).toContain('write:kafka->lens:named:live-store');
    expect(edges).toContain('write:kafka->lens:others:live-store');
  });

  it('a single named instance keeps its id, so the canvas highlights and selects it', () => {
    const t = deriveTopology(createScenario('2.10', 'microservices'));
    const l = lensTopology(t, ['ingester-1'])!;
    checkLens(t, ['ingester-1'], l);
    const ingester = l.topology.nodes.find((n) => n.id === 'ingester-1')!;
    expect(ingester.target).toBe('ingester');
    expect(l.topology.nodes.find((n) => n.id === 'lens:others:ingester')?.instances).toEqual([
      'ingester-0',
      'ingester-2',
    ]);
  });

  it('a named group lists its instances with runs as ranges', () => {
    const names = [...Array.from({ length: 24 }, (_, i) => `live-store-${i}`), 'live-store-30'];
    expect(listNames('live-store', names)).toBe('live-store-0–23, 30');
    expect(listNames('querier', ['querier-1', 'querier-2', 'querier-7'])).toBe('querier-1, 2, 7');
  });

  it('nothing on the graph named: no lens', () => {
    const t = deriveTopology(createScenario('2.10', 'microservices'));
    expect(lensTopology(t, [])).toBeNull();
    expect(lensTopology(t, ['nope'])).toBeNull();
  });

  it('every built-in step: at most 6 nodes in at most 3 columns, about 900 x 420 px at zoom 1', () => {
    for (const g of GUIDED_SCENARIOS)
      g.steps.forEach((_, i) => {
        const t = deriveTopology(scenarioAtStep(g, i));
        const named = namedAtStep(g, i);
        const l = lensTopology(t, named);
        expect(l, `${g.id} step ${i + 1}`).not.toBeNull();
        checkLens(t, named, l!);
        const nodes = l!.topology.nodes;
        expect(nodes.length).toBeLessThanOrEqual(6);
        const right = Math.max(...nodes.map((n) => n.position.x + (n.target ? 230 : 200)));
        const bottom = Math.max(...nodes.map((n) => n.position.y + estimatedHeight(n)));
        expect(right).toBeLessThanOrEqual(900);
        expect(bottom).toBeLessThanOrEqual(420);
      });
  });

  it('any cluster, grouped or drawn replica by replica, any names: everything drawn once or counted', () => {
    const kinds = [
      'distributor',
      'ingester',
      'querier',
      'live-store',
      'block-builder',
      'backend-worker',
    ] as const;
    fc.assert(
      fc.property(
        fc.constantFrom(...TEMPO_VERSIONS),
        fc.constantFrom(...DEPLOYMENT_MODES),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: kinds.length, maxLength: kinds.length }),
        fc.constantFrom(8, 100),
        fc.array(fc.nat(), { maxLength: 6 }),
        (version, mode, replicas, groupAbove, picks) => {
          const base = createScenario(version, mode);
          const components = { ...base.components };
          kinds.forEach((k, i) => {
            const c = components[k];
            if (c) components[k] = { ...c, replicas: replicas[i]! };
          });
          const s: Scenario = { ...base, components };
          const t = deriveTopology(s, { groupAbove });
          if (t.unsupported) return;
          const pool = t.nodes.flatMap((n) => [n.id, ...n.instances]);
          const named = picks.map((p) => pool[p % pool.length]!);
          const l = lensTopology(t, named);
          if (named.length === 0) expect(l).toBeNull();
          else checkLens(t, named, l!);
        },
      ),
      { numRuns: 400 },
    );
  });
});
