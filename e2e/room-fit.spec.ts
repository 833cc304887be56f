/**
 * What a training room needs to fit: the timeline agrees with the canvas and the totals after it was
 * scrubbed back and the run played on, nothing changes size when the timeline fills, no panel scrolls
 * sideways, Kill is in view, and at 800x900 the charts and the canvas keep their room in a story.
 */
import type { Locator, Page } from '@playwright/test';
import { expect, expectNoAxeViolations, freshStart, test } from './fixtures';

const count = (s: string | null) => Number((s ?? '').replace(/[^\d]/g, ''));

async function box(l: Locator) {
  const b = await l.boundingBox();
  if (!b) throw new Error('not drawn');
  // Whole pixels: sub-pixel layout noise is not a change of size.
  return { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) };
}

/** True when `inner` is drawn whole inside `outer` and the window. */
async function wholeInside(page: Page, inner: Locator, outer: Locator) {
  const a = await box(inner);
  const b = await box(outer);
  const v = page.viewportSize()!;
  return (
    a.x >= b.x - 1 &&
    a.y >= b.y - 1 &&
    a.x + a.width <= b.x + b.width + 1 &&
    a.y + a.height <= b.y + b.height + 1 &&
    a.y + a.height <= v.height &&
    a.x + a.width <= v.width
  );
}

/** Does an element scroll sideways (its content wider than its box)? */
function scrollsSideways(l: Locator) {
  return l.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
}

const CHARTS = ['chart-spans', 'chart-memory', 'chart-latency'] as const;

test('scrubbed back, then Play: the canvas, the timeline, the totals and the log all show the live run again', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await freshStart(page);
  await page.getByTestId('sim-ff').click();
  await expect(page.getByTestId('sim-time')).toHaveText('t = 1:00');
  await page.locator('.react-flow__node[data-id="ingester-1"]').click();
  await page.getByTestId('kill-instance').click();
  await page.getByTestId('sim-ff').click();
  await expect(page.getByTestId('sim-time')).toHaveText('t = 2:00');
  const status = page.locator('.react-flow__node[data-id="ingester-1"] [data-testid="status"]');
  await expect(status).toHaveText('healthy');
  const sentLive = count(await page.getByTestId('spans-sent').textContent());

  // Scrubbed back to 0:30, before the kill: the canvas, the totals and the log are that second's.
  const range = page.getByTestId('timeline-range');
  const readout = page.getByTestId('timeline-readout');
  await range.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 29; i++) await page.keyboard.press('ArrowRight');
  await expect(readout).toContainText('at 0:30 (canvas too)');
  await expect(page.getByTestId('canvas-past')).toContainText('Canvas at 0:30');
  await expect(page.getByTestId('sim-totals-at')).toHaveText('Totals at 0:30 (timeline)');
  const sentThen = count(await page.getByTestId('spans-sent').textContent());
  expect(sentThen).toBeGreaterThan(0);
  expect(sentThen).toBeLessThan(sentLive);
  await expect(page.getByTestId('event-log')).not.toContainText('ingester-1 killed');
  // 1:03: just after the kill, on the canvas and in the log.
  for (let i = 0; i < 33; i++) await page.keyboard.press('ArrowRight');
  await expect(readout).toContainText('at 1:03 (canvas too)');
  await expect(status).not.toHaveText('healthy');
  await expect(page.getByTestId('event-log')).toContainText('ingester-1 killed');
  for (const id of CHARTS) await expect(page.getByTestId(`${id}-cursor`)).toBeVisible();
  await expectNoAxeViolations(page);

  // Play runs on from the live end: everything is live again, and agrees.
  await page.getByTestId('sim-play').click();
  await page.getByTestId('sim-pause').click();
  await expect(page.getByTestId('sim-play')).toBeVisible();
  await expect(readout).toHaveText(/^live: sent /);
  await expect(page.getByTestId('canvas-past')).toHaveCount(0);
  await expect(page.getByTestId('sim-totals-at')).toHaveCount(0);
  for (const id of CHARTS) await expect(page.getByTestId(`${id}-cursor`)).toHaveCount(0);
  await expect(status).toHaveText('healthy');
  expect(count(await page.getByTestId('spans-sent').textContent())).toBeGreaterThanOrEqual(sentLive);
  // The timeline's thumb is at its end, and the end is the clock's last second.
  const { value, max } = await range.evaluate((e) => ({
    value: (e as HTMLInputElement).valueAsNumber,
    max: Number((e as HTMLInputElement).max),
  }));
  expect(value).toBe(max);
  const points = Number(await page.getByTestId('chart-spans').getAttribute('data-points'));
  expect(max).toBe(points - 1);
  const clock = (await page.getByTestId('sim-time').textContent()) ?? '';
  const [, m, s] = /t = (\d+):(\d\d)/.exec(clock) ?? [];
  expect(Math.floor(Number(m) * 60 + Number(s))).toBe(points);

  // The keyboard way back: scrub, then Live on the canvas (focused, Enter).
  await range.focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('canvas-past')).toBeVisible();
  await page.getByTestId('canvas-past-live').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('canvas-past')).toHaveCount(0);
  await expect(readout).toHaveText(/^live: /);
});

