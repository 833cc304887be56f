import { expect, expectNoAxeViolations, freshStart, nodeIds, test } from './fixtures';

test('switching through the five version x mode pairs draws the right processes', async ({ page }) => {
  await freshStart(page);
  await page.getByTestId('version-2.10').click();
  await page.getByTestId('mode-monolithic').click();
  expect(await nodeIds(page)).toEqual(['client', 'grafana', 'object-storage', 'tempo-0']);
  await expect(page.getByTestId('node-tempo-0')).toContainText('-target=all');
  await expect(page.getByTestId('node-tempo-0')).toContainText('compactor');

  await page.getByTestId('mode-scalable-single-binary').click();
  expect(await nodeIds(page)).toEqual([
    'client',
    'grafana',
    'object-storage',
    'ring',
    'tempo-0',
    'tempo-1',
    'tempo-2',
  ]);
  await expect(page.getByTestId('node-tempo-1')).toContainText('-target=scalable-single-binary');

  await page.getByTestId('mode-microservices').click();
  const ids210 = await nodeIds(page);
  for (const id of [
    'distributor-0',
    'ingester-0',
    'ingester-2',
    'querier-0',
    'query-frontend-0',
    'compactor-0',
    'ring',
  ]) {
    expect(ids210).toContain(id);
  }
  expect(ids210).not.toContain('kafka');

  await page.getByTestId('version-3.0').click();
  const ids30 = await nodeIds(page);
  for (const id of ['kafka', 'block-builder-0', 'live-store-2', 'backend-scheduler-0', 'backend-worker-0']) {
    expect(ids30).toContain(id);
  }
  expect(ids30.some((id) => id.startsWith('ingester') || id.startsWith('compactor'))).toBe(false);

  await page.getByTestId('mode-monolithic').click();
  expect(await nodeIds(page)).toEqual(['client', 'grafana', 'object-storage', 'tempo-0']);
  await expect(page.getByTestId('node-tempo-0')).toContainText('live-store');

  await page.getByTestId('mode-scalable-single-binary').click();
  await expect(page.getByTestId('unsupported')).toContainText('removed');
  await page
    .getByTestId('unsupported')
    .getByRole('button', { name: /monolithic/i })
    .click();
  expect(await nodeIds(page)).toEqual(['client', 'grafana', 'object-storage', 'tempo-0']);
});

test('a dragged node keeps its position across a reload', async ({ page }) => {
  await freshStart(page);
  const node = page.locator('.react-flow__node[data-id="ingester-1"]');
  const before = await node.boundingBox();
  if (!before) throw new Error('no box');
  await page.mouse.move(before.x + before.width / 2, before.y + 10);
  await page.mouse.down();
  await page.mouse.move(before.x + before.width / 2 + 60, before.y + 130, { steps: 8 });
  await page.mouse.up();
  const transformAfterDrag = await node.evaluate((e) => (e as HTMLElement).style.transform);
  const moved = await node.boundingBox();
  expect(moved!.y - before.y).toBeGreaterThan(60);
  await page.reload();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.locator('.react-flow__node[data-id="ingester-1"]')).toHaveCSS(
    'transform',
    /matrix|translate/,
  );
  const transformAfterReload = await page
    .locator('.react-flow__node[data-id="ingester-1"]')
    .evaluate((e) => (e as HTMLElement).style.transform);
  expect(transformAfterReload).toBe(transformAfterDrag);
});

test('changing ingester replicas from 3 to 5 draws 5, undo brings back 3', async ({ page }) => {
  await freshStart(page);
  await page.getByTestId('version-2.10').click();
  await page.getByTestId('mode-microservices').click();
  const ingesters = page.locator('.react-flow__node[data-id^="ingester-"]');
  await expect(ingesters).toHaveCount(3);
  const field = page.getByTestId('replicas-ingester');
  await field.fill('5');
  await field.press('Enter');
  await expect(ingesters).toHaveCount(5);
  await expect(page.getByTestId('node-ingester-4')).toBeVisible();
  await page.getByTestId('undo').click();
  await expect(ingesters).toHaveCount(3);
  await expect(field).toHaveValue('3');
  await page.getByTestId('redo').click();
  await expect(ingesters).toHaveCount(5);
});

test('validation speaks Tempo: RF=3 with 2 ingesters', async ({ page }) => {
  await freshStart(page);
  await page.getByTestId('replicas-ingester').fill('2');
  await page.getByTestId('replicas-ingester').press('Enter');
  await expect(page.locator('[data-code="rf-exceeds-ingesters"]')).toContainText('replication_factor is 3');
});

test('3.0 backend-workers can be scaled to 0 (nothing compacts, and the validator says so); a distributor cannot', async ({
  page,
}) => {
  await freshStart(page);
  await page.getByTestId('version-3.0').click();
  const workers = page.locator('.react-flow__node[data-id^="backend-worker-"]');
  await expect(workers).not.toHaveCount(0);
  const field = page.getByTestId('replicas-backend-worker');
  await field.fill('0');
  await field.press('Enter');
  await expect(field).toHaveValue('0');
  await expect(workers).toHaveCount(0);
  await expect(page.locator('[data-code="no-backend-workers"]')).toContainText('backendWorker.replicas is 0');
  const distributors = page.getByTestId('replicas-distributor');
  await distributors.fill('0');
  await distributors.press('Enter');
  await expect(distributors).toHaveValue('1');
  await expect(page.getByTestId('replicas-distributor-note')).toContainText('minimum');
  await expectNoAxeViolations(page);
});

test('selecting a node opens the inspector with its config block and chart key (keyboard too)', async ({
  page,
}) => {
  await freshStart(page);
  await page.locator('.react-flow__node[data-id="ingester-0"]').click();
  const inspector = page.getByTestId('inspector');
  await expect(inspector).toContainText('ingester:');
  await expect(inspector).toContainText('ingester.replicas');
  await inspector.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByTestId('mode-guide')).toBeVisible();
  await page.locator('.react-flow__node[data-id="querier-0"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('inspector')).toContainText('max_concurrent_queries');
});

test('a corrupt saved state is reported and the app starts from defaults', async ({ page }) => {
  await page.goto('/');
  await page.evaluate(() => localStorage.setItem('tempo-playground:scenario', '{"schemaVersion":1,"mode":'));
  await page.reload();
  await expect(page.getByTestId('notice')).toContainText('corrupted');
  await expect(page.locator('.react-flow__node[data-id="ingester-0"]')).toBeVisible();
});

test('no accessibility violations in light and dark themes', async ({ page }) => {
  await freshStart(page);
  await expectNoAxeViolations(page);
  await page.locator('.react-flow__node[data-id="ingester-0"]').click();
  await expectNoAxeViolations(page);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoAxeViolations(page);
});
