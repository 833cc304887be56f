import { useId } from 'react';
import { LIMITS, type Load, traceSizes } from '../../model/scenario';
import { formatByteRate, formatCount } from '../format';
import { useScenarioStore } from '../store/scenarioStore';
import { useSimStore } from './simStore';

interface SliderSpec {
  key: keyof Load;
  label: string;
  min: number;
  max: number;
  log: boolean;
  unit: string;
  format: (v: number) => string;
}

const bytes = (v: number) =>
  v >= 1024 ? `${(v / 1024).toFixed(v >= 10240 ? 0 : 1)} KiB` : `${Math.round(v)} B`;
const minutes = (v: number) =>
  v >= 1440 ? `${(v / 1440).toFixed(1)} d` : v >= 60 ? `${(v / 60).toFixed(1)} h` : `${Math.round(v)} min`;

export const SLIDERS: SliderSpec[] = [
  {
    key: 'spansPerSecond',
    label: 'Spans per second',
    min: 100,
    max: LIMITS.spansPerSecond.max,
    log: true,
    unit: 'spans/s',
    format: formatCount,
  },
  {
    key: 'spanSizeBytes',
    label: 'Average span size',
    min: LIMITS.spanSizeBytes.min,
    max: 100_000,
    log: true,
    unit: '',
    format: bytes,
  },
  {
    key: 'spansPerTrace',
    label: 'Spans per trace',
    min: 1,
    max: 10_000,
    log: true,
    unit: '',
    format: formatCount,
  },
  {
    key: 'traceSizeSigma',
    label: 'Trace size spread',
    min: LIMITS.traceSizeSigma.min,
    max: LIMITS.traceSizeSigma.max,
    log: false,
    unit: '',
    format: (v) => (v <= 0 ? 'all alike' : `σ ${v.toFixed(1)}${v >= 1.2 ? ' (heavy tail)' : ''}`),
  },
  {
    key: 'queriesPerSecond',
    label: 'Queries per second',
    min: 0.01,
    max: 1000,
    log: true,
    unit: 'q/s',
    format: (v) => (v < 1 ? v.toFixed(2) : formatCount(v)),
  },
  {
    key: 'queryRangeMinutes',
    label: 'Query time range',
    min: 5,
    max: 60 * 24 * 7,
    log: true,
    unit: '',
    format: minutes,
  },
];

const STEPS = 1000;

function toSlider(spec: SliderSpec, v: number): number {
  const c = Math.min(spec.max, Math.max(spec.min, v));
  if (!spec.log) return Math.round(((c - spec.min) / (spec.max - spec.min)) * STEPS);
  return Math.round((Math.log(c / spec.min) / Math.log(spec.max / spec.min)) * STEPS);
}

function fromSlider(spec: SliderSpec, pos: number): number {
  const f = pos / STEPS;
  const raw = spec.log ? spec.min * (spec.max / spec.min) ** f : spec.min + f * (spec.max - spec.min);
  // Round to 3 significant digits so values read like a person chose them (and one step still moves).
  const mag = 10 ** Math.max(0, Math.floor(Math.log10(Math.max(raw, 1e-9))) - 2);
  const rounded = raw >= 10 ? Math.round(raw / mag) * mag : Math.round(raw * 100) / 100;
  return Math.min(spec.max, Math.max(spec.min, rounded));
}

function Slider({
  spec,
  value,
  onChange,
  locked,
}: {
  spec: SliderSpec;
  value: number;
  onChange: (v: number) => void;
  locked?: boolean;
}) {
  const id = useId();
  const text = `${spec.format(value)}${spec.unit ? ` ${spec.unit}` : ''}`;
  return (
    <div className="text-sm">
      <div className="flex justify-between gap-2">
        <label htmlFor={id} className="text-slate-700 dark:text-slate-200">
          {spec.label}
        </label>
        <output htmlFor={id} className="font-semibold tabular-nums" data-testid={`load-${spec.key}-value`}>
          {text}
        </output>
      </div>
      <input
        id={id}
        type="range"
        className="w-full accent-orange-600"
        min={0}
        max={STEPS}
        step={1}
        value={toSlider(spec, value)}
        aria-valuetext={text}
        data-testid={`load-${spec.key}`}
        disabled={locked}
        onChange={(e) => onChange(fromSlider(spec, e.currentTarget.valueAsNumber))}
      />
    </div>
  );
}

export function LoadControls() {
  // While a story plays it owns the traffic: the sliders show its live values, locked.
  const storyLoad = useSimStore((s) => s.storyLoad);
  const scenarioLoad = useScenarioStore((s) => s.scenario.load);
  const load = storyLoad ?? scenarioLoad;
  const applyCoalesced = useScenarioStore((s) => s.applyCoalesced);
  const bytesPerSecond = load.spansPerSecond * load.spanSizeBytes;
  const traces = traceSizes(load);
  return (
    <div className="space-y-1.5">
      {storyLoad && (
        <p className="text-slate-600 text-xs dark:text-slate-300" data-testid="load-locked">
          Locked: the story sets the traffic; exit it to change the load.
        </p>
      )}
      {SLIDERS.map((spec) => (
        <Slider
          key={spec.key}
          spec={spec}
          locked={!!storyLoad}
          value={load[spec.key] ?? 0}
          onChange={(v) =>
            applyCoalesced(`load.${spec.key}`, (s) => ({ ...s, load: { ...s.load, [spec.key]: v } }))
          }
        />
      ))}
      <p className="text-slate-600 text-xs dark:text-slate-300" data-testid="ingest-rate">
        Ingest: {formatByteRate(bytesPerSecond)}
      </p>
      <p className="text-slate-600 text-xs dark:text-slate-300" data-testid="trace-sizes">
        Traces: mean {bytes(traces.mean)}, 1 in 100 over {bytes(traces.p99)}
      </p>
    </div>
  );
}
