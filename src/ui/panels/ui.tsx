/** Small shared controls with visible labels and keyboard support. */
import { type ReactNode, useId } from 'react';

export function Section({ title, children, id }: { title: string; children: ReactNode; id?: string }) {
  const hid = useId();
  return (
    <section
      aria-labelledby={hid}
      className="border-slate-200 border-b px-3 py-3 dark:border-slate-700"
      id={id}
    >
      <h2
        id={hid}
        className="mb-2 font-semibold text-slate-500 text-xs uppercase tracking-wide dark:text-slate-400"
      >
        {title}
      </h2>
      {children}
    </section>
  );
}

export function Select<T extends string>({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange: (v: T) => void;
  testId?: string;
}) {
  const id = useId();
  return (
    // Too wide beside its label, the box goes to the next line (whole); wider than the panel, it
    // shrinks (min-w-0) instead of pushing the panel sideways.
    <div className="flex flex-wrap items-center justify-between gap-x-2 gap-y-0.5 text-sm">
      <label htmlFor={id} className="text-slate-700 dark:text-slate-200">
        {label}
      </label>
      <select
        id={id}
        data-testid={testId}
        className="ml-auto min-w-0 max-w-full rounded border border-slate-300 bg-white px-1.5 py-0.5 dark:border-slate-600 dark:bg-slate-800"
        value={value}
        onChange={(e) => onChange(e.currentTarget.value as T)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

export function Toggle({
  label,
  checked,
  onChange,
}: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}) {
  const id = useId();
  return (
    <div className="flex items-center justify-between gap-2 text-sm">
      <label htmlFor={id} className="text-slate-700 dark:text-slate-200">
        {label}
      </label>
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.currentTarget.checked)} />
    </div>
  );
}

export function Button({
  children,
  onClick,
  disabled,
  title,
  variant = 'default',
  testId,
  pressed,
  label,
}: {
  children: ReactNode;
  onClick: () => void;
  disabled?: boolean;
  title?: string;
  /** The accessible name when the visible text is a symbol or shortened ("↶" is "Undo"). */
  label?: string;
  variant?: 'default' | 'primary' | 'danger';
  testId?: string;
  pressed?: boolean;
}) {
  const cls =
    variant === 'primary'
      ? 'bg-orange-700 text-white hover:bg-orange-800 border-orange-800'
      : variant === 'danger'
        ? 'bg-red-700 text-white hover:bg-red-800 border-red-800'
        : 'bg-white text-slate-800 hover:bg-slate-100 border-slate-300 dark:bg-slate-800 dark:text-slate-100 dark:border-slate-600 dark:hover:bg-slate-700';
  return (
    <button
      type="button"
      className={`rounded border px-2 py-1 text-sm disabled:opacity-50 ${cls} ${pressed ? 'ring-2 ring-orange-500' : ''}`}
      onClick={onClick}
      disabled={disabled}
      title={title}
      data-testid={testId}
      aria-pressed={pressed}
      aria-label={label}
    >
      {children}
    </button>
  );
}
