/** Save the scenario as a file, and open one: the same JSON the importer and share links read. Lazy-loaded. */
import type { Scenario } from '../model/scenario';
import { parseScenarioJson } from '../model/scenarioJson';
import { downloadText } from './download';
import { useScenarioStore } from './store/scenarioStore';

export function scenarioFileName(s: Scenario): string {
  return `tempo-${s.tempoVersion.replace('.', '-')}-${s.mode}.scenario.json`;
}

export function saveScenarioFile() {
  const s = useScenarioStore.getState().scenario;
  const name = scenarioFileName(s);
  downloadText(`${JSON.stringify(s, null, 2)}\n`, name, 'application/json');
  useScenarioStore
    .getState()
    .notify('info', `Saved ${name}. Open it again with Open, or paste it into Import.`);
}

/** Read a chosen file; a file that is not a scenario is refused with the reason and changes nothing. */
export async function openScenarioFile(file: File) {
  const store = useScenarioStore.getState();
  if (file.size > 1024 * 1024) {
    store.notify(
      'error',
      `${file.name} is ${Math.round(file.size / 1024)} KB; a scenario file is far smaller.`,
    );
    return;
  }
  const r = parseScenarioJson(await file.text());
  if (r.ok) store.load(r.value, `Opened ${file.name}.`);
  else {
    const more = r.errors.length > 1 ? ` (and ${r.errors.length - 1} more)` : '';
    store.notify(
      'error',
      `${file.name} was not opened: ${r.errors[0] ?? 'unknown problem'}${more}. Your scenario is unchanged.`,
    );
  }
}
