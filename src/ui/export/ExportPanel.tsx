/** Export dialog: tabs per artifact, highlighted text, copy and download; images of the canvas. Lazy-loaded. */
import { useId, useMemo, useState } from 'react';
import { DOCS_WIDTH, docsTopology, topologySvg, withDisplayWidth } from '../../export/svgDiagram';
import { deriveTopology } from '../../model/topology';
import { ModalDialog, TabList, TabPanel } from '../panels/Dialog';
import { Button } from '../panels/ui';
import { useScenarioStore } from '../store/scenarioStore';
import { resolvedTheme, useTheme } from '../store/themeStore';
import { groupAbove, useView } from '../store/viewStore';
import { type Artifact, artifactsFor } from './artifacts';
import { Highlighted } from './highlight';
import {
  downloadBlob,
  downloadDataUrl,
  downloadText,
  drawnPositions,
  renderCanvasImage,
  svgToPng,
} from './image';
import { liveLabels } from './liveLabels';
import { MermaidPreview } from './MermaidPreview';

type TabId = Artifact['id'] | 'image';

/** The bytes of a base64 data URL. */
function dataUrlBytes(url: string): Uint8Array {
  const bin = atob(url.slice(url.indexOf(',') + 1));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

/** What the SVG export draws, in the app's theme, before it is downloaded. */
function ImagePreview({ make }: { make: (theme: 'light' | 'dark') => string }) {
  const theme = useTheme(resolvedTheme);
  let src = '';
  try {
    src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(make(theme))}`;
  } catch {
    return null;
  }
  return (
    <img
      src={src}
      alt="Preview of the vector (SVG) export"
      className="max-h-[55vh] w-full rounded border border-slate-200 object-contain dark:border-slate-700"
      data-testid="export-preview"
    />
  );
}

export default function ExportPanel({ onClose }: { onClose: () => void }) {
  const scenario = useScenarioStore((s) => s.scenario);
  const artifacts = useMemo(() => artifactsFor(scenario), [scenario]);
  const [tab, setTab] = useState<TabId>(() => (artifacts.some((a) => a.id === 'tempo') ? 'tempo' : 'image'));
  /** A version x mode Tempo does not have: say why there is nothing to deploy. */
  const unsupported = useMemo(() => deriveTopology(scenario).unsupported, [scenario]);
  const [status, setStatus] = useState('');
  const tabs: { id: TabId; label: string }[] = [
    ...artifacts.map((a) => ({ id: a.id, label: a.label })),
    { id: 'image', label: 'Image' },
  ];
  const current = artifacts.find((a) => a.id === tab);

  const copy = async (a: Artifact) => {
    try {
      await navigator.clipboard.writeText(a.text);
      setStatus(`Copied ${a.fileName} to the clipboard.`);
    } catch {
      setStatus('The browser refused clipboard access; use Download instead.');
    }
  };

  const everyReplica = useView((v) => v.everyReplica);
  const [clean, setClean] = useState(false);
  const cleanId = useId();
  const [docsWidth, setDocsWidth] = useState(false);
  const docsId = useId();
  /**
   * The vector diagram: shapes and text, with the live numbers unless a clean diagram is asked for. At
   * docs width: one node per component, 800 px wide, no type under 11 px.
   */
  const vector = (theme: 'light' | 'dark') => {
    const whole = deriveTopology(scenario, { groupAbove: docsWidth ? 1 : groupAbove(everyReplica) });
    if (whole.unsupported) throw new Error(whole.unsupported.reason);
    const topology = docsWidth ? docsTopology(whole, scenario.tempoVersion === '3.0', !clean) : whole;
    const live = clean ? {} : liveLabels(topology);
    const svg = topologySvg(topology, {
      theme,
      positions: docsWidth ? undefined : drawnPositions(),
      title: `Tempo ${scenario.tempoVersion} ${scenario.mode}`,
      docs: docsWidth,
      ...live,
    });
    return docsWidth ? withDisplayWidth(svg, DOCS_WIDTH) : svg;
  };

  const image = async (format: 'png' | 'svg', theme: 'light' | 'dark') => {
    setStatus(`Rendering ${format.toUpperCase()}…`);
    try {
      // At docs width both are the vector drawing (the PNG at 1 pixel per unit: 800 px wide).
      const url =
        format === 'svg'
          ? `data:image/svg+xml;charset=utf-8,${encodeURIComponent(vector(theme))}`
          : docsWidth
            ? await svgToPng(vector(theme), 1)
            : clean
              ? await svgToPng(vector(theme))
              : await renderCanvasImage(format, theme);
      const suffix = docsWidth ? `-${DOCS_WIDTH}px` : '';
      downloadDataUrl(url, `tempo-${scenario.tempoVersion}-${scenario.mode}-${theme}${suffix}.${format}`);
      setStatus(
        `Downloaded ${format.toUpperCase()} (${theme}${docsWidth ? `, ${DOCS_WIDTH} px wide` : ''}).`,
      );
    } catch (e) {
      setStatus(`Could not render the image: ${(e as Error).message}`);
    }
  };

  const downloadBundle = async () => {
    setStatus('Packing the bundle…');
    try {
      // The bundle and its zip writer load on demand.
      const { bundleDocsSvg, bundleZip } = await import('../../export/bundle');
      // The docs-width drawing's PNG, rendered here by the browser (the CLI renders it with resvg).
      const docsSvg = bundleDocsSvg(scenario);
      const docsPng = docsSvg ? dataUrlBytes(await svgToPng(docsSvg, 1)) : undefined;
      const { fileName, bytes } = bundleZip(scenario, { docsPng });
      downloadBlob(new Blob([bytes as BlobPart], { type: 'application/zip' }), fileName);
      setStatus(
        `Downloaded ${fileName}: tempo.yaml, overrides, Helm, docker-compose, the diagram (Mermaid, SVG, PNG) and a README of what to fill in.`,
      );
    } catch (e) {
      setStatus(`Could not pack the bundle: ${(e as Error).message}`);
    }
  };

  return (
    <ModalDialog
      title="Export"
      testId="export-dialog"
      onClose={onClose}
      tall
      actions={
        <>
          <TabList label="Artifacts" tabs={tabs} value={tab} onChange={setTab} idPrefix="export" />
          <Button onClick={downloadBundle} testId="export-bundle">
            Download bundle (.zip)
          </Button>
        </>
      }
    >
      {unsupported && (
        <p
          className="mb-2 rounded border border-amber-400 bg-amber-50 p-2 text-amber-950 text-sm dark:bg-amber-950 dark:text-amber-50"
          data-testid="export-unsupported"
        >
          Nothing to deploy: {unsupported.reason}
        </p>
      )}
      <p
        className="pb-2 text-slate-600 text-sm dark:text-slate-300"
        aria-live="polite"
        data-testid="export-status"
      >
        {status}
      </p>
      <TabPanel idPrefix="export" value={tab}>
        {current && (
          <div className="flex min-h-0 flex-1 flex-col gap-2">
            <div className="flex flex-wrap items-center gap-2">
              <span className="font-mono text-sm">{current.fileName}</span>
              {current.note && (
                <span className="text-slate-600 text-xs dark:text-slate-300">{current.note}</span>
              )}
              {current.proven && (
                <span
                  className="w-full text-emerald-800 text-xs dark:text-emerald-300"
                  data-testid="export-proven"
                >
                  {current.proven}
                </span>
              )}
              <span className="ml-auto flex gap-1">
                <Button onClick={() => copy(current)} testId="export-copy">
                  Copy
                </Button>
                <Button
                  onClick={() => downloadText(current.text, current.fileName, current.mime)}
                  testId="export-download"
                >
                  Download
                </Button>
              </span>
            </div>
            <div className="flex min-h-0 flex-1 gap-3">
              <pre
                className="min-h-0 flex-1 overflow-auto rounded border border-slate-200 bg-slate-50 p-3 text-xs dark:border-slate-700 dark:bg-slate-950"
                data-testid={`export-text-${current.id}`}
                // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
                tabIndex={0}
              >
                <Highlighted text={current.text} language={current.language} />
              </pre>
              {current.id === 'mermaid' && <MermaidPreview text={current.text} />}
            </div>
          </div>
        )}
        {tab === 'image' && (
          <div className="space-y-3 text-sm">
            <p>
              An image of the whole graph, framed to its nodes. SVG is a vector drawing (shapes and text) for
              documents; PNG is a picture of the canvas as it is now.
            </p>
            <div className="flex items-center gap-2">
              <input
                id={cleanId}
                type="checkbox"
                checked={clean}
                onChange={(e) => setClean(e.currentTarget.checked)}
                data-testid="export-clean"
              />
              <label htmlFor={cleanId}>Clean diagram: no live numbers (rates, CPU, memory, status)</label>
            </div>
            <div className="flex items-center gap-2">
              <input
                id={docsId}
                type="checkbox"
                checked={docsWidth}
                onChange={(e) => setDocsWidth(e.currentTarget.checked)}
                data-testid="export-docs-width"
              />
              <label htmlFor={docsId}>
                Docs width: {DOCS_WIDTH} px wide, one node per component, no text under 11 px (SVG and PNG)
              </label>
            </div>
            <div className="flex flex-wrap gap-2">
              <Button onClick={() => image('png', 'light')} testId="export-png-light">
                PNG, light
              </Button>
              <Button onClick={() => image('png', 'dark')} testId="export-png-dark">
                PNG, dark
              </Button>
              <Button onClick={() => image('svg', 'light')} testId="export-svg-light">
                SVG, light
              </Button>
              <Button onClick={() => image('svg', 'dark')} testId="export-svg-dark">
                SVG, dark
              </Button>
            </div>
            <ImagePreview make={vector} />
          </div>
        )}
      </TabPanel>
    </ModalDialog>
  );
}
