import { expect, expectNoAxeViolations, freshStart, nodeIds, test } from './fixtures';

test('plan a 3.0 cluster in two zones, open it on the canvas, reload: it is still there, and its share link opens it', async ({
  page,
  context,
  browser,
}) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await freshStart(page);
  await page.getByTestId('open-learn').click();
  await page.getByTestId('learn-tab-plan').click();
  await page.getByTestId('plan-sps').fill('40000');
  await page.getByTestId('plan-version').selectOption('3.0');
  await page.getByTestId('plan-mode').selectOption('microservices');
  await page.getByLabel('Live-store zones (3.0)').selectOption('2');
  await page.getByTestId('plan-run').click();
  const card = page.getByTestId('plan-mode-microservices');
  await expect(card).toBeVisible({ timeout: 60_000 });
  await expect(card.getByTestId('plan-totals')).toContainText(
    /cores, .* pods; volumes .*; object storage .* Monthly cost/,
  );
  await expect(card).toContainText('Tempo v3.0.3 docs, "Size the cluster"');
  // The published range and floor beside the answer, and what sized it.
  await expect(card.getByTestId('plan-row-querier')).toContainText(/memory 4-20 GB \(floor 0\.5 CPU, 4 GB\)/);
  await expect(card.getByTestId('plan-row-querier')).toContainText(/the read load: .* p99 /);
  await expect(card.getByTestId('plan-row-live-store')).toContainText(/volume [0-9]+ GiB/);
  await expect(card.getByTestId('plan-outage')).toContainText(
    /Outage run [0-9]+: 2 h without object storage/,
  );
  await expect(card).toContainText('0 spans lost through a 1.5x spike and the loss of');
  await expectNoAxeViolations(page);

  await page.getByTestId('plan-open-microservices').click();
  await expect(page.getByTestId('learn-dialog')).toBeHidden();
  await expect(page.getByTestId('version-3.0')).toHaveAttribute('aria-pressed', 'true');
  const ids = await nodeIds(page);
  expect(ids).toContain('kafka');
  expect(ids.some((id) => id.includes('live-store'))).toBe(true);
  await expect(page.getByTestId('validation')).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.getByTestId('version-3.0')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(() => nodeIds(page)).toEqual(ids);
  await expect(page.getByTestId('notice')).toHaveCount(0);

  await page.getByTestId('share-link').click();
  await expect(page.getByTestId('notice').last()).toContainText('Share link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const other = await browser.newContext();
  const p2 = await other.newPage();
  await p2.goto(link);
  await expect(p2.getByTestId('canvas')).toBeVisible();
  await expect.poll(() => nodeIds(p2)).toEqual(ids);
  await other.close();
});

test('planning can be cancelled; the inputs say what is out of range', async ({ page }) => {
  await freshStart(page);
  await page.getByTestId('open-learn').click();
  await page.getByTestId('learn-tab-plan').click();
  await page.getByTestId('plan-sps').fill('400000');
  await page.getByTestId('plan-version').selectOption('2.10');
  await page.getByTestId('plan-run').click();
  await expect(page.getByTestId('plan-cancel')).toBeEnabled();
  await page.getByTestId('plan-cancel').click();
  await expect(page.getByTestId('plan-message')).toHaveText('Planning was cancelled.');
  await expect(page.getByTestId('plan-run')).toBeEnabled();
  await page.getByTestId('plan-head').fill('99');
  await expect(page.getByTestId('plan-input-error')).toContainText('headroom');
  await expect(page.getByTestId('plan-run')).toBeDisabled();
});

test('a field that is empty or not a number (0x10) says so and keeps Plan disabled, as the CLI would refuse it', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await freshStart(page);
  await page.getByTestId('open-learn').click();
  await page.getByTestId('learn-tab-plan').click();
  await expect(page.getByTestId('plan-run')).toBeEnabled();
  await page.getByTestId('plan-sps').fill('');
  await expect(page.getByTestId('plan-input-error')).toHaveText(
    'spans per second is empty: enter a number from 1 to 20,000,000',
  );
  await expect(page.getByTestId('plan-run')).toBeDisabled();
  await expect(page.getByTestId('plan-sps')).toHaveAttribute('aria-invalid', 'true');
  await page.getByTestId('plan-sps').fill('20000');
  await expect(page.getByTestId('plan-run')).toBeEnabled();
  await page.getByTestId('plan-qps').fill('0x10');
  await expect(page.getByTestId('plan-input-error')).toContainText(
    'queries per second must be a number from 0 to 10,000',
  );
  await expect(page.getByTestId('plan-run')).toBeDisabled();
  await page.screenshot({ path: 'test-results/planner-field-error-1280x720.png' });
  await expectNoAxeViolations(page);
  await page.getByTestId('plan-qps').fill('0.5');
  await expect(page.getByTestId('plan-input-error')).toHaveCount(0);
  await expect(page.getByTestId('plan-run')).toBeEnabled();
});

