/**
 * Story files: a guided story as YAML or JSON that a trainer writes, records or shares, and the form
 * the built-in stories ship in. Read with the import's YAML reader (size, depth, alias and duplicate-key
 * limits; JSON is YAML too) and checked with zod; every problem names its line and the step in the
 * app's words. Pure: no DOM, no clock. The format is documented in the README ("Stories").
 *
 *   story: 1
 *   title: Our incident last March
 *   scenario: { tempoVersion: '2.10', mode: microservices, load: { spansPerSecond: 20000 } }
 *   steps:
 *     - at: 0
 *       title: The cluster
 *       text: What we ran.
 *       highlight: ingester-0
 */
import { parse, stringify } from 'yaml';
import * as z from 'zod/mini';
import { parseYamlMapping } from '../import/messages';
import { DEPLOYMENT_MODES, PROCESS_KINDS, TEMPO_VERSIONS } from '../model/catalog';
import {
  componentConfigSchema,
  createScenario,
  loadSchema,
  parseScenario,
  type Scenario,
  scenarioInstances,
} from '../model/scenario';
import { deriveTopology } from '../model/topology';
import { scenarioFromLocationHash } from '../share/link';
import type { SimAction } from '../sim/engine';
import { checkAction } from '../sim/input';
import type { SimEventKind } from '../sim/types';
import { canonicalJson } from './canonical';
import type { GuidedScenario, GuidedStep, StoryQuestion } from './guided';

export const STORY_FORMAT = 1;
/** Longest story in simulated time: a week. */
export const MAX_STORY_SECONDS = 7 * 24 * 3600;
export const MAX_STEPS = 200;
export const MAX_TEXT = 5000;
export const MAX_TITLE = 200;
export const MAX_ACTIONS_PER_STEP = 20;
/** How long a story runs after its last step when the file does not say. */
export const DEFAULT_TAIL_SECONDS = 60;

export const STORY_CHARTS = ['spans', 'memory', 'latency'] as const;
const EVENT_KIND_LIST = [
  'oom-kill',
  'restart',
  'ready',
  'killed',
  'rate-limited',
  'storage-outage',
  'storage-restored',
  'kafka-outage',
  'kafka-restored',
  'spike',
  'spike-end',
  'lag',
  'caught-up',
  'quorum-lost',
  'quorum-restored',
  'flush',
  'spans-dropped',
  'trace-too-large',
  'live-traces-exceeded',
  'queries-failing',
  'zone-outage',
  'volume-full',
  'volume-ok',
  'records-expired',
  'compaction-stopped',
  'compaction-resumed',
  'partition-unowned',
] as const satisfies readonly SimEventKind[];
// Every event kind the engine has is listed (a new kind fails the type check here).
type Missing = Exclude<SimEventKind, (typeof EVENT_KIND_LIST)[number]>;
const _allKinds: Missing extends never ? true : never = true;
void _allKinds;
export const STORY_EVENT_KINDS: readonly SimEventKind[] = EVENT_KIND_LIST;

export interface StoryMessage {
  message: string;
  line?: number;
}

export type StoryParse = { ok: true; story: GuidedScenario } | { ok: false; errors: StoryMessage[] };

// Only the zod functions the scenario schema already uses (they load with the first page; others
// would join them there): unknown keys, empty text and the id's form are checked by hand.
const text = (max: number) => z.string().check(z.maxLength(max));
const second = z.int().check(z.gte(0), z.lte(MAX_STORY_SECONDS));
type Shape = Record<string, z.core.$ZodType>;
const optionalShape = (shape: Shape) =>
  Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, z.optional(v as z.ZodMiniType)]));
const loadPatchSchema = z.object(optionalShape(loadSchema.def.shape));
const componentPatchSchema = z.object(optionalShape(componentConfigSchema.def.shape));

