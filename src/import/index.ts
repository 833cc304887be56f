/**
 * Import anything a user pastes: a scenario file (JSON), Kubernetes manifests, Helm values, a
 * docker-compose file or a tempo.yaml. Never throws.
 */
import { parseScenarioJson, type Scenario } from '../model/scenario';
import { importCompose, looksLikeCompose } from './compose';
import { helmValuesFromYaml, looksLikeHelmValues } from './helmValues';
import { manifestsFromObjects, parseManifests } from './manifests';
import type { ImportResult } from './messages';
import { parseYamlMapping } from './messages';
import { type TempoConfigOptions, tempoConfigFromYaml } from './tempoConfig';

export { importCompose } from './compose';
export { importHelmValues } from './helmValues';
export { importManifests } from './manifests';
export type { ImportMessage, ImportResult } from './messages';
export { importTempoConfig, type TempoConfigOptions } from './tempoConfig';

/**
 * `readMounted` reads a file a docker-compose file mounts (its tempo.yaml), relative to the
 * compose file; without it a compose import keeps default settings and says so.
 */
export function importAny(
  text: string,
  base?: Scenario,
  readMounted?: (path: string) => string | undefined,
  options: TempoConfigOptions = {},
): ImportResult {
  try {
    if (!text.trim()) return { ok: false, errors: [{ message: 'nothing to import: the text is empty' }] };
    // Kubernetes objects: helm template output, kubectl get -o yaml (or -o json), any multi-document YAML.
    if (/^[ \t]*"?(apiVersion|kind)"?[ \t]*:/m.test(text.slice(0, 200_000))) {
      const m = parseManifests(text);
      if (!m.ok) return m;
      if (m.objects.length) return manifestsFromObjects(m.objects, base);
    }
    if (text.trimStart().startsWith('{')) {
      const r = parseScenarioJson(text);
      return r.ok
        ? { ok: true, scenario: r.value, warnings: [], kind: 'scenario file' }
        : { ok: false, errors: r.errors.map((message) => ({ message })) };
    }
    const parsed = parseYamlMapping(text);
    if (!parsed.ok) return parsed;
    if (looksLikeCompose(parsed.doc.data)) return importCompose(text, readMounted, base);
    return looksLikeHelmValues(parsed.doc.data)
      ? helmValuesFromYaml(parsed.doc, base)
      : tempoConfigFromYaml(parsed.doc, text, base, options);
  } catch (e) {
    // A parser bug must not take the page down: report it like any other refusal.
    return { ok: false, errors: [{ message: `could not read this input (${(e as Error).message})` }] };
  }
}
