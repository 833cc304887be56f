/** The guided story on top of the canvas: step text, where to look, next step; large type for presenters. */
import { useEffect } from 'react';
import { formatSeconds } from '../format';
import { Button } from '../panels/ui';
import { simDriver } from '../sim/driver';
import { useSimStore } from '../sim/simStore';
import { useView } from '../store/viewStore';
import { StoryQuestionView } from './StoryQuestionView';
import { StoryText } from './StoryText';
import { useStoryById } from './storyLibrary';

export default function StoryOverlay() {
  const story = useSimStore((s) => s.story);
  const running = useSimStore((s) => s.running);
  const presenter = useView((v) => v.presenter);
  const setPresenter = useView((v) => v.setPresenter);
  const setFocus = useView((v) => v.setFocus);
  const g = useStoryById(story?.id);
  const step = story && g ? g.steps[story.stepIndex] : undefined;
  // An edge (`write:a->b`) is shown by its two ends.
  const edgeEnds = /^[a-z]+:(.+)->(.+)$/.exec(step?.lookAt?.edgeId ?? '');
  const focusKey = edgeEnds ? `${edgeEnds[1]}|${edgeEnds[2]}` : (step?.lookAt?.nodeId ?? '');
  // The node the step names is highlighted and zoomed to on the canvas.
  useEffect(() => {
    setFocus(focusKey ? focusKey.split('|') : []);
  }, [focusKey, setFocus]);
  useEffect(() => () => setFocus([]), [setFocus]);
  if (!story || !g) return null;
  const big = presenter ? 'text-2xl' : 'text-base';
  return (
    <section
      aria-label="Guided scenario"
      className={`shrink-0 space-y-2 overflow-y-auto border-orange-300 bg-white p-4 dark:border-orange-700 dark:bg-slate-900 ${presenter ? 'max-h-[45%] border-t-4 lg:max-h-none lg:w-[36%] lg:border-t-0 lg:border-l-4' : 'max-h-[45%] border-t-4'}`}
      data-testid="story"
    >
      <div className="flex flex-wrap items-center gap-2 text-slate-600 text-sm dark:text-slate-300">
        <span className="font-semibold">{g.title}</span>
        <span data-testid="story-progress">
          Step {story.stepIndex + 1} of {g.steps.length} · t = {formatSeconds(story.t)}
        </span>
      </div>
      {step && (
        <>
          <h2 className={`font-bold ${presenter ? 'text-4xl' : 'text-xl'}`} data-testid="story-step-title">
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
      <div className="flex flex-wrap gap-2">
        {running ? (
          <Button onClick={() => simDriver.pause()}>Pause</Button>
        ) : (
          <Button
            variant="primary"
            onClick={() => simDriver.play()}
            disabled={story.done}
            testId="story-play"
          >
            Play
          </Button>
        )}
        <Button
          onClick={() => simDriver.previousStep()}
          disabled={story.t === 0}
          testId="story-back"
          title="Back to the start of this step (or the previous one)"
        >
          Step back
        </Button>
        <Button onClick={() => simDriver.nextStep()} disabled={story.done} testId="story-next">
          Next step
        </Button>
        <label className="flex items-center gap-1 text-sm">
          <span>Go to step</span>
          <select
            className="rounded border border-slate-300 bg-white px-1 py-1 dark:border-slate-600 dark:bg-slate-800"
            value={story.stepIndex}
            data-testid="story-jump"
            onChange={(e) => simDriver.jumpToStep(Number(e.currentTarget.value))}
          >
            {g.steps.map((st, i) => (
              <option key={`${st.at} ${st.title}`} value={i}>
                {i + 1}. {st.title}
              </option>
            ))}
          </select>
        </label>
        <Button onClick={() => simDriver.startStory(g)} testId="story-replay">
          Replay
        </Button>
        <Button onClick={() => setPresenter(!presenter)} pressed={presenter} testId="story-presenter">
          Presenter view
        </Button>
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
    </section>
  );
}
