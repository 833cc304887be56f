import { useEffect, useId, useRef, useState } from 'react';
import { mermaidLiveUrl } from '../../export/mermaidLive';
import { Button } from '../panels/ui';
import { resolvedTheme, useTheme } from '../store/themeStore';

/** Renders Mermaid text to SVG with mermaid loaded on demand, strict security level. */
export function MermaidPreview({ text }: { text: string }) {
  const [svg, setSvg] = useState<string | null>(null);
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
        if (!cancelled) {
          setSvg(out.svg);
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
  const zoomBy = (f: number) => setZoom((z) => Math.min(4, Math.max(0.25, Math.round(z * f * 100) / 100)));
  return (
    <section
      className="flex min-h-0 flex-1 flex-col gap-1 rounded border border-slate-200 bg-white p-2 dark:border-slate-700 dark:bg-slate-950"
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
        <Button onClick={() => setZoom(1)} title="Back to 100%">
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
        className="min-h-0 flex-1 cursor-grab overflow-auto active:cursor-grabbing"
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
          zoomBy(e.deltaY < 0 ? 1.1 : 1 / 1.1);
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
          <div
            style={{ transform: `scale(${zoom})`, transformOrigin: '0 0' }}
            data-testid="mermaid-svg"
            // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by mermaid in strict mode
            dangerouslySetInnerHTML={{ __html: svg }}
          />
        )}
      </div>
    </section>
  );
}
