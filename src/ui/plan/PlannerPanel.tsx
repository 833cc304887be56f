/**
 * The capacity planner: load, retention, availability and prices in; per mode the smallest cluster the
 * simulation holds, why it differs from the published rule, totals and cost; open one on the canvas.
 * Lazy-loaded; the planning runs in a Web Worker. React only draws: the Tempo knowledge is in src/plan.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { DEPLOYMENT_MODES, type DeploymentMode, GiB, type TempoVersion } from '../../model/catalog';
import { formatPlan } from '../../plan/cli';
import { memText, msText, rangeText } from '../../plan/evidence';
import { PLAN_FIELDS, type PlanField, parsePlanInput, readPlanLoad, readPlanNumber } from '../../plan/input';
import {
  enteredAs,
  LOAD_UNITS,
  type LoadUnit,
  loadText,
  loadUnitOf,
  rateOf,
  resolveLoad,
} from '../../plan/load';
import {
  DEFAULT_PLAN_INPUT,
  type ModePlan,
  modesOf,
  type PlanInput,
  type PlanResult,
} from '../../plan/planner';
import { downloadText } from '../download';
import { Button } from '../panels/ui';
import { useScenarioStore } from '../store/scenarioStore';
import { type PlannerMessage, planInWorker } from './plannerClient';

const inputCls =
  'w-28 rounded border border-slate-300 bg-white px-1.5 py-0.5 dark:border-slate-600 dark:bg-slate-800';
const gib = (b: number) => `${(b / GiB).toFixed(1).replace(/\.0$/, '')} GiB`;
const tb = (b: number) => (b >= 1e12 ? `${(b / 1e12).toFixed(1)} TB` : `${(b / 1e9).toFixed(0)} GB`);
const pct = (x: number) => `${Math.round(x * 100)}%`;
const money = (x: number) => x.toLocaleString('en-US', { maximumFractionDigits: 0 });

/**
 * One number of the plan: the text as typed, read strictly (readPlanNumber, as the CLI reads its
 * options); an empty or unreadable field or one out of range says so and keeps Run disabled.
 */
