/** On the canvas while the timeline shows a past second: which one, and the way back to live. */
import { formatSeconds } from '../format';
import { useSimStore } from './simStore';

export function PastBadge() {
  const at = useSimStore((s) => s.viewingAt);
  // Events and the story count from the story's start; the simulation may have started later.
  const offset = useSimStore((s) => (s.story ? s.story.t - s.t : 0));
  if (at === null) return null;
  return (
    <p
      className="absolute top-2 left-2 z-20 flex items-center gap-2 rounded border border-orange-600 bg-white px-2 py-0.5 text-slate-900 text-sm shadow dark:bg-slate-900 dark:text-slate-100"
      data-testid="canvas-past"
    >
      Canvas at {formatSeconds(at + offset)} (timeline)
      <button
        type="button"
        className="rounded border border-slate-300 px-1.5 text-sm hover:bg-slate-100 dark:border-slate-600 dark:hover:bg-slate-800"
        onClick={() => void import('./driver').then((m) => m.simDriver.showAt(null))}
        data-testid="canvas-past-live"
      >
        Live
      </button>
    </p>
  );
}
