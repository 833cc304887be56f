import {
  Composer,
  type CST,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Lexer,
  LineCounter,
  type Node,
  type Pair,
  Parser,
  type YAMLMap,
} from 'yaml';
import type { Scenario } from '../model/scenario';

export interface ImportMessage {
  message: string;
  line?: number;
  key?: string;
}

export type ImportResult =
  | {
      ok: true;
      scenario: Scenario;
      warnings: ImportMessage[];
      kind: string;
      /** A topology whose shared tempo.yaml (this path) was not read: import it next to fill in the settings. */
      awaitsConfig?: string;
    }
  | { ok: false; errors: ImportMessage[] };

export const MAX_INPUT_CHARS = 1_000_000;
/** Mappings and lists nested deeper than this are refused (a Tempo config nests about 8 levels). */
export const MAX_YAML_DEPTH = 64;
/** Aliases (`*name`) in one document; configs use a handful. */
export const MAX_YAML_ALIASES = 1000;

/** A parsed YAML mapping with a way to find the line of any key path. */
export interface ParsedYaml {
  data: Record<string, unknown>;
  lineOf: (path: string) => number | undefined;
  /** The line of a key path given as its keys (for keys that hold dots, such as `tempo.local`). */
  lineOfKeys?: (keys: readonly string[]) => number | undefined;
}

/** Longest excerpt of a value a message quotes: enough to recognise it, never a whole file. */
export const MAX_EXCERPT_CHARS = 80;

/** A value shown in a message: at most MAX_EXCERPT_CHARS characters, the cut marked with the length. */
export function excerpt(text: string, max = MAX_EXCERPT_CHARS): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  const cut = code >= 0xd800 && code <= 0xdbff ? max - 1 : max; // never half a surrogate pair
  return `${text.slice(0, cut)}… (${text.length.toLocaleString('en-US')} characters)`;
}

type Refusal = { ok: false; errors: ImportMessage[] };
const refuse = (message: string, line?: number): Refusal => ({
  ok: false,
  errors: [line === undefined ? { message } : { message, line }],
});

/**
 * Nesting depth of the CST, walked with an explicit stack: the answer never depends on how deep
 * the JavaScript call stack may go. Returns the offset of the first token past `max`, or null.
 */
function tooDeepAt(tokens: readonly CST.Token[], max: number): number | null {
  const stack: [CST.Token, number][] = tokens.map((t) => [t, 0]);
  for (let top = stack.pop(); top; top = stack.pop()) {
    const [token, depth] = top;
    if (token.type === 'document') {
      if (token.value) stack.push([token.value, depth]);
    } else if (token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') {
      if (depth + 1 > max) return token.offset;
      for (const item of token.items) {
        if (item.key) stack.push([item.key, depth + 1]);
        if (item.value) stack.push([item.value, depth + 1]);
      }
    }
  }
  return null;
}

/**
 * Walk the composed document once, in document order, with an explicit stack: duplicate keys
 * (a Set per mapping: linear, where yaml's `uniqueKeys` compares every pair), the alias count, and
 * the depth once aliases are expanded (an alias adds the depth of what it names).
 */
function checkDocument(doc: Document.Parsed, lc: LineCounter): Refusal | null {
  const root = doc.contents;
  if (!root) return null;
  const anchors = new Map<string, Node>();
  const height = new Map<Node, number>();
  const open = new Set<Node>();
  let aliases = 0;
  const lineOfNode = (n: Node | null | undefined) => (n?.range ? lc.linePos(n.range[0]).line : undefined);
  type Frame = { node: Node; depth: number; kids: Node[]; i: number };
  const frame = (node: Node, depth: number): Frame | Refusal => {
    const kids: Node[] = [];
    if (isMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items as Pair<unknown, unknown>[]) {
        const key = pair.key;
        if (isScalar(key)) {
          const k = String(key.value);
          if (seen.has(k)) return refuse(`duplicate key "${excerpt(k)}"`, lineOfNode(key));
          seen.add(k);
        } else if (key !== null && key !== undefined) {
          // `? [a, b]: 1` or `*x: 1`: no config has them, and a plain object cannot hold them.
          return refuse(
            'a key must be plain text, not a list, a mapping or an alias',
            lineOfNode(key as Node),
          );
        }
        if (isNodeLike(key)) kids.push(key);
        if (isNodeLike(pair.value)) kids.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) if (isNodeLike(item)) kids.push(item);
    } else if (isAlias(node)) {
      aliases++;
      if (aliases > MAX_YAML_ALIASES)
        return refuse(`more than ${MAX_YAML_ALIASES} aliases (*name)`, lineOfNode(node));
      const target = anchors.get(node.source);
      if (target) kids.push(target);
    }
    if (node.anchor && !isAlias(node)) anchors.set(node.anchor, node);
    return { node, depth, kids, i: 0 };
  };
  const first = frame(root, 1);
  if ('ok' in first) return first;
  const stack: Frame[] = [first];
  open.add(root);
  while (stack.length) {
    const top = stack[stack.length - 1] as Frame;
    const kid = top.kids[top.i++];
    if (kid) {
      if (isScalar(kid)) {
        // A leaf: no frame, height 0; only its anchor matters to aliases that follow.
        if (kid.anchor) anchors.set(kid.anchor, kid);
        continue;
      }
      const known = height.get(kid);
      if (known !== undefined) {
        if (top.depth + known > MAX_YAML_DEPTH)
          return refuse(
            `nested deeper than ${MAX_YAML_DEPTH} levels once aliases are expanded`,
            lineOfNode(kid),
          );
        continue;
      }
      if (open.has(kid)) return refuse('an alias refers to a collection that contains it', lineOfNode(kid));
      const depth = top.depth + (isMap(kid) || isSeq(kid) ? 1 : 0);
      if (depth > MAX_YAML_DEPTH)
        return refuse(`nested deeper than ${MAX_YAML_DEPTH} levels`, lineOfNode(kid));
      const f = frame(kid, depth);
      if ('ok' in f) return f;
      open.add(kid);
      stack.push(f);
    } else {
      stack.pop();
      open.delete(top.node);
      let h = 0;
      for (const k of top.kids) h = Math.max(h, height.get(k) ?? 0);
      height.set(top.node, h + (isMap(top.node) || isSeq(top.node) ? 1 : 0));
    }
  }
  return null;
}

