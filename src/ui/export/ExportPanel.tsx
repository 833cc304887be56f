/** Export dialog: tabs per artifact, highlighted text, copy and download; images of the canvas. Lazy-loaded. */
import { useMemo, useState } from 'react';
import { ModalDialog, TabList, TabPanel } from '../panels/Dialog';
import { Button } from '../panels/ui';
import { useScenarioStore } from '../store/scenarioStore';
import { type Artifact, artifactsFor } from './artifacts';
import { Highlighted } from './highlight';
import { downloadBlob, downloadDataUrl, downloadText, renderCanvasImage } from './image';
import { MermaidPreview } from './MermaidPreview';

type TabId = Artifact['id'] | 'image';

export default function ExportPanel({ onClose }: { onClose: () => void }) {
  const scenario = useScenarioStore((s) => s.scenario);
  const artifacts = useMemo(() => artifactsFor(scenario), [scenario]);
  const [tab, setTab] = useState<TabId>('tempo');
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

  const image = async (format: 'png' | 'svg', theme: 'light' | 'dark') => {
    setStatus(`Rendering ${format.toUpperCase()}…`);
    try {
      const url = await renderCanvasImage(format, theme);
      downloadDataUrl(url, `tempo-${scenario.tempoVersion}-${scenario.mode}-${theme}.${format}`);
      setStatus(`Downloaded ${format.toUpperCase()} (${theme}).`);
    } catch (e) {
      setStatus(`Could not render the image: ${(e as Error).message}`);
    }
  };

  const downloadBundle = async () => {
    setStatus('Packing the bundle…');
    try {
      // The bundle and its zip writer load on demand.
      const { bundleZip } = await import('../../export/bundle');
      const { fileName, bytes } = bundleZip(scenario);
      downloadBlob(new Blob([bytes as BlobPart], { type: 'application/zip' }), fileName);
      setStatus(
        `Downloaded ${fileName}: tempo.yaml, overrides, Helm, docker-compose and a README of what to fill in.`,
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
            <p>An image of the whole graph, framed to its nodes, as it is on the canvas now.</p>
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
          </div>
        )}
      </TabPanel>
    </ModalDialog>
  );
}
