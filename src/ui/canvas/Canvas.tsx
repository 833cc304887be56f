import {
  applyNodeChanges,
  Background,
  Controls,
  type Edge,
  MarkerType,
  MiniMap,
  type NodeChange,
  type NodeMouseHandler,
  type OnSelectionChangeParams,
  ReactFlow,
  type ReactFlowInstance,
} from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { bundleEdges, bundleId } from '../../model/bundle';
import type { Topology, TopologyEdge } from '../../model/topology';
import { registerAction } from '../actions';
import { useSimStore } from '../sim/simStore';
import { useScenarioStore } from '../store/scenarioStore';
import { useSelection } from '../store/selectionStore';
import { resolvedTheme, useTheme } from '../store/themeStore';
import { useView } from '../store/viewStore';
import { registerCanvas } from './canvasRegistry';
import { EdgeLegend } from './EdgeLegend';
import { PATH_STYLE } from './edgeStyle';
import { type ExternalFlowNode, nodeTypes, type ProcessFlowNode } from './nodeTypes';
import { useFocusedNodes } from './useFocus';
import { useRefitOnResize } from './useRefitOnResize';

type FlowNode = ProcessFlowNode | ExternalFlowNode;

const NODE_W = 230;
/** Above this many edges, labels stay static and edges do not animate: the canvas stays fluid. */
const LIVE_LABELS_UP_TO = 120;

function toFlowNodes(t: Topology): FlowNode[] {
  return t.nodes.map((n) => ({
    id: n.id,
    type: n.target ? 'process' : 'external',
    position: n.position,
    data: { node: n },
    ariaLabel: `${n.label}${n.target ? `, -target=${n.target}` : ''}`,
  })) as FlowNode[];
}

