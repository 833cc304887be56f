import { modeGuide } from '../../model/modes';
import { useScenarioStore } from '../store/scenarioStore';
import { Section } from './ui';

export default function ModeGuide() {
  const s = useScenarioStore((st) => st.scenario);
  const g = modeGuide(s.tempoVersion, s.mode);
  if (!g) return null;
  return (
    <Section title={`Mode guide · Tempo ${s.tempoVersion}`}>
      <div className="space-y-2 text-sm" data-testid="mode-guide">
        <h3 className="font-semibold text-base text-slate-900 dark:text-slate-50">
          {g.title} <code className="font-normal text-sm">{g.flag}</code>
        </h3>
        <p className="text-slate-700 dark:text-slate-300">{g.mentalModel}</p>
        <h4 className="font-semibold text-emerald-800 dark:text-emerald-300">Pros</h4>
        <ul className="list-disc pl-5 text-slate-700 dark:text-slate-300">
          {g.pros.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
        <h4 className="font-semibold text-red-800 dark:text-red-300">Cons</h4>
        <ul className="list-disc pl-5 text-slate-700 dark:text-slate-300">
          {g.cons.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
        <h4 className="font-semibold text-slate-800 dark:text-slate-200">When it fits</h4>
        <p className="text-slate-700 dark:text-slate-300">{g.fits}</p>
        <p className="text-slate-500 text-xs dark:text-slate-400">
          Select a node to see what it does in Tempo.
        </p>
      </div>
    </Section>
  );
}
