/** A modal <dialog> (focus, Escape and backdrop from the browser) and an accessible tab list. */
import { type ReactNode, useEffect, useRef } from 'react';
import { Button } from './ui';

export function ModalDialog({
  title,
  onClose,
  testId,
  actions,
  children,
  tall,
}: {
  title: string;
  onClose: () => void;
  testId: string;
  actions?: ReactNode;
  children: ReactNode;
  tall?: boolean;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
  }, []);
  const titleId = `${testId}-title`;
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      aria-labelledby={titleId}
      className={`m-auto w-[min(1100px,95vw)] rounded-lg border border-slate-300 bg-white p-0 text-slate-900 backdrop:bg-black/40 dark:border-slate-600 dark:bg-slate-900 dark:text-slate-100 ${tall ? 'h-[88vh]' : 'max-h-[88vh]'}`}
      data-testid={testId}
    >
      <div className="flex h-full flex-col">
        <div className="flex flex-wrap items-center gap-3 border-slate-200 border-b px-4 py-2 dark:border-slate-700">
          <h2 id={titleId} className="font-semibold text-lg">
            {title}
          </h2>
          {actions}
          <div className="ml-auto">
            <Button onClick={() => ref.current?.close()} testId={`${testId}-close`}>
              Close
            </Button>
          </div>
        </div>
        <div className="flex min-h-0 flex-1 flex-col overflow-auto p-4">{children}</div>
      </div>
    </dialog>
  );
}

export function TabList<T extends string>({
  label,
  tabs,
  value,
  onChange,
  idPrefix,
}: {
  label: string;
  tabs: readonly { id: T; label: string }[];
  value: T;
  onChange: (t: T) => void;
  idPrefix: string;
}) {
  const onKey = (e: React.KeyboardEvent) => {
    const i = tabs.findIndex((t) => t.id === value);
    const next = e.key === 'ArrowRight' ? i + 1 : e.key === 'ArrowLeft' ? i - 1 : null;
    if (next === null) return;
    e.preventDefault();
    const t = tabs[(next + tabs.length) % tabs.length];
    if (t) {
      onChange(t.id);
      document.getElementById(`${idPrefix}-tab-${t.id}`)?.focus();
    }
  };
  return (
    <div role="tablist" aria-label={label} className="flex flex-wrap gap-1" onKeyDown={onKey}>
      {tabs.map((t) => (
        <button
          key={t.id}
          id={`${idPrefix}-tab-${t.id}`}
          type="button"
          role="tab"
          aria-selected={value === t.id}
          aria-controls={`${idPrefix}-panel`}
          tabIndex={value === t.id ? 0 : -1}
          className={`rounded px-2 py-1 text-sm ${value === t.id ? 'bg-orange-700 text-white' : 'hover:bg-slate-100 dark:hover:bg-slate-800'}`}
          onClick={() => onChange(t.id)}
          data-testid={`${idPrefix}-tab-${t.id}`}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}

export function TabPanel({
  idPrefix,
  value,
  children,
}: {
  idPrefix: string;
  value: string;
  children: ReactNode;
}) {
  return (
    <div
      id={`${idPrefix}-panel`}
      role="tabpanel"
      aria-labelledby={`${idPrefix}-tab-${value}`}
      className="flex min-h-0 flex-1 flex-col"
    >
      {children}
    </div>
  );
}
