/** "Share link": copy a URL that carries the scenario, or, when it is too long for one, offer the file. Lazy-loaded. */
import type { Scenario } from '../../model/scenario';
import { encodeScenario } from '../../share/link';
import { downloadText } from '../download';
import { useScenarioStore } from '../store/scenarioStore';

/** A scenario file the importer reads back (Import accepts scenario JSON). */
export function scenarioFileName(s: Scenario): string {
  return `tempo-${s.tempoVersion}-${s.mode}.scenario.json`;
}

export function saveScenarioFile(s: Scenario): void {
  downloadText(`${JSON.stringify(s, null, 2)}\n`, scenarioFileName(s), 'application/json');
}

export async function copyShareLink(): Promise<void> {
  const store = useScenarioStore.getState();
  const scenario = store.scenario;
  const encoded = encodeScenario(scenario);
  if (!encoded.ok && encoded.reason === 'invalid') {
    store.notify('error', encoded.message);
    return;
  }
  if (!encoded.ok) {
    store.notify('error', encoded.message, {
      label: 'Save scenario file',
      testId: 'save-scenario-file',
      run: () => saveScenarioFile(scenario),
    });
    return;
  }
  const url = `${window.location.origin}${window.location.pathname}${encoded.hash}`;
  try {
    await navigator.clipboard.writeText(url);
    store.notify('info', 'Share link copied: it carries the whole scenario, layout included.');
  } catch {
    store.notify('error', `The browser refused clipboard access. The link is: ${url}`);
  }
}
