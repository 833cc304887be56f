/** The simulation: transport controls, load sliders, live charts and the event log. Loaded lazily. */
import { useEffect, useId, useMemo } from 'react';
import { deploymentFeatures, ZONE_NAMES } from '../../model/scenario';
import { actionTitle, registerAction } from '../actions';
import { formatBytes, formatCount, formatDurationMs, formatRate, formatSeconds } from '../format';
import { NumberField } from '../panels/NumberField';
import { Button } from '../panels/ui';
import { useScenarioStore } from '../store/scenarioStore';
import { Chart, type Series } from './Chart';
import { collapseEvents } from './collapseEvents';
import { simDriver, startSimulationSync } from './driver';
import { LoadControls } from './LoadControls';
import { type History, useSimStore } from './simStore';

const SPEEDS = [1, 5, 10, 30, 60];
const KIND_COLORS = [
  '#ea580c',
  '#0284c7',
  '#7c3aed',
  '#16a34a',
  '#db2777',
  '#ca8a04',
  '#0891b2',
  '#64748b',
  '#dc2626',
];

function Transport() {
  const running = useSimStore((s) => s.running);
  const speed = useSimStore((s) => s.speed);
  // One clock: while a story plays, its time is the simulation's time (a story may switch clusters).
  const t = useSimStore((s) => s.story?.t ?? s.t);
  const seed = useScenarioStore((s) => s.scenario.seed);
  const version = useScenarioStore((s) => s.scenario.tempoVersion);
  const mode = useScenarioStore((s) => s.scenario.mode);
  const apply = useScenarioStore((s) => s.apply);
  // A story has its own Play, steps and replay beside its text: one set of controls, not two.
  const inStory = useSimStore((s) => s.story !== null);
  const speedId = useId();
  // A version x mode Tempo does not have (3.0 scalable single binary) has nothing to simulate.
  const supported = deploymentFeatures({ tempoVersion: version, mode }).supported;
  if (!supported)
    return (
      <p className="text-sm" data-testid="sim-unsupported">
        Nothing to simulate: Tempo {version} has no {mode} target. Pick a mode that exists to run it.
      </p>
    );
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      {inStory ? (
        <span className="text-slate-600 text-xs dark:text-slate-300" data-testid="sim-story-owns-clock">
          The story's Play and steps run the clock.
        </span>
      ) : running ? (
        <Button
          onClick={() => simDriver.pause()}
          testId="sim-pause"
          variant="primary"
          title={actionTitle('play-pause')}
        >
          Pause
        </Button>
      ) : (
        <Button
          onClick={() => simDriver.play()}
          testId="sim-play"
          variant="primary"
          title={actionTitle('play-pause')}
        >
          Play
        </Button>
      )}
      {!inStory && (
        <>
          <Button onClick={() => simDriver.advance(1)} testId="sim-step" title={actionTitle('step')}>
            Step
          </Button>
          <Button onClick={() => simDriver.advance(60)} testId="sim-ff" title="Advance one simulated minute">
            +1 min
          </Button>
          <Button onClick={() => simDriver.reset()} testId="sim-reset">
            Reset
          </Button>
        </>
      )}
      <label htmlFor={speedId} className="ml-1 text-sm">
        Speed
      </label>
      <select
        id={speedId}
        data-testid="sim-speed"
        className="rounded border border-slate-300 bg-white px-1 py-0.5 text-sm dark:border-slate-600 dark:bg-slate-800"
        value={speed}
        onChange={(e) => simDriver.setSpeed(Number(e.currentTarget.value))}
      >
        {SPEEDS.map((s) => (
          <option key={s} value={s}>
            {s}x
          </option>
        ))}
      </select>
      <div className="ml-1 w-36">
        {/* A draft until Enter or blur, like every number field: one undo step per new seed. */}
        <NumberField
          label="Seed"
          testId="sim-seed"
          value={seed}
          min={0}
          max={2 ** 32 - 1}
          step={1}
          integer
          onCommit={(v) => apply((s) => ({ ...s, seed: v }))}
        />
      </div>
      <span className="ml-auto font-mono text-sm tabular-nums" data-testid="sim-time" aria-live="off">
        t = {formatSeconds(t)}
      </span>
    </div>
  );
}

