import { expect, expectNoAxeViolations, freshStart, test } from './fixtures';

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
