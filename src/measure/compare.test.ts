import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Scenario } from '../model/scenario';
import { parseScenarioJson } from '../model/scenarioJson';
import { decodeScenario, encodeScenario } from '../share/link';
import { compareMeasured, simulateProcesses } from './compare';
import { readMeasurements } from './index';
import { comparisonMarkdown } from './report';

const fixture = (name: string) => readFileSync(join(__dirname, 'fixtures', name), 'utf8');
const scenario = (name: string): Scenario => {
  const r = parseScenarioJson(fixture(name));
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.value;
};
const read = (s: Scenario, file: string) => {
  const r = readMeasurements(s, fixture(file), `file ${file}`);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r;
};

describe('a 2.10 microservices cluster measured over an hour (matrix answers)', () => {
  const before = scenario('tempo-2.10-scenario.json');
  const r = read(before, 'tempo-2.10-matrix.json');
  const m = r.scenario.measured!;

  it('gives the sliders the load it measured: spans/s, span size, spans per trace (RF copies counted once), queries/s', () => {
    // The fixture's counters grow at 36,000 spans/s, 640 B a span, 24 spans per trace (3 copies each).
    expect(r.scenario.load.spansPerSecond).toBeGreaterThan(36_000 * 0.97);
    expect(r.scenario.load.spansPerSecond).toBeLessThan(36_000 * 1.03);
    expect(r.scenario.load.spanSizeBytes).toBeGreaterThan(620);
    expect(r.scenario.load.spanSizeBytes).toBeLessThan(660);
    expect(r.scenario.load.spansPerTrace).toBeGreaterThan(23);
    expect(r.scenario.load.spansPerTrace).toBeLessThan(25);
    // search + traces + metrics on two frontends; metadata (tag lookups) is not a query the model runs.
    expect(r.scenario.load.queriesPerSecond).toBeGreaterThan(3.0);
    expect(r.scenario.load.queriesPerSecond).toBeLessThan(3.4);
    expect(before.load.spansPerSecond).toBe(30_000);
  });

  it('keeps where the figures came from and when (from the samples, not the clock)', () => {
    expect(m.source).toBe('Prometheus JSON, file tempo-2.10-matrix.json (109 series)');
    expect(m.from).toBe(1_764_928_800);
    expect(m.to).toBe(1_764_928_800 + 3600);
  });

  it('matches every Tempo pod to its process and lists the pods that are not Tempo', () => {
    expect(m.processes.map((p) => p.name)).toHaveLength(17);
    expect(r.unmatched.map((u) => u.identity)).toEqual([
      'tempo-gateway-66b7d8f9c-t5r4e',
      'tempo-memcached-0',
    ]);
  });

  it("counts a pod's memory once: cAdvisor's pod-level series is left out", () => {
    const ing = m.processes.find((p) => p.name === 'ingester-2')!;
    expect(ing.mem!.median / 1024 ** 3).toBeGreaterThan(7.0);
    expect(ing.mem!.median / 1024 ** 3).toBeLessThan(7.8);
  });

  it('measured beside simulated: the difference per component, and what it may mean', () => {
    const c = compareMeasured(r.scenario)!;
    const ing = c.components.find((k) => k.kind === 'ingester')!;
    expect(ing.measuredReplicas).toBe(6);
    expect(ing.diff.mem).toBeCloseTo(
      (ing.measured.mem!.median - ing.simulated.mem.median) / ing.simulated.mem.median,
      2,
    );
    expect(c.findings.some((f) => f.startsWith('ingester memory'))).toBe(Math.abs(ing.diff.mem!) > 0.25);
    expect(c.findings.some((f) => f.includes('trace_too_large'))).toBe(true);
    expect(m.latency!.p50Seconds).toBeGreaterThan(0.25);
    expect(m.latency!.p50Seconds).toBeLessThan(0.5);
  });

  it('travels in a share link and a saved file with the scenario', () => {
    const link = encodeScenario(r.scenario);
    if (!link.ok) throw new Error(link.message);
    const back = decodeScenario(link.payload);
    expect(back.ok && back.scenario.measured).toEqual(m);
    const file = parseScenarioJson(JSON.stringify(r.scenario));
    expect(file.ok && file.value.measured).toEqual(m);
  });
});

describe('a 3.0 microservices cluster (instant answers with rate(), and a Grafana CSV)', () => {
  const s30 = scenario('tempo-3.0-scenario.json');

  it('reads aggregated instant answers: the load, zones counted once per trace, the worst partition lag', () => {
    const r = read(s30, 'tempo-3.0-vector.json');
    expect(r.scenario.load.spansPerSecond).toBe(48_000);
    expect(r.scenario.load.spanSizeBytes).toBe(550);
    // 3,200 traces/s created over 2 zones of live-stores: 1,600 distinct traces of 30 spans.
    expect(r.scenario.load.spansPerTrace).toBe(30);
    expect(r.scenario.load.queriesPerSecond).toBe(1.7);
    expect(r.scenario.measured!.lagSeconds).toEqual({ median: 4.2, peak: 4.2 });
    expect(r.scenario.measured!.processes.find((p) => p.name === 'live-store-5')!.cpu).toEqual({
      median: 0.6,
      peak: 0.6,
    });
  });

  it('a memory CSV from Grafana: no load, every process but the frontends measured', () => {
    const r = read(s30, 'tempo-3.0-grafana.csv');
    expect(r.scenario.load).toEqual(s30.load);
    const c = compareMeasured(r.scenario)!;
    expect(c.components.find((k) => k.kind === 'query-frontend')!.measuredReplicas).toBe(0);
    expect(c.findings).toContain(
      'no measurements matched query-frontend: check the pod names (listed as unmatched)',
    );
  });

  it('refuses a paste that matches nothing in the scenario, and says what it saw', () => {
    const r = readMeasurements(s30, 'Time,{pod="grafana-0"}\n1764928800,5\n', 'pasted');
    expect(!r.ok && r.errors[0]).toMatch(/nothing in it matched this scenario/);
  });
});

describe('hostile pod names and label values', () => {
  it('stay text in the Markdown table (no HTML, no broken table) whatever they hold (property)', () => {
    const s30 = scenario('tempo-3.0-scenario.json');
    const simulated = simulateProcesses(s30);
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ maxLength: 40 }), (pod, reason) => {
        const body = JSON.stringify({
          resultType: 'vector',
          result: [
            {
              metric: { __name__: 'container_memory_working_set_bytes', pod: `tempo-querier-${pod}` },
              value: [1, '100'],
            },
            {
              metric: {
                __name__: 'container_memory_working_set_bytes',
                pod: `<img src=x onerror=alert(1)>${pod}`,
              },
              value: [1, '100'],
            },
            { metric: { __name__: 'tempo_discarded_spans_total', reason: `<b>${reason}|` }, value: [1, '5'] },
          ],
        });
        const r = readMeasurements(s30, body, 'pasted');
        if (!r.ok) return;
        const md = comparisonMarkdown(r.scenario.measured!, compareMeasured(r.scenario, simulated)!);
        expect(md).not.toMatch(/<img|<b>/);
        for (const line of md.split('\n').filter((l) => l.startsWith('| ')))
          expect(line.replace(/\\\|/g, '').split('|').length).toBe(9);
      }),
      { numRuns: 1000 },
    );
  }, 60_000);
});
