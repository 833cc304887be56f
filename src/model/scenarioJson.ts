/**
 * A scenario from JSON text (a saved file, a share link, an import): parsed and checked, with
 * messages that say what the document is when it is no scenario, and what a map must hold. Kept out
 * of scenario.ts so the first page load (which reads only localStorage) does not carry it.
 */
import { MAX_SCENARIO_JSON_CHARS, type ParseResult, parseScenario, type Scenario } from './scenario';

/** What a map in a scenario holds, named in the message when it is something else. */
const MAP_HINTS: Record<string, string> = {
  components: 'an object of components by kind ({"ingester": {"replicas": 3, "cpu": 1, "memoryBytes": ...}})',
  layout: 'an object of node positions by node id ({"ingester-0": {"x": 0, "y": 0}})',
};

function withHint(line: string): string {
  const m = /^(components|layout): must be an object,/.exec(line);
  return m ? line.replace('an object', MAP_HINTS[m[1] ?? ''] ?? 'an object') : line;
}

/**
 * A document that is not a saved scenario at all (a list, text, Helm values, a story) gets one line
 * that says so, rather than one complaint per missing key.
 */
function notAScenario(input: unknown): string | null {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const what =
      input === null
        ? 'null'
        : Array.isArray(input)
          ? 'a list'
          : typeof input === 'string'
            ? 'text'
            : `a ${typeof input}`;
    return `the document is ${what}, not a saved scenario (an object with schemaVersion, tempoVersion, mode, components, settings, load, events and seed)`;
  }
  const keys = Object.keys(input);
  if (['schemaVersion', 'tempoVersion', 'mode', 'components', 'load'].some((k) => keys.includes(k)))
    return null;
  const has = keys.length
    ? `, it has ${keys
        .slice(0, 3)
        .map((k) => JSON.stringify(k.slice(0, 40)))
        .join(', ')}${keys.length > 3 ? '...' : ''}`
    : '';
  return `this is not a saved scenario: it has none of its keys (schemaVersion, tempoVersion, mode, components, load)${has}. Import reads tempo.yaml, Helm values, manifests and docker-compose files`;
}

/** Parse JSON text into a scenario. Never throws. */
export function parseScenarioJson(text: string): ParseResult<Scenario> {
  if (text.length > MAX_SCENARIO_JSON_CHARS)
    return {
      ok: false,
      errors: [
        `the scenario file is ${Math.round(text.length / 1000)} KB; a scenario is at most ${MAX_SCENARIO_JSON_CHARS / 1e6} MB`,
      ],
    };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`not valid JSON: ${(e as Error).message}`] };
  }
  const foreign = notAScenario(data);
  if (foreign) return { ok: false, errors: [foreign] };
  const r = parseScenario(data);
  return r.ok ? r : { ok: false, errors: r.errors.map(withHint) };
}
