/**
 * PNG and SVG of the canvas, framed to the graph, in a chosen theme. html-to-image loads on demand.
 */
import { getNodesBounds, getViewportForBounds } from '@xyflow/react';
import { canvasInstance } from '../canvas/canvasRegistry';
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
    return format === 'png' ? await toPng(viewport, options) : await toSvg(viewport, options);
  } finally {
    useTheme.setState({ forced: previous });
  }
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
