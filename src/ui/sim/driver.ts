/**
 * Runs the simulation engine in the browser: a fixed-step engine driven by animation frames,
 * `speed` simulated seconds per wall second. The engine stays pure; this file only decides when
 * to step it and copies its views into the UI store.
 */
import type { Scenario } from '../../model/scenario';
import {
  advanceMut,
  createSimulation,
  DT,
  inject,
  type SimAction,
  type SimState,
  type SimViews,
  setLoad,
  views,
} from '../../sim';
import { checkAction, checkLoad } from '../../sim/input';
import { createReplayer, type Replayer, type RunLog } from '../../sim/replay';
import {
  advanceGuided,
  type GuidedPlayback,
  type GuidedScenario,
  startGuided,
  storyTime,
} from '../../training';
import { useScenarioStore } from '../store/scenarioStore';
import { groupAbove, useView } from '../store/viewStore';
import { type History, useSimStore } from './simStore';

const MAX_STEPS_PER_FRAME = 2000;
const HISTORY_POINTS = 1200;
/**
 * While running, the engine steps every frame but the UI is refreshed less often: the interval adapts so
 * refreshing takes at most ~25% of the main thread, between 66 and 90 ms (11-15 updates a second).
 */
const MIN_PUBLISH_MS = 66;
/** Never fewer than about 10 screen updates a second, however big the graph. */
const MAX_PUBLISH_MS = 90;
let publishEvery = MIN_PUBLISH_MS;
let lastPublish = 0;
let measuring = false;

let state: SimState | null = null;
/** A guided story being played: the timeline applies at exact simulated seconds. */
let story: GuidedPlayback | null = null;
/** Set while the driver itself puts a story's scenario into the store, so sync does not restart it. */
let adopting = false;
let lastFrame = 0;
let carry = 0;
let frameHandle = 0;
let prevTotals = { t: 0, sent: 0, written: 0, refused: 0, lost: 0 };
/** Charts get a point every `sampleEvery` simulated seconds; it doubles each time history is halved. */
let sampleEvery = 1;
let stepsSinceSample = 0;
const STEPS_PER_SECOND = Math.max(1, Math.round(1 / DT));

/** The current run's inputs, to replay it to any second (null while a story plays: it replays itself). */
let replayer: Replayer | null = null;
/** The second the timeline shows on the canvas (a replay), or null for live. */
let viewingAt: number | null = null;

/**
 * Back to live (the run goes on, an input is given, a step is taken): the canvas, totals, log and
 * timeline all show the live run again. The caller publishes.
 */
function stopViewing() {
  if (viewingAt === null) return;
  viewingAt = null;
  useSimStore.setState({ viewingAt: null });
}

/** This run's state at second `t`, replayed (a story from its start; its charts count from `offset`). */
function replayTo(t: number): SimState | null {
  if (story) return advanceGuided(startGuided(story.story), story.offset + t).state;
  return replayer ? replayer.at(t) : null;
}

/** Forget the chart history: a new run, a new story, or a story that switched deployment. */
function restartHistory() {
  // The first point's rates count from the run's start, not from zero: a steady start's live traces
  // are already sent at t = 0, and its first 'sent' point was the whole pre-fill in one second.
  const v = state ? currentViews() : null;
  prevTotals = v
    ? {
        t: v.t,
        sent: v.totals.sent,
        written: v.totals.written,
        refused: v.totals.refused,
        lost: v.totals.lost,
      }
    : { t: 0, sent: 0, written: 0, refused: 0, lost: 0 };
  sampleEvery = 1;
  stepsSinceSample = 0;
  useSimStore.setState({ history: emptyHistory() });
}

/** Add one chart point from the current state (every simulated second, or coarser on long runs). */
function sample() {
  if (!state) return;
  const v = currentViews();
  const dt = v.t - prevTotals.t;
  if (dt <= 0) return;
  let history = appendSample(useSimStore.getState().history, v, dt);
  if (history.t.length >= HISTORY_POINTS) {
    history = halve(history);
    sampleEvery *= 2;
  }
  prevTotals = {
    t: v.t,
    sent: v.totals.sent,
    written: v.totals.written,
    refused: v.totals.refused,
    lost: v.totals.lost,
  };
  useSimStore.setState({ history });
}

/** Every other point: long runs keep their whole span at half the resolution. */
function halve(h: History): History {
  const odd = <T>(a: T[]) => a.filter((_, i) => i % 2 === 1 || i === a.length - 1);
  const memory: Record<string, number[]> = {};
  for (const [k, a] of Object.entries(h.memory)) memory[k] = odd(a);
  return {
    t: odd(h.t),
    sent: odd(h.sent),
    written: odd(h.written),
    refused: odd(h.refused),
    lost: odd(h.lost),
    p50: odd(h.p50),
    p99: odd(h.p99),
    memory,
  };
}

