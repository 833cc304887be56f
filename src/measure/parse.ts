/**
 * Reads what a Prometheus (or Mimir, or Grafana) returned for the measurement queries:
 * - Prometheus HTTP API JSON (`/api/v1/query` vector, `/api/v1/query_range` matrix), the whole
 *   response or its `data`; a JSON array of such answers; an answer wrapped as `{query, response}`;
 * - the CSV a Grafana panel exports (Inspect > Data > Download CSV), a time column then one column
 *   per series, named as Grafana names them (`metric{label="value", ...}`).
 * Never throws; anything else gets a message with its line.
 */
import { parseDocument } from 'yaml';
import * as z from 'zod/mini';
import { KNOWN_METRICS } from './queries';

/** One time series: its metric name (null when the answer dropped it), labels and samples. */
export interface Series {
  metric: string | null;
  labels: Record<string, string>;
  /** Seconds since the epoch, in increasing order; values are finite. */
  t: number[];
  v: number[];
  /** Where it came from, for messages: "answer 2", "CSV column 3". */
  from: string;
  /** The query took rate() of a counter already: the values are per second. */
  rated?: boolean;
}

export type ParseMeasurementsResult =
  | { ok: true; series: Series[]; warnings: string[] }
  | { ok: false; errors: string[] };

/** A paste or file larger than this is refused before it is read (an hour of 300 pods at 1m is ~1 MB). */
export const MAX_MEASUREMENT_CHARS = 4_000_000;
export const MAX_SERIES = 20_000;
export const MAX_SAMPLES = 2_000_000;
/** A value quoted in a message is cut to this many characters. */
const EXCERPT = 60;

export function excerpt(text: string): string {
  const one = text.replace(/[\r\n\t]+/g, ' ');
  return one.length > EXCERPT ? `${one.slice(0, EXCERPT)}…` : one;
}

// Only the zod pieces the scenario schema already uses: the shared chunk of the first page load
// stays as it is (a tuple or a discriminated union would add 1.5 KB to it).
const labelsSchema = z.record(z.string(), z.string());
const sampleSchema = z.array(z.unknown()).check(z.minLength(2), z.maxLength(2));
const vectorItem = z.object({ metric: labelsSchema, value: sampleSchema });
const matrixItem = z.object({ metric: labelsSchema, values: z.array(sampleSchema) });
const dataSchema = z.object({
  resultType: z.enum(['vector', 'matrix', 'scalar', 'string']),
  result: z.unknown(),
});
const RESULT_SCHEMAS = {
  vector: z.array(vectorItem),
  matrix: z.array(matrixItem),
  scalar: sampleSchema,
  string: sampleSchema,
};

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/** The text last read as YAML for line numbers, and its document: errors in one paste share it. */
let lastDoc: { text: string; doc: ReturnType<typeof parseDocument> } | null = null;
function yamlDoc(text: string): ReturnType<typeof parseDocument> {
  if (lastDoc?.text !== text) lastDoc = { text, doc: parseDocument(text, { uniqueKeys: false }) };
  return lastDoc.doc;
}

/** The line of a JSON value at `path`, found by reading the text as YAML (JSON is YAML). */
function lineOfPath(text: string, path: readonly PropertyKey[]): number | null {
  try {
    const doc = yamlDoc(text);
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n) as unknown[], true) as
        | { range?: [number, number, number] }
        | undefined;
      if (node && typeof node === 'object' && Array.isArray(node.range)) return lineAt(text, node.range[0]);
    }
  } catch {
    // no line, then
  }
  return null;
}

function jsonSyntaxError(text: string, e: Error): string {
  const m = /position (\d+)/.exec(e.message);
  const lc = /line (\d+) column (\d+)/.exec(e.message);
  let line = lc ? Number(lc[1]) : m ? lineAt(text, Number(m[1])) : null;
  if (line === null) {
    // Node 20 does not always say where: the YAML reader (JSON is YAML) finds the same spot.
    try {
      line = yamlDoc(text).errors[0]?.linePos?.[0]?.line ?? null;
    } catch {
      line = null;
    }
  }
  const reason = e.message.replace(/^JSON\.parse: /, '').replace(/, "[\s\S]*" is not valid JSON$/, '');
  return `${line ? `line ${line}: ` : ''}this is not valid JSON (${excerpt(reason)})`;
}

