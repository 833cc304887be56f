import type { DataPath } from '../../model/catalog';

/** How each kind of edge is drawn: one definition for the canvas, its legend and the SVG export. */
export const PATH_STYLE: Record<DataPath, { stroke: string; dash?: string; width: number; label: string }> = {
  write: { stroke: '#ea580c', width: 1.6, label: 'write path (spans)' },
  read: { stroke: '#0284c7', dash: '6 4', width: 1.4, label: 'read path (queries)' },
  compaction: { stroke: '#7c3aed', dash: '2 4', width: 1.4, label: 'compaction' },
  ring: { stroke: '#64748b', dash: '10 3 2 3', width: 1, label: 'ring membership' },
  metrics: { stroke: '#16a34a', dash: '4 2', width: 1.2, label: 'metrics generation' },
};

/** Refused or down: drawn red and dashed over any kind. */
export const TROUBLE_STYLE = { stroke: '#dc2626', dash: '3 3', label: 'refusing or down' };
