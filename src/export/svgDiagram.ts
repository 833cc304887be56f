/**
 * The architecture as a vector SVG for documents: nodes are rects, edges are paths, text is text
 * (no foreignObject, no HTML), in a light or dark palette. A "clean" diagram carries no live
 * numbers; otherwise the caller hands in what the simulation shows now (edge rates, node status).
 */
import type { ComponentKind, DataPath, Tier } from '../model/catalog';
import { estimatedHeight, type Topology, type TopologyNode } from '../model/topology';

export interface SvgOptions {
  theme: 'light' | 'dark';
  /** Per edge id: its live label ("10.1k/s"). Ignored when absent. */
  edgeLabels?: ReadonlyMap<string, string>;
  /** Per node id: live state, up to two lines ("CPU 0.2/2.5 · mem 692 MiB/8 GiB\nhealthy"). */
  nodeStatus?: ReadonlyMap<string, string>;
  /** Positions as drawn (dragged nodes); defaults to the topology's layout. */
  positions?: ReadonlyMap<string, { x: number; y: number }>;
  title?: string;
  /**
   * Docs width: every process node the same width, type of 11 px and more, laid out for a page about
   * 800 px wide (see docsTopology); the drawing's own width is then about DOCS_WIDTH.
   */
  docs?: boolean;
}

/** The width of a docs-width drawing, in pixels. */
export const DOCS_WIDTH = 800;
/** Node width in a docs-width drawing: three to a row. */
export const DOCS_NODE_W = 225;

interface Palette {
  bg: string;
  nodeFill: string;
  externalFill: string;
  border: string;
  text: string;
  muted: string;
  chipFill: string;
  labelBg: string;
  tier: Record<Tier, string>;
}

const PALETTE: Record<'light' | 'dark', Palette> = {
  light: {
    bg: '#ffffff',
    nodeFill: '#ffffff',
    externalFill: '#f8fafc',
    border: '#cbd5e1',
    text: '#0f172a',
    muted: '#475569',
    chipFill: '#f1f5f9',
    labelBg: '#ffffff',
    tier: {
      ingest: '#f97316',
      query: '#0ea5e9',
      backend: '#8b5cf6',
      buffer: '#f59e0b',
      storage: '#059669',
      source: '#94a3b8',
      coordination: '#64748b',
    },
  },
  dark: {
    bg: '#0f172a',
    nodeFill: '#1e293b',
    externalFill: '#0f172a',
    border: '#475569',
    text: '#f8fafc',
    muted: '#cbd5e1',
    chipFill: '#334155',
    labelBg: '#0f172a',
    tier: {
      ingest: '#fb923c',
      query: '#38bdf8',
      backend: '#a78bfa',
      buffer: '#fbbf24',
      storage: '#34d399',
      source: '#94a3b8',
      coordination: '#94a3b8',
    },
  },
};

const EDGE: Record<DataPath, { light: string; dark: string; dash?: string; name: string }> = {
  write: { light: '#ea580c', dark: '#fb923c', name: 'write path (spans)' },
  read: { light: '#0284c7', dark: '#38bdf8', dash: '6 4', name: 'read path (queries)' },
  compaction: { light: '#7c3aed', dark: '#a78bfa', dash: '2 4', name: 'compaction' },
  ring: { light: '#64748b', dark: '#94a3b8', dash: '10 3 2 3', name: 'ring membership' },
  metrics: { light: '#16a34a', dark: '#4ade80', dash: '4 2', name: 'metrics generation' },
};

const PROCESS_W = 230;
const EXTERNAL_W = 200;
const PAD = 32;
const LEGEND_H = 28;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/**
 * Text or an attribute value of the SVG: markup characters escaped, and every character XML 1.0
 * forbids (C0 controls but tab, LF and CR; DEL shown too; lone surrogates; U+FFFE, U+FFFF; none
 * can be written even as a character reference) replaced by a visible mark: the control picture
 * (U+2400 + code, U+2421 for DEL) or U+FFFD. Any text gives a well-formed file.
 */