function num(x: unknown): number {
  if (typeof x === 'number') return x;
  if (typeof x !== 'string') return Number.NaN;
  const t = x.trim();
  if (t === '') return Number.NaN;
  // Prometheus writes "+Inf", "-Inf", "NaN"; anything else must be a plain decimal number.
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number.NaN;
  return Number(t);
}

interface Collector {
  series: Series[];
  warnings: string[];
  samples: number;
  skipped: number;
}

function addSeries(c: Collector, s: Series): string | null {
  if (c.series.length >= MAX_SERIES)
    return `more than ${MAX_SERIES} series; narrow the queries (one namespace, fewer pods)`;
  c.samples += s.t.length;
  if (c.samples > MAX_SAMPLES)
    return `more than ${MAX_SAMPLES} samples; use a larger step (5m) or a shorter range`;
  c.series.push(s);
  return null;
}

/** Samples as [time, value] pairs into sorted arrays, finite values only. */
function samplesOf(c: Collector, pairs: readonly (readonly unknown[])[]): { t: number[]; v: number[] } {
  const rows: [number, number][] = [];
  for (const [ts, val] of pairs) {
    const t = num(ts);
    const v = num(val);
    if (Number.isFinite(t) && Number.isFinite(v)) rows.push([t, v]);
    else c.skipped++;
  }
  rows.sort((a, b) => a[0] - b[0]);
  return { t: rows.map((r) => r[0]), v: rows.map((r) => r[1]) };
}

function metricOf(labels: Record<string, string>): { metric: string | null; labels: Record<string, string> } {
  const { __name__, ...rest } = labels;
  return { metric: __name__ ?? null, labels: rest };
}

/** One answer (a response, its `data`, or `{query, response}`), at `path` in the JSON document. */
function readAnswer(
  c: Collector,
  text: string,
  value: unknown,
  path: PropertyKey[],
  name: string,
): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return where(text, path, `${name} is not a Prometheus answer (an object with "status" and "data")`);
  const o = value as Record<string, unknown>;
  let query: string | null = null;
  let data: unknown = value;
  let dataPath = path;
  if (typeof o.query === 'string' || typeof o.expr === 'string') {
    query = String(o.query ?? o.expr);
    const inner = o.response ?? o.data ?? o.result;
    const key = o.response !== undefined ? 'response' : o.data !== undefined ? 'data' : 'result';
    if (inner === undefined) return where(text, path, `${name} names a query but holds no "response"`);
    return readAnswerWithQuery(c, text, inner, [...path, key], name, query);
  }
  if ('status' in o) {
    if (o.status === 'error')
      return where(
        text,
        path,
        `${name} is an error from Prometheus: ${excerpt(String(o.error ?? o.errorType ?? 'no message'))}`,
      );
    data = o.data;
    dataPath = [...path, 'data'];
  }
  return readData(c, text, data, dataPath, name, null);
}

function readAnswerWithQuery(
  c: Collector,
  text: string,
  value: unknown,
  path: PropertyKey[],
  name: string,
  query: string,
): string | null {
  const o = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if ('status' in o) {
    if (o.status === 'error')
      return where(
        text,
        path,
        `${name} is an error from Prometheus: ${excerpt(String(o.error ?? 'no message'))}`,
      );
    return readData(c, text, o.data, [...path, 'data'], name, query);
  }
  return readData(c, text, value, path, name, query);
}

/** The metric a query reads, when its answer's series carry no name: the first known name in it. */
export function queryMetric(query: string): string | null {
  let best: { at: number; name: string } | null = null;
  for (const m of KNOWN_METRICS) {
    const at = new RegExp(`(^|[^a-zA-Z0-9_:])${m.name}($|[^a-zA-Z0-9_:])`).exec(query)?.index;
    if (at !== undefined && (best === null || at < best.at)) best = { at, name: m.name };
  }
  return best?.name ?? null;
}

