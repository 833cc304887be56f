import type { DataPath } from '../../model/catalog';
import { PATH_STYLE, TROUBLE_STYLE } from './edgeStyle';

function Swatch({ stroke, dash }: { stroke: string; dash?: string }) {
  return (
    <svg width="28" height="8" aria-hidden="true" className="shrink-0">
      <line x1="1" y1="4" x2="27" y2="4" stroke={stroke} strokeWidth="2" strokeDasharray={dash} />
    </svg>
  );
}

/** What the edge styles mean, for the kinds of edge this graph has. */
export function EdgeLegend({ paths }: { paths: ReadonlySet<DataPath> }) {
  const kinds = (Object.keys(PATH_STYLE) as DataPath[]).filter((p) => paths.has(p));
  if (kinds.length === 0) return null;
  return (
    <ul
      aria-label="Edge legend"
      data-testid="edge-legend"
      className="flex shrink-0 flex-wrap gap-x-3 gap-y-0.5 border-slate-200 border-t bg-white px-2 py-0.5 text-[11px] text-slate-700 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200"
    >
      {kinds.map((k) => (
        <li key={k} className="flex items-center gap-1">
          <Swatch stroke={PATH_STYLE[k].stroke} dash={PATH_STYLE[k].dash} />
          {PATH_STYLE[k].label}
        </li>
      ))}
      <li className="flex items-center gap-1">
        <Swatch stroke={TROUBLE_STYLE.stroke} dash={TROUBLE_STYLE.dash} />
        {TROUBLE_STYLE.label}
      </li>
    </ul>
  );
}
