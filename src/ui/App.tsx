import { useEffect, useMemo } from 'react';
import { deriveTopology } from '../model/topology';
import { Canvas } from './canvas/Canvas';
import { Header } from './Header';
import { Notices } from './Notices';
import { ComponentsPanel } from './panels/ComponentsPanel';
import { Inspector } from './panels/Inspector';
import { IssuesPanel } from './panels/IssuesPanel';
import { SettingsPanel } from './panels/SettingsPanel';
import { Button } from './panels/ui';
import { useScenarioStore } from './store/scenarioStore';

function useUndoShortcuts() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (
        t &&
        (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)
      )
        return;
      if (!(e.ctrlKey || e.metaKey) || e.key.toLowerCase() !== 'z') return;
      e.preventDefault();
      const st = useScenarioStore.getState();
      if (e.shiftKey) st.redo();
      else st.undo();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

export function App() {
  const scenario = useScenarioStore((st) => st.scenario);
  const setDeployment = useScenarioStore((st) => st.setDeployment);
  const resetLayout = useScenarioStore((st) => st.resetLayout);
  const topology = useMemo(() => deriveTopology(scenario), [scenario]);
  useUndoShortcuts();
  return (
    <div className="flex h-screen flex-col bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <Header>
        <Button onClick={resetLayout} testId="reset-layout">
          Reset layout
        </Button>
      </Header>
      <Notices />
      <div className="flex min-h-0 flex-1">
        <aside
          aria-label="Configuration"
          className="w-72 shrink-0 overflow-y-auto border-slate-200 border-r bg-white dark:border-slate-700 dark:bg-slate-900"
        >
          <ComponentsPanel />
          <SettingsPanel />
          <IssuesPanel />
        </aside>
        <main className="relative min-w-0 flex-1" aria-label="Architecture">
          {topology.unsupported ? (
            <div className="flex h-full items-center justify-center p-8">
              <div
                role="alert"
                className="max-w-lg rounded-lg border border-amber-400 bg-amber-50 p-5 text-amber-950 dark:bg-amber-950 dark:text-amber-50"
                data-testid="unsupported"
              >
                <h2 className="mb-2 font-semibold text-lg">No scalable single binary in Tempo 3.0</h2>
                <p className="mb-3 text-sm">{topology.unsupported.reason}</p>
                <Button
                  variant="primary"
                  onClick={() =>
                    setDeployment(
                      topology.unsupported!.suggestion.tempoVersion,
                      topology.unsupported!.suggestion.mode,
                    )
                  }
                >
                  Use monolithic (target: all)
                </Button>
              </div>
            </div>
          ) : (
            <Canvas topology={topology} />
          )}
        </main>
        <aside
          aria-label="Details"
          className="w-80 shrink-0 overflow-y-auto border-slate-200 border-l bg-white dark:border-slate-700 dark:bg-slate-900"
        >
          <Inspector topology={topology} />
        </aside>
      </div>
    </div>
  );
}
