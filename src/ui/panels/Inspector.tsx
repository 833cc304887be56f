import { lazy, Suspense } from 'react';
import { componentSpec } from '../../model/catalog';
import type { Topology } from '../../model/topology';
import { useScenarioStore } from '../store/scenarioStore';
import { useSelection } from '../store/selectionStore';
import { KillControl } from './KillControl';

/** The mode guide is prose: it loads just after the first paint. */
const ModeGuide = lazy(() => import('./ModeGuide'));

import { Button, Section } from './ui';

export function Inspector({ topology }: { topology: Topology }) {
  const selected = useSelection((st) => st.selected);
  const select = useSelection((st) => st.select);
  const version = useScenarioStore((st) => st.scenario.tempoVersion);
  const node = topology.nodes.find((n) => n.id === selected);
  if (!node)
    return (
      <Suspense fallback={null}>
        <ModeGuide />
      </Suspense>
    );
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
        {/* The action first: Kill is in view without scrolling the panel, at 1280x720 too. */}
        <KillControl node={node} />
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
      </div>
    </Section>
  );
}
export default Inspector;