/** What can go wrong on purpose: a spike, outages (the kill is on each node's inspector). */
function Incidents() {
  const version = useScenarioStore((s) => s.scenario.tempoVersion);
  const mode = useScenarioStore((s) => s.scenario.mode);
  if (!deploymentFeatures({ tempoVersion: version, mode }).supported) return null;
  return (
    <div className="flex w-full flex-wrap gap-1.5">
      <Button
        onClick={() => simDriver.act({ kind: 'spike', factor: 5, durationSeconds: 60 })}
        testId="sim-spike"
      >
        Spike ×5 for 1 min
      </Button>
      <Button
        onClick={() => simDriver.act({ kind: 'storage-outage', durationSeconds: 300 })}
        testId="sim-storage-outage"
      >
        Object storage outage 5 min
      </Button>
      {deploymentFeatures({ tempoVersion: version, mode }).kafka && (
        <Button
          onClick={() => simDriver.act({ kind: 'kafka-outage', durationSeconds: 120 })}
          testId="sim-kafka-outage"
        >
          Kafka outage 2 min
        </Button>
      )}
      {deploymentFeatures({ tempoVersion: version, mode }).kafka && (
        <Button
          onClick={() => simDriver.act({ kind: 'zone-outage', zone: 0, durationSeconds: 300 })}
          testId="sim-zone-outage"
        >
          {ZONE_NAMES[0]} outage 5 min
        </Button>
      )}
    </div>
  );
}

