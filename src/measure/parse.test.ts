import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMeasurements, parseSeriesName } from './parse';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

describe('Prometheus HTTP API answers', () => {
  it('reads an array of range-query (matrix) answers, every series with its metric name and labels', () => {
    const r = parseMeasurements(fixture('tempo-2.10-matrix.json'));
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const names = new Set(r.series.map((s) => s.metric));
    expect(names).toContain('tempo_distributor_spans_received_total');
    expect(names).toContain('container_memory_working_set_bytes');
    const ingester = r.series.find(
      (s) =>
        s.metric === 'container_memory_working_set_bytes' &&
        s.labels.pod === 'tempo-ingester-2' &&
        s.labels.container === 'ingester',
    );
    expect(ingester?.t).toHaveLength(61);
    expect(ingester?.labels.__name__).toBeUndefined();
  });

  it('names the series of an aggregated instant query by the query it answers, and knows rate() already divided', () => {
    const r = parseMeasurements(fixture('tempo-3.0-vector.json'));
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const spans = r.series.find((s) => s.metric === 'tempo_distributor_spans_received_total');
    expect(spans?.v).toEqual([48000]);
    expect(spans?.rated).toBe(true);
    const mem = r.series.filter((s) => s.metric === 'container_memory_working_set_bytes');
    expect(mem.every((s) => !s.rated)).toBe(true);
  });

  it('a single plain-selector answer is understood on its own', () => {
    const one = JSON.stringify({
      status: 'success',
      data: {
        resultType: 'vector',
        result: [
          {
            metric: {
              __name__: 'container_memory_working_set_bytes',
              namespace: 'tempo',
              pod: 'tempo-ingester-0',
            },
            value: [1, '123'],
          },
        ],
      },
    });
    const r = parseMeasurements(one);
    expect(r.ok && r.series[0]).toMatchObject({
      metric: 'container_memory_working_set_bytes',
      labels: { pod: 'tempo-ingester-0' },
      v: [123],
    });
  });

  it('says on which line JSON breaks, and where an answer is not a Prometheus answer', () => {
    const broken = '[\n {"status": "success",\n  "data": {"resultType": "matrix", "result": [}\n]';
    const r = parseMeasurements(broken);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.errors[0]).toMatch(/^line 3: this is not valid JSON/);
    const wrong =
      '[\n {"status": "success", "data": {"resultType": "matrix", "result": []}},\n {"status": "success",\n  "data": {"resultType": "matrix",\n   "result": [{"metric": {}, "values": [[1]]}]}}\n]';
    const w = parseMeasurements(wrong);
    expect(!w.ok && w.errors[0]).toMatch(/^line \d+: answer 2 is not a Prometheus answer/);
    const err = parseMeasurements(
      '{"status":"error","errorType":"bad_data","error":"parse error at char 5"}',
    );
    expect(!err.ok && err.errors[0]).toContain('an error from Prometheus: parse error at char 5');
  });

  it('leaves out NaN and Inf samples and says so', () => {
    const r = parseMeasurements(
      JSON.stringify({
        resultType: 'matrix',
        result: [
          {
            metric: { __name__: 'x' },
            values: [
              [1, '1'],
              [2, 'NaN'],
              [3, '+Inf'],
              [4, '2'],
            ],
          },
        ],
      }),
    );
    expect(r.ok && r.series[0]?.v).toEqual([1, 2]);
    expect(r.ok && r.warnings[0]).toMatch(/2 samples were not finite/);
  });

  it('refuses more than the size limit before reading', () => {
    const r = parseMeasurements(`[${' '.repeat(4_000_001)}]`);
    expect(!r.ok && r.errors[0]).toMatch(/at most 4 MB/);
  });
});

