import { beforeAll, describe, expect, it } from 'vitest';
import { createScenario, type Scenario } from '../../model/scenario';
import { encodeScenario } from '../../share/link';

// The store reads localStorage when it is imported: give it one first.
const saved = new Map<string, string>();
const memoryStorage = {
  getItem: (k: string) => saved.get(k) ?? null,
  setItem: (k: string, v: string) => void saved.set(k, v),
  removeItem: (k: string) => void saved.delete(k),
  clear: () => saved.clear(),
  key: () => null,
  length: 0,
};
let store: typeof import('./scenarioStore');
beforeAll(async () => {
  Object.defineProperty(globalThis, 'localStorage', { value: memoryStorage, configurable: true });
  store = await import('./scenarioStore');
});

const tooManyQueriers = (): Scenario => {
  const s = createScenario('2.10', 'microservices');
  return {
    ...s,
    components: { ...s.components, querier: { replicas: 3334, cpu: 1, memoryBytes: 4 * 1024 ** 3 } },
  };
};
const savedScenario = () => JSON.parse(saved.get(store.STORAGE_KEY) ?? 'null') as Scenario | null;
const lastNotice = () => store.useScenarioStore.getState().notices.at(-1)?.text ?? '';

describe('an invalid scenario is never saved or shared silently (issue #12)', () => {
  it('opening one (a guide, a file) is refused with the reason; the work on screen and the saved one stay', () => {
    const st = store.useScenarioStore.getState();
    const valid = createScenario('3.0', 'microservices');
    st.load(valid);
    expect(savedScenario()?.tempoVersion).toBe('3.0');
    st.load(tooManyQueriers());
    expect(store.useScenarioStore.getState().scenario.tempoVersion).toBe('3.0');
    expect(lastNotice()).toMatch(/Not opened: components\.querier\.replicas/);
    expect(savedScenario()?.tempoVersion).toBe('3.0');
  });

  it('an edit past a limit is not saved: the user is told, and a reload finds the last valid scenario', () => {
    const st = store.useScenarioStore.getState();
    st.load(createScenario('2.10', 'microservices'));
    st.setComponent('querier', { replicas: 7 });
    expect(savedScenario()?.components.querier?.replicas).toBe(7);
    store.useScenarioStore.getState().setComponent('querier', { replicas: 3334 });
    expect(lastNotice()).toMatch(/Not saved: components\.querier\.replicas.*last valid scenario stays saved/);
    expect(savedScenario()?.components.querier?.replicas).toBe(7);
    const reloaded = store.readSavedScenario(memoryStorage);
    expect(reloaded.problem).toBeUndefined();
    expect(reloaded.scenario.components.querier?.replicas).toBe(7);
  });

  it('a share link of one is not made; the message names the field', () => {
    const r = encodeScenario(tooManyQueriers());
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/cannot be shared: components\.querier\.replicas/);
    expect(encodeScenario(createScenario('2.10', 'microservices')).ok).toBe(true);
  });
});
