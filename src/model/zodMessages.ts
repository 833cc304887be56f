/**
 * Messages for the validation problems this app's schemas can raise, in the app's own words ("must be
 * a whole number, not 2.5"; "is missing") instead of a validator's ("Invalid input: expected int"): a
 * small map of its own instead of zod's English locale (about 1.5 KB gzip of the first page load).
 * describeZodError puts the path in front ("load.spansPerSecond: ").
 */
import type * as z from 'zod/mini';

type Issue = z.core.$ZodRawIssue;

const shown = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));

/** What a value is, as a person names it: "a list", "the text "20000"", "the number 2.5". */
function described(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return v.length > 40 ? 'text' : `the text ${shown(v)}`;
  if (typeof v === 'number') return `the number ${v}`;
  return v !== null && typeof v === 'object' ? 'an object' : String(v);
}

const EXPECTED: Record<string, string> = {
  record: 'an object',
  array: 'a list',
  string: 'text',
  int: 'a whole number',
  boolean: 'true or false',
};

const UNITS: Record<string, string> = { string: 'characters', array: 'items' };

function bound(issue: Issue & { origin?: string; inclusive?: boolean }, big: boolean, limit: unknown) {
  const unit = UNITS[issue.origin ?? ''];
  const words = big
    ? issue.inclusive
      ? 'at most'
      : 'less than'
    : issue.inclusive
      ? 'at least'
      : 'more than';
  return `must ${unit === 'items' ? 'hold' : 'be'} ${words} ${typeof limit === 'number' ? limit.toLocaleString('en-US') : String(limit)}${unit ? ` ${unit}` : ''}`;
}

export function zodMessage(issue: Issue): string {
  const not = issue.input === undefined ? ' (it is missing)' : `, not ${described(issue.input)}`;
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${EXPECTED[issue.expected] ?? `a${/^[aeiou]/.test(issue.expected) ? 'n' : ''} ${issue.expected}`}${not}`;
    case 'invalid_value': {
      const v = issue.values.map(shown);
      return `must be ${v.length > 1 ? `one of ${v.slice(0, -1).join(', ')} or ` : ''}${v[v.length - 1]}${not}`;
    }
    case 'too_big':
      return bound(issue, true, issue.maximum);
    case 'too_small':
      return bound(issue, false, issue.minimum);
    case 'unrecognized_keys':
      return `${issue.keys.length > 1 ? 'keys' : 'key'} this app does not know: ${issue.keys.map(shown).join(', ')}`;
    default:
      return 'is not valid here';
  }
}
