/**
 * Shared by the command-line tools: input-derived text shown safely in a terminal, and numbers
 * read strictly from arguments. Pure: no process, no fs.
 */
import { excerpt } from '../import/messages';

/**
 * Characters a terminal would act on or a reader would not see: C0 and C1 controls (ESC, CSI,
 * NEL...), DEL, Unicode line and paragraph separators, bidi overrides and isolates, BOM.
 */
const UNSAFE = /[\p{Cc}\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Text from a file, a name or an error, shown with every control character escaped (`\x1b`, `\u2028`). */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (ch) => {
    const named = NAMED[ch];
    if (named) return named;
    const code = ch.charCodeAt(0);
    return code < 0x100
      ? `\\x${code.toString(16).padStart(2, '0')}`
      : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** An argument or file name quoted in a message: controls escaped, at most a short excerpt of it. */
export function shownArg(text: string): string {
  return escapeControls(excerpt(text));
}

/**
 * A whole number written in plain decimal digits ("600", not "6e2", "0x10", " 7 ", "0.4" or "+1"),
 * within [min, max]. Returns the number or null.
 */
export function parseWholeArg(text: string | null | undefined, min: number, max: number): number | null {
  if (text == null || !/^[0-9]{1,16}$/.test(text)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : null;
}