test('a monolith at 10 MB/s is sized, with the loss it cannot survive said plainly; floors can be lowered', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await freshStart(page);
  await page.getByTestId('open-learn').click();
  await page.getByTestId('learn-tab-plan').click();
  await page.getByTestId('plan-sps').fill('20000');
  await page.getByTestId('plan-version').selectOption('3.0');
  await page.getByTestId('plan-mode').selectOption('monolithic');
  await page.getByTestId('plan-run').click();
  const card = page.getByTestId('plan-mode-monolithic');
  await expect(card.getByTestId('plan-totals')).toBeVisible({ timeout: 60_000 });
  await expect(card.getByTestId('plan-caveat')).toContainText(
    /cannot survive the loss of its one process: .* lost [0-9]+ spans/,
  );
  await expect(card.getByTestId('plan-row-tempo')).toContainText('Ours: 2 CPU / 4 GiB');
  await expectNoAxeViolations(page);
  await page.getByLabel('Trust the simulation below published floors').check();
  await page.getByTestId('plan-mode').selectOption('microservices');
  await page.getByTestId('plan-run').click();
  const ms = page.getByTestId('plan-mode-microservices');
  await expect(ms.getByTestId('plan-totals')).toBeVisible({ timeout: 60_000 });
  await expect(ms).toContainText(/below the published 4-20 GB/);
});

test('the load in MB/s or GB/s: converts through the span size, refuses past 20 M spans/s, and the plan, its text and its share link say MB/s', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await freshStart(page);
  await page.getByTestId('open-learn').click();
  await page.getByTestId('learn-tab-plan').click();
  const load = page.getByTestId('plan-sps');
  const unit = page.getByTestId('plan-load-unit');
  // 20,000 spans/s of 500 B is 10 MB/s.
  await unit.selectOption('MB/s');
  await expect(load).toHaveValue('10');
  await load.fill('5');
  await expect(page.getByTestId('plan-load-note')).toContainText('5 MB/s (10,000 spans/s of 500 B)');
  // A smaller span: the same MB/s are more spans.
  await page.getByTestId('plan-size').fill('250');
  await expect(page.getByTestId('plan-load-note')).toContainText('5 MB/s (20,000 spans/s of 250 B)');
  await unit.selectOption('GB/s');
  await expect(load).toHaveValue('0.005');
  await load.fill('20');
  await expect(page.getByTestId('plan-load-error')).toHaveText(
    '20 GB/s of 250 B spans is 80,000,000 spans/s; the planner takes 1 to 20,000,000 spans/s (at most 5 GB/s at this span size)',
  );
  await expect(page.getByTestId('plan-run')).toBeDisabled();
  await load.fill('0.005');
  await unit.selectOption('MB/s');
  await expect(load).toHaveValue('5');
  await expectNoAxeViolations(page);

  await page.getByTestId('plan-version').selectOption('2.10');
  await page.getByTestId('plan-mode').selectOption('monolithic');
  await page.getByTestId('plan-run').click();
  await expect(page.getByTestId('plan-mode-monolithic').getByTestId('plan-totals')).toBeVisible({
    timeout: 60_000,
  });
  await expect(page.getByTestId('plan-heading')).toHaveText('5 MB/s (20,000 spans/s of 250 B) on Tempo 2.10');
  await expect(page.getByTestId('plan-entered')).toHaveText('Load entered as MB/s.');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('plan-download').click(),
  ]);
  const { readFileSync } = await import('node:fs');
  const text = readFileSync((await download.path()) ?? '', 'utf8');
  expect(text).toMatch(/^Plan for 5 MB\/s \(20,000 spans\/s of 250 B\), entered as MB\/s; retention 336 h/);
  expect(text).toContain('== Tempo 2.10 monolithic ==');
  await expectNoAxeViolations(page);

  await page.getByTestId('plan-open-monolithic').click();
  await page.getByTestId('share-link').click();
  await expect(page.getByTestId('notice').last()).toContainText('Share link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const { scenarioFromLinkText } = await import('../src/share/link');
  const shared = scenarioFromLinkText(link);
  expect(shared.ok && shared.scenario.name).toBe(
    'Planned: Tempo 2.10 monolithic for 5 MB/s (20,000 spans/s of 250 B)',
  );
  expect(shared.ok && shared.scenario.load.spansPerSecond).toBe(20_000);
});
