/**
 * PNG and SVG of the canvas, framed to the graph, in a chosen theme. html-to-image loads on demand.
 */
import { getNodesBounds, getViewportForBounds } from '@xyflow/react';
import type { DataPath } from '../../model/catalog';
import { canvasInstance } from '../canvas/canvasRegistry';
import { PATH_STYLE, TROUBLE_STYLE } from '../canvas/edgeStyle';
import { useTheme } from '../store/themeStore';

export { downloadBlob, downloadDataUrl, downloadText } from '../download';

const PADDING = 40;
const MAX_SIDE = 4096;

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

export async function renderCanvasImage(format: 'png' | 'svg', theme: 'light' | 'dark'): Promise<string> {
  const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
  const instance = canvasInstance();
  if (!instance || !viewport) throw new Error('The canvas is not on screen.');
  const nodes = instance.getNodes();
  if (nodes.length === 0) throw new Error('The graph is empty.');
  const bounds = getNodesBounds(nodes);
  const scale = Math.min(2, MAX_SIDE / Math.max(bounds.width + 2 * PADDING, bounds.height + 2 * PADDING));
  const width = Math.round((bounds.width + 2 * PADDING) * scale);
  const height = Math.round((bounds.height + 2 * PADDING) * scale);
  const vp = getViewportForBounds(bounds, width, height, 0.05, 4, `${PADDING * scale}px`);
  const previous = useTheme.getState().forced;
  useTheme.setState({ forced: theme });
  await nextFrame();
  await nextFrame();
  try {
    const { toPng, toSvg } = await import('html-to-image');
    const options = {
      backgroundColor: theme === 'dark' ? '#0f172a' : '#ffffff',
      width,
      height,
      style: {
        width: `${width}px`,
        height: `${height}px`,
        transform: `translate(${vp.x}px, ${vp.y}px) scale(${vp.zoom})`,
      },
      // Handles are invisible anyway; edges' label backgrounds keep their colours.
      filter: (el: HTMLElement) => !el.classList?.contains('react-flow__minimap'),
    };
    if (format === 'svg') return await toSvg(viewport, options);
    // The legend of the canvas sits outside the captured graph: drawn under the picture, as on screen.
    const paths = new Set(
      instance
        .getEdges()
        .map((e) => (e.data as { path?: DataPath } | undefined)?.path)
        .filter((p): p is DataPath => !!p),
    );
    return await withLegend(await toPng(viewport, options), theme, paths, scale);
  } finally {
    useTheme.setState({ forced: previous });
  }
}

/** A legend strip under a PNG: each kind of edge the graph has, then "refusing or down", wrapped to its width. */
async function withLegend(
  png: string,
  theme: 'light' | 'dark',
  paths: ReadonlySet<DataPath>,
  scale: number,
): Promise<string> {
  const img = new Image();
  img.src = png;
  await img.decode();
  const items = [
    ...(Object.keys(PATH_STYLE) as DataPath[])
      .filter((k) => paths.has(k))
      .map((k) => ({ stroke: PATH_STYLE[k].stroke, dash: PATH_STYLE[k].dash, label: PATH_STYLE[k].label })),
    TROUBLE_STYLE,
  ];
  const font = '12px ui-sans-serif, system-ui, sans-serif';
  const measure = document.createElement('canvas').getContext('2d');
  if (!measure) throw new Error('No 2D canvas in this browser.');
  measure.font = font;
  // Lay the items out in CSS pixels of the picture, then draw at its scale.
  const width = img.naturalWidth / scale;
  const rows: { x: number; item: (typeof items)[number] }[][] = [[]];
  let x = PADDING / 2;
  for (const item of items) {
    const w = 30 + measure.measureText(item.label).width + 18;
    if (x > PADDING / 2 && x + w > width - PADDING / 2) {
      rows.push([]);
      x = PADDING / 2;
    }
    rows[rows.length - 1]!.push({ x, item });
    x += w;
  }
  const strip = 12 + rows.length * 20;
  const canvas = document.createElement('canvas');
  canvas.width = img.naturalWidth;
  canvas.height = Math.round(img.naturalHeight + strip * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('No 2D canvas in this browser.');
  ctx.fillStyle = theme === 'dark' ? '#0f172a' : '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(img, 0, 0);
  ctx.scale(scale, scale);
  ctx.font = font;
  ctx.textBaseline = 'middle';
  const top = img.naturalHeight / scale;
  rows.forEach((row, i) => {
    const y = top + 16 + i * 20;
    for (const { x: at, item } of row) {
      ctx.strokeStyle = item.stroke;
      ctx.lineWidth = 2;
      ctx.setLineDash(item.dash ? item.dash.split(' ').map(Number) : []);
      ctx.beginPath();
      ctx.moveTo(at, y);
      ctx.lineTo(at + 24, y);
      ctx.stroke();
      ctx.fillStyle = theme === 'dark' ? '#e2e8f0' : '#334155';
      ctx.fillText(item.label, at + 30, y);
    }
  });
  return canvas.toDataURL('image/png');
}

/** Where the nodes are drawn now (after drags), for exports that lay the graph out themselves. */
export function drawnPositions(): Map<string, { x: number; y: number }> {
  return new Map((canvasInstance()?.getNodes() ?? []).map((n) => [n.id, n.position]));
}

/** Rasterise an SVG string (our vector export) to a PNG data URL at `scale`. */
export async function svgToPng(svg: string, scale = 2): Promise<string> {
  const img = new Image();
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(img.naturalWidth * scale);
    canvas.height = Math.round(img.naturalHeight * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('No 2D canvas in this browser.');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    return canvas.toDataURL('image/png');
  } finally {
    URL.revokeObjectURL(url);
  }
}
