/**
 * "Measure your cluster": the queries to run, their answers read, and the measurements beside the
 * steady simulation of the same cluster. Pure: the UI and the CLI call these.
 */
import type { Scenario } from '../model/scenario';
import { applyMeasured, summarizeMeasurements } from './compare';
import { parseMeasurements } from './parse';

export { type Comparison, compareMeasured, NOTABLE_DIFF } from './compare';
export { MAX_MEASUREMENT_CHARS } from './parse';
export { KNOWN_METRICS, type MeasureQuery, measureQueries } from './queries';
export { comparisonMarkdown, formatDiff, isNotable, measuredWhen } from './report';

export type ReadResult =
  | { ok: false; errors: string[] }
  | {
      ok: true;
      /** The scenario with the measured load on its sliders and the measurements kept. */
      scenario: Scenario;
      unmatched: { identity: string; reason: string }[];
      warnings: string[];
    };

/** Read pasted or opened text for a scenario. `where` says how it came ("pasted", "file x.csv"). */
export function readMeasurements(s: Scenario, text: string, where: string): ReadResult {
  const parsed = parseMeasurements(text);
  if (!parsed.ok) return parsed;
  const kind = /^\s*[[{]/.test(text) ? 'Prometheus JSON' : 'Grafana CSV';
  const summary = summarizeMeasurements(
    parsed.series,
    s,
    `${kind}, ${where} (${parsed.series.length} series)`,
  );
  if (summary.measured.processes.length === 0 && Object.keys(summary.measured.load).length === 0)
    return {
      ok: false,
      errors: [
        'nothing in it matched this scenario: no load figure and no CPU or memory of its processes',
        ...summary.warnings,
        ...summary.unmatched.slice(0, 5).map((u) => `${u.identity}: ${u.reason}`),
      ],
    };
  const applied = applyMeasured(s, summary.measured);
  return {
    ok: true,
    scenario: applied.scenario,
    unmatched: summary.unmatched,
    warnings: [...parsed.warnings, ...summary.warnings, ...applied.clamped],
  };
}
