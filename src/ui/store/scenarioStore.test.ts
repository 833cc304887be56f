import { describe, expect, it } from 'vitest';
import { createScenario } from '../../model/scenario';
import { readSavedScenario, STORAGE_KEY, useScenarioStore } from './scenarioStore';

const storage = (value: string | null) => ({ getItem: (k: string) => (k === STORAGE_KEY ? value : null) });

describe('saved scenario', () => {
  it('restores a valid saved scenario', () => {
    const s = createScenario('3.0', 'microservices');
    s.components.querier = { replicas: 7, cpu: 1, memoryBytes: 4 * 1024 ** 3 };
    const r = readSavedScenario(storage(JSON.stringify(s)));
    expect(r.problem).toBeUndefined();
    expect(r.scenario.components.querier?.replicas).toBe(7);
  });

  it('reports corrupt JSON and falls back to defaults', () => {
    const r = readSavedScenario(storage('{"schemaVersion":1,'));
    expect(r.problem).toMatch(/corrupted/);
    expect(r.scenario).toEqual(createScenario('2.10', 'microservices'));
  });

  it('reports a schema violation with the offending field', () => {
    const s = createScenario('2.10', 'monolithic');
    const r = readSavedScenario(storage(JSON.stringify({ ...s, mode: 'cluster' })));
    expect(r.problem).toMatch(/mode/);
  });

  it('survives storage that throws', () => {
    const r = readSavedScenario({
      getItem: () => {
        throw new Error('SecurityError');
      },
    });
    expect(r.problem).toMatch(/blocked/);
  });
});

describe('undo and redo', () => {
  it('undoes a replica change and redoes it', () => {
    const st = useScenarioStore.getState();
    st.load(createScenario('2.10', 'microservices'));
    useScenarioStore.getState().setComponent('ingester', { replicas: 5 });
    expect(useScenarioStore.getState().scenario.components.ingester?.replicas).toBe(5);
    useScenarioStore.getState().undo();
    expect(useScenarioStore.getState().scenario.components.ingester?.replicas).toBe(3);
    useScenarioStore.getState().redo();
    expect(useScenarioStore.getState().scenario.components.ingester?.replicas).toBe(5);
  });

  it('a new edit after undo drops the redo branch', () => {
    useScenarioStore.getState().load(createScenario('2.10', 'microservices'));
    useScenarioStore.getState().setComponent('querier', { replicas: 4 });
    useScenarioStore.getState().undo();
    useScenarioStore.getState().setComponent('querier', { replicas: 6 });
    expect(useScenarioStore.getState().future).toEqual([]);
  });
});

describe('notices', () => {
  it('the same notice again is one notice that counts, not a stack', () => {
    useScenarioStore.setState({ notices: [] });
    const st = useScenarioStore.getState();
    for (let i = 0; i < 5; i++) st.notify('info', 'Share link copied.');
    st.notify('error', 'Not opened: bad file.');
    st.notify('info', 'Share link copied.');
    const notices = useScenarioStore.getState().notices;
    expect(notices.map((n) => [n.text, n.count ?? 1])).toEqual([
      ['Not opened: bad file.', 1],
      ['Share link copied.', 6],
    ]);
  });
});