test("in a story in presenter view (dark): scrubbed back, then the story's Play: the canvas, the timeline, the totals and the story's clock agree", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await freshStart(page);
  await page.getByTestId('open-learn').click();
  await page.getByTestId('guided-start-rf3-survives-ingester').click();
  await page.getByTestId('story-presenter').click();
  const progress = page.getByTestId('story-progress');
  await page.getByTestId('story-next').click();
  await page.getByTestId('story-next').click();
  await expect(progress).toContainText('Step 3 of 5 · t = 1:10');
  // Presenter view's Focus draws the step's ingesters as one node (lens:ingester) with how many are down.
  const status = page.locator('.react-flow__node[data-id="lens:ingester"]');
  const readout = page.getByTestId('timeline-readout');
  // 1:03, three seconds after the story killed ingester-1.
  await page.getByTestId('timeline-range').focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 62; i++) await page.keyboard.press('ArrowRight');
  await expect(readout).toContainText('at 1:03 (canvas too)');
  await expect(page.getByTestId('canvas-past')).toContainText('Canvas at 1:03');
  await expect(page.getByTestId('sim-totals-at')).toHaveText('Totals at 1:03 (timeline)');
  await expect(status).toContainText('down (1/3)');
  await expectNoAxeViolations(page);

  // The story's Play runs on from the live end (1:10) to the next step (2:00), live everywhere.
  await page.getByTestId('story-play').click();
  await expect(progress).toContainText('Step 4 of 5 · t = 2:00');
  await expect(page.getByTestId('story-play')).toBeVisible();
  await expect(page.getByTestId('sim-time')).toHaveText('t = 2:00');
  await expect(readout).toHaveText(/^live: sent /);
  await expect(page.getByTestId('canvas-past')).toHaveCount(0);
  await expect(page.getByTestId('sim-totals-at')).toHaveCount(0);
  await expect(page.getByTestId('chart-spans')).toHaveAttribute('data-points', '120');
  // Back in the ring by 2:00, as the step says; this step names ingester-1, so Focus draws it alone.
  await expect(page.locator('.react-flow__node[data-id="ingester-1"] [data-testid="status"]')).toHaveText(
    'healthy',
  );
});

for (const size of [
  { width: 1280, height: 720 },
  { width: 800, height: 900 },
]) {
  test(`at ${size.width}x${size.height} the timeline slider and the charts keep their size when the timeline fills and is scrubbed`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await freshStart(page);
    const parts = [page.getByTestId('timeline-range'), ...CHARTS.map((id) => page.getByTestId(id))];
    // The spans chart's plot (its legend never changes): the drawing itself keeps its size too.
    const plot = page.getByTestId('chart-spans').locator('canvas');
    await expect(page.getByTestId('timeline-range')).toBeDisabled();
    await expect(plot).toBeVisible();
    const before = await Promise.all([...parts, plot].map(box));
    await page.getByTestId('sim-ff').click();
    await expect(page.getByTestId('chart-spans')).toHaveAttribute('data-points', '60');
    await expect(page.getByTestId('timeline-range')).toBeEnabled();
    expect(await Promise.all([...parts, plot].map(box))).toEqual(before);
    // Scrubbed: a longer readout and the Live button take no room from them either.
    await page.getByTestId('timeline-range').focus();
    await page.keyboard.press('Home');
    await expect(page.getByTestId('timeline-live')).toBeVisible();
    expect(await Promise.all([...parts, plot].map(box))).toEqual(before);
  });
}

