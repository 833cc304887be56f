/**
 * The Markdown a story step's text may use: paragraphs, `- ` and `1. ` lists, *emphasis*, **strong**,
 * `code` and fenced code blocks. Nothing else is markup: HTML, links and images stay the text they are.
 * The result is plain data whose every string is text (the UI puts them in text nodes). Pure; never
 * throws; linear in the text's length.
 */

export interface Inline {
  kind: 'text' | 'em' | 'strong' | 'code';
  text: string;
}

export type Block =
  | { kind: 'p'; inline: Inline[] }
  | { kind: 'ul' | 'ol'; items: Inline[][] }
  | { kind: 'pre'; text: string };

const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;
const FENCE = /^\s{0,3}```\s*$/;

/** Inline markup of one paragraph or list item. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push({ kind: 'text', text: plain });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i] as string;
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ kind: 'code', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    } else if (c === '*' && text[i + 1] === '*') {
      const end = text.indexOf('**', i + 2);
      if (end > i + 2 && !/\s/.test(text[i + 2] as string)) {
        flush();
        out.push({ kind: 'strong', text: text.slice(i + 2, end) });
        i = end + 2;
        continue;
      }
    } else if (c === '*' || c === '_') {
      const end = text.indexOf(c, i + 1);
      // `snake_case_names` and `2 * 3` stay as they are: emphasis opens before a non-space and,
      // for `_`, not inside a word.
      const opens = end > i + 1 && !/\s/.test(text[i + 1] as string) && !/\s/.test(text[end - 1] as string);
      const wordy = c === '_' && (/\w/.test(text[i - 1] ?? '') || /\w/.test(text[end + 1] ?? ''));
      if (opens && !wordy) {
        flush();
        out.push({ kind: 'em', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    plain += c;
    i++;
  }
  flush();
  return out;
}

export function parseStoryMarkdown(text: string): Block[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: { kind: 'ul' | 'ol'; items: string[] } | null = null;
  const endPara = () => {
    if (para.length) blocks.push({ kind: 'p', inline: parseInline(para.join(' ')) });
    para = [];
  };
  const endList = () => {
    if (list) blocks.push({ kind: list.kind, items: list.items.map(parseInline) });
    list = null;
  };
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k] as string;
    if (FENCE.test(line)) {
      endPara();
      endList();
      const code: string[] = [];
      k++;
      while (k < lines.length && !FENCE.test(lines[k] as string)) code.push(lines[k++] as string);
      blocks.push({ kind: 'pre', text: code.join('\n') });
      continue;
    }
    if (line.trim() === '') {
      endPara();
      endList();
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    const item = bullet ?? numbered;
    if (item) {
      endPara();
      const kind = bullet ? 'ul' : 'ol';
      if (list && list.kind !== kind) endList();
      if (!list) list = { kind, items: [] };
      list.items.push(item[1] ?? '');
      continue;
    }
    if (list && /^\s/.test(line)) {
      // An indented line continues the list item above it.
      const items: string[] = (list as { items: string[] }).items;
      items[items.length - 1] += ` ${line.trim()}`;
      continue;
    }
    endList();
    para.push(line.trim());
  }
  endPara();
  endList();
  return blocks;
}

/** The text a reader sees, without markup: for search, titles and tests. */
export function plainText(blocks: readonly Block[]): string {
  const inline = (xs: readonly Inline[]) => xs.map((x) => x.text).join('');
  return blocks
    .map((b) =>
      b.kind === 'p' ? inline(b.inline) : b.kind === 'pre' ? b.text : b.items.map(inline).join('\n'),
    )
    .join('\n');
}
