/**
 * Side by side: this scenario against its original, a saved scenario file, a share link or another
 * deployment, under the same load, seed and failures, run headless. React only draws; which side is
 * which, what differs and the runs themselves are in src/training/compare.
 */
import { useId, useMemo, useRef, useState } from 'react';
import type { Scenario } from '../../model/scenario';
import { parseScenarioJson } from '../../model/scenarioJson';
import { scenarioFromLinkText } from '../../share/link';
import {
  type Alternative,
  alternative,
  alternatives,
  differences,
  failureLines,
  otherSide,
  type Run,
  run,
  sharedMax,
  type TimedAction,
} from '../../training/compare';
import { formatCount, formatDurationMs, formatRate, formatSeconds } from '../format';
import { Button } from '../panels/ui';
import { Chart } from '../sim/Chart';
import { collapseEvents } from '../sim/collapseEvents';
import { simDriver } from '../sim/driver';
import { useScenarioStore } from '../store/scenarioStore';

export { run, sharedMax };

const selectCls =
  'rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-600 dark:bg-slate-800';
const ALT_LABELS: Record<Alternative, string> = {
  monolithic: 'Monolithic',
  microservices: 'Microservices',
  'scalable-single-binary': 'Scalable single binary',
  'tempo-3.0': 'Tempo 3.0 equivalent',
};
/** The largest scenario file read (a real one is a few KB). */
const MAX_FILE_BYTES = 1024 * 1024;

