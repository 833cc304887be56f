import { useId, useMemo, useState } from 'react';
import { GiB } from '../../model/catalog';
import { type OpsMaturity, type RecommenderAnswers, recommend } from '../../training/recommender';
import { Button } from '../panels/ui';
import { useScenarioStore } from '../store/scenarioStore';

/** The decision guide: answer four questions, get a mode, the reasons and a sized scenario to open. */
export function RecommenderPanel({ onOpen }: { onOpen: () => void }) {
  const [answers, setAnswers] = useState<RecommenderAnswers>({
    throughputMBps: 20,
    highAvailability: true,
    opsMaturity: 'medium',
    tempoVersion: 'either',
  });
  const load = useScenarioStore((s) => s.load);
  const rec = useMemo(() => recommend(answers), [answers]);
  const ids = { mbps: useId(), ops: useId(), version: useId(), ha: useId(), kafka: useId() };
  const set = (patch: Partial<RecommenderAnswers>) => setAnswers((a) => ({ ...a, ...patch }));
  return (
    <div className="grid gap-4 md:grid-cols-[280px_1fr]" data-testid="recommender">
      <form className="space-y-3 text-sm" onSubmit={(e) => e.preventDefault()}>
        <div>
          <label htmlFor={ids.mbps} className="block font-medium">
            Throughput (MB/s of spans received)
          </label>
          <input
            id={ids.mbps}
            type="number"
            min={0.1}
            max={10000}
            step={1}
            className="w-28 rounded border border-slate-300 bg-white px-1.5 py-0.5 dark:border-slate-600 dark:bg-slate-800"
            value={answers.throughputMBps ?? 0}
            data-testid="rec-throughput"
            onChange={(e) => {
              const v = e.currentTarget.valueAsNumber;
              if (Number.isFinite(v) && v > 0 && v <= 10000) set({ throughputMBps: v });
            }}
          />
        </div>
        <div className="flex items-center gap-2">
          <input
            id={ids.ha}
            type="checkbox"
            checked={answers.highAvailability}
            onChange={(e) => set({ highAvailability: e.currentTarget.checked })}
            data-testid="rec-ha"
          />
          <label htmlFor={ids.ha}>Must survive losing a pod</label>
        </div>
        <div>
          <label htmlFor={ids.ops} className="block font-medium">
            Operations maturity
          </label>
          <select
            id={ids.ops}
            className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-600 dark:bg-slate-800"
            value={answers.opsMaturity}
            onChange={(e) => set({ opsMaturity: e.currentTarget.value as OpsMaturity })}
            data-testid="rec-ops"
          >
            <option value="low">Low: no Kubernetes routine</option>
            <option value="medium">Medium: runs Kubernetes well</option>
            <option value="high">High: also runs Kafka</option>
          </select>
        </div>
        <div>
          <label htmlFor={ids.version} className="block font-medium">
            Tempo version
          </label>
          <select
            id={ids.version}
            className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-600 dark:bg-slate-800"
            value={answers.tempoVersion}
            onChange={(e) =>
              set({ tempoVersion: e.currentTarget.value as RecommenderAnswers['tempoVersion'] })
            }
            data-testid="rec-version"
          >
            <option value="either">Either</option>
            <option value="2.10">2.10</option>
            <option value="3.0">3.0</option>
          </select>
        </div>
        <div className="flex items-center gap-2">
          <input
            id={ids.kafka}
            type="checkbox"
            checked={answers.hasKafka ?? answers.opsMaturity === 'high'}
            onChange={(e) => set({ hasKafka: e.currentTarget.checked })}
          />
          <label htmlFor={ids.kafka}>We already operate Kafka</label>
        </div>
      </form>
      <section aria-label="Recommendation" className="space-y-2 text-sm" data-testid="rec-result">
        <h3 className="font-semibold text-lg">
          Tempo {rec.tempoVersion}, {rec.mode}
        </h3>
        <ul className="list-disc space-y-1 pl-5">
          {rec.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
        {rec.notes.length > 0 && (
          <>
            <h4 className="font-semibold">Plan for</h4>
            <ul className="list-disc space-y-1 pl-5">
              {rec.notes.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
          </>
        )}
        <table className="w-full text-left [&_td]:py-1 [&_td]:pr-3 [&_th]:pr-3">
          <caption className="text-left font-semibold">Sizing for {rec.throughputMBps} MB/s</caption>
          <thead>
            <tr>
              <th scope="col">Component</th>
              <th scope="col">Replicas</th>
              <th scope="col">Per replica</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {rec.sizing.map((r) => (
              <tr key={r.component} className="border-slate-200 border-t align-top dark:border-slate-700">
                <td className="font-mono">{r.component}</td>
                <td className="tabular-nums">{r.replicas}</td>
                <td>
                  {r.cpu !== undefined ? `${r.cpu} CPU, ${((r.memoryBytes ?? 0) / GiB).toFixed(0)} GiB` : ''}
                </td>
                <td>{r.why}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {rec.beyondOneCluster && (
          <p role="alert" className="font-medium text-red-700 dark:text-red-300" data-testid="rec-beyond">
            {rec.beyondOneCluster}
          </p>
        )}
        <Button
          variant="primary"
          testId="rec-open"
          disabled={rec.beyondOneCluster !== undefined}
          onClick={() => {
            load(rec.scenario, `Opened the recommended Tempo ${rec.tempoVersion} ${rec.mode} scenario.`);
            onOpen();
          }}
        >
          Open this scenario
        </Button>
      </section>
    </div>
  );
}
