import { expect, expectNoAxeViolations, freshStart, nodeIds, test } from './fixtures';

test('the recommender answers and its scenario opens on the canvas', async ({ page }) => {
  await freshStart(page);
  await page.getByTestId('open-learn').click();
  await page.getByTestId('learn-tab-recommend').click();
  await page.getByTestId('rec-throughput').fill('200');
  await page.getByTestId('rec-version').selectOption('3.0');
  await page.getByTestId('rec-ops').selectOption('high');
  await expect(page.getByTestId('rec-result')).toContainText('Tempo 3.0, microservices');
  await expectNoAxeViolations(page);
  await page.getByTestId('rec-open').click();
  await expect(page.getByTestId('learn-dialog')).toBeHidden();
  await expect(page.getByTestId('version-3.0')).toHaveAttribute('aria-pressed', 'true');
  const ids = await nodeIds(page);
  expect(ids).toContain('kafka');
  expect(ids.some((id) => id.includes('block-builder'))).toBe(true);
  await expect(page.getByTestId('validation')).toHaveCount(0);
});

test('side by side: a monolith loses spans where microservices do not, under the same load', async ({
  page,
}) => {
  await freshStart(page);
  await page.getByTestId('mode-monolithic').click();
  await page.getByTestId('setting-rate-limit').fill('200');
  await page.getByTestId('setting-rate-limit').press('Enter');
  const slider = page.getByTestId('load-spansPerSecond');
  await slider.focus();
  while (
    Number(((await page.getByTestId('load-spansPerSecond-value').textContent()) ?? '').replace(/\D/g, '')) <
    100_000
  ) {
    await page.keyboard.press('ArrowRight');
  }
  await page.getByTestId('open-learn').click();
  await page.getByTestId('learn-tab-compare').click();
  await page.getByTestId('compare-alt').selectOption('microservices');
  await page.getByTestId('compare-run').click();
  const lost = page.getByTestId('compare-lost');
  await expect(lost).toHaveCount(2);
  const count = async (i: number) => Number(((await lost.nth(i).textContent()) ?? '').replace(/\D/g, ''));
  expect(await count(0)).toBeGreaterThan(0);
  expect(await count(1)).toBe(0);
  await expect(page.getByTestId('compare-column').first()).toContainText('OOM kills');
  // Both charts on one y-scale, so the two runs compare at a glance.
  const charts = page.getByTestId('compare-chart');
  await expect(charts).toHaveCount(2);
  const top = await charts.nth(0).getAttribute('data-y-max');
  expect(Number(top)).toBeGreaterThan(0);
  await expect(charts.nth(1)).toHaveAttribute('data-y-max', top ?? '');
});

test('the migration view lists what disappears and opens the 3.0 equivalent', async ({ page }) => {
  await freshStart(page);
  await page.getByTestId('open-learn').click();
  await page.getByTestId('learn-tab-migrate').click();
  const view = page.getByTestId('migration');
  await expect(view.getByRole('region', { name: 'Disappears', exact: true })).toContainText(/ingester/i);
  await expect(view.getByRole('region', { name: 'Appears', exact: true })).toContainText(/kafka/i);
  await page.getByTestId('migration-open').click();
  await expect(page.getByTestId('version-3.0')).toHaveAttribute('aria-pressed', 'true');
  expect(await nodeIds(page)).toContain('kafka');
});
