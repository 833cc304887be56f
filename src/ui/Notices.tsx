import { useEffect } from 'react';
import { useScenarioStore } from './store/scenarioStore';

/** How long an information notice stays; errors stay until dismissed. */
const INFO_MS = 8000;

/**
 * Notices float at the top of the canvas (never moving it, never over the legend at its foot):
 * information fades on its own, errors wait. `docked`: in the flow of a panel instead (presenter
 * view puts them in the story panel, so none covers the graph).
 */
export default function Notices({ docked = false }: { docked?: boolean }) {
  const all = useScenarioStore((st) => st.notices);
  // Docked in the story panel, only what asks for something (errors, a question) takes its room.
  const notices = docked ? all.filter((n) => n.tone === 'error' || n.action) : all;
  const dismiss = useScenarioStore((st) => st.dismiss);
  useEffect(() => {
    const timers = all
      .filter((n) => n.tone === 'info')
      .map((n) => window.setTimeout(() => dismiss(n.id), INFO_MS));
    return () => {
      for (const t of timers) window.clearTimeout(t);
    };
  }, [all, dismiss]);
  if (notices.length === 0) return null;
  return (
    <div
      className={
        docked
          ? 'space-y-1'
          : 'pointer-events-none absolute top-2 left-1/2 z-20 w-[min(560px,92%)] -translate-x-1/2 space-y-1'
      }
      aria-live="polite"
      data-testid="notices"
    >
      {notices.map((n) => (
        <div
          key={n.id}
          role={n.tone === 'error' ? 'alert' : 'status'}
          data-testid="notice"
          className={`tp-notice pointer-events-auto flex items-start justify-between gap-2 rounded border px-3 py-2 text-sm shadow-md ${n.tone === 'error' ? 'border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-100' : 'border-sky-300 bg-sky-50 text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100'}`}
        >
          <span>
            {n.text}
            {n.count && n.count > 1 ? (
              <span className="ml-1 font-semibold" data-testid="notice-count">
                ×{n.count}
              </span>
            ) : null}
          </span>
          <span className="flex shrink-0 gap-3">
            {n.action && (
              <button
                type="button"
                className="font-semibold underline"
                data-testid={n.action.testId}
                onClick={() => {
                  dismiss(n.id);
                  n.action?.run();
                }}
              >
                {n.action.label}
              </button>
            )}
            <button type="button" className="underline" onClick={() => dismiss(n.id)}>
              Dismiss
            </button>
          </span>
        </div>
      ))}
    </div>
  );
}
