import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { createScenario } from '../model/scenario';
import { encodeScenario } from '../share/link';
import { GUIDED_SCENARIOS } from './builtinStories';
import { canonicalJson } from './canonical';
import { guidedTimeline } from './guided';
import { playGuided } from './play';
import { parseStoryFile, storyToData, storyToYaml } from './storyFile';

const handWritten = readFileSync(
  new URL('../../e2e/fixtures/our-incident.story.yaml', import.meta.url),
  'utf8',
);
const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

const minimal = (steps: string, head = '') =>
  `story: 1\ntitle: T\n${head}scenario:\n  tempoVersion: "2.10"\n  mode: microservices\nsteps:\n${steps}`;

const errorsOf = (text: string) => {
  const r = parseStoryFile(text);
  if (r.ok) throw new Error('expected errors');
  return r.errors;
};

describe('story files', () => {
  it('reads the README example (the same text as the e2e fixture) into a story that plays', () => {
    const block = /## Stories[\s\S]*?```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBe(handWritten);
    const r = parseStoryFile(handWritten);
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    const g = r.story;
    expect(g.id).toBe('our-incident');
    expect(g.scenario.components.ingester?.replicas).toBe(3);
    expect(g.scenario.settings.replicationFactor).toBe(3);
    expect(g.steps[1]?.actions).toEqual([{ kind: 'kill', instance: 'ingester-1' }]);
    expect(g.steps[1]?.question).toMatchObject({
      answer: 3,
      revealAt: 90,
      choices: ["All of ingester-1's", 'About a third', 'None'],
    });
    expect(g.steps[2]?.lookAt?.edgeId).toBe('write:distributor-0->ingester-0');
    expect(guidedTimeline(g).map((e) => e.at)).toEqual([60, 120]);
    const end = playGuided(g);
    expect(end.state.t).toBe(240);
    // The kill happened at 60 s and RF=3 kept every span.
    expect(
      end.state.events.some((e) => e.kind === 'killed' && e.instance === 'ingester-1' && e.t === 60),
    ).toBe(true);
  });

  it('every built-in story writes back to a file that reads to the same story', () => {
    for (const g of GUIDED_SCENARIOS) {
      const back = parseStoryFile(storyToYaml(g));
      expect(back.ok && canonicalJson(back.story) === canonicalJson(g), g.id).toBe(true);
      const json = parseStoryFile(JSON.stringify(storyToData(g), null, 2));
      expect(json.ok && canonicalJson(json.story) === canonicalJson(g), `${g.id} as JSON`).toBe(true);
    }
  });

  it('names the line and the step of each problem, in plain words', () => {
    const text = minimal(
      [
        '  - at: 0',
        '    title: a',
        '  - at: 30',
        '    title: b',
        '    highlight: nope',
        '    action: { kind: kill, instance: ghost }',
        '  - at: 10',
        '    title: c',
        '    question: { ask: Q, choices: [x, y], answer: 5 }',
      ].join('\n'),
    );
    const errors = errorsOf(text);
    expect(errors).toContainEqual({
      line: 11,
      message: expect.stringMatching(
        /^step 2 › highlight: no node or edge named "nope" in Tempo 2.10 microservices here; nodes: client, /,
      ),
    });
    expect(errors).toContainEqual({ line: 12, message: 'step 2 › action: no instance named "ghost"' });
    expect(errors).toContainEqual({
      line: 13,
      message: 'step 3 › at: starts at 10 s, before step 2 (30 s): list the steps in the order they start',
    });
    expect(errors).toContainEqual({
      line: 15,
      message: 'step 3 › question.answer: is choice 5, but there are only 2 choices (counted from 1)',
    });
  });

  it('refuses unknown keys, bad scenarios, a first step after 0 and an end before the last step', () => {
    expect(errorsOf(minimal('  - at: 0\n    titel: a\n'))[0]).toEqual({
      line: 7,
      message: expect.stringContaining('step 1'),
    });
    expect(
      errorsOf(minimal('  - at: 0\n    title: a\n    titel: b\n'))
        .map((e) => e.message)
        .join(),
    ).toContain('key this app does not know: "titel"');
    expect(errorsOf(minimal('  - at: 5\n    title: a\n'))[0]?.message).toBe(
      'step 1 › at: the first step starts at 0 s, not 5 s',
    );
    expect(
      errorsOf(minimal('  - at: 0\n    title: a\n  - at: 50\n    title: b\n', 'duration: 40\n'))[0],
    ).toEqual({
      line: 3,
      message: 'duration: the story ends at 40 s, but its last step starts at 50 s: end it later',
    });
    expect(
      errorsOf(
        'story: 1\ntitle: T\nscenario:\n  tempoVersion: "2.10"\n  mode: cluster\nsteps:\n  - at: 0\n    title: a\n',
      )[0],
    ).toEqual({
      line: 5,
      message:
        'scenario.mode: must be one of "monolithic", "scalable-single-binary" or "microservices", not the text "cluster"',
    });
    expect(errorsOf('title: T\n')[0]?.message).toContain('not a story file');
    expect(
      errorsOf('story: 2\ntitle: T\n')
        .map((e) => e.message)
        .join(),
    ).toContain('story: must be 1, not the number 2');
    expect(errorsOf('story: 1\ntitle: [unclosed\n')[0]?.message).toMatch(/^YAML syntax/);
    expect(errorsOf('story: 1\nstory: 1\n')[0]).toEqual({ line: 2, message: 'duplicate key "story"' });
  });

  it('takes the scenario from a share link, or as a full saved scenario', () => {
    const s = { ...createScenario('3.0', 'microservices'), name: 'From a link' };
    const enc = encodeScenario(s);
    if (!enc.ok) throw new Error(enc.message);
    const linked = parseStoryFile(
      stringify({
        story: 1,
        title: 'L',
        scenario: { link: `https://example.invalid/${enc.hash}` },
        steps: [{ at: 0, title: 'a' }],
      }),
    );
    expect(linked.ok && linked.story.scenario).toEqual(s);
    const full = parseStoryFile(
      stringify({ story: 1, title: 'F', scenario: s, steps: [{ at: 0, title: 'a' }] }),
    );
    expect(full.ok && full.story.scenario).toEqual(s);
    const broken = errorsOf(
      stringify({
        story: 1,
        title: 'L',
        scenario: { link: 'https://example.invalid/#s=zzzz' },
        steps: [{ at: 0, title: 'a' }],
      }),
    );
    expect(broken[0]?.message).toMatch(/^scenario.link: The share link/);
  });
});