const questionSchema = z.object({
  ask: text(1000),
  choices: z.array(text(300)).check(z.maxLength(8)),
  answer: z.int().check(z.gte(1), z.lte(8)),
  explain: z.optional(text(MAX_TEXT)),
  reveal: z.optional(z.object({ at: z.optional(second), event: z.optional(z.enum(EVENT_KIND_LIST)) })),
});

const stepSchema = z.object({
  at: second,
  title: text(MAX_TITLE),
  text: z.optional(text(MAX_TEXT)),
  highlight: z.optional(text(200)),
  chart: z.optional(z.enum(STORY_CHARTS)),
  watch: z.optional(z.enum(EVENT_KIND_LIST)),
  load: z.optional(loadPatchSchema),
  question: z.optional(questionSchema),
});

const storySchema = z.object({
  story: z.literal(STORY_FORMAT),
  id: z.optional(text(63)),
  title: text(MAX_TITLE),
  summary: z.optional(text(2000)),
  duration: z.optional(z.int().check(z.gte(1), z.lte(MAX_STORY_SECONDS))),
});

/** The short form of a scenario: a version and mode, and what differs from that pair's defaults. */
const shortScenarioSchema = z.object({
  tempoVersion: z.enum(TEMPO_VERSIONS),
  mode: z.enum(DEPLOYMENT_MODES),
  name: z.optional(text(200)),
  components: z.optional(z.partialRecord(z.enum(PROCESS_KINDS), componentPatchSchema)),
  load: z.optional(loadPatchSchema),
});

const KEYS = {
  top: ['story', 'id', 'title', 'summary', 'duration', 'scenario', 'steps'],
  step: [
    'at',
    'title',
    'text',
    'highlight',
    'chart',
    'watch',
    'load',
    'action',
    'actions',
    'switchTo',
    'question',
  ],
  question: ['ask', 'choices', 'answer', 'explain', 'reveal'],
  reveal: ['at', 'event'],
  load: Object.keys(loadSchema.def.shape),
  short: ['tempoVersion', 'mode', 'name', 'components', 'settings', 'load', 'seed', 'events', 'layout'],
  component: Object.keys(componentConfigSchema.def.shape),
};

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys a mapping may not have (a typo must not pass silently), as problems. */
function unknownKeys(v: unknown, allowed: readonly string[], path: (string | number)[]): Problem[] {
  if (!isRecord(v)) return [];
  const extra = Object.keys(v).filter((k) => !allowed.includes(k));
  return extra.length
    ? [
        {
          path,
          message: `${extra.length > 1 ? 'keys' : 'key'} this app does not know: ${extra.map((k) => short(k)).join(', ')}`,
        },
      ]
    : [];
}

/** Text that must say something. */
function empty(v: unknown, path: (string | number)[]): Problem[] {
  return typeof v === 'string' && v.trim() === '' ? [{ path, message: 'must not be empty' }] : [];
}

/** `steps.2.question.answer` -> `step 3 › question.answer`; `scenario.load.x` stays as it is. */
export function describePath(path: readonly (string | number)[]): string {
  if (path.length === 0) return 'the file';
  if (path[0] === 'steps' && typeof path[1] === 'number') {
    const rest = path.slice(2).join('.');
    return `step ${path[1] + 1}${rest ? ` › ${rest}` : ''}`;
  }
  return path.join('.');
}

type Problem = { path: (string | number)[]; message: string };

