import { readFile } from 'node:fs/promises';
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
  // 35 MB/s: past what a 4 GiB monolith holds; 2.10 microservices hold it (at 50 MB/s each RF 3 ingester's
  // 15 minutes of flushed blocks would no longer fit the charts' 10 GiB volume).
  await freshStart(page);
  await page.getByTestId('mode-monolithic').click();
  await page.getByTestId('setting-rate-limit').fill('200');
  await page.getByTestId('setting-rate-limit').press('Enter');
  // ...and max_traces_per_user (10,000 live traces per ingester) would discard it: raised as an operator would.
  await page.getByTestId('setting-max-traces').fill('200000');
  await page.getByTestId('setting-max-traces').press('Enter');
  const slider = page.getByTestId('load-spansPerSecond');
  await slider.focus();
  while (
    Number(((await page.getByTestId('load-spansPerSecond-value').textContent()) ?? '').replace(/\D/g, '')) <
    70_000
  ) {
    await page.keyboard.press('ArrowRight');
  }
  await page.getByTestId('open-learn').click();
  await page.getByTestId('learn-tab-compare').click();
  await page.getByTestId('compare-source-deployment').check();
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

test('the migration plan: the guide as a checklist, both configs, the cut-over and a Markdown download', async ({
  page,
}) => {
  await freshStart(page);
  await page.getByTestId('open-learn').click();
  await page.getByTestId('learn-tab-migrate').click();
  const list = page.getByTestId('migration-checklist');
  await expect(list).toContainText('vParquet4');
  await expect(list).toContainText('compaction_disabled');
  await expect(list).toContainText('about 45 minutes');
  const first = list.getByRole('checkbox').first();
  await first.check();
  await expect(first).toBeChecked();
  await expect(page.getByTestId('migration-config-2.10')).toContainText('ingester:');
  await expect(page.getByTestId('migration-config-3.0')).toContainText('compaction_disabled: true');
  await page.getByTestId('migration-simulate').click();
  await expect(page.getByTestId('migration-cutover')).toContainText(/Spans lost on either side: 0\b/);
  const download = page.waitForEvent('download');
  await page.getByTestId('migration-markdown').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('tempo-migration-microservices.md');
  const text = await readFile((await file.path()) ?? '', 'utf8');
  expect(text).toMatch(/^# Migrating ".*" from Tempo 2\.10 to 3\.0/);
  expect(text).toContain('- [ ] **Blocks are vParquet4 or later.**');
  expect(text).toContain('## Simulated cut-over');
  expect((text.match(/```yaml/g) ?? []).length).toBe(2);
  await expectNoAxeViolations(page);
});
