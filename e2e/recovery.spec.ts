import { expect, expectNoAxeViolations, freshStart, test } from './fixtures';

test('Configure: volumes, Kafka retention and block timings, each with its key; the export follows', async ({
  page,
}, info) => {
  await freshStart(page);
  // The default scenario: 2.10 microservices; ingesters have the charts' 10 GiB volume.
  const volume = page.getByTestId('setting-volume-ingester');
  await volume.scrollIntoViewIfNeeded();
  await expect(volume).toHaveValue('10');
  await expect(page.getByText('ingester.persistence.size')).toBeVisible();
  await expect(page.getByText('ingester.complete_block_timeout')).toBeVisible();
  await volume.fill('50');
  await volume.press('Enter');
  await expect(volume).toHaveValue('50');
  const timeout = page.getByTestId('setting-complete-block-timeout');
  await expect(timeout).toHaveValue('900');
  await timeout.fill('1800');
  await timeout.press('Enter');
  await expect(timeout).toHaveValue('1800');
  await page.getByTestId('undo').click();
  await expect(timeout).toHaveValue('900');
  await page.screenshot({ path: info.outputPath('recovery-panel.png') });
  await expectNoAxeViolations(page);
});

test('Configure: per-tenant limits and search windows under their keys; the export and the totals follow', async ({
  page,
}, info) => {
  await freshStart(page);
  // 2.10 microservices: max_traces_per_user is checked by each ingester (10,000 by default).
  const maxTraces = page.getByTestId('setting-max-traces');
  await maxTraces.scrollIntoViewIfNeeded();
  await expect(maxTraces).toHaveValue('10000');
  await expect(page.getByText('overrides.defaults.ingestion.max_traces_per_user')).toBeVisible();
  await expect(page.getByText('query_frontend.search.query_ingesters_until')).toBeVisible();
  await page.screenshot({ path: info.outputPath('limits-panel.png') });
  await expectNoAxeViolations(page);
  await maxTraces.fill('2000');
  await maxTraces.press('Enter');
  await expect(maxTraces).toHaveValue('2000');
  await page.getByTestId('open-export').click();
  await expect(page.getByTestId('export-text-tempo')).toContainText('max_traces_per_user: 2000');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('export-dialog')).toBeHidden();
  // 2,000 live traces per ingester is under what the default load holds: Tempo discards, and says why.
  await page.getByTestId('sim-speed').selectOption('60');
  await page.getByTestId('sim-play').click();
  await expect(page.getByTestId('discarded-live_traces_exceeded')).toBeVisible({ timeout: 30_000 });
  await expect(
    page.getByTestId('event-log').locator('[data-kind="live-traces-exceeded"]').first(),
  ).toContainText('LIVE_TRACES_EXCEEDED');
  await page.getByTestId('sim-pause').click();
});
