/**
 * `compare scenario.json measurements.(json|csv) [--json]`: a team's measurements beside the
 * steady simulation of the same cluster under the measured load. Free of process and fs: the
 * wrapper in scripts/compare.ts reads the files (and refuses what is not a small regular file).
 */
import { escapeControls } from '../cli/text';
import { parseScenarioJson } from '../model/scenarioJson';
import { compareMeasured } from './compare';
import { readMeasurements } from './index';
import { comparisonMarkdown } from './report';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export const USAGE = 'usage: compare scenario.json measurements.json|measurements.csv [--json]';

export type ReadFile = (path: string) => { ok: true; text: string } | { ok: false; message: string };

const fail = (message: string): CliResult => ({
  code: 2,
  stdout: '',
  stderr: `compare: ${message}\n${USAGE}\n`,
});

export function runCompareCli(args: readonly string[], read: ReadFile): CliResult {
  const json = args.includes('--json');
  const files = args.filter((a) => a !== '--json');
  const unknown = files.find((a) => a.startsWith('--'));
  if (unknown) return fail(`unknown option ${escapeControls(unknown.slice(0, 60))}`);
  if (files.length !== 2) return fail('give a scenario file and a measurements file');
  const [scenarioPath, measurementsPath] = files as [string, string];
  const sf = read(scenarioPath);
  if (!sf.ok) return fail(escapeControls(sf.message));
  const scenario = parseScenarioJson(sf.text);
  if (!scenario.ok)
    return fail(
      `${escapeControls(scenarioPath)} is not a scenario: ${escapeControls(scenario.errors.slice(0, 3).join('; '))}`,
    );
  const mf = read(measurementsPath);
  if (!mf.ok) return fail(escapeControls(mf.message));
  const r = readMeasurements(scenario.value, mf.text, `file ${measurementsPath.split(/[\\/]/).pop() ?? ''}`);
  if (!r.ok)
    return fail(`${escapeControls(measurementsPath)}: ${escapeControls(r.errors.slice(0, 5).join('; '))}`);
  const measured = r.scenario.measured;
  const comparison = compareMeasured(r.scenario);
  if (!measured || !comparison) return fail('nothing to compare');
  const { unmatched, warnings } = r;
  if (json)
    return {
      code: 0,
      stdout: `${JSON.stringify({ measured, load: r.scenario.load, comparison, unmatched, warnings }, null, 2)}\n`,
      stderr: '',
    };
  const lines = [comparisonMarkdown(measured, comparison)];
  if (unmatched.length)
    lines.push('', 'Unmatched series, with why:', ...unmatched.map((u) => `- ${u.identity}: ${u.reason}`));
  if (warnings.length) lines.push('', 'Warnings:', ...warnings.map((w) => `- ${w}`));
  // Each line shown safely: names from the files cannot move the cursor or hide text.
  const text = lines
    .flatMap((l) => l.split('\n'))
    .map(escapeControls)
    .join('\n');
  return { code: 0, stdout: `${text}\n`, stderr: '' };
}
