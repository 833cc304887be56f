/** Training and review tools: decision guide, side by side, migration (and guided scenarios). Lazy-loaded. */
import { lazy, Suspense, useState } from 'react';
import { ModalDialog, TabList, TabPanel } from '../panels/Dialog';
import { ComparePanel } from './ComparePanel';
import { GuidedList } from './GuidedList';
import { MigrationPanel } from './MigrationPanel';
import { RecommenderPanel } from './RecommenderPanel';

const PlannerPanel = lazy(() => import('../plan/PlannerPanel'));
const MeasurePanel = lazy(() => import('../measure/MeasurePanel'));

type Tab = 'guided' | 'recommend' | 'plan' | 'measure' | 'compare' | 'migrate';
const TABS: { id: Tab; label: string }[] = [
  { id: 'guided', label: 'Guided scenarios' },
  { id: 'recommend', label: 'Which mode?' },
  { id: 'plan', label: 'Capacity planner' },
  { id: 'measure', label: 'Your cluster' },
  { id: 'compare', label: 'Side by side' },
  { id: 'migrate', label: '2.10 → 3.0' },
];

export default function LearnDialog({ onClose, initial = 'guided' }: { onClose: () => void; initial?: Tab }) {
  const [tab, setTab] = useState<Tab>(initial);
  const close = () => document.querySelector<HTMLDialogElement>('[data-testid="learn-dialog"]')?.close();
  return (
    <ModalDialog
      title="Learn"
      testId="learn-dialog"
      onClose={onClose}
      tall
      actions={<TabList label="Learning tools" tabs={TABS} value={tab} onChange={setTab} idPrefix="learn" />}
    >
      <TabPanel idPrefix="learn" value={tab}>
        {tab === 'guided' && <GuidedList onStart={close} />}
        {tab === 'recommend' && <RecommenderPanel onOpen={close} />}
        {tab === 'plan' && (
          <Suspense fallback={<p className="text-sm">Loading the planner…</p>}>
            <PlannerPanel onOpen={close} />
          </Suspense>
        )}
        {tab === 'measure' && (
          <Suspense fallback={<p className="text-sm">Loading…</p>}>
            <MeasurePanel />
          </Suspense>
        )}
        {tab === 'compare' && <ComparePanel />}
        {tab === 'migrate' && <MigrationPanel onOpen={close} />}
      </TabPanel>
    </ModalDialog>
  );
}
