import { useId, useState } from 'react';
import type { TopologyNode } from '../../model/topology';
import { Button } from './ui';

/** "Kill" for a process node: picks an instance when the node stands for several. */
export function KillControl({ node }: { node: TopologyNode }) {
  const [instance, setInstance] = useState(node.instances[0] ?? '');
  const id = useId();
  if (!node.target || node.instances.length === 0) return null;
  const target = node.instances.includes(instance) ? instance : (node.instances[0] ?? '');
  const kill = async () => {
    const { simDriver } = await import('../sim/driver');
    simDriver.act({ kind: 'kill', instance: target });
  };
  return (
    <div className="flex flex-wrap items-center gap-2 border-slate-200 border-b pb-2 dark:border-slate-700">
      {node.instances.length > 1 && (
        <>
          <label htmlFor={id} className="text-sm">
            Instance
          </label>
          <select
            id={id}
            className="rounded border border-slate-300 bg-white px-1 py-0.5 text-sm dark:border-slate-600 dark:bg-slate-800"
            value={target}
            onChange={(e) => setInstance(e.currentTarget.value)}
          >
            {node.instances.map((i) => (
              <option key={i}>{i}</option>
            ))}
          </select>
        </>
      )}
      <Button
        variant="danger"
        onClick={kill}
        testId="kill-instance"
        title="Simulate the process being killed (SIGKILL)"
      >
        Kill {target}
      </Button>
    </div>
  );
}