/** Story time at which the step after `t` begins (the story's end after its last step). */
function nextStepAt(p: GuidedPlayback, t: number): number {
  return p.story.steps.find((st) => st.at > t)?.at ?? p.story.durationSeconds;
}

/**
 * Step the engine (or the story) `n` steps, taking a chart point at each sample boundary on the way.
 * With `stopAtStep`, a story stops (paused) where its next step begins: Play never runs through one.
 */
function run(n: number, stopAtStep = false) {
  // The run moves on from its live end: whatever second the timeline showed, it is live again.
  stopViewing();
  let left = n;
  while (left > 0 && state) {
    let k = Math.min(left, sampleEvery * STEPS_PER_SECOND - stepsSinceSample);
    if (story) {
      const boundary = stopAtStep ? nextStepAt(story, storyTime(story)) : Number.POSITIVE_INFINITY;
      const toBoundary = Math.round((boundary - storyTime(story)) * STEPS_PER_SECOND);
      k = Math.min(k, Math.max(0, toBoundary));
      if (k > 0) advanceStory(k);
      if (!story) break;
      if (stopAtStep && storyTime(story) >= boundary) {
        simDriver.pause();
        left = 0;
      }
    } else {
      advanceMut(state, k);
      replayer?.reached(state.t);
    }
    left -= k;
    stepsSinceSample += k;
    if (stepsSinceSample >= sampleEvery * STEPS_PER_SECOND) {
      stepsSinceSample = 0;
      sample();
    }
  }
}

/** The parts of a scenario that, when changed, start the simulation over. */
function structureKey(s: Scenario): string {
  return JSON.stringify([s.tempoVersion, s.mode, s.components, s.settings, s.events, s.seed]);
}

function emptyHistory(): History {
  return { t: [], sent: [], written: [], refused: [], lost: [], p50: [], p99: [], memory: {} };
}

/** Views of the state as it is now; computed once per state and reused by the chart sample and the screen. */
let viewsCache: { state: SimState; t: number; grouping: number; v: SimViews } | null = null;
function currentViews(): SimViews {
  const s = state!;
  const grouping = groupAbove(useView.getState().everyReplica);
  if (viewsCache && viewsCache.state === s && viewsCache.t === s.t && viewsCache.grouping === grouping)
    return viewsCache.v;
  const v = views(s, { groupAbove: grouping });
  viewsCache = { state: s, t: s.t, grouping, v };
  return v;
}

function canvasOf(v: SimViews) {
  return {
    instanceViews: new Map([...v.instances, ...v.externals].map((i) => [i.name, i])),
    flows: v.flows,
  };
}

/** What the canvas, the totals and the event log show of a state (live, or a past second replayed). */
function shownOf(v: SimViews) {
  return { ...canvasOf(v), totals: v.totals, queries: v.queries, events: v.events };
}

function publish() {
  if (!state) return;
  const v = currentViews();
  // While the timeline points at a past second, the canvas, totals and log show that second's replay.
  useSimStore.setState(viewingAt === null ? { t: v.t, ...shownOf(v) } : { t: v.t });
}

function appendSample(h: History, v: SimViews, dt: number): History {
  const cut = <T>(a: T[], x: T) => {
    const out = a.slice();
    out.push(x);
    return out;
  };
  const memory: Record<string, number[]> = {};
  const byKind = new Map<string, number>();
  for (const i of v.instances)
    if (i.memoryLimit > 0) byKind.set(i.kind, (byKind.get(i.kind) ?? 0) + i.memoryBytes);
  for (const [kind, bytes] of byKind)
    memory[kind] = cut(h.memory[kind] ?? new Array(h.t.length).fill(0), bytes);
  return {
    t: cut(h.t, v.t),
    sent: cut(h.sent, (v.totals.sent - prevTotals.sent) / dt),
    written: cut(h.written, (v.totals.written - prevTotals.written) / dt),
    refused: cut(h.refused, (v.totals.refused - prevTotals.refused) / dt),
    lost: cut(h.lost, (v.totals.lost - prevTotals.lost) / dt),
    p50: cut(h.p50, v.queries.p50Ms),
    p99: cut(h.p99, v.queries.p99Ms),
    memory,
  };
}

function publishStory() {
  if (!story) {
    useSimStore.setState({ story: null, storyLoad: null });
    saveStoryPlace(null);
    return;
  }
  const t = storyTime(story);
  let stepIndex = 0;
  story.story.steps.forEach((st, i) => {
    if (st.at <= t) stepIndex = i;
  });
  useSimStore.setState({
    story: { id: story.story.id, t, stepIndex, done: t >= story.story.durationSeconds },
    storyLoad: story.state.load,
  });
  saveStoryPlace(story.story.id, stepIndex);
}

