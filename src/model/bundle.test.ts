import { describe, expect, it } from 'vitest';
import { bundleEdges } from './bundle';
import { createScenario } from './scenario';
import { deriveTopology } from './topology';

describe('bundled edges for big clusters', () => {
  it('leaves small graphs as they are', () => {
    const t = deriveTopology(createScenario('2.10', 'microservices'));
    const b = bundleEdges(t);
    expect(b.edges).toHaveLength(t.edges.length);
    expect(b.edges.every((e) => e.links === 1)).toBe(true);
  });

  it('draws every querier -> live-store link of a 500-process cluster as one edge that counts them', () => {
    const s = createScenario('3.0', 'microservices');
    for (const c of Object.values(s.components)) if (c) c.replicas = 70;
    const t = deriveTopology(s, { groupAbove: 100 });
    expect(t.nodes.length).toBeGreaterThan(400);
    const b = bundleEdges(t);
    expect(b.edges.length).toBeLessThan(60);
    expect(b.links).toBe(t.edges.length);
    expect(b.edges.reduce((n, e) => n + e.links, 0)).toBe(t.edges.length);
    const q = b.edges.find((e) => e.sourceKind === 'querier' && e.targetKind === 'live-store');
    expect(q?.links).toBe(70 * 70);
    expect(q?.label).toContain('70→70 (4900 links)');
    // Its ends are drawn nodes.
    const ids = new Set(t.nodes.map((n) => n.id));
    for (const e of b.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
  });
});
