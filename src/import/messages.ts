import { isMap, isScalar, LineCounter, type Node, parseDocument } from 'yaml';
import type { Scenario } from '../model/scenario';

export interface ImportMessage {
  message: string;
  line?: number;
  key?: string;
}

export type ImportResult =
  | { ok: true; scenario: Scenario; warnings: ImportMessage[]; kind: string }
  | { ok: false; errors: ImportMessage[] };

export const MAX_INPUT_CHARS = 1_000_000;

/** A parsed YAML mapping with a way to find the line of any key path. */
export interface ParsedYaml {
  data: Record<string, unknown>;
  lineOf: (path: string) => number | undefined;
}

export function parseYamlMapping(
  text: string,
): { ok: true; doc: ParsedYaml } | { ok: false; errors: ImportMessage[] } {
  if (text.length > MAX_INPUT_CHARS)
    return { ok: false, errors: [{ message: `the input is over ${MAX_INPUT_CHARS / 1e6} MB` }] };
  const lc = new LineCounter();
  let doc: ReturnType<typeof parseDocument>;
  try {
    doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true });
  } catch (e) {
    return { ok: false, errors: [{ message: `not readable as YAML: ${(e as Error).message}` }] };
  }
  if (doc.errors.length) {
    return {
      ok: false,
      errors: doc.errors.slice(0, 5).map((e) => ({
        message: `YAML syntax: ${e.message.split('\n')[0]}`,
        line: e.linePos?.[0]?.line,
      })),
    };
  }
  if (!isMap(doc.contents))
    return {
      ok: false,
      errors: [{ message: 'expected a YAML mapping of keys (a config file), found something else', line: 1 }],
    };
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { ok: false, errors: [{ message: `not readable as YAML: ${(e as Error).message}` }] };
  }
  /** Line of a key path: the line of its key (not of its value, which may start below). */
  const lineOf = (path: string): number | undefined => {
    const keys = path.split('.');
    const parent = keys.length > 1 ? doc.getIn(keys.slice(0, -1), true) : doc.contents;
    if (!isMap(parent)) return undefined;
    const pair = parent.items.find((p) => isScalar(p.key) && String(p.key.value) === keys[keys.length - 1]);
    const range = (pair?.key as Node | undefined)?.range;
    return range ? lc.linePos(range[0]).line : undefined;
  };
  return { ok: true, doc: { data: data as Record<string, unknown>, lineOf } };
}

/** Read a nested value by dotted path from plain data. */
export function at(data: unknown, path: string): unknown {
  let cur: unknown = data;
  for (const k of path.split('.')) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}