// ------------------------------------------------------------------ property tests (11,000 inputs)

const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '[x](javascript:alert(1))',
  '&lt;b&gt;',
  '\u202e\u0000\u001b[31m',
  '{{constructor}}',
  '__proto__',
  '*a* **b** `c`',
  '- item\n1. one',
  '```\ncode\n```',
];
const hostileText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.constantFrom(...HOSTILE),
  fc.array(fc.constantFrom(...HOSTILE, ' ', '\n', 'x'), { maxLength: 20 }).map((xs) => xs.join('')),
  fc.string({ unit: 'binary', maxLength: 100 }),
);

const validStory = (title: string, text: string, ask: string) => ({
  story: 1,
  title,
  scenario: { tempoVersion: '2.10', mode: 'microservices' },
  steps: [
    { at: 0, title, text, question: { ask, choices: [title, text.trim() ? text : 'b'], answer: 2 } },
    { at: 30, title: 'next', text, action: { kind: 'kill', instance: 'ingester-0' } },
  ],
});

/** Replace one value somewhere in a JSON document (a mutation a person or a fuzzer makes). */
function mutate(doc: unknown, path: number[], value: unknown): unknown {
  if (path.length === 0 || doc === null || typeof doc !== 'object') return value;
  const keys = Object.keys(doc as object);
  if (keys.length === 0) return value;
  const k = keys[(path[0] as number) % keys.length] as string;
  const copy: Record<string, unknown> = Array.isArray(doc) ? ([...doc] as never) : { ...(doc as object) };
  copy[k] = mutate((doc as Record<string, unknown>)[k], path.slice(1), value);
  return copy;
}

describe('story parser: property tests', () => {
  it('3,000 arbitrary texts: never throws, answers ok or line-numbered errors', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'binary', maxLength: 400 })),
        (t) => {
          const r = parseStoryFile(t);
          if (!r.ok) {
            expect(r.errors.length).toBeGreaterThan(0);
            for (const e of r.errors) expect(typeof e.message).toBe('string');
          }
        },
      ),
      { numRuns: 3000 },
    );
  }, 300_000);

  it('3,000 mutated valid stories (JSON and YAML): never throws; an accepted one plays', () => {
    const base = storyToData(GUIDED_SCENARIOS[2]!);
    fc.assert(
      fc.property(
        fc.array(fc.nat(50), { minLength: 1, maxLength: 6 }),
        fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.integer(), fc.double(), fc.string(), fc.constant(null)),
        fc.boolean(),
        (path, value, asJson) => {
          const doc = mutate(base, path, value);
          const text = asJson ? JSON.stringify(doc) : stringify(doc);
          const r = parseStoryFile(text);
          if (r.ok) {
            // Whatever the parser accepts is a story the engine can start and run a little of.
            const p = playGuided(r.story, Math.min(5, r.story.durationSeconds));
            expect(Number.isFinite(p.state.t)).toBe(true);
          } else for (const e of r.errors) expect(e.line === undefined || e.line >= 1).toBe(true);
        },
      ),
      { numRuns: 3000 },
    );
  }, 300_000);

  it('3,000 random YAML documents of any shape: never throws', () => {
    fc.assert(
      fc.property(fc.anything({ maxDepth: 4, withNullPrototype: true, withBigInt: false }), (v) => {
        let text: string;
        try {
          text = stringify(v);
        } catch {
          return;
        }
        if (typeof text !== 'string') return;
        parseStoryFile(text);
        parseStoryFile(`story: 1\n${text}`);
      }),
      { numRuns: 3000 },
    );
  }, 300_000);

  it('2,000 stories with hostile text: accepted with every string kept exactly as written', () => {
    fc.assert(
      fc.property(
        hostileText.filter((s) => s.trim().length > 0 && s.length <= 200),
        hostileText,
        hostileText.filter((s) => s.trim().length > 0),
        (title, text, ask) => {
          const r = parseStoryFile(JSON.stringify(validStory(title, text, ask)));
          if (!r.ok) throw new Error(JSON.stringify(r.errors));
          expect(r.story.title).toBe(title);
          expect(r.story.steps[0]?.text).toBe(text);
          expect(r.story.steps[0]?.question?.ask).toBe(ask);
          // And through a YAML round trip as the app saves it.
          const back = parseStoryFile(storyToYaml(r.story));
          expect(back.ok && back.story.steps[0]?.text).toBe(text);
        },
      ),
      { numRuns: 2000 },
    );
  }, 300_000);
});
