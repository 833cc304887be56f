/** Paste or drop a tempo.yaml, Helm values, manifests, compose or a scenario file; messages point at line and key. Lazy-loaded. */
import { useEffect, useId, useRef, useState } from 'react';
import type { Scenario } from '../../model/scenario';
import { ModalDialog } from '../panels/Dialog';
import { Button } from '../panels/ui';
import { useScenarioStore } from '../store/scenarioStore';
import { importInWorker } from './importClient';

interface Message {
  message: string;
  line?: number;
  key?: string;
}

function messageText(m: Message): string {
  const where = [m.line ? `line ${m.line}` : '', m.key ? `\`${m.key}\`` : ''].filter(Boolean).join(', ');
  return where ? `${where}: ${m.message}` : m.message;
}

/**
 * A docker-compose or manifests import whose mounted tempo.yaml was not read: the next import of a
 * tempo.yaml onto that same scenario fills in its settings and keeps its processes.
 */
let awaiting: { scenario: Scenario; path: string } | null = null;

export default function ImportDialog({ onClose }: { onClose: () => void }) {
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<Message[]>([]);
  const [warnings, setWarnings] = useState<Message[]>([]);
  const load = useScenarioStore((s) => s.load);
  const textId = useId();
  const [busy, setBusy] = useState(false);
  const job = useRef<{ cancel: () => void } | null>(null);
  useEffect(() => () => job.current?.cancel(), []);

  const run = async (input: string) => {
    job.current?.cancel();
    const base = useScenarioStore.getState().scenario;
    const keepTopology = awaiting?.scenario === base;
    const current = importInWorker(input, base, undefined, keepTopology);
    job.current = current;
    setBusy(true);
    const r = await current.result;
    if (job.current !== current) return;
    job.current = null;
    setBusy(false);
    if (!r.ok) {
      setErrors(r.errors);
      setWarnings([]);
      return;
    }
    setErrors([]);
    // A compose or manifests import whose tempo.yaml was not read says so in its warnings; the next
    // import of that tempo.yaml keeps this topology.
    setWarnings(r.warnings);
    load(
      r.scenario,
      `Imported Tempo ${r.scenario.tempoVersion} ${r.scenario.mode} from ${r.kind}${r.warnings.length ? ` with ${r.warnings.length} warning(s)` : ''}.`,
    );
    awaiting = r.awaitsConfig
      ? { scenario: useScenarioStore.getState().scenario, path: r.awaitsConfig }
      : null;
    if (r.warnings.length === 0 && !r.awaitsConfig)
      document.querySelector<HTMLDialogElement>('[data-testid="import-dialog"]')?.close();
  };

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > 2_000_000) {
      setErrors([
        { message: `${file.name} is ${Math.round(file.size / 1024)} KB; configs over 2 MB are not read.` },
      ]);
      return;
    }
    const t = await file.text();
    setText(t);
    await run(t);
  };

  return (
    <ModalDialog title="Import a configuration" testId="import-dialog" onClose={onClose}>
      <div className="space-y-3">
        <p className="text-slate-700 text-sm dark:text-slate-300">
          Paste or drop a Tempo <code>tempo.yaml</code> (2.10 or 3.0), Helm values for the <code>tempo</code>{' '}
          or <code>tempo-distributed</code> chart (read over the chart's own defaults), Kubernetes manifests
          such as <code>helm template</code> output or <code>kubectl get -o yaml</code>, a{' '}
          <code>docker-compose.yaml</code> running Tempo, or a saved scenario. A compose file's mounted
          tempo.yaml is not read from here: import it next, and it fills in the settings of the processes
          already drawn. The current scenario is replaced only when the import succeeds, and Undo brings it
          back.
        </p>
        <label htmlFor={textId} className="font-medium text-sm">
          Configuration text
        </label>
        <textarea
          id={textId}
          data-testid="import-text"
          className="h-72 w-full rounded border border-slate-300 bg-slate-50 p-2 font-mono text-xs dark:border-slate-600 dark:bg-slate-950"
          value={text}
          spellCheck={false}
          onChange={(e) => setText(e.currentTarget.value)}
          onDragOver={(e) => e.preventDefault()}
          onDrop={(e) => {
            if (e.dataTransfer.files.length === 0) return;
            e.preventDefault();
            void onFile(e.dataTransfer.files[0]);
          }}
        />
        <div className="flex flex-wrap items-center gap-2">
          <Button
            variant="primary"
            onClick={() => void run(text)}
            testId="import-run"
            disabled={!text.trim() || busy}
          >
            {busy ? 'Importing…' : 'Import'}
          </Button>
          <label className="text-sm">
            or choose a file{' '}
            <input
              type="file"
              accept=".yaml,.yml,.json,text/yaml,application/json"
              onChange={(e) => void onFile(e.currentTarget.files?.[0])}
            />
          </label>
        </div>
        {errors.length > 0 && (
          <div
            role="alert"
            className="rounded border border-red-300 bg-red-50 p-2 text-red-950 text-sm dark:border-red-800 dark:bg-red-950 dark:text-red-100"
            data-testid="import-errors"
          >
            <p className="font-semibold">Not imported; the current scenario is unchanged.</p>
            <ul className="list-disc pl-5">
              {errors.map((m) => (
                <li key={messageText(m)}>{messageText(m)}</li>
              ))}
            </ul>
          </div>
        )}
        {warnings.length > 0 && (
          <div
            role="status"
            className="rounded border border-amber-300 bg-amber-50 p-2 text-amber-950 text-sm dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
            data-testid="import-warnings"
          >
            <p className="font-semibold">Imported, with warnings:</p>
            <ul className="list-disc pl-5">
              {warnings.map((m) => (
                <li key={messageText(m)}>{messageText(m)}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </ModalDialog>
  );
}
