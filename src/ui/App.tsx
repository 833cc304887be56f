import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { deriveTopology } from '../model/topology';
import { actionForKey, actionTitle, registerAction, runAction } from './actions';
import { Canvas } from './canvas/Canvas';
import { Header } from './Header';
import { Button } from './panels/ui';
import { PastBadge } from './sim/PastBadge';
import { useSimStore } from './sim/simStore';
import { useScenarioStore } from './store/scenarioStore';
import { useSelection } from './store/selectionStore';
import { groupAbove, useView } from './store/viewStore';
import { useRecorder } from './training/recorderStore';

const SimPanel = lazy(() => import('./sim/SimPanel'));
/** Side-panel content that is not needed for the first paint of the graph. */
const Inspector = lazy(() => import('./panels/Inspector'));
const IssuesPanel = lazy(() => import('./panels/IssuesPanel'));
const ConfigPanel = lazy(() => import('./panels/ConfigPanel'));
const CanvasToolbar = lazy(() => import('./canvas/CanvasToolbar'));
const LearnDialog = lazy(() => import('./training/LearnDialog'));
const StoryOverlay = lazy(() => import('./training/StoryOverlay'));
const Recorder = lazy(() => import('./training/Recorder'));
const ExportPanel = lazy(() => import('./export/ExportPanel'));
const ImportDialog = lazy(() => import('./share/ImportDialog'));
const ShortcutSheet = lazy(() => import('./ShortcutSheet'));
/** Loaded with the first notice: most sessions start without one. */
const Notices = lazy(() => import('./Notices'));

type DialogName = 'learn' | 'export' | 'import' | 'shortcuts' | null;

/** Open what a link carries (`#s=` a scenario, `#story=` a story); the reading is loaded on demand. */
function openSharedLink() {
  if (/[#&](s|story)=/.test(window.location.hash)) void import('./share/openLink').then((m) => m.openLink());
}

async function copyShareLink() {
  const { copyShareLink: copy } = await import('./share/shareLink');
  await copy();
}

/** One keyboard handler for the actions in ./actions; never while typing, on a button, or in a dialog. */
function useShortcuts(openSheet: () => void) {
  useEffect(() => registerAction('shortcuts', openSheet), [openSheet]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (
        t &&
        (t.tagName === 'INPUT' || t.tagName === 'TEXTAREA' || t.tagName === 'SELECT' || t.isContentEditable)
      )
        return;
      if (document.querySelector('dialog[open]')) return;
      const id = actionForKey(e);
      if (!id) return;
      const onNode = !!t?.closest('.react-flow__node');
      // Arrow keys scroll a focused panel or log and move a focused node: not clicker keys there.
      if (e.key.startsWith('Arrow') && t && (onNode || t.tabIndex >= 0) && t.tagName !== 'BUTTON') return;
      if (id === 'play-pause' && t && (t.tagName === 'BUTTON' || onNode)) {
        // Space presses a focused button or node, except during a story: there it is always play and
        // pause, so a presenter's Space never presses "Next step" (or Exit) a second time.
        if (!useSimStore.getState().story || onNode) return;
        spaceTaken = true;
      }
      if (runAction(id)) e.preventDefault();
    };
    // A button is pressed by Space on key up: swallow that key up when Space was play and pause.
    let spaceTaken = false;
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key !== ' ' || !spaceTaken) return;
      spaceTaken = false;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, []);
}

