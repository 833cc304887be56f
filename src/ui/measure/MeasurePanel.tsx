/**
 * "Your cluster": the PromQL queries to run, a box for their answers, and the measurements beside the
 * steady simulation of the same cluster under the measured load. Nothing leaves the browser.
 * Lazy-loaded; the Tempo knowledge (metric names, matching, comparison) is in src/measure.
 */
import { useId, useMemo, useRef, useState } from 'react';
import {
  type Comparison,
  compareMeasured,
  formatDiff,
  isNotable,
  MAX_MEASUREMENT_CHARS,
  measuredWhen,
  measureQueries,
  readMeasurements,
} from '../../measure';
import { type WhatIf, whatIfScenario, whatIfs } from '../../measure/whatIf';
import { formatBytes, formatCores, formatCount } from '../format';
import { Button } from '../panels/ui';
import { useScenarioStore } from '../store/scenarioStore';
import { RunColumn, run, sharedMax } from '../training/ComparePanel';

type Stat = { median: number; peak: number } | undefined;
const cores = (s: Stat) => (s ? `${formatCores(s.median)} / ${formatCores(s.peak)}` : '–');
const bytes = (s: Stat) => (s ? `${formatBytes(s.median)} / ${formatBytes(s.peak)}` : '–');

function Diff({ d }: { d: number | undefined }) {
  const notable = isNotable(d);
  return (
    <td
      className={`px-1 text-right tabular-nums ${notable ? (d! > 0 ? 'font-semibold text-red-700 dark:text-red-300' : 'font-semibold text-blue-700 dark:text-blue-300') : ''}`}
      data-notable={notable ? 'true' : undefined}
    >
      {formatDiff(d)}
    </td>
  );
}

function Queries() {
  const version = useScenarioStore((s) => s.scenario.tempoVersion);
  const [ns, setNs] = useState('tempo');
  const [copied, setCopied] = useState<string | null>(null);
  const nsId = useId();
  const queries = measureQueries(ns, version);
  const copy = async (id: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied(id);
    } catch {
      setCopied(null);
    }
  };
  return (
    <section aria-labelledby={`${nsId}-h`} className="space-y-2">
      <h3 id={`${nsId}-h`} className="font-semibold">
        1. Run these queries
      </h3>
      <p>
        In Prometheus, Mimir or Grafana Explore, run each as a <strong>range query</strong> over an hour of
        ordinary traffic (step 1m; 5m for hundreds of pods). Counters need two samples at least. Then copy the
        answer: the HTTP API's JSON, or Inspect → Data → Download CSV with “Formatted data” off.
      </p>
      <div className="flex items-center gap-2">
        <label htmlFor={nsId}>Kubernetes namespace</label>
        <input
          id={nsId}
          value={ns}
          maxLength={63}
          onChange={(e) => setNs(e.currentTarget.value)}
          className="w-40 rounded border border-slate-300 bg-white px-1.5 py-0.5 dark:border-slate-600 dark:bg-slate-800"
          data-testid="measure-namespace"
        />
        <span className="text-slate-600 text-xs dark:text-slate-300">empty for docker-compose or VMs</span>
      </div>
      <ul className="space-y-2" data-testid="measure-queries">
        {queries.map((q) => (
          <li key={q.id} className="rounded border border-slate-200 p-2 dark:border-slate-700">
            <div className="flex items-start justify-between gap-2">
              <p>
                {q.what}{' '}
                <span className="text-slate-600 text-xs dark:text-slate-300">
                  (Tempo {q.versions.join(' and ')})
                </span>
              </p>
              <Button
                onClick={() => copy(q.id, q.promql)}
                label={`Copy the ${q.id} query`}
                testId={`copy-${q.id}`}
              >
                {copied === q.id ? 'Copied' : 'Copy'}
              </Button>
            </div>
            <code className="mt-1 block break-all rounded bg-slate-100 px-1.5 py-1 font-mono text-xs dark:bg-slate-900">
              {q.promql}
            </code>
          </li>
        ))}
      </ul>
    </section>
  );
}

const COLUMNS = [
  { id: 'cpu-m', label: 'CPU measured' },
  { id: 'cpu-s', label: 'CPU model' },
  { id: 'cpu-d', label: 'Diff' },
  { id: 'mem-m', label: 'Memory measured' },
  { id: 'mem-s', label: 'Memory model' },
  { id: 'mem-d', label: 'Diff' },
];

