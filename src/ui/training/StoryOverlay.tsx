/** The guided story on top of the canvas: step text, where to look, next step; large type for presenters. */
import { useEffect, useId, useMemo } from 'react';
import { lensTopology, restText } from '../../model/lens';
import { deriveTopology } from '../../model/topology';
import type { GuidedStep } from '../../training/guided';
import { namedAtStep } from '../../training/stepFocus';
import { registerAction } from '../actions';
import { formatSeconds } from '../format';
import Notices from '../Notices';
import { Button } from '../panels/ui';
import { collapseEvents, type LogLine } from '../sim/collapseEvents';
import { simDriver } from '../sim/driver';
import { useSimStore } from '../sim/simStore';
import { useScenarioStore } from '../store/scenarioStore';
import { groupAbove, useView } from '../store/viewStore';
import { StoryQuestionView } from './StoryQuestionView';
import { StoryText } from './StoryText';
import { useStoryById } from './storyLibrary';

/** Lines of the step's events kept in view in presenter view (the ones the step names first). */
const STEP_EVENT_LINES = 2;

/**
 * The events a step talks about, newest first: the kind it names (whenever it happened: a step often
 * begins just after its event), then what happened since the step before it began.
 */
function useStepEvents(steps: readonly GuidedStep[], index: number): LogLine[] {
  const events = useSimStore((s) => s.events);
  // Events count from the running simulation's start; the story's clock may have started earlier.
  const offset = useSimStore((s) => (s.story ? s.story.t - s.t : 0));
  return useMemo(() => {
    const step = steps[index];
    if (!step) return [];
    const from = steps[index - 1]?.at ?? 0;
    const kind = step.lookAt?.eventKind;
    const lines = collapseEvents(events.slice(-1000))
      .map((l) => ({ ...l, t: l.t + offset }))
      .reverse();
    const named = kind ? lines.filter((l) => l.kind === kind).slice(0, 2) : [];
    const rest = lines.filter((l) => l.t >= from && !named.includes(l));
    return [...named, ...rest].slice(0, STEP_EVENT_LINES);
  }, [events, offset, steps, index]);
}

