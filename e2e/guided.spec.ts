import { expect, expectNoAxeViolations, freshStart, test } from './fixtures';

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
  await expect(page.getByTestId('story-step-title')).toHaveClass(/text-4xl/);
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
