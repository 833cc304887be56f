/**
 * Big graphs: the links between two large components (every querier to every live-store) are
 * drawn as one bundled edge per pair of kinds, labelled with how many links it stands for.
 */
import type { ComponentKind, DataPath } from './catalog';
import type { Topology, TopologyEdge } from './topology';

export interface BundledEdge extends TopologyEdge {
  /** How many process-to-process links this edge stands for; 1 when not bundled. */
  links: number;
  /** Kinds at each end, for reading flows onto the bundle. */
  sourceKind: ComponentKind;
  targetKind: ComponentKind;
}

/** Bundle when the graph has more edges than this... */
export const BUNDLE_EDGES_ABOVE = 300;
/** ...every group of links between two kinds larger than this. */
const GROUP_LARGER_THAN = 4;

export const bundleId = (path: DataPath, a: ComponentKind, b: ComponentKind) => `bundle:${path}:${a}->${b}`;

export function bundleEdges(
  t: Topology,
  above = BUNDLE_EDGES_ABOVE,
): { edges: BundledEdge[]; links: number } {
  const kindOf = new Map(t.nodes.map((n) => [n.id, n.kind]));
  const plain = (e: TopologyEdge): BundledEdge => ({
    ...e,
    links: 1,
    sourceKind: kindOf.get(e.source)!,
    targetKind: kindOf.get(e.target)!,
  });
  if (t.edges.length <= above) return { edges: t.edges.map(plain), links: t.edges.length };
  const groups = new Map<string, TopologyEdge[]>();
  for (const e of t.edges) {
    const key = bundleId(e.path, kindOf.get(e.source)!, kindOf.get(e.target)!);
    const g = groups.get(key);
    if (g) g.push(e);
    else groups.set(key, [e]);
  }
  const byKind = new Map<ComponentKind, string[]>();
  for (const n of t.nodes) {
    const list = byKind.get(n.kind);
    if (list) list.push(n.id);
    else byKind.set(n.kind, [n.id]);
  }
  const middle = (kind: ComponentKind) => {
    const list = byKind.get(kind) ?? [];
    return list[Math.floor((list.length - 1) / 2)]!;
  };
  const out: BundledEdge[] = [];
  for (const [id, g] of groups) {
    const first = g[0]!;
    if (g.length <= GROUP_LARGER_THAN) {
      for (const e of g) out.push(plain(e));
      continue;
    }
    const sourceKind = kindOf.get(first.source)!;
    const targetKind = kindOf.get(first.target)!;
    const sources = new Set(g.map((e) => e.source)).size;
    const targets = new Set(g.map((e) => e.target)).size;
    out.push({
      id,
      source: middle(sourceKind),
      target: middle(targetKind),
      path: first.path,
      label: `${first.label ? `${first.label} · ` : ''}${sources}→${targets} (${g.length} links)`,
      links: g.length,
      sourceKind,
      targetKind,
    });
  }
  return { edges: out, links: t.edges.length };
}
