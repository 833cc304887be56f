import { useId, useMemo, useState } from 'react';
import { type Scenario, switchDeployment } from '../../model/scenario';
import { createSimulation, runFor, type Summary, summarize, views } from '../../sim';
import { toTempo30 } from '../../training/migration';
import { formatCount, formatDurationMs, formatRate } from '../format';
import { Button } from '../panels/ui';
import { Chart } from '../sim/Chart';
import { useScenarioStore } from '../store/scenarioStore';

const SAMPLE_S = 10;

interface Run {
  title: string;
  t: number[];
  written: number[];
  lost: number[];
  refused: number[];
  summary: Summary;
}

type Alternative = 'monolithic' | 'microservices' | 'scalable-single-binary' | 'tempo-3.0';

function alternative(s: Scenario, alt: Alternative): Scenario {
  const next = alt === 'tempo-3.0' ? toTempo30(s) : switchDeployment(s, s.tempoVersion, alt);
  return { ...next, load: s.load, seed: s.seed, events: s.events };
}

/** The same load against two scenarios, same seed, run headless; charts and lost-span counts side by side. */
export function run(s: Scenario, seconds: number, title: string): Run {
  let state = createSimulation(s);
  const out: Run = { title, t: [], written: [], lost: [], refused: [], summary: summarize(state) };
  let prev = views(state).totals;
  for (let t = 0; t < seconds; t += SAMPLE_S) {
    state = runFor(state, SAMPLE_S);
    const v = views(state);
    out.t.push(v.t);
    out.written.push((v.totals.written - prev.written) / SAMPLE_S);
    out.lost.push((v.totals.lost - prev.lost) / SAMPLE_S);
    out.refused.push((v.totals.refused - prev.refused) / SAMPLE_S);
    prev = v.totals;
  }
  out.summary = summarize(state);
  return out;
}

/** The highest rate either run reaches: both charts share it as their y-scale. */
export function sharedMax(runs: readonly Run[]): number {
  let m = 0;
  for (const r of runs) for (const a of [r.written, r.refused, r.lost]) for (const v of a) m = Math.max(m, v);
  return m > 0 ? m * 1.05 : 1;
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
      <h4 className="font-semibold">{r.title}</h4>
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
    </section>
  );
}

export function ComparePanel() {
  const scenario = useScenarioStore((s) => s.scenario);
  const [alt, setAlt] = useState<Alternative>(
    scenario.mode === 'microservices' ? 'monolithic' : 'microservices',
  );
  const [seconds, setSeconds] = useState(600);
  const [runs, setRuns] = useState<[Run, Run] | null>(null);
  const altId = useId();
  const durId = useId();
  const options: { value: Alternative; label: string }[] = [
    { value: 'monolithic', label: 'Monolithic' },
    { value: 'microservices', label: 'Microservices' },
    ...(scenario.tempoVersion === '2.10'
      ? [
          { value: 'scalable-single-binary' as const, label: 'Scalable single binary' },
          { value: 'tempo-3.0' as const, label: 'Tempo 3.0 equivalent' },
        ]
      : []),
  ];
  const go = () => {
    const b = alternative(scenario, alt);
    setRuns([
      run(scenario, seconds, `This scenario: ${scenario.tempoVersion} ${scenario.mode}`),
      run(b, seconds, `${b.tempoVersion} ${b.mode}`),
    ]);
  };
  return (
    <div className="space-y-3 text-sm" data-testid="compare">
      <p>
        Runs the current load ({formatCount(scenario.load.spansPerSecond)} spans/s, seed {scenario.seed})
        against this scenario and an alternative, headless, and shows both.
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor={altId}>Compare with</label>
        <select
          id={altId}
          value={alt}
          onChange={(e) => setAlt(e.currentTarget.value as Alternative)}
          className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-600 dark:bg-slate-800"
          data-testid="compare-alt"
        >
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <label htmlFor={durId}>for</label>
        <select
          id={durId}
          value={seconds}
          onChange={(e) => setSeconds(Number(e.currentTarget.value))}
          className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-600 dark:bg-slate-800"
        >
          <option value={600}>10 minutes</option>
          <option value={1800}>30 minutes</option>
          <option value={3600}>1 hour</option>
        </select>
        <Button variant="primary" onClick={go} testId="compare-run">
          Run both
        </Button>
      </div>
      {runs && (
        <div className="flex gap-4">
          <RunColumn r={runs[0]} yMax={sharedMax(runs)} />
          <RunColumn r={runs[1]} yMax={sharedMax(runs)} />
        </div>
      )}
    </div>
  );
}
