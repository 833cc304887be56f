/**
 * What a number field does with the text typed into it when the edit is committed (Enter or
 * blur): a value inside the bounds, or the bound it was clamped to and a word why.
 */
export interface DraftBounds {
  min: number;
  max: number;
  /** Whole numbers only (replicas, partitions). */
  integer?: boolean;
  /** Unit shown after the number in the reason, e.g. "GiB". */
  unit?: string;
}

export type DraftResult =
  | { kind: 'value'; value: number; note?: string }
  | { kind: 'invalid'; note: string }
  | { kind: 'empty' };

/** Round away float noise (0.1 + 0.2) without losing the precision a person typed. */
export function tidy(n: number): number {
  return Number.parseFloat(n.toPrecision(12));
}

export function commitDraft(text: string, b: DraftBounds): DraftResult {
  const trimmed = text.trim().replace(/,/g, '');
  if (trimmed === '') return { kind: 'empty' };
  const n = Number(trimmed);
  if (!Number.isFinite(n)) return { kind: 'invalid', note: `"${text.trim()}" is not a number` };
  const unit = b.unit ? ` ${b.unit}` : '';
  let value = tidy(n);
  let note: string | undefined;
  if (b.integer && !Number.isInteger(value)) {
    value = Math.round(value);
    note = `whole numbers only: ${value}`;
  }
  if (value < b.min) {
    value = b.min;
    note = `raised to the minimum, ${b.min}${unit}`;
  } else if (value > b.max) {
    value = b.max;
    note = `lowered to the maximum, ${b.max}${unit}`;
  }
  return note ? { kind: 'value', value, note } : { kind: 'value', value };
}
