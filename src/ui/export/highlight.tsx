/** A tiny YAML / Mermaid highlighter: comments, keys, strings, numbers. Enough to read, no library. */
import type { ReactNode } from 'react';

function yamlLine(line: string, key: number): ReactNode {
  const hash = line.search(/(^|\s)#/);
  const code = hash >= 0 ? line.slice(0, hash) : line;
  const comment = hash >= 0 ? line.slice(hash) : '';
  const m = code.match(/^(\s*-?\s*)([^:#'"\s][^:#]*?|"[^"]*"|'[^']*')(:)(\s.*|$)/);
  const parts: ReactNode[] = [];
  if (m) {
    parts.push(
      m[1],
      <span key="k" className="text-sky-800 dark:text-sky-300">
        {m[2]}
      </span>,
      m[3],
    );
    parts.push(value(m[4] ?? ''));
  } else {
    parts.push(value(code));
  }
  if (comment)
    parts.push(
      <span key="c" className="text-slate-500 italic dark:text-slate-400">
        {comment}
      </span>,
    );
  return (
    <span key={key}>
      {parts}
      {'\n'}
    </span>
  );
}

function value(v: string): ReactNode {
  const t = v.trim();
  if (/^(["']).*\1$/.test(t))
    return (
      <span key="v" className="text-emerald-800 dark:text-emerald-300">
        {v}
      </span>
    );
  if (/^-?\d+(\.\d+)?[a-zA-Z]*$/.test(t) || /^(true|false|null)$/.test(t))
    return (
      <span key="v" className="text-violet-800 dark:text-violet-300">
        {v}
      </span>
    );
  return v;
}

/** Lines with their line numbers, which are stable keys for a static text. */
const numbered = (lines: string[]) => lines.map((l, n) => ({ n, l }));

export function Highlighted({ text, language }: { text: string; language: 'yaml' | 'mermaid' | 'text' }) {
  const lines = text.split('\n');
  return (
    <code>
      {language === 'yaml'
        ? lines.map((l, i) => yamlLine(l, i))
        : numbered(lines).map(({ n, l }) => (
            <span
              key={n}
              className={l.trim().startsWith('%%') ? 'text-slate-500 italic dark:text-slate-400' : ''}
            >
              {l}
              {'\n'}
            </span>
          ))}
    </code>
  );
}
