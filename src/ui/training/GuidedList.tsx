import { useRef, useState } from 'react';
import type { StoryMessage } from '../../training/storyFile';
import { formatSeconds } from '../format';
import { Button } from '../panels/ui';
import { simDriver } from '../sim/driver';
import { useRecorder } from './recorderStore';
import { GUIDED_SCENARIOS } from './storyLibrary';
import { formatStoryMessage, openStoryFile } from './storyOpen';

/** The shipped training stories (story files, like yours); each replays the same for everyone. */
export function GuidedList({ onStart }: { onStart: () => void }) {
  const file = useRef<HTMLInputElement>(null);
  const [problems, setProblems] = useState<{ name: string; errors: StoryMessage[] } | null>(null);
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <Button
          onClick={() => file.current?.click()}
          testId="story-open"
          title="Play a story file (YAML or JSON)"
        >
          Open a story file…
        </Button>
        <input
          ref={file}
          type="file"
          accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
          className="hidden"
          aria-label="Story file to open"
          data-testid="story-open-file"
          onChange={(e) => {
            const f = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (!f) return;
            void openStoryFile(f).then((errors) => {
              if (errors) setProblems({ name: f.name, errors });
              else {
                setProblems(null);
                onStart();
              }
            });
          }}
        />
        <Button
          onClick={() => {
            simDriver.stopStory();
            simDriver.pause();
            simDriver.reset();
            useRecorder.getState().setActive(true);
            onStart();
          }}
          testId="story-record"
          title="Run the simulation, act, and add steps at any second"
        >
          Record a story
        </Button>
        <span className="text-slate-600 dark:text-slate-300">
          The story format is described in the README (Stories).
        </span>
      </div>
      {problems && (
        <div
          role="alert"
          className="rounded border border-red-400 p-2 text-sm"
          data-testid="story-open-errors"
        >
          <p className="font-semibold">{problems.name} was not opened:</p>
          <ul className="list-disc pl-6">
            {problems.errors.map((m) => (
              <li key={`${m.line ?? 0} ${m.message}`}>{formatStoryMessage(m)}</li>
            ))}
          </ul>
        </div>
      )}
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
              label={`Start ${g.title}`}
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
    </div>
  );
}
