import { useId, useState } from 'react';
import { commitDraft, tidy } from './numberDraft';

/**
 * A number field that edits freely: the text is a draft until Enter or blur commits it, clamped
 * once into the bounds with a word why. One commit is one undo step; Escape restores the value.
 */
export function NumberField({
  label,
  value,
  min,
  max,
  step,
  onCommit,
  suffix,
  testId,
  integer,
  disabled,
  lockedReason,
}: {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onCommit: (v: number) => void;
  suffix?: string;
  testId?: string;
  integer?: boolean;
  disabled?: boolean;
  /** Why the field cannot be edited right now (shown beside it). */
  lockedReason?: string;
}) {
  const id = useId();
  const noteId = useId();
  const shown = String(tidy(value));
  const [draft, setDraft] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const commit = (text: string) => {
    const r = commitDraft(text, { min, max, integer: integer ?? step === 1, unit: suffix });
    setDraft(null);
    if (r.kind === 'empty') {
      setNote(null);
      return;
    }
    if (r.kind === 'invalid') {
      setNote(`${r.note}; kept ${shown}`);
      return;
    }
    setNote(r.note ?? null);
    if (r.value !== value) onCommit(r.value);
  };
  const locked = disabled || !!lockedReason;
  const message = lockedReason ?? note;
  return (
    <div className="text-sm">
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={id} className="text-slate-700 dark:text-slate-200">
          {label}
        </label>
        <span className="flex items-center gap-1">
          <input
            id={id}
            data-testid={testId}
            type="text"
            inputMode={integer || step === 1 ? 'numeric' : 'decimal'}
            autoComplete="off"
            className="w-20 rounded border border-slate-300 bg-white px-1.5 py-0.5 text-right tabular-nums disabled:cursor-not-allowed disabled:bg-slate-100 disabled:text-slate-500 dark:border-slate-600 dark:bg-slate-800 dark:disabled:bg-slate-900 dark:disabled:text-slate-400"
            value={draft ?? shown}
            disabled={locked}
            aria-describedby={message ? noteId : undefined}
            onChange={(e) => {
              setDraft(e.currentTarget.value);
              setNote(null);
            }}
            onBlur={(e) => {
              if (draft !== null) commit(e.currentTarget.value);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                commit(e.currentTarget.value);
              } else if (e.key === 'Escape' && draft !== null) {
                e.preventDefault();
                e.stopPropagation();
                setDraft(null);
                setNote(null);
              } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
                e.preventDefault();
                const base = Number(draft ?? shown);
                const next = (Number.isFinite(base) ? base : value) + (e.key === 'ArrowUp' ? step : -step);
                commit(String(tidy(next)));
              }
            }}
          />
          {suffix && <span className="w-8 text-slate-500 text-xs dark:text-slate-400">{suffix}</span>}
        </span>
      </div>
      {message && (
        <p
          id={noteId}
          className={`mt-0.5 text-right text-xs ${lockedReason ? 'text-slate-600 dark:text-slate-300' : 'text-amber-800 dark:text-amber-200'}`}
          data-testid={testId ? `${testId}-note` : undefined}
          role={lockedReason ? undefined : 'status'}
        >
          {lockedReason ? `Locked: ${lockedReason}` : message}
        </p>
      )}
    </div>
  );
}
