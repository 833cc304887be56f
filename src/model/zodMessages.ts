/**
 * Messages for the validation problems this app's schemas can raise, in the app's own words ("must be
 * a whole number, not 2.5"; "is missing") instead of a validator's ("Invalid input: expected int"): a
 * small map of its own instead of zod's English locale, which also cost the first page load about
 * 1.5 KB gzip. The path ("load.spansPerSecond: ") is put in front by describeZodError.
 */
import type * as z from 'zod/mini';

type Issue = z.core.$ZodRawIssue;

function shown(v: unknown): string {
  return typeof v === 'string' ? JSON.stringify(v) : String(v);
}

/** What a value is, as a person would name it: "a list", "text", "the number 2.5". */
function described(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return v.length > 40 ? 'text' : `the text ${JSON.stringify(v)}`;
  if (typeof v === 'number') return Number.isFinite(v) ? `the number ${v}` : String(v);
  if (typeof v === 'boolean') return String(v);
  if (typeof v === 'object') return 'an object';
  return typeof v;
}

/** What a schema type expects, in words. */
const EXPECTED: Record<string, string> = {
  record: 'an object of named entries ({"name": ...})',
  object: 'an object ({...})',
  array: 'a list ([...])',
  string: 'text in quotes',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
};

const UNITS: Record<string, string> = { string: 'characters', array: 'items', set: 'items', map: 'entries' };

const num = (v: unknown) => (typeof v === 'number' ? v.toLocaleString('en-US') : String(v));

function bound(issue: Issue & { origin?: string; inclusive?: boolean }, big: boolean, limit: unknown) {
  const unit = UNITS[issue.origin ?? ''];
  const words = big
    ? issue.inclusive
      ? 'at most'
      : 'less than'
    : issue.inclusive
      ? 'at least'
      : 'more than';
  if (unit) return `${unit === 'characters' ? 'must be' : 'must hold'} ${words} ${num(limit)} ${unit}`;
  return `must be ${words} ${num(limit)}`;
}

function oneOf(values: readonly unknown[]): string {
  const all = values.map(shown);
  return all.length <= 1 ? (all[0] ?? 'nothing') : `${all.slice(0, -1).join(', ')} or ${all[all.length - 1]}`;
}

export function zodMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const want = EXPECTED[issue.expected] ?? issue.expected;
      if (issue.input === undefined) return `is missing: it must be ${want}`;
      return `must be ${want}, not ${described(issue.input)}`;
    }
    case 'invalid_value':
      return issue.values.length === 1
        ? `must be ${shown(issue.values[0])}${issue.input === undefined ? ' (it is missing)' : `, not ${described(issue.input)}`}`
        : `must be one of ${oneOf(issue.values)}${issue.input === undefined ? ' (it is missing)' : `, not ${described(issue.input)}`}`;
    case 'too_big':
      return bound(issue, true, issue.maximum);
    case 'too_small':
      return bound(issue, false, issue.minimum);
    case 'unrecognized_keys':
      return `${issue.keys.length > 1 ? 'keys' : 'key'} this app does not know: ${issue.keys.map(shown).join(', ')}`;
    case 'invalid_key':
      return 'has a key of the wrong kind';
    case 'invalid_element':
      return 'holds a value of the wrong kind';
    default:
      return 'is not valid here';
  }
}