function isNodeLike(v: unknown): v is Node {
  return isScalar(v) || isMap(v) || isSeq(v) || isAlias(v);
}

/**
 * Parse YAML text once, with explicit limits: size, nesting depth (counted, not left to the call
 * stack), alias count, and duplicate keys found in linear time. Never throws.
 */
export function parseYamlMapping(text: string): { ok: true; doc: ParsedYaml } | Refusal {
  if (text.length > MAX_INPUT_CHARS) return refuse(`the input is over ${MAX_INPUT_CHARS / 1e6} MB`);
  const lc = new LineCounter();
  let doc: Document.Parsed;
  try {
    const parser = new Parser(lc.addNewLine);
    lc.addNewLine(0); // as Parser.parse does: line 1 starts at offset 0
    const tokens: CST.Token[] = [];
    for (const lexeme of new Lexer().lex(text)) {
      for (const token of parser.next(lexeme)) tokens.push(token);
      // The parser's stack is the path from the document to the open node (collections, plus the
      // document and a scalar or two). Well past the limit, stop now rather than build a
      // million-deep tree; the exact count on the finished tree below gives the same answer.
      if (parser.stack.length > MAX_YAML_DEPTH + 8)
        return refuse(`nested deeper than ${MAX_YAML_DEPTH} levels`, lc.lineStarts.length);
    }
    for (const token of parser.end()) tokens.push(token);
    const deep = tooDeepAt(tokens, MAX_YAML_DEPTH);
    if (deep !== null) return refuse(`nested deeper than ${MAX_YAML_DEPTH} levels`, lc.linePos(deep).line);
    // uniqueKeys is off: its pairwise comparison is quadratic; checkDocument finds duplicates instead.
    // merge: `<<: *anchor` merge keys, as docker-compose files and Helm values use them with
    // extension fields (`x-tempo: &tempo`); the YAML 1.1 merge that Compose and Helm both apply.
    const docs = Array.from(
      new Composer({ uniqueKeys: false, merge: true }).compose(tokens, true, text.length),
    );
    const first = docs[0];
    if (!first) return refuse('nothing to import: the text holds no YAML document');
    if (docs.length > 1)
      return refuse(
        'more than one YAML document (---): import one at a time',
        lineAt(lc, docs[1]?.range?.[0]),
      );
    doc = first;
  } catch (e) {
    return refuse(`could not read this YAML (${(e as Error).message})`);
  }
  if (doc.errors.length) {
    return {
      ok: false,
      errors: doc.errors.slice(0, 5).map((e) => ({
        message: `YAML syntax: ${e.message.split('\n')[0]}`,
        line: lineAt(lc, e.pos[0]),
      })),
    };
  }
  if (!isMap(doc.contents))
    return refuse('expected a YAML mapping of keys (a config file), found something else', 1);
  const problem = checkDocument(doc, lc);
  if (problem) return problem;
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return refuse(`not readable as YAML: ${(e as Error).message}`);
  }
  const contents = doc.contents;
  // Key -> pair of each mapping, built on first use: finding a line costs one lookup per key.
  const index = new WeakMap<YAMLMap, Map<string, Pair<unknown, unknown>>>();
  const pairOf = (map: YAMLMap, key: string) => {
    let m = index.get(map);
    if (!m) {
      m = new Map();
      for (const p of map.items as Pair<unknown, unknown>[])
        if (isPair(p) && isScalar(p.key) && !m.has(String(p.key.value))) m.set(String(p.key.value), p);
      index.set(map, m);
    }
    return m.get(key);
  };
  /**
   * Line of a key path: the line of its key (not of its value, which may start below). A number in
   * the path picks an item of a list (`steps.2.title`); a path ending at an item gives the item's line.
   * `lineOfKeys` takes the keys as a list, for keys with dots in them (`tempo.local`).
   */
  const lineOf = (path: string): number | undefined => lineOfKeys(path.split('.'));
  const lineOfKeys = (keys: readonly string[]): number | undefined => {
    let node: unknown = contents;
    let range: [number, number, number] | null | undefined;
    for (const key of keys) {
      if (isSeq(node) && /^\d+$/.test(key)) {
        node = node.items[Number(key)];
        range = (node as Node | undefined)?.range;
        if (!range) return undefined;
        continue;
      }
      if (!isMap(node)) return undefined;
      const pair = pairOf(node, key);
      if (!pair) return undefined;
      node = pair.value;
      range = (pair.key as Node | undefined)?.range;
    }
    return range ? lc.linePos(range[0]).line : undefined;
  };
  return { ok: true, doc: { data: data as Record<string, unknown>, lineOf, lineOfKeys } };
}

function lineAt(lc: LineCounter, offset: number | undefined): number | undefined {
  return offset === undefined ? undefined : lc.linePos(offset).line;
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

/**
 * A parsed value as text, never calling a method the input defines: a mapping with its own
 * `toString` key (`{toString: 0}`) would make String() throw.
 */
export function valueText(v: unknown): string {
  if (v !== null && typeof v === 'object') return Array.isArray(v) ? 'a list' : 'a mapping';
  return String(v);
}
