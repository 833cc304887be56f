import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, freshStart, test } from './fixtures';

const BIG = new URL('./fixtures/big-zone-outage.story.yaml', import.meta.url).pathname;

test('presenter view at 1280x720: the story docks beside the graph, the named node is in view and highlighted, controls the story owns are locked', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await freshStart(page);
  await page.getByTestId('open-learn').click();
  await page.getByTestId('guided-start-monolith-runs-hot').click();
  await page.getByTestId('story-presenter').click();
  await page.getByTestId('story-next').click();
  await expect(page.getByTestId('story-step-title')).toHaveText('Traffic quadruples');

  // The named node is highlighted, fully inside the canvas, and not under the story text.
  const node = page.locator('.react-flow__node[data-id="tempo-0"]');
  await expect(node).toHaveClass(/tp-focus/);
  // Its edges are highlighted with it: the write path in and the flush out.
  const lit = page.locator('.react-flow__edge.tp-edge-focus');
  await expect(lit.first()).toBeVisible();
  expect(await lit.count()).toBeGreaterThanOrEqual(2);
  for (const id of await lit.evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? e.id)))
    expect(id).toContain('tempo-0');
  const canvas = (await page.locator('.react-flow').boundingBox())!;
  const story = (await page.getByTestId('story').boundingBox())!;
  await expect
    .poll(async () => {
      const b = (await node.boundingBox())!;
      return (
        b.x >= canvas.x &&
        b.y >= canvas.y &&
        b.x + b.width <= canvas.x + canvas.width &&
        b.y + b.height <= canvas.y + canvas.height &&
        (b.x + b.width <= story.x || b.y + b.height <= story.y) &&
        b.width > 200 // zoomed to: drawn at least near its natural size
      );
    })
    .toBe(true);
  // Play is on screen, not covered.
  await expect(page.getByTestId('story-play')).toBeInViewport();

  // The sliders show the story's live traffic (20 MB/s = 40,000 spans/s of 500 B), locked with the reason.
  await expect(page.getByTestId('load-spansPerSecond-value')).toHaveText('40,000 spans/s');
  await expect(page.getByTestId('load-spansPerSecond')).toBeDisabled();
  await expect(page.getByTestId('load-locked')).toContainText('the story sets the traffic');

  // One clock: the story and the simulation say the same time.
  await expect(page.getByTestId('story-progress')).toContainText('t = 1:00');
  await expect(page.getByTestId('sim-time')).toHaveText('t = 1:00');

  // A step back as well as forward.
  await page.getByTestId('story-next').click();
  await expect(page.getByTestId('story-step-title')).toHaveText('Past what one process holds');
  await page.getByTestId('story-back').click();
  await expect(page.getByTestId('story-step-title')).toHaveText('Traffic quadruples');
  await expect(page.getByTestId('sim-time')).toHaveText('t = 1:00');
  await expect(page.getByTestId('chart-spans')).toHaveAttribute('data-points', '60');

  await page.screenshot({ path: 'test-results/story-step-1280x720.png' });
  await expectNoAxeViolations(page);

  await page.getByTestId('story-exit').click();
  await expect(page.getByTestId('load-spansPerSecond')).toBeEnabled();
  await expect(node).not.toHaveClass(/tp-focus/);
});

