import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import { mermaidLiveUrl } from '../../export/mermaidLive';
import { Button } from '../panels/ui';
import { resolvedTheme, useTheme } from '../store/themeStore';

/** Renders Mermaid text to SVG with mermaid loaded on demand, strict security level. */
export function MermaidPreview({ text }: { text: string }) {
  const [svg, setSvg] = useState<{ text: string; w: number; h: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [zoom, setZoom] = useState(1);
  const [liveUrl, setLiveUrl] = useState<string | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const drag = useRef<{ x: number; y: number; left: number; top: number } | null>(null);
  const theme = useTheme(resolvedTheme);
  const id = `mmd-${useId().replace(/[^a-zA-Z0-9]/g, '')}`;
  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const mermaid = (await import('mermaid')).default;
        mermaid.initialize({
          startOnLoad: false,
          securityLevel: 'strict',
          theme: theme === 'dark' ? 'dark' : 'default',
        });
        const out = await mermaid.render(id, text);
        // Its own size (the viewBox): the preview sets the drawn size to that times the zoom.
        const box = /viewBox="[-\d.e]+ [-\d.e]+ ([\d.e]+) ([\d.e]+)"/.exec(out.svg);
        if (!cancelled) {
          setSvg({ text: out.svg, w: Number(box?.[1] ?? 800), h: Number(box?.[2] ?? 600) });
          setError(null);
        }
      } catch (e) {
        if (!cancelled) setError((e as Error).message);
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [text, theme, id]);
  useEffect(() => {
    let cancelled = false;
    mermaidLiveUrl(text, theme === 'dark' ? 'dark' : 'default').then(
      (u) => !cancelled && setLiveUrl(u),
      () => !cancelled && setLiveUrl(null),
    );
    return () => {
      cancelled = true;
    };
  }, [text, theme]);
  const inner = useRef<HTMLDivElement>(null);
  /** The point to keep in place while zooming: where it is in the box, and where in the drawing (0-1). */
  const anchor = useRef<{ px: number; py: number; ux: number; uy: number } | null>(null);
  /** Zoom about a point of the box (its centre unless given: the pointer, for Ctrl+wheel). */
  const zoomBy = (f: number, at?: { x: number; y: number }) => {
    const el = box.current;
    const c = inner.current?.getBoundingClientRect();
    if (el && c && c.width > 0 && c.height > 0) {
      const r = el.getBoundingClientRect();
      const px = at ? at.x - r.left : el.clientWidth / 2;
      const py = at ? at.y - r.top : el.clientHeight / 2;
      anchor.current = { px, py, ux: (r.left + px - c.left) / c.width, uy: (r.top + py - c.top) / c.height };
    }
    setZoom((z) => Math.min(4, Math.max(0.25, Math.round(z * f * 100) / 100)));
  };
  // Once drawn at the new size, scroll so that the anchored point is where it was.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each change of zoom
  useLayoutEffect(() => {
    const a = anchor.current;
    anchor.current = null;
    const el = box.current;
    const c = inner.current?.getBoundingClientRect();
    if (!a || !el || !c) return;
    const r = el.getBoundingClientRect();
    el.scrollLeft += c.left + a.ux * c.width - r.left - a.px;
    el.scrollTop += c.top + a.uy * c.height - r.top - a.py;
  }, [zoom]);
  return (
    <section
      className="flex min-h-0 min-w-0 flex-1 flex-col gap-1 rounded border border-slate-200 bg-white p-2 dark:border-slate-700 dark:bg-slate-950"
      data-testid="mermaid-preview"
      aria-label="Mermaid preview"
    >
      <div className="flex flex-wrap items-center gap-1 text-sm">
        <Button onClick={() => zoomBy(1 / 1.25)} title="Zoom out" testId="mermaid-zoom-out">
          −
        </Button>
        <span className="w-12 text-center tabular-nums" data-testid="mermaid-zoom">
          {Math.round(zoom * 100)}%
        </span>
        <Button onClick={() => zoomBy(1.25)} title="Zoom in" testId="mermaid-zoom-in">
          +
        </Button>
        <Button onClick={() => zoomBy(1 / zoom)} title="Back to 100%">
          Reset
        </Button>
        <span className="text-slate-500 text-xs dark:text-slate-400">drag to pan</span>
        {liveUrl && (
          <a
            href={liveUrl}
            target="_blank"
            rel="noopener noreferrer"
            className="ml-auto text-sky-800 underline dark:text-sky-300"
            data-testid="mermaid-live"
          >
            Open in Mermaid Live
          </a>
        )}
      </div>
      <div
        ref={box}
        className="flex min-h-0 min-w-0 flex-1 cursor-grab overflow-auto active:cursor-grabbing"
        onPointerDown={(e) => {
          const el = box.current;
          if (!el) return;
          drag.current = { x: e.clientX, y: e.clientY, left: el.scrollLeft, top: el.scrollTop };
          el.setPointerCapture(e.pointerId);
        }}
        onPointerMove={(e) => {
          const el = box.current;
          const d = drag.current;
          if (!el || !d) return;
          el.scrollLeft = d.left - (e.clientX - d.x);
          el.scrollTop = d.top - (e.clientY - d.y);
        }}
        onPointerUp={() => {
          drag.current = null;
        }}
        onWheel={(e) => {
          if (!e.ctrlKey) return;
          e.preventDefault();
          zoomBy(e.deltaY < 0 ? 1.1 : 1 / 1.1, { x: e.clientX, y: e.clientY });
        }}
      >
        {error && (
          <p className="text-red-700 text-sm dark:text-red-300">
            Mermaid could not render this diagram: {error}
          </p>
        )}
        {!svg && !error && <p className="text-slate-500 text-sm">Loading Mermaid…</p>}
        {/* mermaid's own output, rendered with securityLevel 'strict' (sanitised, no scripts or links) */}
        {svg && (
          // Drawn at its size times the zoom (sharp at any zoom), centred while smaller than the box.
          <div
            ref={inner}
            className="m-auto shrink-0 [&>svg]:h-full [&>svg]:w-full [&>svg]:max-w-none"
            style={{ width: svg.w * zoom, height: svg.h * zoom }}
            data-testid="mermaid-svg"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by mermaid in strict mode
            dangerouslySetInnerHTML={{ __html: svg.text }}
          />
        )}
      </div>
    </section>
  );
}
