import { DEPLOYMENT_MODES, type DeploymentMode, TEMPO_VERSIONS } from '../model/catalog';
import { deploymentFeatures } from '../model/scenario';
import { actionTitle, runAction } from './actions';
import { Button } from './panels/ui';
import { useScenarioStore } from './store/scenarioStore';
import { type ThemeChoice, useTheme } from './store/themeStore';

const MODE_LABEL: Record<DeploymentMode, string> = {
  monolithic: 'Monolithic',
  'scalable-single-binary': 'Scalable SB',
  microservices: 'Microservices',
};

const MODE_TITLE: Record<DeploymentMode, string> = {
  monolithic: 'Monolithic: one process, -target=all',
  'scalable-single-binary': 'Scalable single binary: -target=scalable-single-binary',
  microservices: 'Microservices: one deployment per component',
};

export function Header({ children }: { children?: React.ReactNode }) {
  const s = useScenarioStore((st) => st.scenario);
  const setDeployment = useScenarioStore((st) => st.setDeployment);
  // Through the actions, so that during a story they ask before leaving it.
  const undo = () => runAction('undo');
  const redo = () => runAction('redo');
  const canUndo = useScenarioStore((st) => st.past.length > 0);
  const canRedo = useScenarioStore((st) => st.future.length > 0);
  const theme = useTheme((t) => t.choice);
  const setTheme = useTheme((t) => t.setChoice);
  return (
    <header className="flex flex-wrap items-center gap-x-2 gap-y-1.5 border-slate-200 border-b bg-white px-3 py-1.5 dark:border-slate-700 dark:bg-slate-900">
      <h1 className="whitespace-nowrap font-bold text-base text-slate-900 dark:text-slate-50">
        Tempo Playground
      </h1>
      <fieldset className="flex gap-1">
        <legend className="sr-only">Tempo version</legend>
        {TEMPO_VERSIONS.map((v) => (
          <Button
            key={v}
            testId={`version-${v}`}
            pressed={s.tempoVersion === v}
            onClick={() => setDeployment(v, s.mode)}
            label={`Tempo ${v}`}
          >
            {v}
          </Button>
        ))}
      </fieldset>
      <fieldset className="flex gap-1">
        <legend className="sr-only">Deployment mode</legend>
        {DEPLOYMENT_MODES.map((m) => (
          <Button
            key={m}
            testId={`mode-${m}`}
            pressed={s.mode === m}
            onClick={() => setDeployment(s.tempoVersion, m)}
            title={
              deploymentFeatures({ tempoVersion: s.tempoVersion, mode: m }).supported
                ? MODE_TITLE[m]
                : `${MODE_TITLE[m]}: removed in Tempo ${s.tempoVersion}`
            }
          >
            {MODE_LABEL[m]}
          </Button>
        ))}
      </fieldset>
      <div className="flex gap-1">
        <Button onClick={undo} disabled={!canUndo} testId="undo" title={actionTitle('undo')} label="Undo">
          ↶
        </Button>
        <Button onClick={redo} disabled={!canRedo} testId="redo" title={actionTitle('redo')} label="Redo">
          ↷
        </Button>
      </div>
      <div className="ml-auto flex flex-wrap items-center gap-1">
        {children}
        <label className="sr-only" htmlFor="theme-select">
          Theme
        </label>
        <select
          id="theme-select"
          className="rounded border border-slate-300 bg-white px-1 py-0.5 text-sm dark:border-slate-600 dark:bg-slate-800"
          value={theme}
          onChange={(e) => setTheme(e.currentTarget.value as ThemeChoice)}
        >
          <option value="system">System</option>
          <option value="light">Light</option>
          <option value="dark">Dark</option>
        </select>
      </div>
    </header>
  );
}