function ComparisonTable({ c, perProcess }: { c: Comparison; perProcess: boolean }) {
  const rows = perProcess
    ? c.processes.map((p) => ({ key: p.name, label: p.name, ...p }))
    : c.components.map((k) => ({
        key: k.kind,
        label: `${k.kind} (${k.measuredReplicas}/${k.replicas})`,
        ...k,
      }));
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-xs" data-testid={perProcess ? 'measure-process-table' : 'measure-table'}>
        <caption className="sr-only">
          Measured beside simulated {perProcess ? 'per process' : 'per component'}: median / peak
        </caption>
        <thead>
          <tr className="text-left">
            <th scope="col" className="px-1">
              {perProcess ? 'Process' : 'Component (measured/replicas)'}
            </th>
            {COLUMNS.map((c) => (
              <th key={c.id} scope="col" className="px-1 text-right">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} className="border-slate-200 border-t dark:border-slate-700">
              <th scope="row" className="px-1 text-left font-normal">
                {r.label}
              </th>
              <td className="whitespace-nowrap px-1 text-right tabular-nums">{cores(r.measured.cpu)}</td>
              <td className="px-1 text-right tabular-nums">{formatCores(r.simulated.cpu.median)}</td>
              <Diff d={r.diff.cpu} />
              <td className="whitespace-nowrap px-1 text-right tabular-nums">{bytes(r.measured.mem)}</td>
              <td className="px-1 text-right tabular-nums">{formatBytes(r.simulated.mem.median)}</td>
              <Diff d={r.diff.mem} />
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function WhatIfRuns() {
  const scenario = useScenarioStore((s) => s.scenario);
  const [runs, setRuns] = useState<{
    id: WhatIf;
    pair: [ReturnType<typeof run>, ReturnType<typeof run>];
  } | null>(null);
  const go = (id: WhatIf) => {
    const b = whatIfScenario(scenario, id);
    setRuns({
      id,
      pair: [
        run(scenario, 600, 'As measured'),
        run(b, 600, whatIfs(scenario).find((w) => w.id === id)!.title),
      ],
    });
  };
  return (
    <section className="space-y-2" aria-label="What if">
      <h3 className="font-semibold">What if</h3>
      <div className="flex flex-wrap gap-2">
        {whatIfs(scenario).map((w) => (
          <Button key={w.id} onClick={() => go(w.id)} testId={`whatif-${w.id}`} pressed={runs?.id === w.id}>
            {w.title}
          </Button>
        ))}
      </div>
      {runs && (
        <div className="flex flex-col gap-3 sm:flex-row" data-testid="whatif-runs">
          {runs.pair.map((r) => (
            <RunColumn key={r.title} r={r} yMax={sharedMax(runs.pair)} />
          ))}
        </div>
      )}
    </section>
  );
}

export default function MeasurePanel() {
  const scenario = useScenarioStore((s) => s.scenario);
  const apply = useScenarioStore((s) => s.apply);
  const notify = useScenarioStore((s) => s.notify);
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<string[]>([]);
  const [info, setInfo] = useState<{
    unmatched: { identity: string; reason: string }[];
    warnings: string[];
  } | null>(null);
  const [perProcess, setPerProcess] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const pasteId = useId();
  const measured = scenario.measured;
  const comparison = useMemo(() => (measured ? compareMeasured(scenario) : null), [scenario, measured]);

  const read = (body: string, where: string) => {
    const r = readMeasurements(scenario, body, where);
    if (!r.ok) {
      setErrors(r.errors);
      setInfo(null);
      return;
    }
    setErrors([]);
    setInfo({ unmatched: r.unmatched, warnings: r.warnings });
    // One undo step: the measured load on the sliders and the measurements kept with the scenario.
    apply(() => r.scenario);
    notify('info', 'Load taken from your measurements; Undo restores the previous load.');
  };
  const openFile = async (f: File | undefined) => {
    if (!f) return;
    if (f.size > MAX_MEASUREMENT_CHARS) {
      setErrors([
        `${f.name} is ${(f.size / 1e6).toFixed(1)} MB; at most ${MAX_MEASUREMENT_CHARS / 1e6} MB (use a larger step)`,
      ]);
      return;
    }
    read(await f.text(), `file ${f.name}`);
  };
  const l = measured?.load;

  return (
    <div className="space-y-4 text-sm" data-testid="measure">
      <p>
        Put your own cluster's figures beside the model: its load and each pod's CPU and memory, read from
        your Prometheus. Nothing you paste leaves this browser.
      </p>
      <Queries />
      <section className="space-y-2" aria-label="Paste the answers">
        <h3 className="font-semibold">2. Paste the answers</h3>
        <label htmlFor={pasteId} className="block">
          One answer or several (a JSON array), or a Grafana CSV
        </label>
        <textarea
          id={pasteId}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          rows={5}
          spellCheck={false}
          className="w-full rounded border border-slate-300 bg-white p-1.5 font-mono text-xs dark:border-slate-600 dark:bg-slate-900"
          data-testid="measure-input"
        />
        <div className="flex flex-wrap gap-2">
          <Button
            variant="primary"
            onClick={() => read(text, 'pasted')}
            disabled={text.trim() === ''}
            testId="measure-read"
          >
            Read and compare
          </Button>
          <Button onClick={() => fileRef.current?.click()} testId="measure-open">
            Open a file…
          </Button>
          <input
            ref={fileRef}
            type="file"
            accept=".json,.csv,application/json,text/csv"
            className="hidden"
            aria-label="Measurements file"
            data-testid="measure-file"
            onChange={(e) => {
              void openFile(e.currentTarget.files?.[0]);
              e.currentTarget.value = '';
            }}
          />
          {measured && (
            <Button onClick={() => apply((s) => ({ ...s, measured: undefined }))} testId="measure-remove">
              Remove the measurements
            </Button>
          )}
        </div>
        {errors.length > 0 && (
          <ul
            role="alert"
            className="list-disc pl-5 text-red-700 dark:text-red-300"
            data-testid="measure-errors"
          >
            {errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
        {info && info.warnings.length > 0 && (
          <ul className="list-disc pl-5 text-amber-800 dark:text-amber-200" data-testid="measure-warnings">
            {info.warnings.map((w) => (
              <li key={w}>{w}</li>
            ))}
          </ul>
        )}
      </section>
      {measured && comparison && (
        <section className="space-y-2" aria-label="Measured beside simulated" data-testid="measure-result">
          <h3 className="font-semibold">3. Measured beside the model</h3>
          <p data-testid="measure-source">
            {measured.source}, {measuredWhen(measured)}.
          </p>
          <p data-testid="measure-load">
            Measured load (median):{' '}
            {[
              l?.spansPerSecond !== undefined ? `${formatCount(l.spansPerSecond)} spans/s` : null,
              l?.spanSizeBytes !== undefined ? `${formatCount(l.spanSizeBytes)} B per span` : null,
              l?.spansPerTrace !== undefined ? `${formatCount(l.spansPerTrace)} spans per trace` : null,
              l?.queriesPerSecond !== undefined
                ? `${Math.round(l.queriesPerSecond * 100) / 100} queries/s`
                : null,
            ]
              .filter(Boolean)
              .join(', ') || 'none measured'}
            . The sliders hold it; the model runs steady at that load for 10 minutes.
          </p>
          <div className="flex items-center gap-2">
            <Button onClick={() => setPerProcess(false)} pressed={!perProcess}>
              Per component
            </Button>
            <Button onClick={() => setPerProcess(true)} pressed={perProcess} testId="measure-per-process">
              Per process
            </Button>
            <span className="text-slate-600 text-xs dark:text-slate-300">
              median / peak; past ±25% in colour (red: more than the model)
            </span>
          </div>
          <ComparisonTable c={comparison} perProcess={perProcess} />
          {comparison.findings.length > 0 && (
            <>
              <h4 className="font-semibold">What the differences may mean</h4>
              <ul className="list-disc pl-5" data-testid="measure-findings">
                {comparison.findings.map((f) => (
                  <li key={f}>{f}</li>
                ))}
              </ul>
            </>
          )}
          {measured.unmatched.length > 0 && (
            <>
              <h4 className="font-semibold">Series that matched no process</h4>
              <ul className="list-disc pl-5" data-testid="measure-unmatched">
                {(info?.unmatched ?? measured.unmatched.map((identity) => ({ identity, reason: '' }))).map(
                  (u) => (
                    <li key={u.identity}>
                      {u.identity}
                      {u.reason ? `: ${u.reason}` : ''}
                    </li>
                  ),
                )}
              </ul>
            </>
          )}
          <WhatIfRuns />
        </section>
      )}
    </div>
  );
}
