/**
 * Record a story from the live run: the presenter runs the simulation and acts (kill, outage, sliders:
 * the run's log holds them), adds a step at any second, edits the steps' words, then saves the story
 * file or copies a link to it. Lazy-loaded.
 */
import { useId, useMemo, useRef, useState } from 'react';
import { type RecordedStep, storyFromRecording } from '../../training/record';
import { storyToYaml } from '../../training/storyFile';
import { encodeStoryLink } from '../../training/storyLink';
import { downloadText } from '../download';
import { formatSeconds } from '../format';
import { Button } from '../panels/ui';
import { simDriver } from '../sim/driver';
import { useSimStore } from '../sim/simStore';
import { useScenarioStore } from '../store/scenarioStore';
import { useSelection } from '../store/selectionStore';
import { useRecorder } from './recorderStore';

const input =
  'w-full rounded border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-800';

export default function Recorder() {
  const t = useSimStore((s) => s.t);
  const selected = useSelection((s) => s.selected);
  const setActive = useRecorder((s) => s.setActive);
  const [title, setTitle] = useState('Our story');
  const [steps, setSteps] = useState<RecordedStep[]>([]);
  const [draft, setDraft] = useState({ title: '', text: '', highlight: true });
  const [link, setLink] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const log = useRef(simDriver.runLog());
  const ids = { title: useId(), stepTitle: useId(), stepText: useId(), highlight: useId() };
  const at = Math.floor(t);

  /** The run this recording follows; a structural change restarted it, and the recording with it. */
  const sameRun = () => {
    const now = simDriver.runLog();
    if (now && now === log.current) return true;
    log.current = now;
    setSteps([]);
    setLink(null);
    setStatus('The scenario changed, so the run started over: the recording starts again with this run.');
    return false;
  };

  const story = useMemo(
    () => (log.current ? storyFromRecording(log.current, steps, Math.max(at, 1), title) : null),
    // The log object is the same while it grows: the story is rebuilt on every change the user makes.
    [steps, at, title],
  );

  const add = () => {
    if (!sameRun()) return;
    const step: RecordedStep = {
      at,
      title: draft.title.trim() || `At ${formatSeconds(at)}`,
      text: draft.text,
      ...(draft.highlight && selected ? { highlight: selected } : {}),
    };
    setSteps((xs) => [...xs, step].sort((a, b) => a.at - b.at));
    setDraft({ title: '', text: '', highlight: draft.highlight });
    setLink(null);
    setStatus(`Step ${steps.length + 1} added at ${formatSeconds(at)}.`);
  };

  const edit = (i: number, patch: Partial<RecordedStep>) => {
    setSteps((xs) => xs.map((x, k) => (k === i ? { ...x, ...patch } : x)));
    setLink(null);
  };

  const save = () => {
    if (!story || !sameRun()) return;
    simDriver.pause();
    const name = `${
      title
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '') || 'story'
    }.story.yaml`;
    downloadText(storyToYaml(story), name, 'application/yaml');
    setStatus(`Saved ${name}: ${story.steps.length} steps, ${formatSeconds(story.durationSeconds)}.`);
  };

  const share = async () => {
    if (!story || !sameRun()) return;
    simDriver.pause();
    const enc = encodeStoryLink(story);
    if (!enc.ok) {
      useScenarioStore.getState().notify('error', enc.message, {
        label: 'Save story file',
        testId: 'recorder-save-instead',
        run: save,
      });
      return;
    }
    const url = `${window.location.origin}${window.location.pathname}${enc.hash}`;
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      setStatus('Story link copied: it carries the scenario, the steps and every action.');
    } catch {
      setStatus('The browser refused clipboard access: copy the link below.');
    }
  };

  return (
    <section
      aria-label="Record a story"
      className="max-h-[50%] shrink-0 space-y-2 overflow-y-auto border-red-400 border-t-4 bg-white p-3 text-sm dark:border-red-700 dark:bg-slate-900"
      data-testid="recorder"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="font-semibold">● Recording a story</h2>
        <span data-testid="recorder-time" className="tabular-nums">
          t = {formatSeconds(at)}
        </span>
        <label htmlFor={ids.title} className="ml-2">
          Story title
        </label>
        <input
          id={ids.title}
          className={`${input} w-56`}
          value={title}
          maxLength={200}
          onChange={(e) => setTitle(e.currentTarget.value)}
          data-testid="recorder-title"
        />
        <span className="text-slate-600 dark:text-slate-300">
          Run, kill, cut, move sliders: each second with an action becomes a step start.
        </span>
      </div>
      <div className="grid gap-2 md:grid-cols-[1fr_2fr_auto]">
        <div>
          <label htmlFor={ids.stepTitle} className="block">
            Step title
          </label>
          <input
            id={ids.stepTitle}
            className={input}
            value={draft.title}
            maxLength={200}
            onChange={(e) => setDraft({ ...draft, title: e.currentTarget.value })}
            data-testid="recorder-step-title"
          />
        </div>
        <div>
          <label htmlFor={ids.stepText} className="block">
            Text (Markdown: *emphasis*, **strong**, `code`, - lists)
          </label>
          <textarea
            id={ids.stepText}
            className={input}
            rows={2}
            value={draft.text}
            maxLength={5000}
            onChange={(e) => setDraft({ ...draft, text: e.currentTarget.value })}
            data-testid="recorder-step-text"
          />
        </div>
        <div className="flex flex-col justify-end gap-1">
          <label className="flex items-center gap-1" htmlFor={ids.highlight}>
            <input
              id={ids.highlight}
              type="checkbox"
              checked={draft.highlight}
              onChange={(e) => setDraft({ ...draft, highlight: e.currentTarget.checked })}
            />
            Highlight {selected ?? 'the selected node'}
          </label>
          <Button variant="primary" onClick={add} testId="recorder-add">
            Add step at {formatSeconds(at)}
          </Button>
        </div>
      </div>
      {story && (
        <ol className="space-y-1" data-testid="recorder-steps">
          {story.steps.map((st) => {
            const mine = steps.findIndex((x) => x.at === st.at);
            return (
              <li
                key={st.at}
                className="flex flex-wrap items-start gap-2 rounded border border-slate-200 p-1 dark:border-slate-700"
              >
                <span className="w-14 shrink-0 tabular-nums">{formatSeconds(st.at)}</span>
                {mine >= 0 ? (
                  <>
                    <input
                      aria-label={`Title of the step at ${formatSeconds(st.at)}`}
                      className={`${input} w-48`}
                      value={steps[mine]?.title ?? ''}
                      maxLength={200}
                      onChange={(e) => edit(mine, { title: e.currentTarget.value })}
                      data-testid="recorder-edit-title"
                    />
                    <textarea
                      aria-label={`Text of the step at ${formatSeconds(st.at)}`}
                      className={`${input} min-w-48 flex-1`}
                      rows={1}
                      value={steps[mine]?.text ?? ''}
                      maxLength={5000}
                      onChange={(e) => edit(mine, { text: e.currentTarget.value })}
                      data-testid="recorder-edit-text"
                    />
                    <Button
                      onClick={() => setSteps((xs) => xs.filter((_, k) => k !== mine))}
                      label={`Remove the step at ${formatSeconds(st.at)}`}
                    >
                      ✕
                    </Button>
                  </>
                ) : (
                  <span className="text-slate-600 dark:text-slate-300">{st.title}</span>
                )}
                {(st.actions?.length || st.load) && (
                  <span className="text-slate-600 text-xs dark:text-slate-300">
                    {[st.load ? 'load' : '', ...(st.actions ?? []).map((a) => a.kind)]
                      .filter(Boolean)
                      .join(', ')}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <Button onClick={save} testId="recorder-save" disabled={!story}>
          Save story file
        </Button>
        <Button onClick={() => void share()} testId="recorder-share" disabled={!story}>
          Share story link
        </Button>
        <Button onClick={() => setActive(false)} testId="recorder-stop">
          Stop recording
        </Button>
        <output aria-live="polite" data-testid="recorder-status">
          {status}
        </output>
      </div>
      {link && (
        <input
          readOnly
          aria-label="Story link"
          className={input}
          value={link}
          data-testid="recorder-link"
          onFocus={(e) => e.currentTarget.select()}
        />
      )}
    </section>
  );
}