function readData(
  c: Collector,
  text: string,
  value: unknown,
  path: PropertyKey[],
  name: string,
  query: string | null,
): string | null {
  const head = dataSchema.safeParse(value);
  const body = head.success ? RESULT_SCHEMAS[head.data.resultType].safeParse(head.data.result) : null;
  if (!head.success || !body?.success) {
    const issue = head.success ? body?.error?.issues[0] : head.error.issues[0];
    const inner = issue?.path ?? [];
    const p = [...path, ...(head.success ? ['result'] : []), ...inner];
    const hint = head.success
      ? `its result is not a Prometheus ${head.data.resultType} at ${['result', ...inner].join('.')}`
      : 'it has no "resultType" (vector or matrix) and "result"';
    return where(text, p, `${name} is not a Prometheus answer: ${hint}`);
  }
  const fallback = query === null ? null : queryMetric(query);
  const rated = query !== null && /\b(rate|irate)\s*\(/.test(query);
  if (head.data.resultType === 'scalar' || head.data.resultType === 'string') {
    c.warnings.push(`${name} is a ${head.data.resultType}, not series by pod or label: skipped`);
    return null;
  }
  const data =
    head.data.resultType === 'vector'
      ? { resultType: 'vector' as const, result: body.data as z.infer<typeof vectorItem>[] }
      : { resultType: 'matrix' as const, result: body.data as z.infer<typeof matrixItem>[] };
  const items =
    data.resultType === 'vector'
      ? data.result.map((x) => ({ metric: x.metric, values: [x.value] }))
      : data.result;
  for (let k = 0; k < items.length; k++) {
    const item = items[k]!;
    const m = metricOf(item.metric);
    const { t, v } = samplesOf(c, item.values);
    const err = addSeries(c, {
      metric: m.metric ?? fallback,
      labels: m.labels,
      t,
      v,
      from: name,
      ...(rated ? { rated } : {}),
    });
    if (err) return err;
  }
  return null;
}

function where(text: string, path: readonly PropertyKey[], message: string): string {
  const line = lineOfPath(text, path);
  return line ? `line ${line}: ${message}` : message;
}

function parseJson(text: string): ParseMeasurementsResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [jsonSyntaxError(text, e as Error)] };
  }
  const c: Collector = { series: [], warnings: [], samples: 0, skipped: 0 };
  const answers = Array.isArray(doc) ? doc : [doc];
  if (answers.length === 0) return { ok: false, errors: ['the JSON array holds no answers'] };
  const errors: string[] = [];
  for (let k = 0; k < answers.length; k++) {
    const name = Array.isArray(doc) ? `answer ${k + 1}` : 'the answer';
    const err = readAnswer(c, text, answers[k], Array.isArray(doc) ? [k] : [], name);
    if (err) errors.push(err);
    if (errors.length >= 10) break;
  }
  if (errors.length) return { ok: false, errors };
  return done(c);
}

function done(c: Collector): ParseMeasurementsResult {
  if (c.skipped) c.warnings.push(`${c.skipped} samples were not finite numbers (NaN, Inf) and were left out`);
  if (c.series.length === 0)
    return { ok: false, errors: ['the answers hold no series (was the query range empty?)'] };
  return { ok: true, series: c.series, warnings: c.warnings };
}

/** The separator of a CSV: the one of `,` `;` tab found most often outside quotes in its first row. */
function separatorOf(text: string): string {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch]!++;
  }
  return Object.entries(counts).reduce((a, b) => (b[1] > a[1] ? b : a))[0];
}

/** Split CSV text into rows (RFC 4180 quoting), with the line each row starts on. */
function csvRows(text: string, sep: string): { cells: string[]; line: number }[] | string {
  const rows: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && cell === '') quoted = true;
    else if (ch === sep) {
      cells.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      if (cells.some((x) => x !== '')) rows.push({ cells, line: rowLine });
      cells = [];
      cell = '';
      line++;
      rowLine = line;
    } else cell += ch;
    i++;
  }
  if (quoted) return `line ${rowLine}: a quoted cell is never closed`;
  cells.push(cell);
  if (cells.some((x) => x !== '')) rows.push({ cells, line: rowLine });
  return rows;
}

/** A Grafana series name: `metric{a="b", c="d"}`, `{a="b"}`, or a plain legend. */
export function parseSeriesName(
  name: string,
): { metric: string | null; labels: Record<string, string> } | null {
  const m = /^\s*([a-zA-Z_:][a-zA-Z0-9_:]*)?\s*\{(.*)\}\s*$/s.exec(name);
  if (!m) {
    if (/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(name.trim())) return { metric: name.trim(), labels: {} };
    return null;
  }
  const labels: Record<string, string> = {};
  const body = m[2] ?? '';
  const re = /\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*=\s*"((?:[^"\\]|\\.)*)"\s*(,|$)/gy;
  let pos = 0;
  while (pos < body.length) {
    re.lastIndex = pos;
    const lm = re.exec(body);
    if (!lm) return null;
    labels[lm[1]!] = lm[2]!.replace(/\\(.)/g, (_, x: string) => (x === 'n' ? '\n' : x));
    pos = re.lastIndex;
  }
  const { __name__, ...rest } = labels;
  return { metric: m[1] ?? __name__ ?? null, labels: rest };
}

