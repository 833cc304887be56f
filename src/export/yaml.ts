/**
 * YAML that every parser reads the same. Tempo and Helm read YAML with Go libraries (YAML 1.1
 * rules in places), editors and CI with YAML 1.2 ones. Every exporter emits through `emitYaml`:
 * - a string that a YAML 1.1 or 1.2 parser could read as something else (yes/no/on/off/y/n,
 *   null-likes, numbers with underscores, sexagesimal 1:20, octal, hex, dates, `<<`, `=`, .inf)
 *   is double-quoted;
 * - a string with a control, format or line-breaking character (NEL, U+2028, U+2029, CR, ESC,
 *   bidi overrides, BOM, lone surrogates) is double-quoted with that character escaped;
 * - comments lose every control and line-breaking character, so no text can leave a comment.
 */
import { type Document, isNode, type ScalarTag, type Tags, visit } from 'yaml';

/** Characters never written raw: controls, format characters, line/paragraph separators, surrogates. */
const UNSAFE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u00a0\ufffe\uffff]/u;
const UNSAFE_ALL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\u00a0\ufffe\uffff]+/gu;

/** Plain scalars a YAML 1.1 (Go) or 1.2 parser resolves to something other than a string. */
const AMBIGUOUS: RegExp[] = [
  // Booleans, YAML 1.1 and 1.2, in every case variant the 1.1 type list names.
  /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  // Null.
  /^(?:~|null|Null|NULL)?$/,
  // Integers and floats: underscores, exponents, a fraction with more dots (1.1's float allows 1.2.3).
  /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_.]*)?(?:[eE][-+]?[0-9]+)?$/,
  // Sexagesimal (base 60): 1:20, 190:20:30.15.
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/,
  // Binary, octal, hex.
  /^[-+]?0[bBoOxX][0-9a-fA-F_]*$/,
  // Infinity and not-a-number.
  /^[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)$/,
  // Dates and timestamps: 2001-12-14, 2001-12-14t21:59:43.10-05:00.
  /^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:$|[Tt\s])/,
  // Merge key and the 1.1 value key.
  /^(?:<<|=)$/,
];

/** Would this string, written plain, be read back as anything but itself by some parser? */
export function needsQuotes(value: string): boolean {
  return UNSAFE.test(value) || value !== value.trim() || AMBIGUOUS.some((re) => re.test(value));
}

const ESCAPES: Record<number, string> = {
  0: '\\0',
  7: '\\a',
  8: '\\b',
  9: '\\t',
  10: '\\n',
  11: '\\v',
  12: '\\f',
  13: '\\r',
  27: '\\e',
  34: '\\"',
  92: '\\\\',
  133: '\\N',
  160: '\\_',
  8232: '\\L',
  8233: '\\P',
};

const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');

/** A double-quoted scalar on one line; every unsafe character escaped (YAML 1.1 and 1.2 escapes). */
export function doubleQuoted(value: string): string {
  let out = '"';
  for (const ch of value) {
    const code = ch.codePointAt(0) ?? 0;
    const named = ESCAPES[code];
    if (named) out += named;
    else if (!UNSAFE.test(ch)) out += ch;
    else if (code < 0x100) out += `\\x${hex(code, 2)}`;
    else if (code < 0x10000) out += `\\u${hex(code, 4)}`;
    else out += `\\U${hex(code, 8)}`;
  }
  return `${out}"`;
}

/** Schema tags with the string tag replaced by one that quotes what `needsQuotes` finds. */
function quotingTags(tags: Tags): Tags {
  return tags.map((tag) => {
    if (
      typeof tag === 'string' ||
      tag.tag !== 'tag:yaml.org,2002:str' ||
      !('stringify' in tag) ||
      !tag.stringify
    )
      return tag;
    const plain = tag.stringify;
    const quoting: ScalarTag = {
      ...(tag as ScalarTag),
      stringify: (item, ctx, onComment, onChompKeep) =>
        typeof item.value === 'string' && needsQuotes(item.value)
          ? doubleQuoted(item.value)
          : plain(item, ctx, onComment, onChompKeep),
    };
    return quoting;
  });
}

/** One line of comment text from free text (a scenario name): no character can end the comment. */
export function commentText(text: string): string {
  return text.replace(UNSAFE_ALL, ' ').slice(0, 200);
}

/** A comment of several lines (joined with \n, which the library prefixes with `#`), each line cleaned. */
function cleanComment(text: string): string {
  return text
    .split('\n')
    .map((line) => line.replace(UNSAFE_ALL, ' '))
    .join('\n');
}

/**
 * The text of a Document built by an exporter: ambiguous scalars quoted (for YAML 1.2 and, through
 * `compat`, YAML 1.1 readers), every comment cleaned. No line folding.
 */
export function emitYaml(doc: Document): string {
  doc.setSchema('1.2', { compat: 'yaml-1.1', customTags: quotingTags });
  if (doc.commentBefore) doc.commentBefore = cleanComment(doc.commentBefore);
  if (doc.comment) doc.comment = cleanComment(doc.comment);
  visit(doc, (_key, node) => {
    if (!isNode(node)) return;
    if (node.commentBefore) node.commentBefore = cleanComment(node.commentBefore);
    if (node.comment) node.comment = cleanComment(node.comment);
  });
  return doc.toString({ lineWidth: 0 });
}