function StepEvents({ steps, index }: { steps: readonly GuidedStep[]; index: number }) {
  const lines = useStepEvents(steps, index);
  const kind = steps[index]?.lookAt?.eventKind;
  return (
    <section aria-label="Events of this step" className="shrink-0" data-testid="story-events">
      <h3 className="font-semibold text-slate-600 text-xs uppercase tracking-wide dark:text-slate-300">
        Events of this step
      </h3>
      {lines.length === 0 ? (
        <p className="text-lg text-slate-600 dark:text-slate-300">
          {kind ? `No ${kind} event yet: Play to see it.` : 'Nothing has happened since the last step.'}
        </p>
      ) : (
        <ol className="space-y-1">
          {lines.map((l) => (
            <li
              key={`${l.t}-${l.kind}-${l.message}`}
              data-kind={l.kind}
              className={`line-clamp-2 text-lg leading-snug ${l.kind === kind ? 'font-semibold' : ''} ${l.kind === 'oom-kill' || l.kind === 'killed' ? 'text-red-700 dark:text-red-300' : ''}`}
            >
              <span className="font-mono text-base text-slate-600 dark:text-slate-300">
                {formatSeconds(l.t)}
              </span>{' '}
              {l.message}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Undo and redo change the scenario, which ends the story: during one they ask first. */
function askFirst(what: 'Undo' | 'Redo'): () => void {
  return () => {
    const store = useScenarioStore.getState();
    const run = () => {
      // Ended first: an undo that lands on the same deployment would not end it on its own.
      useView.getState().setPresenter(false);
      simDriver.stopStory();
      if (what === 'Undo') store.undo();
      else store.redo();
    };
    if ((what === 'Undo' ? store.past : store.future).length === 0) return;
    store.notify('info', `${what} would end the story.`, {
      label: `End the story and ${what.toLowerCase()}`,
      testId: 'confirm-leave-story',
      run,
    });
  };
}

export default function StoryOverlay() {
  const story = useSimStore((s) => s.story);
  const running = useSimStore((s) => s.running);
  const presenter = useView((v) => v.presenter);
  const setPresenter = useView((v) => v.setPresenter);
  const setFocus = useView((v) => v.setFocus);
  const jumpId = useId();
  const g = useStoryById(story?.id);
  const step = story && g ? g.steps[story.stepIndex] : undefined;
  // What the step names is highlighted and zoomed to on the canvas; a step that names only a chart
  // or the log keeps the part of the graph the story was last about in view, at a size a room can
  // read, instead of fitting the whole graph with 6 px labels.
  const focusKey = g && story ? namedAtStep(g, story.stepIndex).join('|') : '';
  useEffect(() => {
    setFocus(focusKey ? focusKey.split('|') : []);
  }, [focusKey, setFocus]);
  useEffect(() => () => setFocus([]), [setFocus]);
  // Presenter view's focus: the canvas draws the step's part of the graph and counts the rest.
  const lensOn = useView((v) => v.lensOn);
  const setLensOn = useView((v) => v.setLensOn);
  const setLens = useView((v) => v.setLens);
  const scenario = useScenarioStore((s) => s.scenario);
  const everyReplica = useView((v) => v.everyReplica);
  const lens = useMemo(() => {
    if (!presenter || !lensOn || !focusKey) return null;
    const l = lensTopology(
      deriveTopology(scenario, { groupAbove: groupAbove(everyReplica) }),
      focusKey.split('|'),
    );
    return l && { topology: l.topology, rest: restText(l.rest) };
  }, [presenter, lensOn, focusKey, scenario, everyReplica]);
  useEffect(() => setLens(lens), [lens, setLens]);
  useEffect(() => () => setLens(null), [setLens]);
  // What a presentation clicker sends (PageDown/PageUp, arrows) steps through the story.
  useEffect(() => {
    const offs = [
      registerAction('next-step', () => simDriver.nextStep()),
      registerAction('previous-step', () => simDriver.previousStep()),
      registerAction('undo', askFirst('Undo')),
      registerAction('redo', askFirst('Redo')),
    ];
    return () => {
      for (const off of offs) off();
    };
  }, []);
  if (!story || !g) return null;
  // Projector sizes from lg; docked in a narrower window (md..lg) a step one size down, so its text
  // is not squeezed out of the panel by the events and the controls.
  const big = presenter ? 'text-lg leading-snug lg:text-xl' : 'text-base';
  return (
    <section
      aria-label="Guided scenario"
      className={`flex shrink-0 flex-col gap-2 overflow-y-auto border-orange-300 bg-white p-4 dark:border-orange-700 dark:bg-slate-900 max-h-[45%] border-t-4 md:max-h-none md:w-[42%] md:border-t-0 md:border-l-4 ${presenter ? 'lg:w-[36%]' : 'lg:max-h-[45%] lg:w-auto lg:border-t-4 lg:border-l-0'}`}
      data-testid="story"
    >
      <div className="flex shrink-0 flex-wrap items-center gap-x-2 gap-y-1 text-slate-600 text-sm dark:text-slate-300">
        <span className="font-semibold">{g.title}</span>
        <span data-testid="story-progress">
          Step {story.stepIndex + 1} of {g.steps.length} · t = {formatSeconds(story.t)}
        </span>
      </div>
      <div className="flex shrink-0 flex-wrap items-center gap-2">
        <label htmlFor={jumpId} className="sr-only">
          Jump to step
        </label>
        <select
          id={jumpId}
          data-testid="story-jump"
          title="Jump to step"
          className="min-w-48 flex-1 rounded border border-slate-300 bg-white px-1 py-1 text-sm dark:border-slate-600 dark:bg-slate-800"
          value={story.stepIndex}
          onChange={(e) => simDriver.jumpToStep(Number(e.currentTarget.value))}
        >
          {g.steps.map((s, i) => (
            <option key={s.title} value={i}>
              {i + 1}. {s.title} ({formatSeconds(s.at)})
            </option>
          ))}
        </select>
        <Button onClick={() => setPresenter(!presenter)} pressed={presenter} testId="story-presenter">
          Presenter view
        </Button>
        {presenter && (
          <Button
            onClick={() => setLensOn(!lensOn)}
            pressed={lensOn}
            testId="story-focus"
            title="Draw only what this step names and the components wired to it, and count the rest"
          >
            Focus
          </Button>
        )}
        <Button
          onClick={() => {
            setPresenter(false);
            simDriver.stopStory();
          }}
          testId="story-exit"
        >
          Exit story
        </Button>
      </div>
      <div
        className={`flex-1 space-y-2 overflow-y-auto ${presenter ? 'min-h-0' : 'min-h-[5.5rem]'}`}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: long step text scrolls; reachable by keyboard
        tabIndex={0}
        data-testid="story-body"
      >
        {step && (
          <>
            <h2
              className={`font-bold ${presenter ? 'text-2xl leading-tight lg:text-3xl' : 'text-xl'}`}
              data-testid="story-step-title"
            >
              {step.title}
            </h2>
            <StoryText text={step.text} className={big} />
            {step.question && (
              <StoryQuestionView key={story.stepIndex} q={step.question} stepAt={step.at} big={presenter} />
            )}
            {step.lookAt && (
              <p className="text-slate-600 text-sm dark:text-slate-300">
                Look at:{' '}
                {[
                  step.lookAt.nodeId && `the ${step.lookAt.nodeId} node (highlighted)`,
                  step.lookAt.edgeId && `the edge ${step.lookAt.edgeId} (its ends highlighted)`,
                  step.lookAt.chart && `the ${step.lookAt.chart} chart`,
                  step.lookAt.eventKind && `the event log (${step.lookAt.eventKind})`,
                ]
                  .filter(Boolean)
                  .join(', ')}
              </p>
            )}
          </>
        )}
        {story.done && (
          <p className={`font-semibold ${big}`} data-testid="story-done">
            End of the story. Replay it, or change anything and keep exploring.
          </p>
        )}
      </div>
      {presenter && step && <StepEvents steps={g.steps} index={story.stepIndex} />}
      {presenter && <Notices docked />}
      <div className="flex shrink-0 flex-wrap gap-2">
        {running ? (
          <Button onClick={() => simDriver.pause()} testId="story-pause" title="Pause (Space)">
            Pause
          </Button>
        ) : (
          <Button
            variant="primary"
            onClick={() => simDriver.play()}
            disabled={story.done}
            testId="story-play"
            title="Play this step; the story pauses where the next one begins (Space)"
          >
            Play
          </Button>
        )}
        <Button
          onClick={() => simDriver.previousStep()}
          disabled={story.t === 0}
          testId="story-back"
          title="Back to the start of this step, or the previous one (PageUp, Left arrow)"
        >
          Step back
        </Button>
        <Button
          onClick={() => simDriver.nextStep()}
          disabled={story.done}
          testId="story-next"
          title="Next step (PageDown, Right arrow)"
        >
          Next step
        </Button>
        <Button onClick={() => simDriver.startStory(g, presenter)} testId="story-replay">
          Replay
        </Button>
      </div>
    </section>
  );
}
