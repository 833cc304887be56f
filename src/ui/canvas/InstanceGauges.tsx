import { useStore } from '@xyflow/react';
import { useShallow } from 'zustand/react/shallow';
import type { InstanceStatus, InstanceView } from '../../sim/types';
import { formatBytes, formatDurationMs, formatNumber } from '../format';
import { useSimStore } from '../sim/simStore';

const STATUS_LABEL: Record<InstanceStatus, string> = {
  healthy: 'healthy',
  pressure: 'under pressure',
  'oom-killed': 'OOM-killed',
  restarting: 'restarting',
  lagging: 'lagging',
  down: 'down',
};

const STATUS_CLASS: Record<InstanceStatus, string> = {
  healthy: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100',
  pressure: 'bg-amber-100 text-amber-900 dark:bg-amber-900 dark:text-amber-100',
  'oom-killed': 'bg-red-700 text-white',
  restarting: 'bg-orange-200 text-orange-950 dark:bg-orange-800 dark:text-orange-50',
  lagging: 'bg-yellow-200 text-yellow-950 dark:bg-yellow-800 dark:text-yellow-50',
  down: 'bg-red-200 text-red-950 dark:bg-red-900 dark:text-red-50',
};

const SEVERITY: InstanceStatus[] = ['healthy', 'lagging', 'pressure', 'restarting', 'down', 'oom-killed'];

function Bar({ label, value, max, text }: { label: string; value: number; max: number; text: string }) {
  const ratio = max > 0 ? Math.min(1, value / max) : 0;
  const color = ratio > 0.9 ? 'bg-red-600' : ratio > 0.7 ? 'bg-amber-500' : 'bg-emerald-600';
  return (
    <div className="flex items-center gap-1 text-[10px] text-slate-700 dark:text-slate-200">
      <span className="w-7 shrink-0">{label}</span>
      <div className="h-1.5 flex-1 overflow-hidden rounded bg-slate-200 dark:bg-slate-700" aria-hidden="true">
        <div className={`h-full ${color}`} style={{ width: `${ratio * 100}%` }} />
      </div>
      <span className="w-[74px] shrink-0 text-right tabular-nums">{text}</span>
    </div>
  );
}

type Summary = [InstanceStatus, string, number, number, string, number, number, string];

/**
 * What a node's gauges show, as primitives rounded to what is drawn: a node re-renders only when
 * its text or a bar's width (in whole percent) changes, not on every refresh of a big cluster.
 */
function summarize(views: Map<string, InstanceView> | null, instances: string[]): Summary | null {
  if (!views) return null;
  let worst: InstanceStatus = 'healthy';
  let cpu = 0;
  let cpuLimit = 0;
  let peak: InstanceView | undefined;
  let lag = 0;
  let notHealthy = 0;
  let seen = 0;
  for (const name of instances) {
    const v = views.get(name);
    if (!v) continue;
    seen++;
    if (SEVERITY.indexOf(v.status) > SEVERITY.indexOf(worst)) worst = v.status;
    if (v.status !== 'healthy') notHealthy++;
    cpu += v.cpuCores;
    cpuLimit += v.cpuLimit;
    lag = Math.max(lag, v.lagSeconds);
    if (
      !peak ||
      (v.memoryLimit > 0 && v.memoryBytes / v.memoryLimit > peak.memoryBytes / Math.max(1, peak.memoryLimit))
    )
      peak = v;
  }
  if (seen === 0 || !peak) return null;
  const status = STATUS_LABEL[worst] + (seen > 1 && notHealthy > 0 ? ` (${notHealthy}/${seen})` : '');
  const pct = (x: number, max: number) => (max > 0 ? Math.round(Math.min(1, x / max) * 100) : 0);
  return [
    worst,
    status,
    Math.round(lag),
    cpuLimit > 0 ? pct(cpu, cpuLimit) : -1,
    cpuLimit > 0 ? `${formatNumber(cpu, 1)}/${formatNumber(cpuLimit, 1)}` : '',
    peak.memoryLimit > 0 ? pct(peak.memoryBytes, peak.memoryLimit) : -1,
    0,
    peak.memoryLimit > 0 ? `${formatBytes(peak.memoryBytes)}/${formatBytes(peak.memoryLimit)}` : '',
  ];
}

/** Live CPU, memory and state of the instances a node stands for (aggregated when grouped). */
export function InstanceGauges({ instances, external }: { instances: string[]; external?: boolean }) {
  // Zoomed far out (a big cluster fitted to the screen) the bars cannot be read: only the state is
  // drawn, so a refresh repaints the few nodes whose state changed, not every number on screen.
  const far = useStore((st) => st.transform[2] < FAR_ZOOM);
  const g = useSimStore(
    useShallow((s) => {
      const full = summarize(s.instanceViews, instances);
      if (!full) return EMPTY;
      return far ? ([full[0], full[1], 0, -1, '', -1, 0, ''] as Summary) : full;
    }),
  );
  if (g.length === 0) return null;
  const [worst, status, lag, cpuPct, cpuText, memPct, , memText] = g;
  return (
    <div className="mt-1 space-y-0.5" data-testid="gauges">
      {!external && cpuPct >= 0 && <Bar label="CPU" value={cpuPct} max={100} text={cpuText} />}
      {!external && memPct >= 0 && <Bar label="mem" value={memPct} max={100} text={memText} />}
      <div className="flex items-center justify-between">
        <span
          className={`rounded px-1.5 text-[10px] font-semibold ${STATUS_CLASS[worst]}`}
          data-testid="status"
        >
          {status}
        </span>
        {lag > 0 && (
          <span className="text-[10px] text-yellow-800 dark:text-yellow-200">
            lag {formatDurationMs(lag * 1000)}
          </span>
        )}
      </div>
    </div>
  );
}

const EMPTY: [] = [];
/** Below this zoom the gauges' numbers are too small to read. */
const FAR_ZOOM = 0.45;