/** A CSV time cell: epoch seconds or milliseconds, or a date (taken as UTC when it names no zone). */
function csvTime(cell: string): number {
  const t = cell.trim();
  if (/^\d+(\.\d+)?$/.test(t)) {
    const n = Number(t);
    return n > 1e11 ? n / 1000 : n;
  }
  if (!/^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.test(t)) return Number.NaN;
  const iso = t.replace(' ', 'T');
  return Date.parse(/(Z|[+-]\d{2}:?\d{2})$/.test(iso) ? iso : `${iso}Z`) / 1000;
}

function parseCsv(text: string, queryHint: string | null): ParseMeasurementsResult {
  const sep = separatorOf(text);
  const rows = csvRows(text, sep);
  if (typeof rows === 'string') return { ok: false, errors: [rows] };
  const header = rows[0];
  if (!header || header.cells.length < 2)
    return {
      ok: false,
      errors: [
        'this is neither Prometheus JSON nor a Grafana CSV (a header row "Time" then one column per series)',
      ],
    };
  if (!/^(time|timestamp)$/i.test(header.cells[0]!.trim()))
    return {
      ok: false,
      errors: [`line ${header.line}: the first column must be "Time", not "${excerpt(header.cells[0]!)}"`],
    };
  const c: Collector = { series: [], warnings: [], samples: 0, skipped: 0 };
  const cols: Series[] = [];
  for (let k = 1; k < header.cells.length; k++) {
    const raw = header.cells[k]!;
    const parsed = parseSeriesName(raw);
    const s: Series = parsed
      ? {
          metric: parsed.metric ?? queryHint,
          labels: parsed.labels,
          t: [],
          v: [],
          from: `CSV column ${k + 1}`,
        }
      : {
          metric: queryHint,
          labels: { pod: raw.trim().slice(0, 253) },
          t: [],
          v: [],
          from: `CSV column ${k + 1}`,
        };
    cols.push(s);
  }
  const errors: string[] = [];
  for (let r = 1; r < rows.length; r++) {
    const row = rows[r]!;
    const t = csvTime(row.cells[0] ?? '');
    if (!Number.isFinite(t)) {
      errors.push(
        `line ${row.line}: "${excerpt(row.cells[0] ?? '')}" is not a time (epoch seconds, ms or a date)`,
      );
      if (errors.length >= 10) break;
      continue;
    }
    for (let k = 1; k < header.cells.length; k++) {
      const cell = (row.cells[k] ?? '').trim();
      if (cell === '' || /^(NaN|[+-]?Inf|null|undefined)$/i.test(cell)) continue;
      const v = num(cell);
      if (!Number.isFinite(v)) {
        errors.push(
          `line ${row.line}, column ${k + 1}: "${excerpt(cell)}" is not a number (export with "Formatted data" off)`,
        );
        break;
      }
      cols[k - 1]!.t.push(t);
      cols[k - 1]!.v.push(v);
    }
    if (errors.length >= 10) break;
  }
  if (errors.length) return { ok: false, errors };
  for (const s of cols) {
    const order = s.t.map((_, i) => i).sort((a, b) => s.t[a]! - s.t[b]!);
    const sorted = { ...s, t: order.map((i) => s.t[i]!), v: order.map((i) => s.v[i]!) };
    const err = addSeries(c, sorted);
    if (err) return { ok: false, errors: [err] };
  }
  return done(c);
}

/**
 * Parse a paste or a file. `queryHint` names the metric of series that carry none (a paste into
 * one query's own box).
 */
export function parseMeasurements(text: string, queryHint: string | null = null): ParseMeasurementsResult {
  if (typeof text !== 'string') return { ok: false, errors: ['nothing to read'] };
  if (text.length > MAX_MEASUREMENT_CHARS)
    return {
      ok: false,
      errors: [
        `the measurements are ${(text.length / 1e6).toFixed(1)} MB; at most ${MAX_MEASUREMENT_CHARS / 1e6} MB (use a larger step)`,
      ],
    };
  const body = text.replace(/^\uFEFF/, '').trim();
  if (body === '') return { ok: false, errors: ['nothing to read: paste an answer or open a file'] };
  if (body.startsWith('{') || body.startsWith('[')) {
    const r = parseJson(body);
    if (r.ok && queryHint) for (const s of r.series) s.metric ??= queryHint;
    return r;
  }
  return parseCsv(body, queryHint);
}
