/** Import anything a user pastes: a scenario file (JSON), Helm values, or a tempo.yaml. Never throws. */
import { parseScenarioJson, type Scenario } from '../model/scenario';
import { helmValuesFromYaml, looksLikeHelmValues } from './helmValues';
import type { ImportResult } from './messages';
import { parseYamlMapping } from './messages';
import { tempoConfigFromYaml } from './tempoConfig';

export { importHelmValues } from './helmValues';
export type { ImportMessage, ImportResult } from './messages';
export { importTempoConfig } from './tempoConfig';

export function importAny(text: string, base?: Scenario): ImportResult {
  try {
    if (!text.trim()) return { ok: false, errors: [{ message: 'nothing to import: the text is empty' }] };
    if (text.trimStart().startsWith('{')) {
      const r = parseScenarioJson(text);
      return r.ok
        ? { ok: true, scenario: r.value, warnings: [], kind: 'scenario file' }
        : { ok: false, errors: r.errors.map((message) => ({ message })) };
    }
    const parsed = parseYamlMapping(text);
    if (!parsed.ok) return parsed;
    return looksLikeHelmValues(parsed.doc.data)
      ? helmValuesFromYaml(parsed.doc, base)
      : tempoConfigFromYaml(parsed.doc, text, base);
  } catch (e) {
    // A parser bug must not take the page down: report it like any other refusal.
    return { ok: false, errors: [{ message: `could not read this input (${(e as Error).message})` }] };
  }
}
