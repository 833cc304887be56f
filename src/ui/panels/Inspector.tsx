import { componentSpec } from '../../model/catalog';
import { modeGuide } from '../../model/modes';
import type { Topology } from '../../model/topology';
import { useScenarioStore } from '../store/scenarioStore';
import { useSelection } from '../store/selectionStore';
import { KillControl } from './KillControl';
import { Button, Section } from './ui';

export function Inspector({ topology }: { topology: Topology }) {
  const selected = useSelection((st) => st.selected);
  const select = useSelection((st) => st.select);
  const version = useScenarioStore((st) => st.scenario.tempoVersion);
  const node = topology.nodes.find((n) => n.id === selected);
  if (!node) return <ModeGuide />;
  const spec = componentSpec(version, node.kind);
  return (
    <Section title="Inspector">
      <div className="space-y-2 text-sm" data-testid="inspector">
        <div className="flex items-start justify-between gap-2">
          <h3 className="font-semibold text-base text-slate-900 dark:text-slate-50">{node.label}</h3>
          <Button onClick={() => select(null)} title="Close the inspector">
            Close
          </Button>
        </div>
        <p className="text-slate-800 dark:text-slate-200">{spec.role}.</p>
        <p className="text-slate-700 dark:text-slate-300">{spec.description}</p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
          {node.target && (
            <>
              <dt className="text-slate-500 dark:text-slate-400">Target</dt>
              <dd className="font-mono">-target={node.target}</dd>
            </>
          )}
          {node.modules.length > 0 && (
            <>
              <dt className="text-slate-500 dark:text-slate-400">Modules</dt>
              <dd>{node.modules.join(', ')}</dd>
            </>
          )}
          {spec.configBlock && (
            <>
              <dt className="text-slate-500 dark:text-slate-400">Config block</dt>
              <dd className="font-mono">{spec.configBlock}:</dd>
            </>
          )}
          {spec.helmReplicasKey && (
            <>
              <dt className="text-slate-500 dark:text-slate-400">Chart key</dt>
              <dd className="font-mono">{spec.helmReplicasKey}</dd>
            </>
          )}
          {spec.ports.length > 0 && (
            <>
              <dt className="text-slate-500 dark:text-slate-400">Ports</dt>
              <dd>{spec.ports.map((p) => `${p.name} ${p.port}`).join(', ')}</dd>
            </>
          )}
          {spec.sizing && (
            <>
              <dt className="text-slate-500 dark:text-slate-400">Sizing</dt>
              <dd>{spec.sizing}</dd>
            </>
          )}
          {node.instances.length > 1 && (
            <>
              <dt className="text-slate-500 dark:text-slate-400">Instances</dt>
              <dd className="font-mono text-xs">{node.instances.join(', ')}</dd>
            </>
          )}
        </dl>
        <KillControl node={node} />
      </div>
    </Section>
  );
}

export function ModeGuide() {
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
