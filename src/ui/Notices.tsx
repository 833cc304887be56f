import { useScenarioStore } from './store/scenarioStore';

export function Notices() {
  const notices = useScenarioStore((st) => st.notices);
  const dismiss = useScenarioStore((st) => st.dismiss);
  if (notices.length === 0) return null;
  return (
    <div className="space-y-1 px-3 pt-2" aria-live="polite">
      {notices.map((n) => (
        <div
          key={n.id}
          role={n.tone === 'error' ? 'alert' : 'status'}
          data-testid="notice"
          className={`flex items-start justify-between gap-2 rounded border px-3 py-2 text-sm ${n.tone === 'error' ? 'border-red-300 bg-red-50 text-red-950 dark:border-red-800 dark:bg-red-950 dark:text-red-100' : 'border-sky-300 bg-sky-50 text-sky-950 dark:border-sky-800 dark:bg-sky-950 dark:text-sky-100'}`}
        >
          <span>{n.text}</span>
          <span className="flex shrink-0 gap-3">
            {n.action && (
              <button
                type="button"
                className="font-semibold underline"
                data-testid={n.action.testId}
                onClick={n.action.run}
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
