import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { formatDurationMs } from '../format';
import { resolvedTheme, useTheme } from '../store/themeStore';
import { BYTE_STEPS, byteTicks } from './byteTicks';

/** Steps of the time axis: seconds, minutes, hours, days. */
const TIME_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21_600, 43_200, 86_400];

/**
 * Axis text is drawn on a canvas, where CSS colours do not reach ('currentColor' there is black):
 * the colour is set per theme, slate-700 on white and slate-300 on slate-900 (both above 7:1).
 */
export const AXIS_TEXT = { light: '#334155', dark: '#cbd5e1' } as const;

export interface Series {
  label: string;
  color: string;
  values: number[];
  dash?: number[];
}

/** A small live line chart over simulated time (uPlot). */
export function Chart({
  title,
  t,
  series,
  unit,
  format,
  testId,
  yMax,
  cursorAt,
  bytes,
}: {
  title: string;
  t: number[];
  series: Series[];
  unit: string;
  format: (v: number) => string;
  testId?: string;
  /** A fixed top of the y-scale, so charts side by side compare at a glance. */
  yMax?: number;
  /** Simulated second the timeline points at: drawn as a vertical line. */
  cursorAt?: number | null;
  /** The y-axis counts bytes: ticks on binary steps, labelled by byteTicks (not `format`). */
  bytes?: boolean;
}) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = series.map((s) => s.label).join('|');
  const theme = useTheme(resolvedTheme);
  const axisText = AXIS_TEXT[theme];

  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuild only when the set of series changes
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const size = () => ({ width: Math.max(160, el.clientWidth), height: Math.max(90, el.clientHeight) });
    const opts: uPlot.Options = {
      ...size(),
      // Our own compact legend (below) wraps instead of pushing the chart out of its box.
      legend: { show: false },
      cursor: { show: false },
      scales: {
        x: { time: false },
        // Every chart counts from zero: a latency axis from 230 to 590 ms would make 10% look like 2x.
        y: {
          range: yMax
            ? ([0, yMax] as uPlot.Range.MinMax)
            : (_u, _min, max) => uPlot.rangeNum(0, max > 0 ? max : 1, 0.1, true),
        },
      },
      axes: [
        {
          stroke: axisText,
          grid: { stroke: 'rgba(127,127,127,0.15)' },
          // uPlot's default of 50 px takes most of a short chart's height.
          size: 28,
          ticks: { size: 4 },
          gap: 2,
          // Simulated time in units that scale (50 s, 30 min, 2 h) at round steps, not "2500s".
          incrs: TIME_STEPS,
          values: (_, ticks) => {
            const labels = ticks.map((v) => (v > 0 ? formatDurationMs(v * 1000) : '0 s'));
            el.dataset.xTicks = labels.join('|');
            return labels;
          },
        },
        {
          stroke: axisText,
          grid: { stroke: 'rgba(127,127,127,0.15)' },
          size: 72,
          // uPlot wants 30 px between ticks: a plot under 60 px got one tick ("0 B"). Two at least.
          space: (_u, _i, _min, _max, dim) => Math.max(16, Math.min(30, dim / 2.5)),
          incrs: bytes ? BYTE_STEPS : undefined,
          values: (_, ticks, _i, _space, step) => {
            const labels = bytes ? byteTicks(ticks, step) : ticks.map((v) => format(v));
            // What the axis says, for tests (it is drawn on a canvas).
            el.dataset.yTicks = labels.join('|');
            return labels;
          },
        },
      ],
      series: [
        {},
        ...series.map((s) => ({
          label: s.label,
          stroke: s.color,
          width: 1.5,
          dash: s.dash,
          points: { show: false },
        })),
      ],
    };
    plot.current = new uPlot(opts, [t, ...series.map((s) => s.values)], el);
    const ro = new ResizeObserver(() => plot.current?.setSize(size()));
    ro.observe(el);
    return () => {
      ro.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
  }, [shape, yMax, axisText]);

  useEffect(() => {
    plot.current?.setData([t, ...series.map((s) => s.values)]);
  }, [t, series]);

  // Where the timeline's second falls on the plot (uPlot's own mapping, in CSS pixels of the box).
  const p = plot.current;
  const cursorLeft =
    cursorAt !== null && cursorAt !== undefined && p
      ? p.valToPos(cursorAt, 'x') + p.bbox.left / devicePixelRatio
      : null;

  return (
    <figure
      className="flex min-h-36 min-w-0 flex-1 flex-col text-slate-700 text-xs dark:text-slate-200"
      data-testid={testId}
      data-points={t.length}
      data-y-max={yMax}
      data-axis-color={axisText}
    >
      <figcaption className="font-semibold">
        {title} <span className="font-normal text-slate-500 dark:text-slate-400">({unit})</span>
      </figcaption>
      <div ref={box} className="relative min-h-0 w-full flex-1 overflow-hidden">
        {cursorLeft !== null && Number.isFinite(cursorLeft) && (
          <div
            aria-hidden="true"
            data-testid={testId ? `${testId}-cursor` : undefined}
            className="pointer-events-none absolute top-0 bottom-0 z-10 w-px bg-orange-500"
            style={{ left: `${cursorLeft}px` }}
          />
        )}
      </div>
      <ul className="flex flex-wrap gap-x-2 leading-4" aria-label={`${title} series`}>
        {series.map((s) => (
          <li key={s.label} className="flex items-center gap-1">
            <span
              aria-hidden="true"
              className="inline-block h-0.5 w-3"
              style={{ background: s.color, borderTop: s.dash ? `2px dashed ${s.color}` : undefined }}
            />
            {s.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
