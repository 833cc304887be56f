import { useEffect, useId, useState } from 'react';
import { resolvedTheme, useTheme } from '../store/themeStore';

/** Renders Mermaid text to SVG with mermaid loaded on demand, strict security level. */
export function MermaidPreview({ text }: { text: string }) {
  const [svg, setSvg] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
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
  return (
    <section
      className="min-h-0 flex-1 overflow-auto rounded border border-slate-200 bg-white p-2 dark:border-slate-700 dark:bg-slate-950"
      data-testid="mermaid-preview"
      aria-label="Mermaid preview"
    >
      {error && (
        <p className="text-red-700 text-sm dark:text-red-300">
          Mermaid could not render this diagram: {error}
        </p>
      )}
      {!svg && !error && <p className="text-slate-500 text-sm">Loading Mermaid…</p>}
      {/* mermaid's own output, rendered with securityLevel 'strict' (sanitised, no scripts or links) */}
      {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised by mermaid in strict mode */}
      {svg && <div dangerouslySetInnerHTML={{ __html: svg }} />}
    </section>
  );
}
