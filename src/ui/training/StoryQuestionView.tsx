/**
 * A step's question for the room: the choices, and the answer once the story reaches the second or
 * the event the file names (or when the presenter reveals it).
 */
import { useState } from 'react';
import type { StoryQuestion } from '../../training/guided';
import { Button } from '../panels/ui';
import { useSimStore } from '../sim/simStore';

export function StoryQuestionView({ q, stepAt, big }: { q: StoryQuestion; stepAt: number; big: boolean }) {
  const storyT = useSimStore((s) => s.story?.t ?? 0);
  // Story time minus the running simulation's own clock (a story that switched deployments).
  const offset = useSimStore((s) => (s.story ? s.story.t - s.t : 0));
  const happened = useSimStore((s) =>
    q.revealOn ? s.events.some((e) => e.kind === q.revealOn && e.t + offset >= stepAt) : false,
  );
  const [shown, setShown] = useState(false);
  const revealed = shown || (q.revealAt !== undefined && storyT >= q.revealAt) || happened;
  return (
    <section
      aria-label="Question for the room"
      className="space-y-1 rounded border border-sky-300 p-2 dark:border-sky-700"
      data-testid="story-question"
    >
      <p className={`font-semibold ${big ? 'text-2xl' : ''}`}>{q.ask}</p>
      <ol className="list-[upper-alpha] pl-6">
        {q.choices.map((c, i) => (
          <li
            key={c}
            className={
              revealed && i + 1 === q.answer ? 'font-bold text-emerald-700 dark:text-emerald-400' : ''
            }
            data-testid={revealed && i + 1 === q.answer ? 'story-answer' : undefined}
          >
            {c}
            {revealed && i + 1 === q.answer ? ' ✓' : ''}
          </li>
        ))}
      </ol>
      {revealed ? (
        q.explain && <p data-testid="story-explain">{q.explain}</p>
      ) : (
        <Button onClick={() => setShown(true)} testId="story-reveal">
          Reveal the answer
        </Button>
      )}
    </section>
  );
}
