/**
 * Import anything a user pastes: a scenario file (JSON), Kubernetes manifests, Helm values, a
 * docker-compose file or a tempo.yaml. Never throws.
 */
import type { Scenario } from '../model/scenario';
import { parseScenarioJson } from '../model/scenarioJson';
import { composeFromYaml, looksLikeCompose, type MountRead } from './compose';
import { helmValuesFromYaml, looksLikeHelmValues } from './helmValues';
import { manifestsFromObjects, parseManifests } from './manifests';
import type { ImportMessage, ImportResult } from './messages';
import { excerpt, parseYamlMapping } from './messages';
import { type TempoConfigOptions, tempoConfigFromYaml } from './tempoConfig';

export { importCompose, type MountRead } from './compose';
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
  readMounted?: (path: string) => MountRead,
  options: TempoConfigOptions = {},
): ImportResult {
  return shortMessages(importAnyOnce(text, base, readMounted, options));
}

/** Longest message shown; a quoted value inside it is cut to an excerpt first. */
const MAX_MESSAGE_CHARS = 600;
const shorten = (m: ImportMessage): ImportMessage => {
  const message =
    m.message.length <= MAX_MESSAGE_CHARS
      ? m.message
      : excerpt(
          m.message.replace(/"([^"]{100,})"/g, (_, v: string) => `"${excerpt(v)}"`),
          MAX_MESSAGE_CHARS,
        );
  return m.key && m.key.length > 200 ? { ...m, message, key: excerpt(m.key, 200) } : { ...m, message };
};

/** Every importer's messages quote at most an excerpt of a value (a 900 KB target is not echoed). */
function shortMessages(r: ImportResult): ImportResult {
  return r.ok ? { ...r, warnings: r.warnings.map(shorten) } : { ...r, errors: r.errors.map(shorten) };
}

function importAnyOnce(
  text: string,
  base: Scenario | undefined,
  readMounted: ((path: string) => MountRead) | undefined,
  options: TempoConfigOptions,
): ImportResult {
  try {
    if (!text.trim()) return { ok: false, errors: [{ message: 'nothing to import: the text is empty' }] };
    // Kubernetes objects: helm template output, kubectl get -o yaml (or -o json), any multi-document YAML.
    if (/^[ \t]*"?(apiVersion|kind)"?[ \t]*:/m.test(text.slice(0, 200_000))) {
      const m = parseManifests(text);
      if (!m.ok) return m;
      if (m.objects.length) return manifestsFromObjects(m.objects, base);
    }
    // JSON is YAML: Helm values (or a compose file, a tempo.yaml) written as JSON go to their
    // importer; a JSON object that is none of them is read as a scenario file.
    if (text.trimStart().startsWith('{') && !looksLikeConfigJson(text)) {
      const r = parseScenarioJson(text);
      return r.ok
        ? { ok: true, scenario: r.value, warnings: [], kind: 'scenario file' }
        : { ok: false, errors: r.errors.map((message) => ({ message })) };
    }
    const parsed = parseYamlMapping(text);
    if (!parsed.ok) return parsed;
    if (looksLikeCompose(parsed.doc.data)) return composeFromYaml(parsed.doc, readMounted, base);
    return looksLikeHelmValues(parsed.doc.data)
      ? helmValuesFromYaml(parsed.doc, base)
      : tempoConfigFromYaml(parsed.doc, text, base, options);
  } catch (e) {
    // A parser bug must not take the page down: report it like any other refusal.
    return { ok: false, errors: [{ message: `could not read this input (${(e as Error).message})` }] };
  }
}

/** A JSON object without the scenario's schemaVersion that reads as Helm values or a compose file. */
function looksLikeConfigJson(text: string): boolean {
  if (text.includes('"schemaVersion"')) return false;
  const parsed = parseYamlMapping(text);
  if (!parsed.ok || 'schemaVersion' in parsed.doc.data) return false;
  return looksLikeHelmValues(parsed.doc.data) || looksLikeCompose(parsed.doc.data);
}