function zodProblems(error: z.core.$ZodError, prefix: (string | number)[]): Problem[] {
  return error.issues.slice(0, 10).map((i) => ({
    path: [...prefix, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: i.message.length > 300 ? `${i.message.slice(0, 300)}…` : i.message,
  }));
}

const short = (v: unknown) => {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return JSON.stringify(s.length > 80 ? `${s.slice(0, 80)}…` : s);
};

/** A scenario from a story file: a share link, a full scenario document, or the short form. */
function readScenario(
  input: unknown,
  path: (string | number)[],
): { ok: true; scenario: Scenario } | { ok: false; problems: Problem[] } {
  const fail = (message: string, at: (string | number)[] = path) => ({
    ok: false as const,
    problems: [{ path: at, message }],
  });
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    return fail(
      'a scenario is a mapping: a version and mode (tempoVersion, mode, ...), a saved scenario, or link: followed by a share link',
    );
  const o = input as Record<string, unknown>;
  if ('link' in o) {
    if (Object.keys(o).length !== 1 || typeof o.link !== 'string')
      return fail('link: takes one share link (…#s=…) and nothing beside it', [...path, 'link']);
    const hashAt = o.link.indexOf('#');
    const decoded = hashAt < 0 ? null : scenarioFromLocationHash(o.link.slice(hashAt));
    if (!decoded) return fail('this is not a share link: it has no #s= part', [...path, 'link']);
    if (!decoded.ok) return fail(decoded.message, [...path, 'link']);
    return { ok: true, scenario: decoded.scenario };
  }
  let candidate: unknown = input;
  if (!('schemaVersion' in o)) {
    const keyProblems = [
      ...unknownKeys(o, KEYS.short, path),
      ...unknownKeys(o.load, KEYS.load, [...path, 'load']),
      ...(isRecord(o.components)
        ? Object.entries(o.components).flatMap(([k, c]) =>
            unknownKeys(c, KEYS.component, [...path, 'components', k]),
          )
        : []),
    ];
    if (keyProblems.length) return { ok: false, problems: keyProblems };
    if (o.settings !== undefined && !isRecord(o.settings))
      return fail('settings is a mapping of setting names to values', [...path, 'settings']);
    const s = shortScenarioSchema.safeParse(input);
    if (!s.success) return { ok: false, problems: zodProblems(s.error, path) };
    const base = createScenario(s.data.tempoVersion, s.data.mode);
    const components = { ...base.components };
    for (const [kind, c] of Object.entries(s.data.components ?? {}))
      components[kind as keyof typeof components] = {
        ...base.components[kind as keyof typeof components],
        ...c,
      } as never;
    candidate = {
      ...base,
      ...(s.data.name !== undefined ? { name: s.data.name } : {}),
      components,
      settings: { ...base.settings, ...(o.settings as Record<string, unknown> | undefined) },
      load: { ...base.load, ...s.data.load },
      ...(o.seed !== undefined ? { seed: o.seed } : {}),
      ...(o.events !== undefined ? { events: o.events } : {}),
      ...(o.layout !== undefined ? { layout: o.layout } : {}),
    };
  }
  const parsed = parseScenario(candidate);
  if (!parsed.ok)
    return {
      ok: false,
      problems: parsed.errors.map((e) => {
        const cut = e.indexOf(': ');
        const p = cut > 0 ? e.slice(0, cut) : '';
        return {
          path: p && p !== '(document)' ? [...path, ...p.split('.')] : path,
          message: cut > 0 ? e.slice(cut + 2) : e,
        };
      }),
    };
  return { ok: true, scenario: parsed.value };
}

/** Node ids, instance names and edge ids a step may highlight in a scenario. */
function highlightable(s: Scenario): { nodes: Set<string>; edges: Set<string>; names: string[] } {
  const t = deriveTopology(s);
  const nodes = new Set<string>();
  for (const n of t.nodes) {
    nodes.add(n.id);
    for (const i of n.instances) nodes.add(i);
  }
  return { nodes, edges: new Set(t.edges.map((e) => e.id)), names: t.nodes.map((n) => n.id) };
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 50) || 'story';

/**
 * Read a story file (YAML or JSON). Never throws. Errors carry the line they are on when the file has
 * one, and say which step.
 */
export function parseStoryFile(textIn: string): StoryParse {
  if (typeof textIn !== 'string') return { ok: false, errors: [{ message: 'a story file is text' }] };
  const y = parseYamlMapping(textIn);
  if (!y.ok)
    return {
      ok: false,
      errors: y.errors.map((e) => ({ message: e.message, ...(e.line ? { line: e.line } : {}) })),
    };
  const { data, lineOf } = y.doc;
  const problems: Problem[] = [];
  const done = (): StoryParse => ({
    ok: false,
    errors: problems.slice(0, 12).map((p) => {
      let line: number | undefined;
      // The line of the deepest part of the path the file has.
      for (let k = p.path.length; k > 0 && line === undefined; k--)
        line = lineOf(p.path.slice(0, k).join('.'));
      return { message: `${describePath(p.path)}: ${p.message}`, ...(line ? { line } : {}) };
    }),
  });
  if (!('story' in data))
    problems.push({
      path: [],
      message: 'not a story file: it must start with `story: 1` (the format version)',
    });
  problems.push(...unknownKeys(data, KEYS.top, []));
  const top = storySchema.safeParse(data);
  if (!top.success) problems.push(...zodProblems(top.error, []));
  problems.push(...empty(data.title, ['title']));
  if (typeof data.id === 'string' && !/^[a-z0-9][a-z0-9-]*$/.test(data.id))
    problems.push({ path: ['id'], message: 'use lower-case letters, digits and dashes' });
  const rawSteps = data.steps;
  if (!Array.isArray(rawSteps) || rawSteps.length === 0)
    problems.push({ path: ['steps'], message: 'a story has a list of steps, at least one' });
  else if (rawSteps.length > MAX_STEPS)
    problems.push({ path: ['steps'], message: `a story has at most ${MAX_STEPS} steps` });
  if (!top.success || problems.length || !Array.isArray(rawSteps)) return done();
  const f = { ...top.data, steps: rawSteps as unknown[] };
  const first = readScenario(data.scenario, ['scenario']);
  if (!first.ok) {
    problems.push(...first.problems);
    return done();
  }
  let current = first.scenario;
  let targets = highlightable(current);
  let load = { ...current.load };
  const steps: GuidedStep[] = [];
  for (let k = 0; k < f.steps.length; k++) {
    const p = ['steps', k];
    const raw = f.steps[k];
    if (!isRecord(raw)) {
      problems.push({ path: p, message: 'a step is a mapping: at, title, text, ...' });
      continue;
    }
    const rawQ = raw.question;
    const shape = [
      ...unknownKeys(raw, KEYS.step, p),
      ...unknownKeys(raw.load, KEYS.load, [...p, 'load']),
      ...unknownKeys(rawQ, KEYS.question, [...p, 'question']),
      ...(isRecord(rawQ) ? unknownKeys(rawQ.reveal, KEYS.reveal, [...p, 'question', 'reveal']) : []),
      ...empty(raw.title, [...p, 'title']),
      ...empty(raw.highlight, [...p, 'highlight']),
    ];
    if (shape.length) {
      problems.push(...shape);
      continue;
    }
    const parsed = stepSchema.safeParse(raw);
    if (!parsed.success) {
      problems.push(...zodProblems(parsed.error, p));
      continue;
    }
    const s = {
      ...parsed.data,
      action: raw.action,
      actions: raw.actions,
      switchTo: raw.switchTo,
    };
    if (s.actions !== undefined && (!Array.isArray(s.actions) || s.actions.length > MAX_ACTIONS_PER_STEP)) {
      problems.push({
        path: [...p, 'actions'],
        message: `a list of at most ${MAX_ACTIONS_PER_STEP} actions`,
      });
      continue;
    }
    if (s.question) {
      const q = s.question;
      const qp = [...p, 'question'];
      const qs = [
        ...empty(q.ask, [...qp, 'ask']),
        ...q.choices.flatMap((c, i) => empty(c, [...qp, 'choices', i])),
        ...(q.choices.length < 2 ? [{ path: [...qp, 'choices'], message: 'give at least 2 choices' }] : []),
        ...(q.reveal && (q.reveal.at === undefined) === (q.reveal.event === undefined)
          ? [
              {
                path: [...qp, 'reveal'],
                message: 'reveal: takes either at: (a second) or event: (an event kind)',
              },
            ]
          : []),
      ];
      if (qs.length) {
        problems.push(...qs);
        continue;
      }
    }
    const step: GuidedStep = { at: s.at, title: s.title, text: s.text ?? '' };
    const prev = steps[steps.length - 1];
    if (k === 0 && s.at !== 0)
      problems.push({ path: [...p, 'at'], message: `the first step starts at 0 s, not ${s.at} s` });
    if (prev && s.at < prev.at)
      problems.push({
        path: [...p, 'at'],
        message: `starts at ${s.at} s, before step ${k} (${prev.at} s): list the steps in the order they start`,
      });
    if (s.switchTo !== undefined) {
      const sw = readScenario(s.switchTo, [...p, 'switchTo']);
      if (!sw.ok) {
        problems.push(...sw.problems);
        continue;
      }
      step.switchTo = sw.scenario;
      current = sw.scenario;
      targets = highlightable(current);
      load = { ...current.load };
    }
    if (s.load) {
      const l: Partial<Scenario['load']> = {};
      for (const [key, v] of Object.entries(s.load))
        if (typeof v === 'number') (l as Record<string, number>)[key] = v;
      step.load = l;
      load = { ...load, ...l };
    }
    const actions: SimAction[] = [];
    const rawActions: [unknown, (string | number)[]][] = [];
    if (s.action !== undefined) rawActions.push([s.action, [...p, 'action']]);
    for (const [i, a] of ((s.actions as unknown[] | undefined) ?? []).entries())
      rawActions.push([a, [...p, 'actions', i]]);
    const names = new Set(scenarioInstances(current).map((x) => x.name));
    for (const [a, ap] of rawActions) {
      const c = checkAction(a, names);
      if (!c.ok) problems.push({ path: ap, message: c.errors.join('; ') });
      else actions.push(c.value);
    }
    if (s.action !== undefined && actions[0]) step.action = actions.shift();
    if (s.actions !== undefined) step.actions = actions;
    if (s.highlight !== undefined || s.chart !== undefined || s.watch !== undefined) {
      step.lookAt = {};
      if (s.highlight !== undefined) {
        if (targets.nodes.has(s.highlight)) step.lookAt.nodeId = s.highlight;
        else if (targets.edges.has(s.highlight)) step.lookAt.edgeId = s.highlight;
        else
          problems.push({
            path: [...p, 'highlight'],
            message: `no node or edge named ${short(s.highlight)} in Tempo ${current.tempoVersion} ${current.mode} here; nodes: ${targets.names.slice(0, 12).join(', ')}${targets.names.length > 12 ? ', …' : ''}`,
          });
      }
      if (s.chart !== undefined) step.lookAt.chart = s.chart;
      if (s.watch !== undefined) step.lookAt.eventKind = s.watch;
    }
    if (s.question) {
      const q = s.question;
      if (q.answer > q.choices.length)
        problems.push({
          path: [...p, 'question', 'answer'],
          message: `is choice ${q.answer}, but there are only ${q.choices.length} choices (counted from 1)`,
        });
      const question: StoryQuestion = { ask: q.ask, choices: [...q.choices], answer: q.answer };
      if (q.explain !== undefined) question.explain = q.explain;
      if (q.reveal?.at !== undefined) {
        if (q.reveal.at < s.at)
          problems.push({
            path: [...p, 'question', 'reveal', 'at'],
            message: `reveals at ${q.reveal.at} s, before the step starts (${s.at} s)`,
          });
        question.revealAt = q.reveal.at;
      } else if (q.reveal?.event) question.revealOn = q.reveal.event;
      step.question = question;
    }
    steps.push(step);
  }
  if (problems.length) return done();
  const last = steps[steps.length - 1]?.at ?? 0;
  const duration = f.duration ?? last + DEFAULT_TAIL_SECONDS;
  if (duration <= last) {
    problems.push({
      path: ['duration'],
      message: `the story ends at ${duration} s, but its last step starts at ${last} s: end it later`,
    });
    return done();
  }
  const story: GuidedScenario = {
    id: f.id ?? slug(f.title),
    title: f.title,
    summary: f.summary ?? '',
    durationSeconds: duration,
    scenario: first.scenario,
    steps,
  };
  return { ok: true, story };
}

/** The short form of a scenario when it reads back to exactly the same scenario; the full document otherwise. */
export function scenarioForFile(s: Scenario): Record<string, unknown> {
  const base = createScenario(s.tempoVersion, s.mode);
  const out: Record<string, unknown> = { tempoVersion: s.tempoVersion, mode: s.mode };
  if (s.name !== base.name) out.name = s.name;
  const components: Record<string, unknown> = {};
  for (const [kind, c] of Object.entries(s.components)) {
    const b = base.components[kind as keyof typeof base.components];
    if (!b) components[kind] = c;
    else {
      const diff: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(c)) if ((b as Record<string, unknown>)[k] !== v) diff[k] = v;
      if (Object.keys(diff).length) components[kind] = diff;
    }
  }
  if (Object.keys(components).length) out.components = components;
  const diffOf = (a: Record<string, unknown>, b: Record<string, unknown>) => {
    const d: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(a)) if (canonicalJson(b[k]) !== canonicalJson(v)) d[k] = v;
    return d;
  };
  const settings = diffOf(s.settings, base.settings);
  if (Object.keys(settings).length) out.settings = settings;
  const load = diffOf(s.load, base.load);
  if (Object.keys(load).length) out.load = load;
  if (s.seed !== base.seed) out.seed = s.seed;
  if (s.events.length) out.events = s.events;
  if (s.layout) out.layout = s.layout;
  const back = readScenario(out, []);
  return back.ok && canonicalJson(back.scenario) === canonicalJson(s) ? out : { ...s };
}