test('presenter controls: clicker keys, jump to a step, Space plays and pauses, Play stops at each step, one Play, Ctrl+Z asks, a reload keeps the story', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await freshStart(page);
  await page.getByTestId('open-learn').click();
  await page.getByTestId('guided-start-rf3-survives-ingester').click();
  await page.getByTestId('story-presenter').click();
  const title = page.getByTestId('story-step-title');
  const progress = page.getByTestId('story-progress');
  await expect(title).toHaveText('Three copies of every trace');

  // What a clicker sends: PageDown / PageUp, and the arrow keys.
  await page.keyboard.press('PageDown');
  await expect(title).toHaveText('Kill ingester-1');
  await expect(progress).toContainText('t = 1:00');
  await page.keyboard.press('ArrowRight');
  await expect(title).toHaveText('Writes carry on');
  await page.keyboard.press('PageUp');
  await expect(title).toHaveText('Kill ingester-1');
  await expect(progress).toContainText('t = 1:00');
  await page.keyboard.press('ArrowDown');
  await expect(title).toHaveText('Writes carry on');
  await page.keyboard.press('ArrowLeft');
  await expect(title).toHaveText('Kill ingester-1');

  // A list of the steps to jump to, forward and back.
  const jump = page.getByTestId('story-jump');
  await expect(jump.locator('option')).toHaveCount(5);
  await jump.selectOption({ index: 3 });
  await expect(title).toHaveText('Back in the ring');
  await expect(progress).toContainText('t = 2:00');
  await jump.selectOption({ index: 0 });
  await expect(title).toHaveText('Three copies of every trace');
  await expect(progress).toContainText('t = 0:00');

  // One Play on screen: the transport's own is gone while the story owns the clock.
  await expect(page.getByTestId('sim-play')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toHaveCount(1);

  // Space on the focused "Next step" button plays and pauses; it does not press "Next step" again.
  await page.getByTestId('sim-speed').selectOption('1');
  await page.getByTestId('story-next').click();
  await page.getByTestId('story-next').click();
  await expect(title).toHaveText('Writes carry on');
  await expect(page.getByTestId('story-next')).toBeFocused();
  await page.keyboard.press(' ');
  await expect(page.getByTestId('story-pause')).toBeVisible();
  await page.keyboard.press(' ');
  await expect(page.getByTestId('story-play')).toBeVisible();
  await expect(title).toHaveText('Writes carry on');

  // Play runs the step and stops where the next one begins, to the second.
  await page.getByTestId('sim-speed').selectOption('60');
  await page.getByTestId('story-play').click();
  await expect(title).toHaveText('Back in the ring');
  await expect(page.getByTestId('story-play')).toBeVisible();
  await expect(progress).toContainText('t = 2:00');
  await expect(page.getByTestId('sim-time')).toHaveText('t = 2:00');

  // A reload comes back to the same story, step and presenter view.
  await page.reload();
  await expect(title).toHaveText('Back in the ring');
  await expect(progress).toContainText('t = 2:00');
  await expect(page.getByTestId('story-presenter')).toHaveAttribute('aria-pressed', 'true');

  // Ctrl+Z during a story asks before leaving it.
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('notice')).toContainText('Undo would end the story');
  await expect(page.getByTestId('story')).toBeVisible();
  await expect(title).toHaveText('Back in the ring');
  await page.getByTestId('confirm-leave-story').click();
  await expect(page.getByTestId('story')).toBeHidden();
  await expect(page.getByTestId('sim-play')).toBeVisible();
});

test('presenter view: no minimap and no notice over a node; repeated notices are one; notices never cover the legend', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await freshStart(page);
  // Outside a story the notice sits at the top of the canvas, clear of the legend at its foot.
  await page.getByTestId('open-learn').click();
  await page.getByTestId('guided-start-monolith-runs-hot').click();
  const legend = (await page.getByTestId('edge-legend').boundingBox())!;
  const notice = page.getByTestId('notice');
  await expect(notice).toHaveCount(1);
  const nb = (await notice.boundingBox())!;
  expect(nb.y + nb.height <= legend.y || nb.y >= legend.y + legend.height).toBe(true);

  // The same notice three times is one notice.
  await page.getByTestId('story-replay').click();
  await page.getByTestId('story-replay').click();
  await expect(page.getByTestId('notice').filter({ hasText: 'Guided scenario' })).toHaveCount(1);
  await page.getByTestId('story-presenter').click();
  await page.getByTestId('story-next').click();
  await page.getByTestId('story-next').click();
  await expect(page.locator('.react-flow__minimap')).toHaveCount(0);
  // Every notice is docked in the story panel, none over the graph.
  const story = page.getByTestId('story');
  await expect(story.getByTestId('notice')).toHaveCount(await page.getByTestId('notice').count());
  const covered = await page.evaluate(() => {
    const boxes = [...document.querySelectorAll('[data-testid="notice"], .react-flow__minimap')].map((e) =>
      e.getBoundingClientRect(),
    );
    const hit: string[] = [];
    for (const n of document.querySelectorAll('.react-flow__node')) {
      const r = n.getBoundingClientRect();
      for (const b of boxes)
        if (r.left < b.right && b.left < r.right && r.top < b.bottom && b.top < r.bottom)
          hit.push(n.getAttribute('data-id') ?? '?');
    }
    return hit;
  });
  expect(covered).toEqual([]);
  // The step's events are in view, in large type.
  await expect(page.getByTestId('story-events')).toBeInViewport();
  // Node names a room can read: at least 14 px on screen for every node in view (6 px fitted, before).
  const smallest = () =>
    page.evaluate(() => {
      const canvas = document.querySelector('.react-flow')!.getBoundingClientRect();
      const viewport = document.querySelector('.react-flow__viewport')!;
      const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
      let min = Number.POSITIVE_INFINITY;
      for (const n of document.querySelectorAll('.react-flow__node')) {
        const b = n.getBoundingClientRect();
        const x = b.left + b.width / 2;
        const y = b.top + b.height / 2;
        if (x < canvas.left || x > canvas.right || y < canvas.top || y > canvas.bottom) continue;
        const name = n.querySelector('.font-semibold');
        if (name) min = Math.min(min, Number.parseFloat(getComputedStyle(name).fontSize) * zoom);
      }
      return min;
    });
  // The zoom to the step's node animates: polled until it lands.
  await expect.poll(smallest).toBeGreaterThanOrEqual(14);
  expect(await smallest()).toBeLessThan(100);
  await page.screenshot({ path: 'test-results/presenter-notices-1280x720.png' });
  await expectNoAxeViolations(page);
});

