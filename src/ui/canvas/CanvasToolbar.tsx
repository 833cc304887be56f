/** Above the canvas: side panels, every replica (asking first on a big cluster), reset layout. Lazy-loaded. */
import { useMemo, useState } from 'react';
import { bundleEdges } from '../../model/bundle';
import { deriveTopology } from '../../model/topology';
import { validateScenario } from '../../model/validate';
import { Button } from '../panels/ui';
import { useScenarioStore } from '../store/scenarioStore';
import { groupAbove, useView } from '../store/viewStore';

/** Above this many nodes, "Every replica" asks first. */
const CONFIRM_ABOVE_NODES = 150;

export default function CanvasToolbar() {
  const scenario = useScenarioStore((st) => st.scenario);
  const resetLayout = useScenarioStore((st) => st.resetLayout);
  const everyReplica = useView((v) => v.everyReplica);
  const setEveryReplica = useView((v) => v.setEveryReplica);
  const configOpen = useView((v) => v.configOpen);
  const detailsOpen = useView((v) => v.detailsOpen);
  const toggleConfig = useView((v) => v.toggleConfig);
  const toggleDetails = useView((v) => v.toggleDetails);
  const [confirmAll, setConfirmAll] = useState<string | null>(null);
  // The checks live in the Configure panel: while it is closed, its button says how many there are.
  const checks = useMemo(() => validateScenario(scenario), [scenario]);
  const errors = checks.some((c) => c.severity === 'error');
  const checksNote = checks.length === 1 ? '1 check' : `${checks.length} checks`;
  return (
    <div className="flex shrink-0 flex-wrap items-center justify-end gap-1 border-slate-200 border-b bg-white px-2 py-1 dark:border-slate-700 dark:bg-slate-900">
      <Button
        onClick={toggleConfig}
        pressed={configOpen}
        testId="toggle-config"
        title={
          configOpen
            ? 'Hide the configuration panel'
            : `Show the configuration panel${checks.length ? ` (${checksNote} to read)` : ''}`
        }
      >
        Configure
        {!configOpen && checks.length > 0 && ' '}
        {!configOpen && checks.length > 0 && (
          <span
            data-testid="config-checks"
            className={`rounded px-1 text-xs ${errors ? 'bg-red-700 text-white' : 'bg-amber-200 text-amber-950'}`}
          >
            {checksNote}
          </span>
        )}
      </Button>
      <Button
        onClick={toggleDetails}
        pressed={detailsOpen}
        testId="toggle-details"
        title={detailsOpen ? 'Hide the details panel' : 'Show the details panel'}
      >
        Details
      </Button>
      <label className="flex items-center gap-1 px-1 text-sm">
        <input
          type="checkbox"
          checked={everyReplica}
          data-testid="every-replica"
          onChange={(e) => {
            if (!e.currentTarget.checked) {
              setConfirmAll(null);
              setEveryReplica(false);
              return;
            }
            // Say what drawing everything means before doing it on a big cluster.
            const all = deriveTopology(scenario, { groupAbove: groupAbove(true) });
            if (all.nodes.length > CONFIRM_ABOVE_NODES) {
              const b = bundleEdges(all);
              setConfirmAll(
                `Draw all ${all.nodes.length} nodes? Their ${b.links.toLocaleString('en-US')} links are bundled into ${b.edges.length} edges, each labelled with how many it stands for.`,
              );
            } else setEveryReplica(true);
          }}
        />
        Every replica
      </label>
      {confirmAll && (
        <span role="alert" className="flex items-center gap-1 text-sm" data-testid="confirm-every-replica">
          {confirmAll}
          <Button
            variant="primary"
            testId="confirm-draw-all"
            onClick={() => {
              setConfirmAll(null);
              setEveryReplica(true);
            }}
          >
            Draw all
          </Button>
          <Button onClick={() => setConfirmAll(null)}>Cancel</Button>
        </span>
      )}
      <Button onClick={resetLayout} testId="reset-layout">
        Reset layout
      </Button>
    </div>
  );
}