function NumberField({
  def,
  input,
  error,
  onChange,
}: {
  def: PlanField;
  input: PlanInput;
  error: string | undefined;
  onChange: (i: PlanInput | null, error: string | undefined) => void;
}) {
  const id = useId();
  const [text, setText] = useState(String(def.get(input)));
  return (
    <div className="space-y-0.5">
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={id}>{def.label}</label>
        <input
          id={id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          className={inputCls}
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          data-testid={`plan-${def.key}`}
          onChange={(e) => {
            const t = e.currentTarget.value;
            setText(t);
            const r = readPlanNumber(t.trim() === t ? t : null, def);
            if (r.ok) onChange(def.set(input, r.value), undefined);
            else
              onChange(null, `${def.name} ${t.trim() === t ? r.reason : 'must be written without spaces'}`);
          }}
        />
      </div>
      {error && (
        <p id={`${id}-error`} className="text-right text-xs text-red-700 dark:text-red-300">
          {error}
        </p>
      )}
    </div>
  );
}

/** A number as plain digits the field reads back ("0.25", "116667"): no grouping, no exponent. */
const plain = (x: number) => x.toFixed(9).replace(/\.?0+$/, '');

/**
 * The load, in the unit the user picks: spans/s, MB/s or GB/s. A rate is kept as typed and gives
 * spans/s through the span size (so changing the span size keeps the MB/s); switching the unit
 * converts what is there.
 */
function LoadField({
  input,
  error,
  onChange,
}: {
  input: PlanInput;
  error: string | undefined;
  onChange: (i: PlanInput | null, error: string | undefined) => void;
}) {
  const id = useId();
  const unitId = useId();
  const unit = loadUnitOf(input);
  const [text, setText] = useState(String(input.spansPerSecond));
  const resolved = resolveLoad(input);
  const read = (t: string, u: LoadUnit) => {
    setText(t);
    if (t.trim() !== t) return onChange(null, 'load must be written without spaces');
    const r = readPlanLoad(t, u, input);
    if (r.ok) onChange(r.value, undefined);
    else onChange(null, r.reason);
  };
  return (
    <div className="space-y-0.5">
      <div className="flex items-center justify-between gap-2">
        <label htmlFor={id}>Load</label>
        <span className="flex gap-1">
          <input
            id={id}
            type="text"
            inputMode="decimal"
            autoComplete="off"
            className="w-24 rounded border border-slate-300 bg-white px-1.5 py-0.5 dark:border-slate-600 dark:bg-slate-800"
            value={text}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-note`}
            data-testid="plan-sps"
            onChange={(e) => read(e.currentTarget.value, unit)}
          />
          <select
            id={unitId}
            aria-label="Load unit"
            className="rounded border border-slate-300 bg-white px-1 py-0.5 dark:border-slate-600 dark:bg-slate-800"
            value={unit}
            data-testid="plan-load-unit"
            onChange={(e) => {
              const u = e.currentTarget.value as LoadUnit;
              // What is there now, in the new unit (whole spans when switching to spans/s).
              const v = rateOf(resolved.spansPerSecond, input.spanSizeBytes, u);
              read(plain(u === 'spans/s' ? Math.max(1, Math.round(v)) : v), u);
            }}
          >
            {LOAD_UNITS.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </span>
      </div>
      <p
        id={`${id}-note`}
        className={`text-right text-xs ${error ? 'text-red-700 dark:text-red-300' : 'text-slate-600 dark:text-slate-300'}`}
        data-testid={error ? 'plan-load-error' : 'plan-load-note'}
      >
        {error ?? loadText(input)}
      </p>
    </div>
  );
}

function ModeCard({ plan, onOpen }: { plan: ModePlan; onOpen: (p: ModePlan) => void }) {
  const t = plan.totals;
  return (
    <section
      aria-label={`Tempo ${plan.version} ${plan.mode}`}
      className="space-y-2 rounded border border-slate-300 p-2 dark:border-slate-600"
      data-testid={`plan-mode-${plan.mode}`}
    >
      <h4 className="font-semibold">
        Tempo {plan.version} {plan.mode}
      </h4>
      {!plan.ok || !t ? (
        <p data-testid="plan-problem">{plan.problem}</p>
      ) : (
        <>
          {plan.caveats.map((c) => (
            <p
              key={c}
              className="rounded border border-amber-500 p-1.5 dark:border-amber-400"
              data-testid="plan-caveat"
            >
              <strong>Caveat:</strong> {c}
            </p>
          ))}
          <section
            className="overflow-x-auto"
            aria-label={`Tempo ${plan.version} ${plan.mode} components`}
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
            tabIndex={0}
          >
            <table className="w-full min-w-[720px] text-left [&_td]:py-1 [&_td]:pr-3 [&_th]:pr-3">
              <caption className="text-left">
                Checked in {plan.simulations} simulations (run numbers below refer to them)
              </caption>
              <thead>
                <tr>
                  <th scope="col">Component</th>
                  <th scope="col">Answer</th>
                  <th scope="col">Published (floor)</th>
                  <th scope="col">Sized by</th>
                  <th scope="col">Outside the published range, and what the simulation changed</th>
                </tr>
              </thead>
              <tbody>
                {plan.components.map((c) => {
                  const r = c.published;
                  return (
                    <tr
                      key={c.kind}
                      className="border-slate-200 border-t align-top dark:border-slate-700"
                      data-testid={`plan-row-${c.kind}`}
                    >
                      <td className="font-mono">{c.kind}</td>
                      <td>
                        <span className="tabular-nums">{c.replicas}</span> x {c.cpu} CPU, {gib(c.memoryBytes)}
                        {c.volume ? `, volume ${gib(c.volume.bytes)}` : ''}
                        <br />
                        <span className="text-slate-600 dark:text-slate-300">
                          peak CPU {pct(c.peakCpuShare)}, memory {pct(c.peakMemoryShare)}
                        </span>
                      </td>
                      <td>
                        {`replicas ${rangeText(r.range.replicas, 'replicas')}; CPU ${rangeText(r.range.cpu, 'cpu')}; memory ${rangeText(r.range.memoryBytes, 'memory')} (floor ${r.floor.cpu} CPU, ${memText(r.floor.memoryBytes)}): ${r.rule} `}
                        <em>({r.doc})</em>
                        {r.ours.map((o) => (
                          <span key={o} className="block">
                            Ours: {o}
                          </span>
                        ))}
                      </td>
                      <td>
                        {c.sizedBy}
                        {c.volume && (
                          <span className="block">
                            Volume: {c.volume.why}; {c.volume.evidence}
                          </span>
                        )}
                      </td>
                      <td>
                        {c.deviations.map((d) => (
                          <span key={d} className="block font-medium">
                            {d}
                          </span>
                        ))}
                        {c.moves.length ? c.moves.join('; ') : 'kept'}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
          <p data-testid="plan-totals">
            <strong>Totals:</strong> {t.cores} cores, {gib(t.memoryBytes)}, {t.pods} pods; volumes{' '}
            {tb(t.volumeBytes)}; object storage {tb(t.objectStorageBytes)}
            {t.kafka
              ? `; Kafka ${t.kafka.partitions} partitions, ${t.kafka.retentionHours.toFixed(1)} h retention, ${tb(t.kafka.diskBytes)} disk (3 copies)`
              : ''}
            . <strong>Monthly cost: {money(t.monthlyCost)}</strong> (compute {money(t.costBreakdown.compute)},
            memory {money(t.costBreakdown.memory)}, object storage {money(t.costBreakdown.objectStorage)},
            Kafka {money(t.costBreakdown.kafka)}).
          </p>
          {plan.check && (
            <p>
              {plan.check.lost} spans lost through a {plan.check.spike}x spike
              {plan.check.killed ? ` and the loss of ${plan.check.killed}` : ''}; search p99{' '}
              {msText(plan.check.p99SteadyMs)} at steady load, {msText(plan.check.p99Ms)} over the check.
            </p>
          )}
          {plan.outage && (
            <p data-testid="plan-outage">
              Outage run {plan.outage.run}: {plan.outage.outageHours} h without object storage; the most a
              process held locally was {tb(plan.outage.peakLocalBytes)}
              {plan.outage.peakLocalInstance ? ` (${plan.outage.peakLocalInstance})` : ''}
              {plan.outage.peakLagInstance
                ? `; the longest Kafka lag ${(plan.outage.peakLagSeconds / 3600).toFixed(1)} h (${plan.outage.peakLagInstance})`
                : ''}
              .
            </p>
          )}
          {plan.notes.map((n) => (
            <p key={n}>{n}</p>
          ))}
          <Button variant="primary" testId={`plan-open-${plan.mode}`} onClick={() => onOpen(plan)}>
            Open on canvas
          </Button>
        </>
      )}
    </section>
  );
}

export default function PlannerPanel({ onOpen }: { onOpen: () => void }) {
  const [input, setInput] = useState<PlanInput>(DEFAULT_PLAN_INPUT);
  const [mode, setMode] = useState<DeploymentMode | 'all'>('all');
  const [running, setRunning] = useState(false);
  const [progress, setProgress] = useState<Extract<PlannerMessage, { type: 'progress' }> | null>(null);
  const [result, setResult] = useState<PlanResult | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string | undefined>>({});
  const cancelRef = useRef<(() => void) | null>(null);
  const load = useScenarioStore((s) => s.load);
  const ids = { version: useId(), mode: useId(), zones: useId(), loss: useId(), floors: useId() };
  useEffect(() => () => cancelRef.current?.(), []);

  const checked = parsePlanInput({ ...input, modes: mode === 'all' ? undefined : [mode] });
  const firstFieldError = PLAN_FIELDS.map((f) => fieldErrors[f.key]).find(Boolean);
  const inputError = firstFieldError ?? (checked.ok ? undefined : checked.errors[0]);
  const start = () => {
    if (!checked.ok || firstFieldError) return;
    setRunning(true);
    setMessage(null);
    setResult(null);
    setProgress(null);
    const job = planInWorker(checked.value, setProgress);
    cancelRef.current = job.cancel;
    void job.result.then((r) => {
      cancelRef.current = null;
      setRunning(false);
      if (r.ok) setResult(r.result);
      else setMessage(r.message);
    });
  };
  const open = (p: ModePlan) => {
    if (!p.scenario) return;
    load(p.scenario, `Opened the planned Tempo ${p.version} ${p.mode} cluster; its exports are in Export.`);
    onOpen();
  };
  const versionModes = modesOf(input.version);
  return (
    <div className="grid gap-4 text-sm md:grid-cols-[300px_1fr]" data-testid="planner">
      <form className="space-y-2" onSubmit={(e) => e.preventDefault()} aria-label="Planner inputs">
        {PLAN_FIELDS.map((f) =>
          f.key === 'sps' ? (
            <LoadField
              key={f.key}
              input={input}
              error={fieldErrors[f.key]}
              onChange={(next, error) => {
                if (next) setInput(next);
                setFieldErrors((e) => ({ ...e, [f.key]: error }));
              }}
            />
          ) : (
            <NumberField
              key={f.key}
              def={f}
              input={input}
              error={fieldErrors[f.key]}
              onChange={(next, error) => {
                if (next) setInput(next);
                setFieldErrors((e) => ({ ...e, [f.key]: error }));
              }}
            />
          ),
        )}
        <div className="flex items-center justify-between gap-2">
          <label htmlFor={ids.zones}>Live-store zones (3.0)</label>
          <select
            id={ids.zones}
            className={inputCls}
            value={input.zones}
            onChange={(e) => setInput({ ...input, zones: Number(e.currentTarget.value) })}
          >
            <option value={1}>1</option>
            <option value={2}>2</option>
            <option value={3}>3</option>
          </select>
        </div>
        <div className="flex items-center gap-2">
          <input
            id={ids.loss}
            type="checkbox"
            checked={input.tolerateLoss}
            onChange={(e) => setInput({ ...input, tolerateLoss: e.currentTarget.checked })}
          />
          <label htmlFor={ids.loss}>Tolerate losing the busiest instance</label>
        </div>
        <div className="flex items-center gap-2">
          <input
            id={ids.floors}
            type="checkbox"
            data-testid="plan-trust-floors"
            checked={input.trustBelowFloors === true}
            onChange={(e) => setInput({ ...input, trustBelowFloors: e.currentTarget.checked })}
          />
          <label htmlFor={ids.floors}>Trust the simulation below published floors</label>
        </div>
        <div className="flex items-center justify-between gap-2">
          <label htmlFor={ids.version}>Tempo version</label>
          <select
            id={ids.version}
            className={inputCls}
            value={input.version}
            data-testid="plan-version"
            onChange={(e) => {
              const version = e.currentTarget.value as TempoVersion;
              setInput({ ...input, version });
              if (mode !== 'all' && !modesOf(version).includes(mode)) setMode('all');
            }}
          >
            <option value="2.10">2.10</option>
            <option value="3.0">3.0</option>
          </select>
        </div>
        <div className="flex items-center justify-between gap-2">
          <label htmlFor={ids.mode}>Mode</label>
          <select
            id={ids.mode}
            className={inputCls}
            value={mode}
            data-testid="plan-mode"
            onChange={(e) => setMode(e.currentTarget.value as DeploymentMode | 'all')}
          >
            <option value="all">Every mode</option>
            {DEPLOYMENT_MODES.filter((m) => versionModes.includes(m)).map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </div>
        {inputError && (
          <p role="alert" className="text-red-700 dark:text-red-300" data-testid="plan-input-error">
            {inputError}
          </p>
        )}
        <div className="flex gap-2">
          <Button variant="primary" testId="plan-run" disabled={running || !!inputError} onClick={start}>
            Plan
          </Button>
          <Button testId="plan-cancel" disabled={!running} onClick={() => cancelRef.current?.()}>
            Cancel
          </Button>
        </div>
      </form>
      <section aria-label="Plan" className="space-y-3" aria-live="polite">
        <p>
          Each mode starts from the published sizing, then is simulated from a steady start through a load
          spike and the loss of its busiest instance, grown where it runs hot or loses spans and shrunk where
          it runs far under, never below the published floors unless you trust the simulation below them.
          Compactors and backend-workers are counted by a long steady run, volumes and Kafka retention by an
          outage run as long as the one you want to survive.
        </p>
        {running && (
          <div data-testid="plan-progress">
            <label>
              {progress
                ? `Mode ${progress.modeIndex + 1} of ${progress.modes} (${progress.mode}): ${progress.simulations} simulations`
                : 'Starting the planner'}
              <progress
                className="ml-2 align-middle"
                max={progress ? progress.modes : 1}
                value={progress ? progress.modeIndex + Math.min(1, progress.simulations / 12) : 0}
              />
            </label>
          </div>
        )}
        {message && <p data-testid="plan-message">{message}</p>}
        {result && (
          <div className="space-y-3" data-testid="plan-result">
            <h3 className="font-semibold text-lg" data-testid="plan-heading">
              {loadText(result.input)} on Tempo {result.input.version}
            </h3>
            <p className="flex flex-wrap items-center gap-2">
              <span data-testid="plan-entered">Load {enteredAs(result.input)}.</span>
              <Button
                testId="plan-download"
                title="The plan as text, as npm run plan prints it"
                onClick={() =>
                  downloadText(
                    formatPlan(result),
                    `tempo-${result.input.version.replace('.', '-')}-plan.txt`,
                    'text/plain',
                  )
                }
              >
                Download plan (text)
              </Button>
            </p>
            {result.plans.map((p) => (
              <ModeCard key={p.mode} plan={p} onOpen={open} />
            ))}
          </div>
        )}
      </section>
    </div>
  );
}
