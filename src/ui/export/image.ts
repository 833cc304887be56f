/**
 * PNG and SVG of the canvas, framed to the graph, in a chosen theme. html-to-image loads on demand.
 */
import { getNodesBounds, getViewportForBounds, type ReactFlowInstance } from '@xyflow/react';
import { useTheme } from '../store/themeStore';

let instance: ReactFlowInstance | null = null;

/** The canvas registers its xyflow instance here so exports can read the graph's bounds. */
export function registerCanvas(inst: ReactFlowInstance | null) {
  instance = inst;
}

const PADDING = 40;
const MAX_SIDE = 4096;

const nextFrame = () => new Promise<void>((r) => requestAnimationFrame(() => r()));

export async function renderCanvasImage(format: 'png' | 'svg', theme: 'light' | 'dark'): Promise<string> {
  const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
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
    return format === 'png' ? await toPng(viewport, options) : await toSvg(viewport, options);
  } finally {
    useTheme.setState({ forced: previous });
  }
}

/** Where the nodes are drawn now (after drags), for exports that lay the graph out themselves. */
export function drawnPositions(): Map<string, { x: number; y: number }> {
  return new Map((instance?.getNodes() ?? []).map((n) => [n.id, n.position]));
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

export function downloadDataUrl(dataUrl: string, fileName: string) {
  const a = document.createElement('a');
  a.href = dataUrl;
  a.download = fileName;
  a.click();
}

export function downloadBlob(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  downloadDataUrl(url, fileName);
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function downloadText(text: string, fileName: string, mime = 'text/plain') {
  downloadBlob(new Blob([text], { type: `${mime};charset=utf-8` }), fileName);
}