export function svgText(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out += s.slice(i, i + 2);
        i++;
      } else out += '\ufffd';
    } else if ((c >= 0xdc00 && c <= 0xdfff) || c === 0xfffe || c === 0xffff) out += '\ufffd';
    else if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) out += String.fromCharCode(0x2400 + c);
    else if (c === 0x7f) out += '\u2421';
    else out += ENTITIES[s[i] as string] ?? s[i];
  }
  return out;
}
const esc = svgText;
const r1 = (n: number) => Math.round(n * 10) / 10;

interface Box {
  node: TopologyNode;
  x: number;
  y: number;
  w: number;
  h: number;
}

function nodeHeight(n: TopologyNode, withStatus: boolean): number {
  // The canvas height minus its live gauges (about 50 px), plus one status line when given.
  return Math.max(
    n.target ? 64 : 44,
    estimatedHeight(n) - (n.target ? 50 : 60) + (withStatus ? (n.target ? 32 : 16) : 0),
  );
}

/** Pixels per character of the chip type (10 px, or 11 px at docs width). */
let chipChar = 6;

function wrapChips(modules: readonly string[], width: number): string[][] {
  const rows: string[][] = [[]];
  let used = 0;
  for (const m of modules) {
    const w = m.length * chipChar + 12;
    if (used > 0 && used + w > width) {
      rows.push([]);
      used = 0;
    }
    rows[rows.length - 1]!.push(m);
    used += w;
  }
  return rows;
}

function nodeSvg(b: Box, p: Palette, status: string | undefined): string {
  const n = b.node;
  const out: string[] = [];
  const accent = p.tier[n.tier] ?? p.border;
  const cx = r1(b.x + b.w / 2);
  if (!n.target) {
    const rx = n.kind === 'ring' ? b.h / 2 : n.kind === 'object-storage' ? 20 : 8;
    const dash = n.kind === 'ring' ? ' stroke-dasharray="5 3"' : '';
    out.push(
      `<rect x="${r1(b.x)}" y="${r1(b.y)}" width="${b.w}" height="${b.h}" rx="${rx}" fill="${p.externalFill}" stroke="${accent}" stroke-width="2"${dash}/>`,
    );
    out.push(`<text x="${cx}" y="${r1(b.y + 20)}" text-anchor="middle" class="t">${esc(n.label)}</text>`);
    if (n.detail)
      out.push(`<text x="${cx}" y="${r1(b.y + 36)}" text-anchor="middle" class="s">${esc(n.detail)}</text>`);
    if (status)
      out.push(`<text x="${cx}" y="${r1(b.y + 52)}" text-anchor="middle" class="s">${esc(status)}</text>`);
    return `<g data-id="${esc(n.id)}">${out.join('')}</g>`;
  }
  out.push(
    `<rect x="${r1(b.x)}" y="${r1(b.y)}" width="${b.w}" height="${b.h}" rx="8" fill="${p.nodeFill}" stroke="${p.border}"/>`,
  );
  out.push(`<rect x="${r1(b.x)}" y="${r1(b.y)}" width="5" height="${b.h}" rx="2" fill="${accent}"/>`);
  const x = r1(b.x + 14);
  let y = b.y + 20;
  const title = n.grouped ? `${n.kind}` : n.label;
  out.push(`<text x="${x}" y="${r1(y)}" class="t">${esc(title)}</text>`);
  if (n.grouped)
    out.push(
      `<text x="${r1(b.x + b.w - 10)}" y="${r1(y)}" text-anchor="end" class="t">×${n.instances.length}</text>`,
    );
  y += 16;
  out.push(`<text x="${x}" y="${r1(y)}" class="m">-target=${esc(n.target)}</text>`);
  if (n.resources) {
    y += 16;
    const cpu = Math.round(n.resources.cpu * 100) / 100;
    const gib = Math.round((n.resources.memoryBytes / 1024 ** 3) * 10) / 10;
    const detail = n.detail && !n.detail.startsWith('-target') ? ` · ${n.detail}` : '';
    out.push(`<text x="${x}" y="${r1(y)}" class="s">${cpu} CPU · ${gib} GiB${esc(detail)}</text>`);
  }
  if (n.modules.length > 0) {
    for (const row of wrapChips(n.modules, b.w - 30)) {
      y += 19;
      let cx0 = b.x + 14;
      for (const m of row) {
        const w = m.length * chipChar + 8;
        out.push(
          `<rect x="${r1(cx0)}" y="${r1(y - 11)}" width="${w}" height="15" rx="3" fill="${p.chipFill}"/>`,
          `<text x="${r1(cx0 + 4)}" y="${r1(y)}" class="c">${esc(m)}</text>`,
        );
        cx0 += w + 4;
      }
    }
  }
  if (status) {
    for (const line of status.split('\n')) {
      y += 15;
      out.push(`<text x="${x}" y="${r1(y)}" class="s">${esc(line)}</text>`);
    }
  }
  return `<g data-id="${esc(n.id)}">${out.join('')}</g>`;
}