function TotalsTable() {
  const totals = useSimStore((s) => s.totals);
  const q = useSimStore((s) => s.queries);
  const viewingAt = useSimStore((s) => s.viewingAt);
  const offset = useSimStore((s) => (s.story ? s.story.t - s.t : 0));
  if (!totals) return null;
  const rows: [string, string, string][] = [
    ['Spans sent', formatCount(totals.sent), 'spans-sent'],
    ['Written (durable)', formatCount(totals.written), 'spans-written'],
    ['In flight', formatCount(totals.inFlight), 'spans-inflight'],
    ['Refused spans', formatCount(totals.refused), 'spans-refused'],
    ['Refused attempts', formatCount(totals.refusedAttempts), 'spans-refused-attempts'],
    ['Lost spans', formatCount(totals.lost), 'spans-lost'],
    ['Lost traces', formatCount(totals.tracesLost), 'traces-lost'],
  ];
  // Tempo's discard reasons (tempo_discarded_spans_total{reason}), shown once one has counted.
  for (const [reason, n] of Object.entries(totals.discarded ?? {}))
    if (n > 0) rows.push([`Discarded: ${reason}`, formatCount(n), `discarded-${reason}`]);
  if (q) {
    rows.push(['Queries', `${formatCount(q.issued)} (${formatCount(q.failed)} failed)`, 'queries']);
    rows.push(['Query p50 / p99', `${formatDurationMs(q.p50Ms)} / ${formatDurationMs(q.p99Ms)}`, 'latency']);
  }
  return (
    <table className="w-full text-sm" data-testid="sim-totals">
      {/* The timeline scrubbed back shows that second's totals, and says so. */}
      {viewingAt === null ? (
        <caption className="sr-only">Simulation totals</caption>
      ) : (
        <caption
          className="text-left font-semibold text-orange-800 text-xs dark:text-orange-300"
          data-testid="sim-totals-at"
        >
          Totals at {formatSeconds(viewingAt + offset)} (timeline)
        </caption>
      )}
      <tbody>
        {rows.map(([k, v, id]) => (
          <tr key={id}>
            <th scope="row" className="pr-2 text-left font-normal text-slate-600 dark:text-slate-300">
              {k}
            </th>
            <td
              className={`text-right font-semibold tabular-nums ${id === 'spans-lost' && totals.lost > 0 ? 'text-red-700 dark:text-red-400' : ''}`}
              data-testid={id}
            >
              {v}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function EventLog() {
  const events = useSimStore((s) => s.events);
  const offset = useSimStore((s) => (s.story ? s.story.t - s.t : 0));
  // Sixty replicas saying the same thing at the same second are one line.
  const shown = useMemo(() => collapseEvents(events.slice(-2000)).slice(-200).reverse(), [events]);
  return (
    <section aria-label="Event log" className="flex min-h-0 flex-col">
      {/* h2: with both side panels collapsed nothing above it is an h2 (axe: heading-order). */}
      <h2 className="font-semibold text-slate-500 text-xs uppercase tracking-wide dark:text-slate-400">
        Event log
      </h2>
      <ol
        className="min-h-0 flex-1 overflow-y-auto font-mono text-xs"
        data-testid="event-log"
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling log must be reachable by keyboard
        tabIndex={0}
      >
        {shown.length === 0 && (
          <li className="text-slate-500 dark:text-slate-400">Nothing has happened yet.</li>
        )}
        {shown.map((e) => (
          <li
            key={`${e.t}-${e.kind}-${e.message}`}
            className={e.kind === 'oom-kill' || e.kind === 'killed' ? 'text-red-700 dark:text-red-400' : ''}
            data-kind={e.kind}
          >
            <span className="text-slate-500 dark:text-slate-400">{formatSeconds(e.t + offset)}</span>{' '}
            {e.message}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The history point the timeline shows for a past second: the last one at or before it. */
function indexAt(h: History, at: number | null): number {
  const last = h.t.length - 1;
  if (at === null) return last;
  let k = 0;
  for (let i = 0; i <= last; i++) if ((h.t[i] ?? 0) <= at) k = i;
  return k;
}

/**
 * Scrub back through the history after a jump: a second's figures, a line on every chart, and the
 * canvas, totals and log as they were at that second (the run replayed; the engine is deterministic).
 * The row is there from the start, two fixed lines, so the slider and the charts never change size
 * when it fills or when its readout changes.
 */
function Timeline({ h }: { h: History }) {
  const id = useId();
  const viewingAt = useSimStore((s) => s.viewingAt);
  const last = h.t.length - 1;
  const ready = last >= 1;
  const k = indexAt(h, viewingAt);
  const perSecond = (x: number) => `${formatRate(x)}/s`;
  const fig = (label: string, v: number | undefined, f: (x: number) => string) =>
    `${label} ${v === undefined ? '-' : f(v)}`;
  const figures = [
    fig('sent', h.sent[k], perSecond),
    fig('written', h.written[k], perSecond),
    fig('refused', h.refused[k], perSecond),
    fig('lost', h.lost[k], perSecond),
    fig('p99', h.p99[k], formatDurationMs),
  ].join(' · ');
  const readout = !ready
    ? 'live: the timeline fills as the run goes'
    : viewingAt === null
      ? `live: ${figures}`
      : `at ${formatSeconds(h.t[k] ?? 0)} (canvas too): ${figures}`;
  return (
    <div className="shrink-0 text-xs" data-testid="timeline">
      <div className="flex h-6 items-center gap-2">
        <label htmlFor={id} className="font-semibold">
          Timeline
        </label>
        <input
          id={id}
          type="range"
          min={0}
          max={ready ? last : 1}
          step={1}
          value={ready ? k : 1}
          disabled={!ready}
          aria-valuetext={ready ? formatSeconds(h.t[k] ?? 0) : 'nothing run yet'}
          data-testid="timeline-range"
          className="min-w-0 flex-1 accent-orange-600"
          onChange={(e) => {
            const v = e.currentTarget.valueAsNumber;
            simDriver.showAt(v >= last ? null : (h.t[v] ?? null));
          }}
        />
        {/* Its room is kept while live (invisible: out of the tab order), so the slider keeps its width. */}
        <span className={viewingAt === null ? 'invisible' : ''}>
          <Button testId="timeline-live" onClick={() => simDriver.showAt(null)} title="Back to the live run">
            Live
          </Button>
        </span>
      </div>
      <output
        htmlFor={id}
        data-testid="timeline-readout"
        className="block h-4 truncate tabular-nums leading-4"
        title={readout}
      >
        {readout}
      </output>
    </div>
  );
}

function Charts() {
  const h = useSimStore((s) => s.history);
  const viewingAt = useSimStore((s) => s.viewingAt);
  const k = indexAt(h, viewingAt);
  const cursorAt = viewingAt === null ? null : (h.t[k] ?? null);
  const spans: Series[] = useMemo(
    () => [
      { label: 'sent', color: '#64748b', values: h.sent },
      { label: 'written', color: '#16a34a', values: h.written },
      { label: 'refused', color: '#ea580c', values: h.refused, dash: [4, 3] },
      { label: 'lost', color: '#dc2626', values: h.lost },
    ],
    [h],
  );
  const memory: Series[] = useMemo(
    () =>
      Object.entries(h.memory).map(([kind, values], i) => ({
        label: kind,
        color: KIND_COLORS[i % KIND_COLORS.length]!,
        values,
      })),
    [h],
  );
  const latency: Series[] = useMemo(
    () => [
      { label: 'p50', color: '#0284c7', values: h.p50 },
      { label: 'p99', color: '#7c3aed', values: h.p99 },
    ],
    [h],
  );
  return (
    <div className="flex min-h-0 min-w-0 flex-1 flex-col gap-1">
      <Timeline h={h} />
      <div className="flex min-h-0 min-w-0 flex-1 flex-col gap-3 sm:flex-row">
        {(
          [
            ['Spans', 'per second', spans, formatRate, 'chart-spans'],
            ['Memory', 'per component', memory, formatBytes, 'chart-memory', true],
            ['Query latency', 'p50, p99', latency, formatDurationMs, 'chart-latency'],
          ] as const
        ).map(([title, unit, series, format, testId, bytes]) => (
          <Chart
            key={testId}
            title={title}
            unit={unit}
            t={h.t}
            series={series}
            format={format}
            testId={testId}
            cursorAt={cursorAt}
            bytes={bytes}
          />
        ))}
      </div>
    </div>
  );
}

const runnable = () => deploymentFeatures(useScenarioStore.getState().scenario).supported;

export default function SimPanel() {
  const supported = useScenarioStore((s) => deploymentFeatures(s.scenario).supported);
  useEffect(() => {
    const offPlay = registerAction('play-pause', () => {
      if (useSimStore.getState().running) simDriver.pause();
      else if (runnable()) simDriver.play();
    });
    const offStep = registerAction('step', () => {
      if (runnable()) simDriver.advance(1);
    });
    return () => {
      offPlay();
      offStep();
    };
  }, []);
  useEffect(() => {
    const unsubscribe = startSimulationSync();
    return () => {
      unsubscribe();
      simDriver.pause();
    };
  }, []);
  useEffect(() => {
    if (!supported) simDriver.pause();
  }, [supported]);
  if (!supported)
    return (
      <section
        aria-label="Simulation"
        className="shrink-0 border-slate-200 border-t bg-white px-3 py-3 dark:border-slate-700 dark:bg-slate-900"
        data-testid="sim-panel"
      >
        <Transport />
      </section>
    );
  // Narrower than lg the panel is one column that scrolls: the transport, then the charts (in view
  // without scrolling, at 800x900 too), then incidents, sliders, totals and log. From lg, three columns.
  return (
    <section
      aria-label="Simulation"
      className="relative flex h-[30vh] max-h-96 min-h-64 shrink-0 flex-col gap-3 overflow-y-auto border-slate-200 border-t bg-white px-3 py-2 lg:h-[clamp(210px,34vh,288px)] lg:min-h-0 lg:flex-row lg:overflow-hidden dark:border-slate-700 dark:bg-slate-900"
      data-testid="sim-panel"
    >
      <div className="contents lg:block lg:w-72 lg:shrink-0 lg:space-y-2 lg:overflow-y-auto xl:w-80">
        <div className="order-1 shrink-0">
          <Transport />
        </div>
        <div className="order-3 shrink-0 space-y-2">
          <Incidents />
          <LoadControls />
        </div>
      </div>
      <div className="order-2 flex min-w-0 shrink-0 flex-col gap-2 sm:h-48 lg:h-auto lg:min-h-0 lg:flex-1 lg:shrink">
        <Charts />
      </div>
      <div className="order-4 flex shrink-0 flex-col gap-2 lg:w-64 xl:w-80">
        <TotalsTable />
        <EventLog />
      </div>
    </section>
  );
}