for (const theme of ['light', 'dark'] as const) {
  for (const size of [
    { width: 1280, height: 720 },
    { width: 800, height: 900 },
  ]) {
    test(`${theme}, ${size.width}x${size.height}: the Compaction dropdown and the migration key table fit their panels`, async ({
      page,
    }) => {
      await page.setViewportSize(size);
      await page.emulateMedia({ colorScheme: theme });
      await freshStart(page);
      await page.getByTestId('toggle-config').click();
      const panel = page.locator('#config-panel');
      const compaction = panel.getByLabel('Compaction', { exact: true });
      await expect(compaction).toBeVisible();
      for (const choice of ['compactor', 'backend-scheduler']) {
        await compaction.selectOption(choice);
        await compaction.scrollIntoViewIfNeeded();
        const w = await scrollsSideways(panel);
        expect(w.scroll, `config panel with ${choice}`).toBeLessThanOrEqual(w.client);
        const p = await box(panel);
        const c = await box(compaction);
        expect(c.x + c.width).toBeLessThanOrEqual(p.x + p.width);
        expect(c.x).toBeGreaterThanOrEqual(p.x);
      }
      await expectNoAxeViolations(page);

      await page.getByTestId('open-learn').click();
      await page.getByTestId('learn-tab-migrate').click();
      const table = page.getByTestId('migration-keys');
      await table.scrollIntoViewIfNeeded();
      await expect(table).toBeVisible();
      // The dialog's scrolling body does not scroll sideways, and the table is inside it.
      const body = page.getByTestId('learn-dialog').locator('[role="tabpanel"]').locator('..');
      const w = await scrollsSideways(body);
      expect(w.scroll, 'Learn dialog body').toBeLessThanOrEqual(w.client);
      const t = await box(table);
      const b = await box(body);
      expect(t.x + t.width).toBeLessThanOrEqual(b.x + b.width);
      // Every cell ends inside the dialog (long keys wrap at their dots, never cut off).
      const right = await table
        .locator('td, th')
        .evaluateAll((els) => Math.max(...els.map((e) => e.getBoundingClientRect().right)));
      expect(right).toBeLessThanOrEqual(b.x + b.width);
      await expectNoAxeViolations(page);
    });
  }
}

test("1280x720: the inspector's Kill button is in view without scrolling, and works from the keyboard", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await freshStart(page);
  for (const id of ['ingester-1', 'distributor-0', 'querier-0', 'compactor-0']) {
    await page.locator(`.react-flow__node[data-id="${id}"]`).click();
    const details = page.locator('#details-panel');
    await expect(details).toBeVisible();
    const kill = page.getByTestId('kill-instance');
    await expect(kill).toHaveText(`Kill ${id}`);
    expect(await details.evaluate((e) => e.scrollTop)).toBe(0);
    expect(await wholeInside(page, kill, details), id).toBe(true);
  }
  await page.getByTestId('kill-instance').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('event-log')).toContainText('compactor-0 killed');
  await expectNoAxeViolations(page);
});

for (const theme of ['light', 'dark'] as const) {
  test(`800x900 ${theme}: the charts are in view without scrolling a panel; a story leaves the canvas at least half the height`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 800, height: 900 });
    await page.emulateMedia({ colorScheme: theme });
    await freshStart(page);
    const sim = page.getByTestId('sim-panel');
    const chartsInView = async () => {
      expect(await sim.evaluate((e) => e.scrollTop)).toBe(0);
      for (const id of CHARTS) expect(await wholeInside(page, page.getByTestId(id), sim), id).toBe(true);
    };
    await page.getByTestId('sim-ff').click();
    await expect(page.getByTestId('chart-spans')).toHaveAttribute('data-points', '60');
    await chartsInView();
    expect(await pageScrolls(page)).toBe(false);

    // A story (microservices: the legend takes two lines), with and without presenter view.
    await page.getByTestId('open-learn').click();
    await page.getByTestId('guided-start-rf3-survives-ingester').click();
    await expect(page.getByTestId('story-progress')).toContainText('Step 1 of');
    await page.keyboard.press('PageDown');
    await expect(page.getByTestId('story-progress')).toContainText('Step 2 of');
    for (const presenter of [false, true]) {
      if (presenter) await page.getByTestId('story-presenter').click();
      await expect(page.getByTestId('story-step-title')).toBeVisible();
      const flow = await box(page.locator('.react-flow'));
      expect(flow.height, `canvas height, presenter ${presenter}`).toBeGreaterThanOrEqual(450);
      // The step's title and its first line of text are on screen, not squeezed out.
      expect(await wholeInside(page, page.getByTestId('story-step-title'), page.getByTestId('story'))).toBe(
        true,
      );
      await expect(page.getByTestId('story-play')).toBeInViewport();
      await chartsInView();
      expect(await pageScrolls(page)).toBe(false);
      await expectNoAxeViolations(page);
    }
  });
}

async function pageScrolls(page: Page) {
  return page.evaluate(() => {
    const el = document.scrollingElement ?? document.documentElement;
    return el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
  });
}