export function App() {
  const scenario = useScenarioStore((st) => st.scenario);
  const setDeployment = useScenarioStore((st) => st.setDeployment);
  const everyReplica = useView((v) => v.everyReplica);
  const configOpen = useView((v) => v.configOpen);
  const detailsOpen = useView((v) => v.detailsOpen);
  const topology = useMemo(
    () => deriveTopology(scenario, { groupAbove: groupAbove(everyReplica) }),
    [scenario, everyReplica],
  );
  const [dialog, setDialog] = useState<DialogName>(null);
  const storyActive = useSimStore((st) => st.story !== null);
  const hasNotices = useScenarioStore((st) => st.notices.length > 0);
  const recording = useRecorder((st) => st.active) && !storyActive;
  const presenter = useView((v) => v.presenter) && storyActive;
  // Presenter view's focus: the step's part of the graph instead of all of it.
  const lens = useView((v) => v.lens);
  const openSheet = useCallback(() => setDialog('shortcuts'), []);
  useShortcuts(openSheet);
  // Selecting a node asks for its details: open the panel if it was collapsed.
  const selected = useSelection((st) => st.selected);
  const openDetails = useView((v) => v.openDetails);
  useEffect(() => {
    if (selected) openDetails();
  }, [selected, openDetails]);
  // A share link opens on load, and also when pasted into the address bar of an open tab.
  useEffect(() => {
    openSharedLink();
    const onHash = () => openSharedLink();
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <div className="relative flex h-dvh flex-col overflow-hidden bg-slate-50 text-slate-900 dark:bg-slate-950 dark:text-slate-100">
      <Header>
        <Button
          onClick={() => void import('./scenarioFile').then((m) => m.saveScenarioFile())}
          testId="save-scenario"
          title="Save the scenario as a .json file"
        >
          Save
        </Button>
        <Button
          onClick={() => fileInput.current?.click()}
          testId="open-scenario"
          title="Open a saved scenario file"
        >
          Open
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".json,application/json"
          className="hidden"
          aria-label="Scenario file to open"
          data-testid="open-scenario-file"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void import('./scenarioFile').then((m) => m.openScenarioFile(file));
          }}
        />
        <Button onClick={() => setDialog('import')} testId="open-import">
          Import
        </Button>
        <Button onClick={() => setDialog('export')} testId="open-export">
          Export
        </Button>
        <Button
          onClick={() => void copyShareLink()}
          testId="share-link"
          title="Copy a link that carries the whole scenario"
        >
          Share
        </Button>
        <Button onClick={() => setDialog('learn')} testId="open-learn">
          Learn
        </Button>
        <Button onClick={openSheet} testId="open-shortcuts" title={actionTitle('shortcuts')}>
          Keys
        </Button>
      </Header>
      <div className="flex min-h-0 flex-1">
        <aside
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling panel must be reachable by keyboard
          tabIndex={0}
          aria-label="Configuration"
          id="config-panel"
          className={`w-64 shrink-0 overflow-y-auto border-slate-200 border-r bg-white xl:w-72 dark:border-slate-700 dark:bg-slate-900 ${presenter || !configOpen ? 'hidden' : ''}`}
        >
          <Suspense fallback={null}>
            <ConfigPanel />
            <IssuesPanel />
          </Suspense>
        </aside>
        <main className="flex min-w-0 flex-1 flex-col" aria-label="Architecture">
          {!presenter && (
            <Suspense
              fallback={<div className="h-[39px] shrink-0 border-slate-200 border-b dark:border-slate-700" />}
            >
              <CanvasToolbar />
            </Suspense>
          )}
          {/* A story docks beside the graph from md wide (below lg in either view, from lg in presenter
              view): at 800x900 the canvas keeps the whole height between the toolbar and the charts. */}
          <div
            className={`flex min-h-0 flex-1 flex-col ${presenter ? 'md:flex-row' : storyActive ? 'md:flex-row lg:flex-col' : ''}`}
          >
            <div className="relative min-h-0 min-w-0 flex-1">
              {/* In presenter view the story panel carries the notices: none floats over the graph. */}
              {!presenter && hasNotices && (
                <Suspense fallback={null}>
                  <Notices />
                </Suspense>
              )}
              <PastBadge />
              {topology.unsupported ? (
                <div className="flex h-full items-center justify-center p-8">
                  <div
                    role="alert"
                    className="max-w-lg rounded-lg border border-amber-400 bg-amber-50 p-5 text-amber-950 dark:bg-amber-950 dark:text-amber-50"
                    data-testid="unsupported"
                  >
                    <h2 className="mb-2 font-semibold text-lg">No scalable single binary in Tempo 3.0</h2>
                    <p className="mb-3 text-sm">{topology.unsupported.reason}</p>
                    <Button
                      variant="primary"
                      onClick={() =>
                        setDeployment(
                          topology.unsupported!.suggestion.tempoVersion,
                          topology.unsupported!.suggestion.mode,
                        )
                      }
                    >
                      Use monolithic (target: all)
                    </Button>
                  </div>
                </div>
              ) : (
                <Canvas topology={presenter && lens ? lens.topology : topology} />
              )}
            </div>
            {storyActive && (
              <Suspense fallback={null}>
                <StoryOverlay />
              </Suspense>
            )}
            {recording && (
              <Suspense fallback={null}>
                <Recorder />
              </Suspense>
            )}
          </div>
        </main>
        <aside
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling panel must be reachable by keyboard
          tabIndex={0}
          aria-label="Details"
          id="details-panel"
          className={`w-72 shrink-0 overflow-y-auto border-slate-200 border-l bg-white xl:w-80 dark:border-slate-700 dark:bg-slate-900 ${presenter || !detailsOpen ? 'hidden' : ''}`}
        >
          <Suspense fallback={null}>
            <Inspector topology={topology} />
          </Suspense>
        </aside>
      </div>
      <Suspense fallback={<div className="h-72 shrink-0 border-slate-200 border-t dark:border-slate-700" />}>
        <SimPanel />
      </Suspense>
      <Suspense fallback={null}>
        {dialog === 'learn' && <LearnDialog onClose={() => setDialog(null)} />}
        {dialog === 'export' && <ExportPanel onClose={() => setDialog(null)} />}
        {dialog === 'import' && <ImportDialog onClose={() => setDialog(null)} />}
        {dialog === 'shortcuts' && <ShortcutSheet onClose={() => setDialog(null)} />}
      </Suspense>
    </div>
  );
}