/**
 * The smallest node name on screen (font size x zoom) over every node drawn, and whether each node lies
 * wholly inside the canvas: in the focus view the whole graph drawn is the step's part.
 */
function namesOnScreen(page: Page) {
  return page.evaluate(() => {
    const canvas = document.querySelector('.react-flow')!.getBoundingClientRect();
    const viewport = document.querySelector('.react-flow__viewport')!;
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    let smallest = Number.POSITIVE_INFINITY;
    const outside: string[] = [];
    for (const n of document.querySelectorAll('.react-flow__node')) {
      const b = n.getBoundingClientRect();
      if (
        b.left < canvas.left - 1 ||
        b.right > canvas.right + 1 ||
        b.top < canvas.top - 1 ||
        b.bottom > canvas.bottom + 1
      )
        outside.push(n.getAttribute('data-id') ?? '?');
      const name = n.querySelector('.font-semibold');
      if (name) smallest = Math.min(smallest, Number.parseFloat(getComputedStyle(name).fontSize) * zoom);
    }
    return { smallest, outside, nodes: document.querySelectorAll('.react-flow__node').length };
  });
}

test('presenter focus at 1280x720 on the largest clusters: the step’s part drawn with names of 14 px or more, the rest counted, light and dark', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await freshStart(page);
  // The largest built-in cluster (23 nodes drawn, 6 live-stores in two zones).
  await page.getByTestId('open-learn').click();
  await page.getByTestId('guided-start-live-store-zone-outage').click();
  await page.getByTestId('story-presenter').click();
  await page.getByTestId('story-next').click();
  await expect(page.getByTestId('story-step-title')).toHaveText('Zone A goes down');
  await expect(page.getByTestId('story-focus')).toHaveAttribute('aria-pressed', 'true');
  // Zone A's three live-stores, highlighted as one node; Kafka, the queriers, the ring and zone B beside them.
  const zoneA = page.locator('.react-flow__node[data-id="lens:named:live-store"]');
  await expect(zoneA).toHaveClass(/tp-focus/);
  await expect(zoneA).toContainText('live-store-0–2');
  await expect(zoneA.getByTestId('status')).toHaveText('down (3/3)');
  await expect(page.locator('.react-flow__node[data-id="lens:others:live-store"]')).toContainText(
    'the other 3',
  );
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  await expect(page.getByTestId('lens-rest')).toHaveText(
    'Not drawn: Instrumented apps, Grafana, distributor ×2, query-frontend ×2, block-builder ×3, Object storage, backend-scheduler, backend-worker ×2',
  );
  // Every node wholly in view with its name at 14 px or more (the view animates to its fit: polled).
  await expect.poll(async () => (await namesOnScreen(page)).outside).toEqual([]);
  await expect.poll(async () => (await namesOnScreen(page)).smallest).toBeGreaterThanOrEqual(14);
  await page.screenshot({ path: 'test-results/presenter-focus-light-1280x720.png' });
  await expectNoAxeViolations(page);
  await page.locator('#theme-select').selectOption('dark');
  await expect(page.locator('html')).toHaveClass(/dark/);
  expect((await namesOnScreen(page)).smallest).toBeGreaterThanOrEqual(14);
  await page.screenshot({ path: 'test-results/presenter-focus-dark-1280x720.png' });
  await expectNoAxeViolations(page);

  // Focus off: the whole graph again, and nothing said about what is not drawn.
  await page.getByTestId('story-focus').click();
  await expect(page.getByTestId('story-focus')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('.react-flow__node')).toHaveCount(23);
  await expect(page.getByTestId('lens-rest')).toHaveCount(0);
  await page.getByTestId('story-focus').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(5);
  await page.getByTestId('story-exit').click();
  await expect(page.locator('.react-flow__node')).toHaveCount(23);

  // A cluster of 149 processes from a story file: 24 of its 48 live-stores named by the zone outage.
  await page.getByTestId('open-learn').click();
  await page.getByTestId('story-open-file').setInputFiles(BIG);
  await expect(page.getByTestId('story-step-title')).toHaveText('Forty-eight live-stores');
  await page.getByTestId('story-presenter').click();
  await page.getByTestId('story-next').click();
  await expect(page.getByTestId('story-step-title')).toHaveText('Zone A goes down');
  await expect(zoneA).toContainText('live-store-0–23');
  await expect(zoneA.locator('span', { hasText: '×24' })).toBeVisible();
  await expect(page.getByTestId('lens-rest')).toContainText('distributor ×20');
  await expect.poll(async () => (await namesOnScreen(page)).outside).toEqual([]);
  await expect.poll(async () => (await namesOnScreen(page)).smallest).toBeGreaterThanOrEqual(14);
  await page.screenshot({ path: 'test-results/presenter-focus-big-dark-1280x720.png' });
  await expectNoAxeViolations(page);
});
