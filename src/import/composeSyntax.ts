/**
 * What Docker Compose does to a file before it means anything: `${VAR}` interpolation and the
 * shell-word splitting of string commands. Pure functions, no environment: every variable is read as
 * unset (an import must not depend on, or print, the machine's environment), so defaults apply and
 * each variable is named in a warning.
 *
 * Interpolation follows the Compose specification's "Interpolation" section: `$$` is a literal `$`;
 * `${VAR}` and `$VAR`; `${VAR:-default}` / `${VAR-default}` (the default, itself interpolated, when
 * unset); `${VAR:?err}` / `${VAR?err}` (Compose stops: an error here too); `${VAR:+alt}` /
 * `${VAR+alt}` (empty when unset).
 */

export interface Interpolated {
  text: string;
  /** Variables read while unset, with what was used instead. */
  unset: { name: string; used: string; required?: boolean }[];
  /** A `${` without its `}` or with a name Compose refuses. */
  invalid?: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
/** Nested `${...}` inside defaults deeper than this is refused (Compose files use one or two). */
const MAX_NESTING = 16;

/** Interpolate one string. Never throws; linear in the length of the text times the nesting. */
export function interpolate(text: string, depth = 0): Interpolated {
  const unset: Interpolated['unset'] = [];
  if (!text.includes('$')) return { text, unset };
  if (depth > MAX_NESTING) return { text: '', unset, invalid: 'defaults nested too deep' };
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch !== '$') {
      const next = text.indexOf('$', i);
      const end = next < 0 ? text.length : next;
      out += text.slice(i, end);
      i = end;
      continue;
    }
    const after = text[i + 1];
    if (after === '$') {
      out += '$';
      i += 2;
      continue;
    }
    if (after !== '{') {
      const m = NAME.exec(text.slice(i + 1, i + 1 + 256));
      if (!m) {
        out += '$';
        i += 1;
        continue;
      }
      unset.push({ name: m[0], used: '' });
      i += 1 + m[0].length;
      continue;
    }
    // ${...}: find the matching brace, counting nested ${ in the default.
    let level = 1;
    let j = i + 2;
    while (j < text.length && level > 0) {
      if (text[j] === '$' && text[j + 1] === '{') {
        level++;
        j += 2;
      } else if (text[j] === '}') {
        level--;
        j++;
      } else j++;
    }
    if (level > 0) return { text: out + text.slice(i), unset, invalid: `a $${'{'} without its closing }` };
    const body = text.slice(i + 2, j - 1);
    const name = NAME.exec(body)?.[0];
    if (!name) return { text: out + text.slice(i), unset, invalid: `a $${'{'}...} without a variable name` };
    const rest = body.slice(name.length);
    const op = /^(:-|-|:\?|\?|:\+|\+)/.exec(rest)?.[0];
    if (rest && !op)
      return { text: out + text.slice(i), unset, invalid: `\${${name}${rest[0]}...} is not Compose syntax` };
    const arg = op ? rest.slice(op.length) : '';
    if (op === ':-' || op === '-') {
      const inner = interpolate(arg, depth + 1);
      if (inner.invalid) return { text: out, unset, invalid: inner.invalid };
      unset.push({ name, used: inner.text }, ...inner.unset);
      out += inner.text;
    } else if (op === ':?' || op === '?') {
      unset.push({ name, used: '', required: true });
    } else unset.push({ name, used: '' });
    i = j;
  }
  return { text: out, unset };
}

/**
 * A string `command` or `entrypoint` as Compose splits it (shell words, as the go-shellwords package
 * Compose uses): whitespace separates, single quotes are literal, double quotes keep spaces and take
 * `\"`, `\\`, `\$` and `` \` `` as escapes, a backslash outside quotes escapes the next character.
 * So `-target="ingester"` is the word `-target=ingester`. Null when a quote is left open.
 */
export function shellWords(text: string): string[] | null {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && i + 1 < text.length && '"\\$`'.includes(text[i + 1] as string))
        word += text[++i];
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) return null;
  if (inWord) words.push(word);
  return words;
}