describe('Grafana CSV', () => {
  it('reads a panel export: Time then one column per series, names parsed into metric and labels', () => {
    const r = parseMeasurements(fixture('tempo-3.0-grafana.csv'));
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.series).toHaveLength(21);
    const ls = r.series.find((s) => s.labels.pod === 'tempo-live-store-zone-b-3');
    expect(ls?.metric).toBe('container_memory_working_set_bytes');
    expect(ls?.t[0]).toBe(1_764_928_800);
  });

  it('says which line and column holds formatted data or a bad time', () => {
    const formatted = 'Time,{pod="tempo-ingester-0"}\n2025-12-05 10:00:00,1.2 GiB\n';
    const r = parseMeasurements(formatted, 'container_memory_working_set_bytes');
    expect(!r.ok && r.errors[0]).toBe(
      'line 2, column 2: "1.2 GiB" is not a number (export with "Formatted data" off)',
    );
    const time = parseMeasurements('Time,a\nyesterday,1\n');
    expect(!time.ok && time.errors[0]).toMatch(/^line 2: "yesterday" is not a time/);
    const notCsv = parseMeasurements('hello world');
    expect(!notCsv.ok && notCsv.errors[0]).toMatch(/neither Prometheus JSON nor a Grafana CSV/);
  });

  it('series names as Grafana writes them', () => {
    expect(parseSeriesName('up{job="tempo/ingester", pod="a\\"b"}')).toEqual({
      metric: 'up',
      labels: { job: 'tempo/ingester', pod: 'a"b' },
    });
    expect(parseSeriesName('{__name__="x", pod="p"}')).toEqual({ metric: 'x', labels: { pod: 'p' } });
    expect(parseSeriesName('tempo-ingester-0 memory')).toBeNull();
  });

  it('round-trips any table of series through CSV (property)', () => {
    const name = fc.stringMatching(/^[a-z_][a-z0-9_]{0,20}$/);
    const labelValue = fc.string({ maxLength: 30 });
    fc.assert(
      fc.property(
        name,
        fc.array(labelValue, { minLength: 1, maxLength: 5 }),
        fc.array(fc.array(fc.integer({ min: 0, max: 1e12 }), { minLength: 5, maxLength: 5 }), {
          minLength: 1,
          maxLength: 5,
        }),
        (metric, pods, rows) => {
          const esc = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
          const cols = pods.map((p) => `${metric}{pod="${esc(p)}"}`);
          const q = (c: string) => `"${c.replace(/"/g, '""')}"`;
          const lines = [['Time', ...cols].map(q).join(',')];
          rows.forEach((row, k) => {
            lines.push([String(1_700_000_000 + k * 60), ...pods.map((_, i) => String(row[i]))].join(','));
          });
          const r = parseMeasurements(lines.join('\r\n'));
          if (!r.ok) throw new Error(r.errors.join('; '));
          expect(r.series.map((s) => s.labels.pod)).toEqual(pods);
          expect(r.series[0]!.v).toEqual(rows.map((row) => row[0]));
        },
      ),
      { numRuns: 2000 },
    );
  }, 60_000);
});

describe('never throws', () => {
  it('on any text (property, 10,000 inputs)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const r = parseMeasurements(text);
        expect(typeof r.ok).toBe('boolean');
      }),
      { numRuns: 10_000 },
    );
  });

  it('on any JSON value, shaped like an answer or not (property, 10,000 inputs)', () => {
    const sample = fc.tuple(
      fc.oneof(fc.integer(), fc.string({ maxLength: 5 })),
      fc.oneof(fc.string({ maxLength: 6 }), fc.constant('1')),
    );
    const answer = fc.record(
      {
        status: fc.constantFrom('success', 'error', 'x'),
        data: fc.record(
          {
            resultType: fc.constantFrom('matrix', 'vector', 'scalar', 'string', 'nope'),
            result: fc.oneof(
              fc.array(
                fc.record(
                  {
                    metric: fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 })),
                    values: fc.array(sample, { maxLength: 4 }),
                    value: sample,
                  },
                  { requiredKeys: [] },
                ),
                { maxLength: 4 },
              ),
              fc.jsonValue({ maxDepth: 3 }),
            ),
          },
          { requiredKeys: [] },
        ),
        query: fc.string({ maxLength: 40 }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(
        fc.oneof(answer, fc.array(answer, { maxLength: 4 }), fc.jsonValue({ maxDepth: 4 })),
        (doc) => {
          const r = parseMeasurements(JSON.stringify(doc));
          expect(typeof r.ok).toBe('boolean');
          if (r.ok)
            for (const s of r.series)
              expect(s.t.every(Number.isFinite) && s.v.every(Number.isFinite)).toBe(true);
        },
      ),
      { numRuns: 10_000 },
    );
  }, 120_000);
});