/** Where an edge leaves and enters: facing sides, as on the canvas. */
function anchors(a: Box, b: Box) {
  const dx = b.x + b.w / 2 - (a.x + a.w / 2);
  const dy = b.y + b.h / 2 - (a.y + a.h / 2);
  if (Math.abs(dx) >= PROCESS_W * 0.6) {
    const s = dx > 0 ? { x: a.x + a.w, y: a.y + a.h / 2 } : { x: a.x, y: a.y + a.h / 2 };
    const t = dx > 0 ? { x: b.x, y: b.y + b.h / 2 } : { x: b.x + b.w, y: b.y + b.h / 2 };
    const k = Math.max(30, Math.abs(t.x - s.x) / 2) * Math.sign(dx);
    return { s, t, c1: { x: s.x + k, y: s.y }, c2: { x: t.x - k, y: t.y } };
  }
  const s = dy > 0 ? { x: a.x + a.w / 2, y: a.y + a.h } : { x: a.x + a.w / 2, y: a.y };
  const t = dy > 0 ? { x: b.x + b.w / 2, y: b.y } : { x: b.x + b.w / 2, y: b.y + b.h };
  const k = Math.max(20, Math.abs(t.y - s.y) / 2) * Math.sign(dy || 1);
  return { s, t, c1: { x: s.x, y: s.y + k }, c2: { x: t.x, y: t.y - k } };
}

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Points along a cubic curve, about every 3 px (what "a line through a label" is checked against). */
function curvePoints(s: Pt, c1: Pt, c2: Pt, t: Pt): Pt[] {
  const length =
    Math.hypot(c1.x - s.x, c1.y - s.y) +
    Math.hypot(c2.x - c1.x, c2.y - c1.y) +
    Math.hypot(t.x - c2.x, t.y - c2.y);
  const n = Math.max(8, Math.ceil(length / 3));
  const out: Pt[] = [];
  for (let i = 0; i <= n; i++) out.push(bezier(s, c1, c2, t, i / n));
  return out;
}
interface Pt {
  x: number;
  y: number;
}
function bezier(s: Pt, c1: Pt, c2: Pt, t: Pt, k: number): Pt {
  const u = 1 - k;
  return {
    x: u * u * u * s.x + 3 * u * u * k * c1.x + 3 * u * k * k * c2.x + k * k * k * t.x,
    y: u * u * u * s.y + 3 * u * u * k * c1.y + 3 * u * k * k * c2.y + k * k * k * t.y,
  };
}
const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
/** Does the polyline through `pts` cross or touch `r`? (Segments sampled at a pixel.) */
function lineHits(pts: readonly Pt[], r: Rect): boolean {
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    const steps = Math.max(1, Math.ceil(Math.hypot(b.x - a.x, b.y - a.y)));
    for (let k = 0; k <= steps; k++) {
      const x = a.x + ((b.x - a.x) * k) / steps;
      const y = a.y + ((b.y - a.y) * k) / steps;
      if (x >= r.x && x <= r.x + r.w && y >= r.y && y <= r.y + r.h) return true;
    }
  }
  return false;
}

