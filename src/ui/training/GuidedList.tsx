import { GUIDED_SCENARIOS } from '../../training/builtinStories';
import { formatSeconds } from '../format';
import { Button } from '../panels/ui';
import { simDriver } from '../sim/driver';

/** The shipped training stories; each replays the same for everyone (fixed seed and timeline). */
export function GuidedList({ onStart }: { onStart: () => void }) {
  return (
    <ul className="grid gap-3 md:grid-cols-2" data-testid="guided-list">
      {GUIDED_SCENARIOS.map((g) => (
        <li
          key={g.id}
          className="space-y-1 rounded border border-slate-200 p-3 text-sm dark:border-slate-700"
        >
          <h3 className="font-semibold text-base">{g.title}</h3>
          <p>{g.summary}</p>
          <p className="text-slate-600 text-xs dark:text-slate-300">
            Tempo {g.scenario.tempoVersion} {g.scenario.mode} · {g.steps.length} steps ·{' '}
            {formatSeconds(g.durationSeconds)} simulated
          </p>
          <Button
            variant="primary"
            testId={`guided-start-${g.id}`}
            onClick={() => {
              simDriver.startStory(g);
              onStart();
            }}
          >
            Start
          </Button>
        </li>
      ))}
    </ul>
  );
}
