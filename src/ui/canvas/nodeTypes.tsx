import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import type { TopologyNode } from '../../model/topology';
import { formatBytes, formatCores } from '../format';
import { InstanceGauges } from './InstanceGauges';

export type ProcessNodeData = { node: TopologyNode };
export type ProcessFlowNode = Node<ProcessNodeData, 'process'>;
export type ExternalFlowNode = Node<ProcessNodeData, 'external'>;

const SIDES = [
  ['l', Position.Left],
  ['r', Position.Right],
  ['t', Position.Top],
  ['b', Position.Bottom],
] as const;

/** Invisible handles on every side, so edges leave and enter on the side facing each other. */
function Handles() {
  return (
    <>
      {SIDES.map(([id, pos]) => (
        <Handle
          key={`t-${id}`}
          id={`t-${id}`}
          type="target"
          position={pos}
          className="tp-handle"
          isConnectable={false}
        />
      ))}
      {SIDES.map(([id, pos]) => (
        <Handle
          key={`s-${id}`}
          id={`s-${id}`}
          type="source"
          position={pos}
          className="tp-handle"
          isConnectable={false}
        />
      ))}
    </>
  );
}

const TIER_ACCENT: Record<string, string> = {
  ingest: 'border-l-orange-500',
  query: 'border-l-sky-500',
  backend: 'border-l-violet-500',
  buffer: 'border-l-amber-500',
  storage: 'border-l-emerald-600',
  source: 'border-l-slate-400',
  coordination: 'border-l-slate-500',
};

export const ProcessNode = memo(function ProcessNode({ data, selected }: NodeProps<ProcessFlowNode>) {
  const n = data.node;
  return (
    <div
      className={`tp-node w-[230px] rounded-lg border border-l-4 bg-white px-3 py-2 text-left shadow-sm dark:bg-slate-800 ${TIER_ACCENT[n.tier] ?? ''} ${selected ? 'border-slate-900 ring-2 ring-orange-400 dark:border-white' : 'border-slate-300 dark:border-slate-600'}`}
      data-testid={`node-${n.id}`}
      data-kind={n.kind}
    >
      <Handles />
      <div className="flex items-center justify-between gap-2">
        <span className="tp-name truncate font-semibold text-slate-900 text-sm dark:text-slate-50">
          {n.grouped ? n.kind : n.label}
        </span>
        {n.grouped && (
          <span
            className="rounded-full bg-slate-800 px-2 py-0.5 font-semibold text-white text-xs dark:bg-slate-200 dark:text-slate-900"
            title={`${n.instances.length} replicas`}
          >
            ×{n.instances.length}
          </span>
        )}
      </div>
      <div className="font-mono text-slate-600 text-xs dark:text-slate-300">-target={n.target}</div>
      {n.resources && (
        <div className="text-slate-600 text-xs dark:text-slate-300">
          {formatCores(n.resources.cpu)} · {formatBytes(n.resources.memoryBytes)}
          {n.detail && !n.detail.startsWith('-target') ? ` · ${n.detail}` : ''}
        </div>
      )}
      {n.modules.length > 0 && (
        <ul className="mt-1 flex flex-wrap gap-1" aria-label="modules in this process">
          {n.modules.map((m) => (
            <li
              key={m}
              className="rounded bg-slate-100 px-1 text-[10px] text-slate-700 dark:bg-slate-700 dark:text-slate-200"
            >
              {m}
            </li>
          ))}
        </ul>
      )}
      <InstanceGauges instances={n.instances} />
    </div>
  );
});

const EXTERNAL_STYLE: Record<string, string> = {
  client: 'rounded-lg',
  grafana: 'rounded-lg',
  kafka: 'rounded-xl border-amber-500',
  'object-storage': 'rounded-[24px] border-emerald-600',
  ring: 'rounded-full border-dashed',
};

export const ExternalNode = memo(function ExternalNode({ data, selected }: NodeProps<ExternalFlowNode>) {
  const n = data.node;
  return (
    <div
      className={`tp-node w-[200px] border-2 bg-slate-50 px-3 py-2 text-center dark:bg-slate-900 ${EXTERNAL_STYLE[n.kind] ?? 'rounded-lg'} ${selected ? 'ring-2 ring-orange-400' : ''} border-slate-400 dark:border-slate-500`}
      data-testid={`node-${n.id}`}
      data-kind={n.kind}
    >
      <Handles />
      <div className="tp-name font-semibold text-slate-900 text-sm dark:text-slate-50">{n.label}</div>
      {n.detail && <div className="tp-detail text-slate-600 text-xs dark:text-slate-300">{n.detail}</div>}
      {/* A collapsed group of processes (presenter view's focus) shows their state; anything else its own. */}
      <InstanceGauges instances={n.instances.length > 0 ? n.instances : [n.id]} external />
    </div>
  );
});

export const nodeTypes = { process: ProcessNode, external: ExternalNode };