/** Where on its curve a label may sit, from the middle out. */
const SPOTS = [0.5, 0.45, 0.55, 0.4, 0.6, 0.35, 0.65, 0.3, 0.7, 0.25, 0.75, 0.2, 0.8, 0.15, 0.85];
/** Room kept between an edge label and any other edge line, in pixels. */
const LABEL_CLEARANCE = 3;
/** Two labels with the same text closer than this (pixels, between their boxes) would read as one repeated. */
const SAME_LABEL_APART = 48;

export function topologySvg(t: Topology, o: SvgOptions): string {
  const p = PALETTE[o.theme];
  const docs = o.docs === true;
  chipChar = docs ? 6.6 : 6;
  const boxes = new Map<string, Box>();
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const n of t.nodes) {
    const pos = o.positions?.get(n.id) ?? n.position;
    const w = docs ? DOCS_NODE_W : n.target ? PROCESS_W : EXTERNAL_W;
    const h = nodeHeight(n, o.nodeStatus?.has(n.id) ?? false);
    boxes.set(n.id, { node: n, x: pos.x, y: pos.y, w, h });
    minX = Math.min(minX, pos.x);
    minY = Math.min(minY, pos.y);
    maxX = Math.max(maxX, pos.x + w);
    maxY = Math.max(maxY, pos.y + h);
  }
  if (boxes.size === 0) {
    minX = minY = 0;
    maxX = maxY = 100;
  }
  const paths = [...new Set(t.edges.map((e) => e.path))];
  const width = Math.ceil(maxX - minX + 2 * PAD);
  // The legend wraps to the drawing's width.
  const legendChar = docs ? 6.8 : 6;
  const legendRows: { path: (typeof paths)[number]; x: number }[][] = [[]];
  let lx = PAD;
  for (const k of paths) {
    const w = 30 + EDGE[k].name.length * legendChar + 18;
    if (lx > PAD && lx + w - 18 > width - PAD / 2) {
      legendRows.push([]);
      lx = PAD;
    }
    legendRows[legendRows.length - 1]!.push({ path: k, x: lx });
    lx += w;
  }
  const legendHeight = paths.length > 0 ? LEGEND_H + (legendRows.length - 1) * 18 : 0;
  const height = Math.ceil(maxY - minY + 2 * PAD + legendHeight);
  const ox = PAD - minX;
  const oy = PAD - minY;
  const edgeSvg: string[] = [];
  const labelSvg: string[] = [];
  // Every edge's curve first: a label is placed where no other edge's line runs.
  const curves = t.edges.flatMap((e) => {
    const a = boxes.get(e.source);
    const b = boxes.get(e.target);
    if (!a || !b) return [];
    const c = anchors(a, b);
    const pts = curvePoints(c.s, c.c1, c.c2, c.t);
    let x0 = Number.POSITIVE_INFINITY;
    let y0 = Number.POSITIVE_INFINITY;
    let x1 = Number.NEGATIVE_INFINITY;
    let y1 = Number.NEGATIVE_INFINITY;
    for (const q of pts) {
      x0 = Math.min(x0, q.x);
      y0 = Math.min(y0, q.y);
      x1 = Math.max(x1, q.x);
      y1 = Math.max(y1, q.y);
    }
    return [{ e, ...c, pts, bounds: { x: x0 - 8, y: y0 - 8, w: x1 - x0 + 16, h: y1 - y0 + 16 } }];
  });
  const kindOf = new Map(t.nodes.map((n) => [n.id, n.kind]));
  const placed: (Rect & { text: string })[] = [];
  /** A static label (`push ×3`) says the same of every edge between two components: said once per pair. */
  const saidFor = new Set<string>();
  const labelH = docs ? 15 : 13;
  const charW = docs ? 6.4 : 5.6;
  for (const c of curves) {
    const { e, s: from, c1, c2, t: to } = c;
    const style = EDGE[e.path];
    const color = style[o.theme];
    const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
    const marker = e.path === 'ring' ? '' : ` marker-end="url(#arrow-${e.path})"`;
    edgeSvg.push(
      `<path d="M${r1(from.x)} ${r1(from.y)} C${r1(c1.x)} ${r1(c1.y)} ${r1(c2.x)} ${r1(c2.y)} ${r1(to.x)} ${r1(to.y)}" fill="none" stroke="${color}" stroke-width="1.6"${dash}${marker} data-edge="${esc(e.id)}"/>`,
    );
    const live = o.edgeLabels?.get(e.id);
    const label = live ?? e.label;
    if (!label) continue;
    const pair = `${e.path}:${kindOf.get(e.source)}->${kindOf.get(e.target)}:${label}`;
    if (live === undefined && saidFor.has(pair)) continue;
    // On the curve, at the first place from its middle out where the label clears every node, every
    // other label and every other edge's line, and is not beside a label that says the same.
    const w = label.length * charW + 8;
    const rectAt = (q: Pt): Rect => ({ x: q.x - w / 2, y: q.y - labelH / 2, w, h: labelH });
    const clear = (q: Pt) => {
      const r = rectAt(q);
      const wide = {
        x: r.x - LABEL_CLEARANCE,
        y: r.y - LABEL_CLEARANCE,
        w: r.w + 2 * LABEL_CLEARANCE,
        h: r.h + 2 * LABEL_CLEARANCE,
      };
      if ([...boxes.values()].some((bx) => overlaps(wide, bx))) return false;
      if (placed.some((pl) => overlaps(wide, pl))) return false;
      const near = {
        x: r.x - SAME_LABEL_APART,
        y: r.y - SAME_LABEL_APART,
        w: r.w + 2 * SAME_LABEL_APART,
        h: r.h + 2 * SAME_LABEL_APART,
      };
      if (placed.some((pl) => pl.text === label && overlaps(near, pl))) return false;
      return !curves.some((o2) => o2 !== c && overlaps(wide, o2.bounds) && lineHits(o2.pts, wide));
    };
    const spot = SPOTS.map((k) => bezier(from, c1, c2, to, k)).find(clear);
    // A label with no such place is left out: the legend names the kinds, the edge's end its target.
    if (!spot) continue;
    saidFor.add(pair);
    const r = rectAt(spot);
    placed.push({ ...r, text: label });
    labelSvg.push(
      `<g data-edge="${esc(e.id)}"><rect x="${r1(r.x)}" y="${r1(r.y)}" width="${r1(r.w)}" height="${r.h}" rx="2" fill="${p.labelBg}" opacity="0.9"/><text x="${r1(spot.x)}" y="${r1(spot.y + (docs ? 4 : 3.5))}" text-anchor="middle" class="e">${esc(label)}</text></g>`,
    );
  }
  const markers = paths
    .filter((k) => k !== 'ring')
    .map(
      (k) =>
        `<marker id="arrow-${k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${EDGE[k][o.theme]}"/></marker>`,
    )
    .join('');
  const legend: string[] = [];
  legendRows.forEach((row, i) => {
    const ly = height - legendHeight + LEGEND_H / 2 - PAD / 2 + 10 + i * 18;
    for (const { path: k, x } of row) {
      const style = EDGE[k];
      const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
      legend.push(
        `<line x1="${x}" y1="${r1(ly - 4)}" x2="${x + 24}" y2="${r1(ly - 4)}" stroke="${style[o.theme]}" stroke-width="2"${dash}/><text x="${x + 30}" y="${r1(ly)}" class="s">${esc(style.name)}</text>`,
      );
    }
  });
  const font = 'font-family="ui-sans-serif, system-ui, -apple-system, Segoe UI, Roboto, sans-serif"';
  // Docs width: nothing under 11 px where the page shows the drawing 800 px wide.
  const size = docs ? { t: 14, s: 12, m: 12, c: 11, e: 11 } : { t: 13, s: 11, m: 11, c: 10, e: 10 };
  const css = `.t{font-size:${size.t}px;font-weight:600;fill:${p.text}}.s{font-size:${size.s}px;fill:${p.muted}}.m{font-size:${size.m}px;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;fill:${p.muted}}.c{font-size:${size.c}px;fill:${p.text}}.e{font-size:${size.e}px;fill:${p.muted}}`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${font} role="img">`,
    `<title>${esc(o.title ?? 'Tempo architecture')}</title>`,
    `<style>${css}</style>`,
    `<defs>${markers}</defs>`,
    `<rect width="100%" height="100%" fill="${p.bg}"/>`,
    `<g transform="translate(${r1(ox)} ${r1(oy)})">`,
    `<g class="edges">${edgeSvg.join('')}</g>`,
    `<g class="nodes">${[...boxes.values()].map((b) => nodeSvg(b, p, o.nodeStatus?.get(b.node.id))).join('')}</g>`,
    `<g class="labels">${labelSvg.join('')}</g>`,
    '</g>',
    `<g class="legend">${legend.join('')}</g>`,
    '</svg>',
  ].join('\n');
}

/**
 * Where each component sits at docs width: row (top to bottom, the write path first) and slot (0 the
 * write lane on the left, 2 the read lane on the right, 1 between them).
 */
const DOCS_SLOT: Record<ComponentKind, [number, number]> = {
  client: [0, 0],
  grafana: [0, 2],
  tempo: [1, 1],
  distributor: [1, 0],
  'query-frontend': [1, 2],
  kafka: [2, 0],
  ingester: [2, 0],
  querier: [2, 2],
  'block-builder': [3, 0],
  'metrics-generator': [3, 1],
  'live-store': [3, 2],
  ring: [3, 1],
  'object-storage': [4, 1],
  compactor: [5, 0],
  'backend-scheduler': [5, 0],
  'backend-worker': [5, 2],
};
const DOCS_GAP_X = 30;
const DOCS_GAP_Y = 56;

/**
 * The graph for a page about 800 px wide: one node per component (replicas as a count, `ingester ×3`),
 * three to a row, the write path down the left and the read path down the right. With docs: true,
 * topologySvg draws it DOCS_WIDTH wide with no type under 11 px. Pure.
 */
export function docsTopology(t: Topology, partitionRing: boolean, withStatus = false): Topology {
  const nodes = t.nodes.map((n) => ({ ...n }));
  // 3.0's partition ring sits beside storage, by the live-stores; 2.10's metrics-generator beside the
  // ingesters (2.10's ring takes its place below them).
  const slotOf = (n: TopologyNode): [number, number] =>
    n.kind === 'ring' && partitionRing
      ? [4, 2]
      : n.kind === 'metrics-generator' && !partitionRing
        ? [2, 1]
        : DOCS_SLOT[n.kind];
  const rows = [...new Set(nodes.map((n) => slotOf(n)[0]))].sort((a, b) => a - b);
  let y = 0;
  for (const row of rows) {
    const inRow = nodes.filter((n) => slotOf(n)[0] === row);
    for (const n of inRow) n.position = { x: slotOf(n)[1] * (DOCS_NODE_W + DOCS_GAP_X), y };
    y += Math.max(...inRow.map((n) => nodeHeight(n, withStatus))) + DOCS_GAP_Y;
  }
  return { ...t, nodes };
}

/** Set the root element's width (and the height in proportion); the viewBox keeps the drawing. */
export function withDisplayWidth(svg: string, width: number): string {
  const m = /^<svg [^>]*?width="(\d+)" height="(\d+)"/.exec(svg);
  if (!m) return svg;
  const w = Number(m[1]);
  const h = Number(m[2]);
  const height = Math.max(1, Math.round((h * width) / w));
  return svg.replace(/^(<svg [^>]*?)width="\d+" height="\d+"/, `$1width="${width}" height="${height}"`);
}
