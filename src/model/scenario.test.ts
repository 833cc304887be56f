import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runExportCli } from '../export/cli';
import { runCli } from '../sim/cli';
import { blockTimings, kafkaRetentionHours, volumeBytes } from './recovery';
import {
  createScenario,
  MAX_LAYOUT_ENTRIES,
  MAX_SCHEDULED_EVENTS,
  parseScenario,
  scenarioSchema,
} from './scenario';
import { parseScenarioJson } from './scenarioJson';

/** The fuzz reproducer: a scenario whose layout holds about 123,000 invalid entries. */
function hugeInvalidLayout(entries = 123_000): string {
  const layout: Record<string, unknown> = {};
  for (let i = 0; i < entries; i++) layout[i] = i % 2 ? 0 : { x: 'left' };
  return JSON.stringify({ ...createScenario(), layout });
}

describe('scenario documents from outside', () => {
  it('a layout with 123,000 invalid entries is refused with one message, no stack overflow', () => {
    const text = hugeInvalidLayout();
    const t0 = performance.now();
    const r = parseScenarioJson(text);
    const ms = performance.now() - t0;
    expect(r).toEqual({
      ok: false,
      errors: [`layout: holds more than ${MAX_LAYOUT_ENTRIES} node positions`],
    });
    expect(ms).toBeLessThan(1000);
  });

  it('123,000 invalid events are refused by count before any event is checked', () => {
    const events = Array.from({ length: 123_000 }, () => ({ at: 'soon', kind: 'boom' }));
    const r = parseScenario({ ...createScenario(), events });
    expect(r).toEqual({ ok: false, errors: [`events: holds more than ${MAX_SCHEDULED_EVENTS} events`] });
  });

  it('123,000 unknown component kinds give one short message', () => {
    const components: Record<string, unknown> = {};
    for (let i = 0; i < 123_000; i++) components[`x${i}`] = 0;
    const r = parseScenario({ ...createScenario(), components });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.errors).toHaveLength(1);
      expect(r.errors[0]).toMatch(/^components: keys this app does not know: "x0", "x1"/);
      expect(r.errors[0]?.length).toBeLessThanOrEqual(301);
    }
  });

  it('the simulate and export CLIs answer the huge layout with exit code 2 and no stack trace', () => {
    const text = hugeInvalidLayout();
    const read = () => text;
    const sim = runCli(['big.json'], read);
    const exp = runExportCli(['big.json', '--format', 'tempo'], { readFile: read, writeFile: () => {} });
    for (const r of [sim, exp]) {
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain('layout: holds more than 10000 node positions');
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr).not.toContain('RangeError');
    }
  });

  it('NaN and Infinity are refused in every numeric field, events included', () => {
    const base = createScenario('3.0', 'microservices');
    const withValue = (path: (string | number)[], v: number) => {
      const s = structuredClone({
        ...base,
        events: [
          { at: 1, kind: 'spike', factor: 2, durationSeconds: 10 },
          { at: 2, kind: 'storage-outage', durationSeconds: 10 },
        ],
        layout: { client: { x: 1, y: 2 } },
      }) as unknown as Record<string | number, unknown>;
      let cur = s;
      for (const k of path.slice(0, -1)) cur = cur[k] as Record<string | number, unknown>;
      cur[path[path.length - 1] as string | number] = v;
      return s;
    };
    const numeric: (string | number)[][] = [
      ['seed'],
      ['load', 'spansPerSecond'],
      ['load', 'spanSizeBytes'],
      ['load', 'spansPerTrace'],
      ['load', 'queriesPerSecond'],
      ['load', 'queryRangeMinutes'],
      ['settings', 'replicationFactor'],
      ['settings', 'kafkaPartitions'],
      ['settings', 'retentionHours'],
      ['settings', 'rateLimitBytes'],
      ['settings', 'burstSizeBytes'],
      ['settings', 'kafkaRetentionHours'],
      ['settings', 'maxBlockDurationSeconds'],
      ['settings', 'completeBlockTimeoutSeconds'],
      ['components', 'live-store', 'volumeBytes'],
      ['components', 'distributor', 'replicas'],
      ['components', 'distributor', 'cpu'],
      ['components', 'distributor', 'memoryBytes'],
      ['events', 0, 'at'],
      ['events', 0, 'factor'],
      ['events', 0, 'durationSeconds'],
      ['events', 1, 'durationSeconds'],
      ['layout', 'client', 'x'],
    ];
    for (const path of numeric) {
      for (const v of [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]) {
        const r = parseScenario(withValue(path, v));
        expect(r.ok, `${path.join('.')} = ${v}`).toBe(false);
        if (!r.ok) expect(r.errors[0]).toContain(path.join('.'));
      }
    }
  });

  it('volume sizes, Kafka retention and block timings: charts and manifests by default, bounds say which field', () => {
    const s = createScenario('3.0', 'microservices');
    // tempo-distributed persistence.size 10Gi; Tempo's 3.0 docs suggest 24 h of Kafka retention.
    expect(volumeBytes(s, 'live-store')).toBe(10 * 1024 ** 3);
    expect(volumeBytes(s, 'block-builder')).toBe(10 * 1024 ** 3);
    expect(volumeBytes(s, 'querier')).toBe(0);
    expect(kafkaRetentionHours(s.settings)).toBe(24);
    // manifest v3.0.3 live_store: max_block_duration 30s, complete_block_timeout 20m; v2.10.8 ingester 30m, 15m
    expect(blockTimings(s)).toEqual({ maxBlockDurationSeconds: 30, completeBlockTimeoutSeconds: 1200 });
    expect(blockTimings(createScenario('2.10', 'microservices'))).toEqual({
      maxBlockDurationSeconds: 1800,
      completeBlockTimeoutSeconds: 900,
    });
    const ls = s.components['live-store'];
    if (!ls) throw new Error('3.0 microservices runs live-stores');
    const sized = {
      ...s,
      components: { ...s.components, 'live-store': { ...ls, volumeBytes: 50 * 1024 ** 3 } },
    };
    const r = parseScenario({ ...sized, settings: { ...s.settings, kafkaRetentionHours: 2 } });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(volumeBytes(r.value, 'live-store')).toBe(50 * 1024 ** 3);
      expect(kafkaRetentionHours(r.value.settings)).toBe(2);
    }
    const tooSmall = parseScenario({
      ...s,
      components: { ...s.components, 'live-store': { ...ls, volumeBytes: 1000 } },
    });
    expect(tooSmall.ok).toBe(false);
    if (!tooSmall.ok) expect(tooSmall.errors[0]).toContain('components.live-store.volumeBytes');
    const noRetention = parseScenario({ ...s, settings: { ...s.settings, kafkaRetentionHours: 0 } });
    expect(noRetention.ok).toBe(false);
    if (!noRetention.ok) expect(noRetention.errors[0]).toContain('settings.kafkaRetentionHours');
  });

  it('never throws on generated documents: huge layouts, many keys, deep nesting, long event lists, control characters', () => {
    const control = fc.string({
      unit: fc.constantFrom(
        '\u0000',
        '\u001b',
        '\u0085',
        '\u2028',
        '\u2029',
        '\r',
        '\n',
        'a',
        '"',
        '\\',
        '{',
      ),
      maxLength: 30,
    });
    const valid = createScenario('2.10', 'microservices');
    const doc = fc.oneof(
      { weight: 6, arbitrary: fc.json({ maxDepth: 3 }) },
      {
        weight: 6,
        arbitrary: fc.record({ name: control, bucket: control, key: control }).map(({ name, bucket, key }) =>
          JSON.stringify({
            ...valid,
            name,
            settings: { ...valid.settings, bucket },
            layout: { [key]: { x: 1, y: 2 } },
          }),
        ),
      },
      {
        weight: 2,
        arbitrary: fc
          .array(fc.record({ at: fc.oneof(fc.nat(), control), kind: control, instance: control }), {
            maxLength: 260,
          })
          .map((events) => JSON.stringify({ ...valid, events })),
      },
      {
        weight: 2,
        arbitrary: fc.tuple(fc.nat({ max: 3000 }), fc.constantFrom('[', '{"a":')).map(([n, open]) => {
          const close = open === '[' ? ']' : '}';
          return JSON.stringify({ ...valid, name: 'x' }).replace(
            '"name":"x"',
            `"name":${open.repeat(n)}1${close.repeat(n)}`,
          );
        }),
      },
      {
        weight: 1,
        arbitrary: fc
          .oneof(
            { weight: 30, arbitrary: fc.nat({ max: 200 }) },
            { weight: 1, arbitrary: fc.constantFrom(MAX_LAYOUT_ENTRIES, MAX_LAYOUT_ENTRIES + 1, 30_000) },
          )
          .map((n) =>
            JSON.stringify({
              ...valid,
              layout: Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, [i]])),
            }),
          ),
      },
    );
    fc.assert(
      fc.property(doc, (text) => {
        const r = parseScenarioJson(text);
        if (r.ok) expect(scenarioSchema.safeParse(r.value).success).toBe(true);
        else {
          expect(r.errors.length).toBeGreaterThan(0);
          expect(r.errors.length).toBeLessThanOrEqual(20);
        }
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);

  it('a very deeply nested document is refused as a wrong type, not a crash', () => {
    const deep = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;
    const r = parseScenarioJson(deep);
    expect(r.ok).toBe(false);
  });
});