/** Where a story is, kept for this tab only: a reload comes back to the same story and step. */
const STORY_PLACE_KEY = 'tempo-playground:story';
let savedPlace = '';
function saveStoryPlace(id: string | null, step = 0) {
  const value = id === null ? '' : JSON.stringify({ id, step });
  if (value === savedPlace) return;
  savedPlace = value;
  try {
    if (value) sessionStorage.setItem(STORY_PLACE_KEY, value);
    else sessionStorage.removeItem(STORY_PLACE_KEY);
  } catch {
    // Storage blocked: a reload starts without the story.
  }
}
function readStoryPlace(): { id: string; step: number } | null {
  try {
    const raw = sessionStorage.getItem(STORY_PLACE_KEY);
    if (!raw) return null;
    const v: unknown = JSON.parse(raw);
    if (
      typeof v === 'object' &&
      v !== null &&
      'id' in v &&
      'step' in v &&
      typeof v.id === 'string' &&
      typeof v.step === 'number' &&
      Number.isInteger(v.step) &&
      v.step >= 0
    )
      return { id: v.id, step: v.step };
  } catch {
    // unreadable: start without it
  }
  return null;
}

function advanceStory(steps: number) {
  if (!story) return;
  const left = Math.max(0, story.story.durationSeconds - storyTime(story));
  const scenarioBefore = story.scenario;
  story = advanceGuided(story, Math.min(steps, left));
  state = story.state;
  if (story.scenario !== scenarioBefore) {
    adopting = true;
    useScenarioStore
      .getState()
      .load(
        story.scenario,
        `Story: now running Tempo ${story.scenario.tempoVersion} ${story.scenario.mode}.`,
      );
    adopting = false;
    restartHistory();
  }
  if (storyTime(story) >= story.story.durationSeconds) simDriver.pause();
  publishStory();
}

function frame(now: number) {
  frameHandle = 0;
  const sim = useSimStore.getState();
  if (!sim.running || !state) return;
  const frameMs = lastFrame ? now - lastFrame : 0;
  const wall = Math.min(0.25, frameMs / 1000);
  lastFrame = now;
  carry += wall * sim.speed;
  let steps = Math.floor(carry / DT);
  carry -= steps * DT;
  steps = Math.min(steps, MAX_STEPS_PER_FRAME);
  // The driver owns `state` and hands out only views, so stepping in place is safe and avoids a copy per step.
  // A story pauses where each step begins, so the room sees the step before it runs on.
  run(steps, true);
  if (!useSimStore.getState().running) {
    publish();
    return;
  }
  if (measuring) {
    // React rendered the last refresh after our frame callback returned: the frame that followed it
    // was longer by about what the refresh cost.
    measuring = false;
    publishEvery = Math.min(MAX_PUBLISH_MS, Math.max(MIN_PUBLISH_MS, 4 * Math.max(0, frameMs - 1000 / 60)));
  }
  if (steps > 0 && now - lastPublish >= publishEvery) {
    lastPublish = now;
    publish();
    measuring = true;
  }
  frameHandle = requestAnimationFrame(frame);
}

