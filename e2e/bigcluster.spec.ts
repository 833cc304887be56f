import { expect, expectNoAxeViolations, freshStart, test } from './fixtures';

test('every replica of a 500-process cluster: asked first, links bundled with their count, still simulating', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await freshStart(page);
  await page.getByTestId('toggle-config').click();
  await page.getByTestId('version-3.0').click();
  for (const kind of [
    'distributor',
    'live-store',
    'block-builder',
    'querier',
    'backend-worker',
    'query-frontend',
  ]) {
    const f = page.getByTestId(`replicas-${kind}`);
    await f.fill(kind === 'query-frontend' ? '72' : '85');
    await f.press('Enter');
  }
  const partitions = page.getByTestId('setting-partitions');
  await partitions.fill('85');
  await partitions.press('Enter');

  await page.getByTestId('every-replica').click();
  // Said before drawing everything.
  await expect(page.getByTestId('confirm-every-replica')).toContainText(/Draw all 5\d\d nodes\?/);
  expect(await page.locator('.react-flow__node').count()).toBeLessThan(40);
  await page.getByTestId('confirm-draw-all').click();
  await expect
    .poll(() => page.locator('.react-flow__node').count(), { timeout: 20_000 })
    .toBeGreaterThan(300);
  // Thousands of links, a few dozen edges: each bundle says how many links it stands for.
  expect(await page.locator('.react-flow__edge').count()).toBeLessThan(60);
  await expect(
    page.locator('.react-flow__edge-text', { hasText: /85→85 \(7225 links\)/ }).first(),
  ).toBeAttached();

  await page.getByTestId('sim-play').click();
  await expect
    .poll(async () => (await page.getByTestId('sim-time').textContent()) ?? '', { timeout: 20_000 })
    .toMatch(/t = 0:(0[3-9]|[1-5]\d)/);
  await page.getByTestId('sim-pause').click();
  await page.screenshot({ path: 'test-results/big-cluster-1280x720.png' });
  await expectNoAxeViolations(page);
});