/** A story as the file it reads from (the plain data; `storyToYaml` writes it). */
export function storyToData(g: GuidedScenario): Record<string, unknown> {
  const steps = g.steps.map((st) => {
    const o: Record<string, unknown> = { at: st.at, title: st.title };
    if (st.text) o.text = st.text;
    const h = st.lookAt?.nodeId ?? st.lookAt?.edgeId;
    if (h) o.highlight = h;
    if (st.lookAt?.chart) o.chart = st.lookAt.chart;
    if (st.lookAt?.eventKind) o.watch = st.lookAt.eventKind;
    if (st.load) o.load = st.load;
    if (st.action) o.action = st.action;
    if (st.actions) o.actions = st.actions;
    if (st.switchTo) o.switchTo = scenarioForFile(st.switchTo);
    if (st.question) {
      const q = st.question;
      o.question = {
        ask: q.ask,
        choices: q.choices,
        answer: q.answer,
        ...(q.explain !== undefined ? { explain: q.explain } : {}),
        ...(q.revealAt !== undefined
          ? { reveal: { at: q.revealAt } }
          : q.revealOn
            ? { reveal: { event: q.revealOn } }
            : {}),
      };
    }
    return o;
  });
  return {
    story: STORY_FORMAT,
    id: g.id,
    title: g.title,
    ...(g.summary ? { summary: g.summary } : {}),
    duration: g.durationSeconds,
    scenario: scenarioForFile(g.scenario),
    steps,
  };
}

/**
 * A story file in YAML, written by the yaml library. Text with line breaks goes in literal blocks and
 * nothing is folded: folding text that starts with a space changed it on the way back.
 */
export function storyToYaml(g: GuidedScenario): string {
  const data = storyToData(g);
  const same = (text: string) => canonicalJson(parse(text)) === canonicalJson(data);
  const text = stringify(data, { lineWidth: 0, blockQuote: 'literal' });
  if (same(text)) return text;
  // Block scalars cannot hold every text (lines of only spaces at the edges): escaped strings can.
  const quoted = stringify(data, { lineWidth: 0, blockQuote: false, doubleQuotedAsJSON: true });
  // JSON is YAML too: the last resort always reads back.
  return same(quoted) ? quoted : `${JSON.stringify(data, null, 2)}\n`;
}