function EventList({ r }: { r: Run }) {
  // Sixty replicas saying the same thing at the same second are one line, as in the live log.
  const lines = useMemo(() => collapseEvents(r.events.slice(-2000)).slice(-150).reverse(), [r]);
  return (
    <section aria-label={`Event log: ${r.title}`}>
      <h4 className="font-semibold">Event log</h4>
      {r.skipped.map((s) => (
        <p key={s} className="text-amber-800 dark:text-amber-300" data-testid="compare-skipped">
          {s}
        </p>
      ))}
      <ol
        className="max-h-40 overflow-y-auto font-mono text-xs"
        data-testid="compare-events"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling log must be reachable by keyboard
        tabIndex={0}
      >
        {lines.length === 0 && <li>Nothing happened.</li>}
        {lines.map((e) => (
          <li
            key={`${e.t}-${e.kind}-${e.message}`}
            data-kind={e.kind}
            className={e.kind === 'oom-kill' || e.kind === 'killed' ? 'text-red-700 dark:text-red-400' : ''}
          >
            <span className="text-slate-600 dark:text-slate-300">{formatSeconds(e.t)}</span> {e.message}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function RunColumn({ r, yMax }: { r: Run; yMax: number }) {
  const oom = Object.values(r.summary.instances).reduce((a, i) => a + i.oomKills, 0);
  const rows: [string, string, string | undefined][] = [
    ['Spans written', formatCount(r.summary.spans.written), undefined],
    ['Spans lost', formatCount(r.summary.spans.lost), 'compare-lost'],
    ['Traces lost', formatCount(r.summary.traces.lost), undefined],
    ['OOM kills', String(oom), undefined],
    ['Query p99', formatDurationMs(r.summary.queries.p99Ms), undefined],
  ];
  const series = useMemo(
    () => [
      { label: 'written', color: '#16a34a', values: r.written },
      { label: 'refused', color: '#ea580c', values: r.refused, dash: [4, 3] },
      { label: 'lost', color: '#dc2626', values: r.lost },
    ],
    [r],
  );
  return (
    <section aria-label={r.title} className="min-w-0 flex-1 space-y-2" data-testid="compare-column">
      <h3 className="font-semibold">{r.title}</h3>
      <Chart
        title="Spans"
        unit="per second, same scale on both sides"
        t={r.t}
        series={series}
        format={formatRate}
        yMax={yMax}
        testId="compare-chart"
      />
      <table className="w-full text-sm">
        <tbody>
          {rows.map(([name, value, testId]) => (
            <tr key={name}>
              <th scope="row" className="text-left font-normal">
                {name}
              </th>
              <td className="text-right tabular-nums" data-testid={testId}>
                {value}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <EventList r={r} />
    </section>
  );
}

type Source = 'origin' | 'file' | 'link' | 'deployment';

/** The kills, outages and spikes given during the live run (null while a story plays: it has its own). */
function liveFailures(): TimedAction[] | null {
  const log = simDriver.runLog();
  if (!log) return null;
  return log.inputs.flatMap((i) => (i.action ? [{ t: i.t, action: i.action }] : []));
}

export function ComparePanel() {
  const scenario = useScenarioStore((s) => s.scenario);
  const origin = useScenarioStore((s) => s.origin);
  const originNote = useScenarioStore((s) => s.originNote);
  const [source, setSource] = useState<Source>('origin');
  const alts = alternatives(scenario);
  const [altChoice, setAlt] = useState<Alternative>(alts[0] ?? 'monolithic');
  const alt = alts.includes(altChoice) ? altChoice : (alts[0] ?? 'monolithic');
  const [file, setFile] = useState<{ name: string; scenario: Scenario } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [linkText, setLinkText] = useState('');
  const [link, setLink] = useState<Scenario | null>(null);
  const [linkError, setLinkError] = useState<string | null>(null);
  const [sameLoad, setSameLoad] = useState(true);
  const [seconds, setSeconds] = useState(600);
  const [result, setResult] = useState<{ runs: [Run, Run]; diffs: string[]; failures: string[] } | null>(
    null,
  );
  const fileInput = useRef<HTMLInputElement>(null);
  const ids = { source: useId(), alt: useId(), dur: useId(), link: useId(), same: useId(), file: useId() };

  const live = liveFailures();
  const failures = failureLines(scenario, live ?? [], seconds);
  const { other, b, diffs } = useMemo(() => {
    const other: { title: string; scenario: Scenario } | null =
      source === 'origin'
        ? { title: `Its original (${originNote.replace(/\.$/, '')})`, scenario: origin }
        : source === 'deployment'
          ? (() => {
              const d = alternative(scenario, alt);
              return { title: `Tempo ${d.tempoVersion} ${d.mode}`, scenario: d };
            })()
          : source === 'file'
            ? file && { title: `File ${file.name}`, scenario: file.scenario }
            : link && { title: `Share link: ${link.name}`, scenario: link };
    const b = other ? otherSide(scenario, other.scenario, sameLoad) : null;
    return { other, b, diffs: b ? differences(scenario, b) : [] };
  }, [source, origin, originNote, scenario, alt, file, link, sameLoad]);

  const readFile = async (f: File) => {
    const keep = file ? ` Still comparing with ${file.name}.` : '';
    if (f.size > MAX_FILE_BYTES) {
      setFileError(
        `${f.name} was not read: it is ${Math.round(f.size / 1024)} KB; a scenario file is far smaller.${keep}`,
      );
      return;
    }
    const r = parseScenarioJson(await f.text());
    if (!r.ok) {
      const more = r.errors.length > 1 ? ` (and ${r.errors.length - 1} more)` : '';
      setFileError(`${f.name} was not read: ${r.errors[0] ?? 'unknown problem'}${more}.${keep}`);
      return;
    }
    setFileError(null);
    setFile({ name: f.name, scenario: r.value });
  };
  const readLink = () => {
    const r = scenarioFromLinkText(linkText);
    if (!r.ok) {
      setLinkError(`${r.message}${link ? ` Still comparing with "${link.name}".` : ''}`);
      return;
    }
    setLinkError(null);
    setLink(r.scenario);
  };
  const go = () => {
    if (!other || !b || diffs.length === 0) return;
    const given = live ?? [];
    setResult({
      runs: [
        run(scenario, seconds, `This scenario: ${scenario.tempoVersion} ${scenario.mode}`, given),
        run(b, seconds, other.title, given),
      ],
      diffs,
      failures,
    });
  };

  const sourceOption = (value: Source, label: string) => (
    <label className="flex items-center gap-1">
      <input
        type="radio"
        name={ids.source}
        value={value}
        checked={source === value}
        onChange={() => setSource(value)}
        data-testid={`compare-source-${value}`}
      />
      {label}
    </label>
  );

  return (
    <div className="space-y-3 text-sm" data-testid="compare">
      <p>
        Runs this scenario and another one headless for the same time, from the same seed, with the same
        failures, and shows both. Load now: {formatCount(scenario.load.spansPerSecond)} spans/s, seed{' '}
        {scenario.seed}.
      </p>
      <fieldset className="space-y-2">
        <legend className="font-semibold">Compare this scenario with</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {sourceOption('origin', 'Its original')}
          {sourceOption('file', 'A saved scenario file')}
          {sourceOption('link', 'A share link')}
          {sourceOption('deployment', 'Another deployment')}
        </div>
      </fieldset>
      {source === 'origin' && (
        <p data-testid="compare-origin-note">
          The original is this scenario{' '}
          {originNote.startsWith('as ') ? originNote : `as opened (${originNote.replace(/\.$/, '')})`}: Tempo{' '}
          {origin.tempoVersion} {origin.mode}.
        </p>
      )}
      {source === 'file' && (
        <div className="space-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <Button onClick={() => fileInput.current?.click()} testId="compare-file-choose">
              Choose a scenario file…
            </Button>
            <input
              ref={fileInput}
              id={ids.file}
              type="file"
              accept=".json,application/json"
              className="hidden"
              aria-label="Scenario file to compare with"
              data-testid="compare-file"
              onChange={(e) => {
                const f = e.currentTarget.files?.[0];
                e.currentTarget.value = '';
                if (f) void readFile(f);
              }}
            />
            <span data-testid="compare-file-name">
              {file ? `Comparing with ${file.name}` : 'No file chosen'}
            </span>
          </div>
          {fileError && (
            <p role="alert" className="text-red-700 dark:text-red-300" data-testid="compare-file-error">
              {fileError}
            </p>
          )}
        </div>
      )}
      {source === 'link' && (
        <div className="space-y-1">
          <form
            className="flex flex-wrap items-center gap-2"
            onSubmit={(e) => {
              e.preventDefault();
              readLink();
            }}
          >
            <label htmlFor={ids.link}>Share link</label>
            <input
              id={ids.link}
              type="text"
              autoComplete="off"
              spellCheck={false}
              className={`${selectCls} min-w-0 flex-1`}
              value={linkText}
              placeholder="https://…/#s=…"
              onChange={(e) => setLinkText(e.currentTarget.value)}
              aria-invalid={linkError ? true : undefined}
              aria-describedby={linkError ? `${ids.link}-error` : undefined}
              data-testid="compare-link"
            />
            <button
              type="submit"
              className="rounded border border-slate-300 bg-white px-2 py-1 text-slate-800 text-sm hover:bg-slate-100 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100 dark:hover:bg-slate-700"
              data-testid="compare-link-read"
            >
              Read link
            </button>
          </form>
          {link && !linkError && <p data-testid="compare-link-name">Comparing with "{link.name}".</p>}
          {linkError && (
            <p
              id={`${ids.link}-error`}
              role="alert"
              className="text-red-700 dark:text-red-300"
              data-testid="compare-link-error"
            >
              {linkError}
            </p>
          )}
        </div>
      )}
      {source === 'deployment' && (
        <div className="flex flex-wrap items-center gap-2">
          <label htmlFor={ids.alt}>Deployment</label>
          <select
            id={ids.alt}
            value={alt}
            onChange={(e) => setAlt(e.currentTarget.value as Alternative)}
            className={selectCls}
            data-testid="compare-alt"
          >
            {alts.map((a) => (
              <option key={a} value={a}>
                {ALT_LABELS[a]}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-1">
          <input
            id={ids.same}
            type="checkbox"
            checked={sameLoad}
            onChange={(e) => setSameLoad(e.currentTarget.checked)}
            data-testid="compare-same-load"
          />
          Same load and seed on both sides (this scenario's)
        </label>
        <label htmlFor={ids.dur}>Run for</label>
        <select
          id={ids.dur}
          value={seconds}
          onChange={(e) => setSeconds(Number(e.currentTarget.value))}
          className={selectCls}
          data-testid="compare-duration"
        >
          <option value={600}>10 minutes</option>
          <option value={1800}>30 minutes</option>
          <option value={3600}>1 hour</option>
        </select>
      </div>
      <section aria-label="Failures on both sides" data-testid="compare-failures">
        <p>
          Failures on both sides:{' '}
          {failures.length === 0
            ? 'none (kill an instance or cut storage in the live run, or schedule events in the scenario, and they run here too).'
            : `${failures.length}, at the same seconds:`}
        </p>
        {failures.length > 0 && (
          <ul className="list-disc pl-5">
            {failures.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        )}
        {live === null && (
          <p>
            During a story its own kills and outages are not carried over: exit it to compare a run of yours.
          </p>
        )}
      </section>
      {b && diffs.length === 0 ? (
        <p role="status" className="font-medium" data-testid="compare-same">
          Nothing differs: {other?.title ?? 'the other side'} runs exactly as this scenario does (same
          deployment
          {sameLoad ? '' : ', load and seed'} and failures), so there is nothing to compare. Change something,
          or pick another scenario to compare with.
        </p>
      ) : b ? (
        <section aria-label="What differs" data-testid="compare-diffs">
          <p>What differs (this scenario → {other?.title}):</p>
          <ul className="list-disc pl-5">
            {diffs.slice(0, 12).map((d) => (
              <li key={d}>{d}</li>
            ))}
            {diffs.length > 12 && <li>and {diffs.length - 12} more</li>}
          </ul>
        </section>
      ) : null}
      <Button variant="primary" onClick={go} testId="compare-run" disabled={!b || diffs.length === 0}>
        Run both
      </Button>
      {result && (
        <div className="flex gap-4">
          <RunColumn r={result.runs[0]} yMax={sharedMax(result.runs)} />
          <RunColumn r={result.runs[1]} yMax={sharedMax(result.runs)} />
        </div>
      )}
    </div>
  );
}
