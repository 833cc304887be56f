import { useMemo, useState } from 'react';
import { migrationView } from '../../training/migration';
import {
  type CutoverResult,
  migrationMarkdown,
  migrationPlan,
  simulateCutover,
} from '../../training/migrationPlan';
import { downloadText } from '../download';
import { Button } from '../panels/ui';
import { useScenarioStore } from '../store/scenarioStore';

/** A dotted config key that may wrap after each dot or underscore (never inside a word). */
function BreakableKey({ k }: { k: string }) {
  const parts = k.split(/(?<=[._])/);
  return (
    <>
      {parts.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed string, in order
        <span key={i}>
          {p}
          {i < parts.length - 1 && <wbr />}
        </span>
      ))}
    </>
  );
}

/** The guide's steps as a checklist a person ticks off (ticks live in the page, not the scenario). */
function Checklist({ steps }: { steps: ReturnType<typeof migrationPlan>['steps'] }) {
  const [done, setDone] = useState<Record<number, boolean>>({});
  let phase = '';
  return (
    <section aria-label="Migration checklist" data-testid="migration-checklist">
      <h3 className="font-semibold">Checklist (Tempo's guide "Migrate from Tempo 2.x to 3.0")</h3>
      <ul className="space-y-1">
        {steps.map((st, k) => {
          const head = st.phase !== phase ? st.phase : null;
          phase = st.phase;
          return (
            <li key={st.title}>
              {head && (
                <p className="mt-2 font-semibold capitalize text-slate-600 dark:text-slate-300">{head}</p>
              )}
              <label className="flex gap-2">
                <input
                  type="checkbox"
                  checked={!!done[k]}
                  onChange={(e) => setDone({ ...done, [k]: e.currentTarget.checked })}
                />
                <span>
                  <strong>{st.title}.</strong> {st.detail}
                </span>
              </label>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function Cutover({ result }: { result: CutoverResult }) {
  return (
    <div data-testid="migration-cutover">
      <p>
        Spans lost on either side: <strong>{result.lost.toLocaleString('en-US')}</strong>. The 2.10 ingesters
        held nothing unflushed{' '}
        <strong>
          {result.drainedAfterMinutes === null
            ? 'not within the run'
            : `${result.drainedAfterMinutes} min after the switch`}
        </strong>{' '}
        (then complete_block_timeout, 15 min). Blocks waiting for 3.0's backend-workers at the hand-over:{' '}
        <strong>{result.uncompactedAtHandOver.toLocaleString('en-US')}</strong>.
      </p>
    </div>
  );
}

/** 2.10 -> 3.0: what disappears, what appears, which keys move; open the 3.0 equivalent. */
export function MigrationPanel({ onOpen }: { onOpen: () => void }) {
  const scenario = useScenarioStore((s) => s.scenario);
  const load = useScenarioStore((s) => s.load);
  const view = useMemo(() => (scenario.tempoVersion === '2.10' ? migrationView(scenario) : null), [scenario]);
  const plan = useMemo(() => (scenario.tempoVersion === '2.10' ? migrationPlan(scenario) : null), [scenario]);
  const [cutover, setCutover] = useState<{ key: object; result: CutoverResult } | null>(null);
  if (!view || !plan) {
    return (
      <p className="text-sm" data-testid="migration">
        The current scenario is already on Tempo 3.0. Switch to a 2.10 scenario to see its migration.
      </p>
    );
  }
  const list = (title: string, items: typeof view.appears, tone: string) => (
    <section aria-label={title} className={`rounded border-l-4 p-2 ${tone}`}>
      <h3 className="font-semibold">{title}</h3>
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
      {/* Long keys break after their dots and underscores: the table fits the dialog at 800 px too. */}
      <table
        className="w-full text-left [&_td]:py-1 [&_td]:pr-3 [&_td]:[overflow-wrap:anywhere] [&_th]:pr-3"
        data-testid="migration-keys"
      >
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
              <td className="font-mono">{c.from ? <BreakableKey k={c.from} /> : '(new)'}</td>
              <td className="font-mono">
                <BreakableKey k={c.to} />
              </td>
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
      <Checklist steps={plan.steps} />
      <section aria-label="Both tempo.yaml files" className="grid gap-2 md:grid-cols-2">
        {(
          [
            ['2.10', plan.config210],
            ['3.0', plan.config30],
          ] as const
        ).map(([v, text]) => (
          <div key={v}>
            <h3 className="font-semibold">tempo.yaml, Tempo {v}</h3>
            <pre
              className="max-h-64 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800"
              data-testid={`migration-config-${v}`}
              // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
              tabIndex={0}
            >
              {text}
            </pre>
          </div>
        ))}
      </section>
      <p>
        {plan.changes.length} keys differ: {plan.changes.filter((c) => c.change === 'removed').length}{' '}
        removed, {plan.changes.filter((c) => c.change === 'added').length} added,{' '}
        {plan.changes.filter((c) => c.change === 'changed').length} changed (all of them in the Markdown
        plan).
      </p>
      {plan.cutover !== null && (
        <div className="space-y-1">
          <Button
            testId="migration-simulate"
            onClick={() => setCutover({ key: scenario, result: simulateCutover(scenario) })}
          >
            Simulate the cut-over (both clusters, one load)
          </Button>
          {cutover && cutover.key === scenario && <Cutover result={cutover.result} />}
        </div>
      )}
      <Button
        testId="migration-markdown"
        onClick={() =>
          downloadText(
            migrationMarkdown(scenario, plan),
            `tempo-migration-${scenario.mode}.md`,
            'text/markdown',
          )
        }
      >
        Download the plan (Markdown)
      </Button>
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
