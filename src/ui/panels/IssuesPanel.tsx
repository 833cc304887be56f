import { useMemo } from 'react';
import { validateScenario } from '../../model/validate';
import { useScenarioStore } from '../store/scenarioStore';
import { Button, Section } from './ui';

export function IssuesPanel() {
  const s = useScenarioStore((st) => st.scenario);
  const setDeployment = useScenarioStore((st) => st.setDeployment);
  const issues = useMemo(() => validateScenario(s), [s]);
  return (
    <Section title={issues.length ? `Checks (${issues.length})` : 'Checks'}>
      {issues.length === 0 ? (
        <p className="text-emerald-800 text-sm dark:text-emerald-300">
          This configuration is valid for Tempo {s.tempoVersion}.
        </p>
      ) : (
        <ul className="space-y-2" data-testid="validation">
          {issues.map((i) => (
            <li
              key={i.code}
              className={`rounded border-l-4 p-2 text-sm ${i.severity === 'error' ? 'border-red-600 bg-red-50 text-red-950 dark:bg-red-950 dark:text-red-100' : 'border-amber-500 bg-amber-50 text-amber-950 dark:bg-amber-950 dark:text-amber-100'}`}
              data-code={i.code}
            >
              <strong className="mr-1">{i.severity === 'error' ? 'Error:' : 'Warning:'}</strong>
              {i.message}
              {i.fix && (
                <div className="mt-1">
                  <Button
                    onClick={() =>
                      setDeployment(i.fix?.tempoVersion ?? s.tempoVersion, i.fix?.mode ?? s.mode)
                    }
                  >
                    {i.fix.label}
                  </Button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
}
export default IssuesPanel;
