/** Real broken scenario files (src/model/fixtures/broken): each refused in the app's words, naming the key. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenarioJson } from './scenarioJson';

const dir = join(import.meta.dirname, 'fixtures', 'broken');
const read = (name: string) => parseScenarioJson(readFileSync(join(dir, name), 'utf8'));
const first = (name: string) => {
  const r = read(name);
  if (r.ok) throw new Error(`${name} was accepted`);
  return r.errors[0] ?? '';
};

describe('broken scenario files', () => {
  it('every one is refused without a validator phrase', () => {
    const names = readdirSync(dir);
    expect(names.length).toBeGreaterThanOrEqual(7);
    for (const name of names) {
      const r = read(name);
      expect(r.ok, name).toBe(false);
      if (r.ok) continue;
      for (const e of r.errors) {
        expect(e, name).not.toMatch(/Invalid input|Invalid option|expected record|Unrecognized key|received/);
        expect(e, name).not.toMatch(/>=|<=/);
      }
    }
  });

  it('names the key and what it must be', () => {
    expect(first('components-as-list.scenario.json')).toBe(
      'components: must be an object of components by kind ({"ingester": {"replicas": 3, "cpu": 1, "memoryBytes": ...}}), not a list',
    );
    expect(first('spans-as-text.scenario.json')).toBe(
      'load.spansPerSecond: must be a number, not the text "20000"',
    );
    expect(first('half-replica.scenario.json')).toBe(
      'components.ingester.replicas: must be a whole number, not the number 2.5',
    );
    expect(first('misspelt-kind.scenario.json')).toBe('components: key this app does not know: "ingestor"');
    expect(first('unknown-mode.scenario.json')).toBe(
      'mode: must be one of "monolithic", "scalable-single-binary" or "microservices", not the text "distributed"',
    );
    expect(first('cut-short.scenario.json')).toMatch(/^not valid JSON: /);
  });

  it('a file that is no scenario at all says so once, and where such files go', () => {
    const r = read('helm-values.json');
    expect(r).toEqual({
      ok: false,
      errors: [
        expect.stringMatching(
          /^this is not a saved scenario: .*"ingester", "traces".*Import reads tempo.yaml, Helm values/,
        ),
      ],
    });
    expect(parseScenarioJson('[1, 2]')).toEqual({
      ok: false,
      errors: [expect.stringMatching(/^the document is a list, not a saved scenario/)],
    });
  });
});
