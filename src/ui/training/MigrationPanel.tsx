import { useMemo } from 'react';
import { migrationView } from '../../training/migration';
import { Button } from '../panels/ui';
import { useScenarioStore } from '../store/scenarioStore';

/** 2.10 -> 3.0: what disappears, what appears, which keys move; open the 3.0 equivalent. */
export function MigrationPanel({ onOpen }: { onOpen: () => void }) {
  const scenario = useScenarioStore((s) => s.scenario);
  const load = useScenarioStore((s) => s.load);
  const view = useMemo(() => (scenario.tempoVersion === '2.10' ? migrationView(scenario) : null), [scenario]);
  if (!view) {
    return (
      <p className="text-sm" data-testid="migration">
        The current scenario is already on Tempo 3.0. Switch to a 2.10 scenario to see its migration.
      </p>
    );
  }
  const list = (title: string, items: typeof view.appears, tone: string) => (
    <section aria-label={title} className={`rounded border-l-4 p-2 ${tone}`}>
      <h4 className="font-semibold">{title}</h4>
      <ul className="space-y-1">
        {items.map((i) => (
          <li key={i.label}>
            <strong>{i.label}</strong>: {i.why}
          </li>
        ))}
      </ul>
    </section>
  );
  return (
    <div className="space-y-3 text-sm" data-testid="migration">
      <p>
        From this Tempo 2.10 {scenario.mode} scenario to Tempo 3.0 {view.targetMode}.
      </p>
      <div className="grid gap-3 md:grid-cols-3">
        {list('Disappears', view.disappears, 'border-red-500 bg-red-50 dark:bg-red-950')}
        {list('Appears', view.appears, 'border-emerald-600 bg-emerald-50 dark:bg-emerald-950')}
        {list('Stays', view.unchanged, 'border-slate-400 bg-slate-50 dark:bg-slate-900')}
      </div>
      <table className="w-full text-left [&_td]:py-1 [&_td]:pr-3 [&_th]:pr-3">
        <caption className="text-left font-semibold">Configuration keys</caption>
        <thead>
          <tr>
            <th scope="col">2.10</th>
            <th scope="col">3.0</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {view.configChanges.map((c) => (
            <tr
              key={`${c.from}->${c.to}`}
              className="border-slate-200 border-t align-top dark:border-slate-700"
            >
              <td className="font-mono">{c.from ?? '(new)'}</td>
              <td className="font-mono">{c.to}</td>
              <td>{c.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <ul className="list-disc pl-5">
        {view.notes.map((n) => (
          <li key={n}>{n}</li>
        ))}
      </ul>
      <Button
        variant="primary"
        testId="migration-open"
        onClick={() => {
          load(
            view.scenario30,
            `Opened the Tempo 3.0 ${view.targetMode} equivalent; Undo goes back to 2.10.`,
          );
          onOpen();
        }}
      >
        Open the 3.0 equivalent
      </Button>
    </div>
  );
}