export const simDriver = {
  reset(s: Scenario = useScenarioStore.getState().scenario) {
    if (story) {
      story = null;
      publishStory();
    }
    state = createSimulation(s);
    replayer = createReplayer(s);
    stopViewing();
    carry = 0;
    restartHistory();
    publish();
  },
  /**
   * Show second `t` of this run on the canvas (the timeline scrubbed back), replayed exactly; null
   * returns to live.
   */
  showAt(t: number | null) {
    const past = t === null || !state || t >= state.t ? null : replayTo(t);
    viewingAt = past ? past.t : null;
    if (past)
      useSimStore.setState({
        viewingAt,
        ...shownOf(views(past, { groupAbove: groupAbove(useView.getState().everyReplica) })),
      });
    else {
      useSimStore.setState({ viewingAt: null });
      publish();
    }
  },
  /** Play runs on from the live end: a timeline scrubbed back returns to live first. */
  play() {
    if (!state) this.reset();
    if (viewingAt !== null) {
      stopViewing();
      publish();
    }
    useSimStore.setState({ running: true });
    lastFrame = 0;
    if (!frameHandle) frameHandle = requestAnimationFrame(frame);
  },
  pause() {
    useSimStore.setState({ running: false });
    if (frameHandle) cancelAnimationFrame(frameHandle);
    frameHandle = 0;
  },
  /** Advance by whole seconds while paused (the step button), or fast-forward. */
  advance(seconds: number) {
    if (!state) this.reset();
    run(Math.max(1, Math.round(seconds / DT)));
    publish();
  },
  setSpeed(speed: number) {
    useSimStore.setState({ speed: Math.min(600, Math.max(1, speed)) });
  },
  startStory(g: GuidedScenario, quiet = false) {
    this.pause();
    adopting = true;
    useScenarioStore.getState().load(g.scenario, quiet ? undefined : `Guided scenario: ${g.title}.`);
    adopting = false;
    story = startGuided(g);
    state = story.state;
    replayer = null;
    stopViewing();
    // The store holds the story's scenario as it normalised it (key order, defaults): that is what
    // sync compares with from now on, so a later store change (a notice dismissed) keeps the story.
    const stored = useScenarioStore.getState().scenario;
    lastKey = structureKey(stored);
    lastLoad = stored.load;
    carry = 0;
    restartHistory();
    publish();
    publishStory();
  },
  /** Jump to the start of the next step of the story (stepping through every second in between). */
  nextStep() {
    if (!story) return;
    const t = storyTime(story);
    run(Math.max(0, nextStepAt(story, t) - t) * STEPS_PER_SECOND);
    publish();
  },
  /** True while a guided story is being played. */
  inStory() {
    return story !== null;
  },
  /** Back to the start of this step (or the previous one when just started): replayed, so exact. */
  previousStep() {
    if (!story) return;
    const g = story.story;
    const t = storyTime(story);
    const starts = g.steps.map((st) => st.at).filter((at) => at < t);
    const current = starts[starts.length - 1] ?? 0;
    const target = t - current > 2 ? current : (starts[starts.length - 2] ?? 0);
    this.seekStory(target);
  },
  /** Go to the start of step `index` (forward by running, back by replaying from the start). */
  jumpToStep(index: number) {
    if (!story) return;
    const st = story.story.steps[index];
    if (st) this.seekStory(st.at);
  },
  /** Story time `target`: run forward to it, or replay the story from its start when it lies behind. */
  seekStory(target: number) {
    if (!story) return;
    const g = story.story;
    const running = useSimStore.getState().running;
    const t = storyTime(story);
    if (target < t) {
      this.startStory(g, true);
      run(target * STEPS_PER_SECOND);
    } else run((target - t) * STEPS_PER_SECOND);
    if (running) this.play();
    publish();
  },
  stopStory() {
    story = null;
    publishStory();
    // The story's replay of a past second is gone with it: the canvas shows the run as it is.
    if (viewingAt !== null) {
      stopViewing();
      publish();
    }
  },
  /** The free run's log (its scenario and every input at its second), or null while a story plays. */
  runLog(): RunLog | null {
    return replayer ? replayer.log : null;
  },
  act(action: SimAction) {
    if (!state) this.reset();
    const checked = checkAction(action, state ? new Set(state.cfg.names) : undefined);
    if (!checked.ok) {
      useScenarioStore.getState().notify('error', `Not applied: ${checked.errors.join('; ')}.`);
      return;
    }
    if (state) {
      replayer?.record({ t: state.t, action: checked.value });
      state = inject(state, checked.value);
    }
    viewsCache = null;
    // Given at the live end: shown there, not on a past second the timeline pointed at.
    stopViewing();
    publish();
  },
};

let lastKey = '';
let lastLoad: Scenario['load'] | null = null;

/** Keep the simulation in step with the scenario: load changes apply live, anything else restarts it. */
export function startSimulationSync() {
  const sync = (s: Scenario) => {
    const key = structureKey(s);
    if (adopting) {
      lastKey = key;
      lastLoad = s.load;
      return;
    }
    if (story && key !== lastKey) simDriver.stopStory();
    if (key !== lastKey) {
      lastKey = key;
      lastLoad = s.load;
      simDriver.reset(s);
    } else if (s.load !== lastLoad && state && !story) {
      lastLoad = s.load;
      const checked = checkLoad(s.load);
      if (checked.ok) {
        replayer?.record({ t: state.t, load: checked.value });
        state = setLoad(state, checked.value);
        if (viewingAt !== null) {
          stopViewing();
          publish();
        }
      }
    }
  };
  sync(useScenarioStore.getState().scenario);
  // A reload during a story comes back to the same story and step (this tab only).
  const place = readStoryPlace();
  // The story library (the story files and their parser) loads only when there is a story to restore.
  if (place)
    void import('../training/storyLibrary').then(({ storyById }) => {
      const g = storyById(place.id);
      if (g && place.step < g.steps.length) {
        simDriver.startStory(g, true);
        simDriver.jumpToStep(place.step);
      }
    });
  return useScenarioStore.subscribe((st) => sync(st.scenario));
}
