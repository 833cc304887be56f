import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { storiesFromFiles } from '../src/training/storySet';
import { expect, expectNoAxeViolations, freshStart, test } from './fixtures';

// The built-in story files, read from disk as the app's bundler reads them.
const storyDir = join(process.cwd(), 'src', 'training', 'stories');
const GUIDED_SCENARIOS = storiesFromFiles(
  Object.fromEntries(
    readdirSync(storyDir)
      .filter((f) => f.endsWith('.story.yaml'))
      .map((f) => [`./stories/${f}`, readFileSync(join(storyDir, f), 'utf8')]),
  ),
);

test('a guided scenario runs start to end: the monolith runs hot', async ({ page }) => {
  await freshStart(page);
  await page.getByTestId('open-learn').click();
  await page.getByTestId('guided-start-monolith-runs-hot').click();
  const story = page.getByTestId('story');
  await expect(story).toBeVisible();
  await expect(page.getByTestId('story-progress')).toContainText('Step 1 of');
  await expect(page.getByTestId('version-2.10')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('mode-monolithic')).toHaveAttribute('aria-pressed', 'true');
  const titles = new Set<string>();
  for (let i = 0; i < 20 && !(await page.getByTestId('story-done').isVisible()); i++) {
    titles.add((await page.getByTestId('story-step-title').textContent()) ?? '');
    await page.getByTestId('story-next').click();
  }
  await expect(page.getByTestId('story-done')).toBeVisible();
  expect(titles.size).toBeGreaterThan(2);
  await expect(page.getByTestId('event-log').locator('[data-kind="oom-kill"]').first()).toContainText(
    'tempo-0',
  );
  expect(
    Number(((await page.getByTestId('spans-lost').textContent()) ?? '').replace(/\D/g, '')),
  ).toBeGreaterThan(0);
  await page.getByTestId('story-presenter').click();
  await expect(page.getByTestId('story-step-title')).toHaveClass(/text-3xl/);
  await expectNoAxeViolations(page);
  await page.getByTestId('story-exit').click();
  await expect(story).toBeHidden();
});

test('a replayed story gives the same figures (deterministic for a training room)', async ({ page }) => {
  await freshStart(page);
  const runOnce = async () => {
    await page.getByTestId('open-learn').click();
    await page.getByTestId('guided-start-rf3-survives-ingester').click();
    for (let i = 0; i < 20 && !(await page.getByTestId('story-done').isVisible()); i++) {
      await page.getByTestId('story-next').click();
    }
    return page.getByTestId('sim-totals').textContent();
  };
  const first = await runOnce();
  await page.getByTestId('story-exit').click();
  const second = await runOnce();
  expect(second).toBe(first);
  expect(first).toContain('Lost spans0');
});

/** Dismiss whatever notices are up (some may fade on their own meanwhile: that is a dismissal too). */
async function dismissNotices(page: Page) {
  const buttons = page.getByTestId('notice').getByRole('button', { name: 'Dismiss' });
  for (let n = await buttons.count(); n > 0; n = await buttons.count())
    await buttons
      .first()
      .click({ timeout: 2000 })
      .catch(() => undefined);
}

for (const g of GUIDED_SCENARIOS) {
  test(`every step of "${g.title}" in and out of presenter view, notices dismissed on the way`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: 1280, height: 720 });
    await freshStart(page);
    await page.getByTestId('open-learn').click();
    await page.getByTestId(`guided-start-${g.id}`).click();
    const story = page.getByTestId('story');
    const progress = page.getByTestId('story-progress');
    await expect(progress).toContainText(`Step 1 of ${g.steps.length}`);
    // The start notice is dismissed: the story goes on (it used to close itself here).
    await expect(page.getByTestId('notice').first()).toContainText(g.title);
    await dismissNotices(page);
    await expect(story).toBeVisible();
    await expect(progress).toContainText('t = 0:00');
    for (let i = 1; i < g.steps.length; i++) {
      // Half the steps in presenter view, half out of it.
      if (i === Math.ceil(g.steps.length / 2)) await page.getByTestId('story-presenter').click();
      await page.getByTestId('story-next').click();
      const step = g.steps[i]!;
      await expect(page.getByTestId('story-step-title')).toHaveText(step.title);
      await expect(progress).toContainText(`Step ${i + 1} of ${g.steps.length}`);
      await expect(progress).toContainText(`t = ${clock(step.at)}`);
      await dismissNotices(page);
      await expect(story).toBeVisible();
    }
    await expect(page.getByTestId('story-presenter')).toHaveAttribute('aria-pressed', 'true');
    await page.getByTestId('story-next').click();
    await expect(page.getByTestId('story-done')).toBeVisible();
    await expect(progress).toContainText(`t = ${clock(g.durationSeconds)}`);
    await dismissNotices(page);
    // Out of presenter view at the end: still the story, at its end.
    await page.getByTestId('story-presenter').click();
    await expect(page.getByTestId('story-done')).toBeVisible();
    await expect(page.getByTestId('story-step-title')).toHaveText(g.steps[g.steps.length - 1]!.title);
    await expect(page.getByTestId('sim-time')).toHaveText(`t = ${clock(g.durationSeconds)}`);
    // Only an exit ends it.
    await page.getByTestId('story-exit').click();
    await expect(story).toBeHidden();
  });
}

/** m:ss (h:mm:ss from an hour) as the app writes story time. */
function clock(seconds: number): string {
  const pad = (x: number) => String(x).padStart(2, '0');
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return h > 0 ? `${h}:${pad(m)}:${pad(seconds % 60)}` : `${m}:${pad(seconds % 60)}`;
}

test('the Learn panel names each story on its Start button for screen readers', async ({ page }) => {
  await freshStart(page);
  await page.getByTestId('open-learn').click();
  for (const g of GUIDED_SCENARIOS)
    await expect(page.getByRole('button', { name: `Start ${g.title}`, exact: true })).toHaveCount(1);
});
