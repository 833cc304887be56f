/**
 * The architecture as a vector SVG for documents: nodes are rects, edges are paths, text is text
 * (no foreignObject, no HTML), in a light or dark palette. A "clean" diagram carries no live
 * numbers; otherwise the caller hands in what the simulation shows now (edge rates, node status).
 */
import type { DataPath, Tier } from '../model/catalog';
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
}

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

function wrapChips(modules: readonly string[], width: number): string[][] {
  const rows: string[][] = [[]];
  let used = 0;
  for (const m of modules) {
    const w = m.length * 6 + 12;
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
    for (const row of wrapChips(n.modules, 200)) {
      y += 19;
      let cx0 = b.x + 14;
      for (const m of row) {
        const w = m.length * 6 + 8;
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

export function topologySvg(t: Topology, o: SvgOptions): string {
  const p = PALETTE[o.theme];
  const boxes = new Map<string, Box>();
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const n of t.nodes) {
    const pos = o.positions?.get(n.id) ?? n.position;
    const w = n.target ? PROCESS_W : EXTERNAL_W;
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
  const height = Math.ceil(maxY - minY + 2 * PAD + (paths.length > 0 ? LEGEND_H : 0));
  const ox = PAD - minX;
  const oy = PAD - minY;
  const edgeSvg: string[] = [];
  const labelSvg: string[] = [];
  const placed: { x: number; y: number; w: number; h: number }[] = [];
  for (const e of t.edges) {
    const a = boxes.get(e.source);
    const b = boxes.get(e.target);
    if (!a || !b) continue;
    const { s, t: tt, c1, c2 } = anchors(a, b);
    const style = EDGE[e.path];
    const color = style[o.theme];
    const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
    const marker = e.path === 'ring' ? '' : ` marker-end="url(#arrow-${e.path})"`;
    edgeSvg.push(
      `<path d="M${r1(s.x)} ${r1(s.y)} C${r1(c1.x)} ${r1(c1.y)} ${r1(c2.x)} ${r1(c2.y)} ${r1(tt.x)} ${r1(tt.y)}" fill="none" stroke="${color}" stroke-width="1.6"${dash}${marker}/>`,
    );
    const label = o.edgeLabels?.get(e.id) ?? e.label;
    if (label) {
      // On the curve, at the first place from its middle out where the label clears every node.
      const w = label.length * 5.6 + 8;
      const at = (k: number) => {
        const u = 1 - k;
        return {
          x: u * u * u * s.x + 3 * u * u * k * c1.x + 3 * u * k * k * c2.x + k * k * k * tt.x,
          y: u * u * u * s.y + 3 * u * u * k * c1.y + 3 * u * k * k * c2.y + k * k * k * tt.y,
        };
      };
      const hits = (q: { x: number; y: number }, r: { x: number; y: number; w: number; h: number }) =>
        q.x + w / 2 > r.x && q.x - w / 2 < r.x + r.w && q.y + 8 > r.y && q.y - 8 < r.y + r.h;
      const clear = (q: { x: number; y: number }) =>
        ![...boxes.values()].some((bx) => hits(q, bx)) && !placed.some((r) => hits(q, r));
      const spot = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8].map(at).find(clear);
      // A label that would sit on a node or on another label is left out: the legend names the kinds.
      if (!spot) continue;
      placed.push({ x: spot.x - w / 2, y: spot.y - 7, w, h: 14 });
      const mx = spot.x;
      const my = spot.y;
      labelSvg.push(
        `<rect x="${r1(mx - w / 2)}" y="${r1(my - 7)}" width="${r1(w)}" height="13" rx="2" fill="${p.labelBg}" opacity="0.9"/><text x="${r1(mx)}" y="${r1(my + 3)}" text-anchor="middle" class="e">${esc(label)}</text>`,
      );
    }
  }
  const markers = paths
    .filter((k) => k !== 'ring')
    .map(
      (k) =>
        `<marker id="arrow-${k}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${EDGE[k][o.theme]}"/></marker>`,
    )
    .join('');
  const legend: string[] = [];
  let lx = PAD;
  const ly = height - PAD / 2 - 6;
  for (const k of paths) {
    const style = EDGE[k];
    const dash = style.dash ? ` stroke-dasharray="${style.dash}"` : '';
    legend.push(
      `<line x1="${lx}" y1="${ly - 4}" x2="${lx + 24}" y2="${ly - 4}" stroke="${style[o.theme]}" stroke-width="2"${dash}/><text x="${lx + 30}" y="${ly}" class="s">${esc(style.name)}</text>`,
    );
    lx += 30 + style.name.length * 6 + 18;
  }
  const font = 'font-family="ui-sans-serif, system-ui, -apple-system, Segoe UI, Roboto, sans-serif"';
  const css = `.t{font-size:13px;font-weight:600;fill:${p.text}}.s{font-size:11px;fill:${p.muted}}.m{font-size:11px;font-family:ui-monospace,SFMono-Regular,Menlo,monospace;fill:${p.muted}}.c{font-size:10px;fill:${p.text}}.e{font-size:10px;fill:${p.muted}}`;
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