/** Pick the handles that face each other, so edges do not cut through their own nodes. */
function handlesFor(a: { x: number; y: number }, b: { x: number; y: number }) {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  if (Math.abs(dx) >= NODE_W * 0.6) return dx > 0 ? ['s-r', 't-l'] : ['s-l', 't-r'];
  return dy > 0 ? ['s-b', 't-t'] : ['s-t', 't-b'];
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Where xyflow draws an edge's label: halfway between the two handles it uses. */
function labelPoint(a: Box, b: Box, sourceHandle: string, targetHandle: string) {
  const at = (n: Box, handle: string) => {
    if (handle.endsWith('-r')) return { x: n.x + n.w, y: n.y + n.h / 2 };
    if (handle.endsWith('-l')) return { x: n.x, y: n.y + n.h / 2 };
    if (handle.endsWith('-b')) return { x: n.x + n.w / 2, y: n.y + n.h };
    return { x: n.x + n.w / 2, y: n.y };
  };
  const p = at(a, sourceHandle);
  const q = at(b, targetHandle);
  return { x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 };
}

/** A label of about this size there would sit on a node: it is left out (the edge's width still tells). */
function labelHitsNode(point: { x: number; y: number }, boxes: readonly Box[]): boolean {
  const hw = 45;
  const hh = 8;
  return boxes.some(
    (n) => point.x + hw > n.x && point.x - hw < n.x + n.w && point.y + hh > n.y && point.y - hh < n.y + n.h,
  );
}

function edgeLabel(
  e: TopologyEdge,
  rate: number | undefined,
  refused: number | undefined,
): string | undefined {
  if (rate === undefined) return e.label;
  const parts = [`${formatShort(rate)}/s`];
  if (refused && refused > 0) parts.push(`${formatShort(refused)}/s refused`);
  return parts.join(' · ');
}

function formatShort(n: number) {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return n >= 10 ? `${Math.round(n)}` : n.toFixed(1);
}

export function Canvas({ topology }: { topology: Topology }) {
  const setPositions = useScenarioStore((s) => s.setPositions);
  const select = useSelection((s) => s.select);
  const selected = useSelection((s) => s.selected);
  const flows = useSimStore((s) => s.flows);
  const instanceViews = useSimStore((s) => s.instanceViews);
  const theme = useTheme(resolvedTheme);
  const storyActive = useSimStore((s) => s.story !== null);
  const [roomy, setRoomy] = useState(true);
  const [nodes, setNodes] = useState<FlowNode[]>(() => toFlowNodes(topology));
  const rf = useRef<ReactFlowInstance<FlowNode, Edge> | null>(null);
  const refitRef = useRef<() => void>(() => rf.current?.fitView({ padding: 0.12, duration: 0 }));
  const nodeIds = useMemo(() => topology.nodes.map((n) => n.id).join('|'), [topology]);

  useEffect(() => {
    setNodes(
      toFlowNodes(topology).map((n) => ({ ...n, selected: n.id === useSelection.getState().selected })),
    );
  }, [topology]);

  // Fit the view when the set of nodes changes (mode switch, replica change), not on drags.
  // biome-ignore lint/correctness/useExhaustiveDependencies: refit only when the node set changes
  useEffect(() => {
    // Through the latest refit: a story step's node stays zoomed to when the deployment changes under it.
    const id = requestAnimationFrame(() => refitRef.current());
    // A big graph is measured a little later: fit again once its nodes have sizes.
    const again = window.setTimeout(() => refitRef.current(), 300);
    return () => {
      cancelAnimationFrame(id);
      window.clearTimeout(again);
    };
  }, [nodeIds]);

  const box = useRef<HTMLDivElement>(null);
  const focused = useFocusedNodes(topology);
  const edgePaths = useMemo(() => new Set(topology.edges.map((e) => e.path)), [topology]);
  // A story step's nodes are zoomed to (with room around them); otherwise the whole graph is fitted.
  // Presenter view zooms closer: node names about 20 px on screen at 1280x720 instead of 15 px.
  const presenting = useView((v) => v.presenter) && storyActive;
  // Presenter view's focus draws only the step's part of the graph (see model/lens.ts): all of it in view.
  const lens = useView((v) => (presenting ? v.lens : null));
  const refit = useCallback(() => {
    const ids = [...focused];
    if (lens) rf.current?.fitView({ padding: 0.04, maxZoom: 1.4, duration: 300 });
    else if (ids.length > 0)
      rf.current?.fitView({
        nodes: ids.map((id) => ({ id })),
        padding: presenting ? 0.25 : 0.6,
        maxZoom: presenting ? 1.4 : 1.1,
        duration: 300,
      });
    else rf.current?.fitView({ padding: 0.12, duration: 0 });
  }, [focused, presenting, lens]);
  refitRef.current = refit;
  useRefitOnResize(box, refit);
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(() => setRoomy(el.clientWidth >= 900 && el.clientHeight >= 480));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  useEffect(() => registerAction('fit', refit), [refit]);
  useEffect(() => {
    setNodes((ns) =>
      ns.map((n) => {
        const className = focused.has(n.id) ? 'tp-focus' : undefined;
        return n.className === className ? n : { ...n, className };
      }),
    );
    const id = requestAnimationFrame(refit);
    return () => cancelAnimationFrame(id);
  }, [focused, refit]);

  const onNodesChange = useCallback((changes: NodeChange<FlowNode>[]) => {
    setNodes((ns) => applyNodeChanges(changes, ns));
  }, []);

  const onNodeDragStop = useCallback(
    (_: unknown, _node: FlowNode, dragged: FlowNode[]) => {
      const positions: Record<string, { x: number; y: number }> = {};
      for (const n of dragged) positions[n.id] = { x: Math.round(n.position.x), y: Math.round(n.position.y) };
      setPositions(positions);
    },
    [setPositions],
  );

  const onNodeClick: NodeMouseHandler<FlowNode> = useCallback((_, n) => select(n.id), [select]);
  // xyflow re-subscribes when this changes identity, so it must be stable.
  const onSelectionChange = useCallback(
    ({ nodes: sel }: OnSelectionChangeParams<FlowNode>) => {
      const id = sel[0]?.id ?? null;
      if (id !== useSelection.getState().selected) select(id);
    },
    [select],
  );

  /** Instance -> node id, so flows between instances land on grouped nodes too. */
  const owner = useMemo(() => {
    const m = new Map<string, string>();
    for (const n of topology.nodes) {
      m.set(n.id, n.id);
      for (const i of n.instances) m.set(i, n.id);
    }
    return m;
  }, [topology]);

  /** Big graphs draw the links between two large components as one bundled edge. */
  const bundled = useMemo(() => bundleEdges(topology), [topology]);
  const bundles = useMemo(
    () => new Set(bundled.edges.filter((e) => e.links > 1).map((e) => e.id)),
    [bundled],
  );
  const kindOf = useMemo(() => new Map(topology.nodes.map((n) => [n.id, n.kind])), [topology]);

  const flowByEdge = useMemo(() => {
    const m = new Map<string, { rate: number; refused: number }>();
    for (const f of flows) {
      const a = owner.get(f.from);
      const b = owner.get(f.to);
      if (!a || !b) continue;
      const direct = `${f.path}:${a}->${b}`;
      const bundle = bundles.size > 0 ? bundleId(f.path, kindOf.get(a)!, kindOf.get(b)!) : '';
      const key = bundles.has(bundle) ? bundle : direct;
      const cur = m.get(key) ?? { rate: 0, refused: 0 };
      cur.rate += f.rate;
      cur.refused += f.refused;
      m.set(key, cur);
    }
    return m;
  }, [flows, owner, bundles, kindOf]);

  /** Nodes whose every instance is down (an outage, a kill, an OOM kill, a restart): their edges carry nothing. */
  const downNodes = useMemo(() => {
    const down = new Set<string>();
    if (!instanceViews) return down;
    for (const n of topology.nodes) {
      const names = n.instances.length > 0 ? n.instances : [n.id];
      let seen = 0;
      let out = 0;
      for (const name of names) {
        const v = instanceViews.get(name);
        if (!v) continue;
        seen++;
        if (v.status === 'down' || v.status === 'oom-killed' || v.status === 'restarting') out++;
      }
      if (seen > 0 && out === seen) down.add(n.id);
    }
    return down;
  }, [instanceViews, topology]);

  const positions = useMemo(() => new Map(nodes.map((n) => [n.id, n.position])), [nodes]);
  const boxes = useMemo(
    () =>
      new Map<string, Box>(
        nodes.map((n) => [
          n.id,
          { x: n.position.x, y: n.position.y, w: n.measured?.width ?? NODE_W, h: n.measured?.height ?? 80 },
        ]),
      ),
    [nodes],
  );
  const maxRate = useMemo(() => {
    let m = 0;
    for (const v of flowByEdge.values()) m = Math.max(m, v.rate);
    return m;
  }, [flowByEdge]);

  /** Previous edge objects by id: reused when nothing visible changed, so xyflow skips re-rendering them. */
  const edgeCache = useRef(new Map<string, { key: string; edge: Edge }>());
  const dense = bundled.edges.length > LIVE_LABELS_UP_TO;
  const big = topology.nodes.length > 80;

  const edges: Edge[] = useMemo(() => {
    const cache = edgeCache.current;
    const next = new Map<string, { key: string; edge: Edge }>();
    const out = bundled.edges.map((e) => {
      const style = PATH_STYLE[e.path];
      const a = positions.get(e.source) ?? { x: 0, y: 0 };
      const b = positions.get(e.target) ?? { x: 0, y: 0 };
      const [sourceHandle, targetHandle] = handlesFor(a, b);
      const flow = flowByEdge.get(e.id);
      const broken = e.path !== 'ring' && (downNodes.has(e.source) || downNodes.has(e.target));
      const refusing = broken || (!!flow && flow.refused > 0.01 * Math.max(1, flow.rate + flow.refused));
      // Width in a few steps: readable, and stable enough that most edges keep their object between frames.
      const level =
        flow && maxRate > 0 && e.path !== 'ring' ? Math.round(4 * Math.sqrt(flow.rate / maxRate)) : 0;
      // The edges of the node a story step talks about stand out with it.
      const lit = focused.size > 0 && e.path !== 'ring' && (focused.has(e.source) || focused.has(e.target));
      const width = style.width + 1.25 * level + (lit ? 2 : 0);
      const sb = boxes.get(e.source);
      const tb = boxes.get(e.target);
      // A bundled edge's label says what it stands for: it stays.
      const hidden =
        e.links <= 1 &&
        !!sb &&
        !!tb &&
        labelHitsNode(labelPoint(sb, tb, sourceHandle ?? 's-r', targetHandle ?? 't-l'), [...boxes.values()]);
      const label = hidden
        ? undefined
        : broken
          ? `${e.label ?? e.path}: down`
          : dense
            ? e.label
            : e.links > 1
              ? `${e.label}${flow ? ` · ${edgeLabel(e, flow.rate, flow.refused)}` : ''}`
              : edgeLabel(e, flow?.rate, flow?.refused);
      // Marching dashes repaint the whole edge layer every frame: only on graphs small enough to afford it.
      const animated = !dense && !big && !!flow && flow.rate > 0 && e.path !== 'ring';
      const key = `${sourceHandle}|${targetHandle}|${level}|${refusing}|${label}|${animated}|${theme}|${lit}`;
      const hit = cache.get(e.id);
      if (hit && hit.key === key) {
        next.set(e.id, hit);
        return hit.edge;
      }
      const edge: Edge = {
        id: e.id,
        source: e.source,
        target: e.target,
        sourceHandle,
        targetHandle,
        label,
        animated,
        className: `tp-edge tp-edge-${e.path}${refusing ? ' tp-edge-refused' : ''}${broken ? ' tp-edge-down' : ''}${lit ? ' tp-edge-focus' : ''}`,
        style: {
          stroke: refusing ? '#dc2626' : style.stroke,
          strokeWidth: width,
          strokeDasharray: refusing ? '3 3' : style.dash,
        },
        markerEnd: e.path === 'ring' ? undefined : { type: MarkerType.ArrowClosed, color: style.stroke },
        // Inline fills, not CSS classes: the image export copies inline SVG styles reliably.
        labelStyle: { fontSize: 10, fill: theme === 'dark' ? '#e2e8f0' : '#334155' },
        labelBgStyle: { fill: theme === 'dark' ? '#0f172a' : '#ffffff' },
        data: { path: e.path },
        focusable: false,
      };
      next.set(e.id, { key, edge });
      return edge;
    });
    edgeCache.current = next;
    return out;
  }, [bundled, positions, boxes, flowByEdge, maxRate, dense, big, theme, downNodes, focused]);

  useEffect(() => {
    setNodes((ns) =>
      ns.map((n) => (n.selected === (n.id === selected) ? n : { ...n, selected: n.id === selected })),
    );
  }, [selected]);

  return (
    <div className="flex h-full w-full flex-col" data-testid="canvas">
      <div className="min-h-0 flex-1" ref={box}>
        <ReactFlow<FlowNode, Edge>
          nodes={nodes}
          edges={edges}
          nodeTypes={nodeTypes}
          onNodesChange={onNodesChange}
          onNodeDragStop={onNodeDragStop}
          nodesDraggable={!lens}
          className={lens ? 'tp-lens' : undefined}
          onNodeClick={onNodeClick}
          onSelectionChange={onSelectionChange}
          onInit={(inst) => {
            rf.current = inst;
            registerCanvas(inst as unknown as ReactFlowInstance);
          }}
          fitView
          minZoom={0.02}
          maxZoom={2}
          colorMode={theme}
          nodesConnectable={false}
          edgesFocusable={false}
          elementsSelectable
          onlyRenderVisibleElements={topology.nodes.length > 80}
          aria-label="Architecture graph"
        >
          <Background gap={24} />
          {/* The minimap sits on the graph's corner: not during a story (it zooms to what it names)
              nor on a canvas too small to spare the corner. */}
          {roomy && !storyActive && <MiniMap pannable zoomable ariaLabel="Minimap of the architecture" />}
          {/* The focus view is fitted for the room; zoom buttons would only sit on its nodes. */}
          {!lens && <Controls showInteractive={false} />}
        </ReactFlow>
      </div>
      {lens?.rest && (
        <p className="line-clamp-2 shrink-0 px-2 text-slate-700 dark:text-slate-200" data-testid="lens-rest">
          Not drawn: {lens.rest}
        </p>
      )}
      <EdgeLegend paths={edgePaths} />
    </div>
  );
}
