import { expect, freshStart, test } from './fixtures';

/** Drag the spans/s slider to a value with the keyboard, like a user would. */
async function setSpansPerSecond(page: import('@playwright/test').Page, atLeast: number) {
  const slider = page.getByTestId('load-spansPerSecond');
  await slider.focus();
  for (let i = 0; i < 400; i++) {
    const text = (await page.getByTestId('load-spansPerSecond-value').textContent()) ?? '';
    const value = Number(text.replace(/[^0-9]/g, ''));
    if (value >= atLeast) return value;
    await page.keyboard.press('ArrowRight');
  }
  throw new Error('slider did not reach the value');
}

const lost = async (page: import('@playwright/test').Page) =>
  Number(((await page.getByTestId('spans-lost').textContent()) ?? '').replace(/[^0-9]/g, ''));

test('a monolith pushed hard is OOM-killed, shows it, and loses spans', async ({ page }) => {
  await freshStart(page);
  await page.getByTestId('version-2.10').click();
  await page.getByTestId('mode-monolithic').click();
  // Tempo's default limit (15 MB/s per distributor) would refuse most of this load before it hurts.
  await page.getByTestId('setting-rate-limit').fill('200');
  await page.getByTestId('setting-rate-limit').press('Enter');
  // ...and max_traces_per_user (10,000 live traces per ingester) would discard it: raised as an operator would.
  await page.getByTestId('setting-max-traces').fill('200000');
  await page.getByTestId('setting-max-traces').press('Enter');
  await setSpansPerSecond(page, 100_000);
  await page.getByTestId('sim-speed').selectOption('60');
  await page.getByTestId('sim-play').click();
  await expect(page.getByTestId('event-log').locator('[data-kind="oom-kill"]').first()).toContainText(
    'OOM-killed',
    {
      timeout: 30_000,
    },
  );
  await expect(page.getByTestId('node-tempo-0').getByTestId('status')).toHaveText(/OOM-killed|restarting/, {
    timeout: 10_000,
  });
  await expect.poll(() => lost(page), { timeout: 20_000 }).toBeGreaterThan(0);
  await page.getByTestId('sim-pause').click();
});

test('the same load on 2.10 microservices with RF=3 and enough ingesters loses nothing', async ({ page }) => {
  await freshStart(page);
  await page.getByTestId('version-2.10').click();
  await page.getByTestId('mode-microservices').click();
  await page.getByTestId('replicas-distributor').fill('6');
  await page.getByTestId('replicas-distributor').press('Enter');
  await page.getByTestId('replicas-ingester').fill('15');
  await page.getByTestId('replicas-ingester').press('Enter');
  await page.getByTestId('replicas-querier').fill('10');
  await page.getByTestId('replicas-querier').press('Enter');
  await page.getByTestId('setting-rate-limit').fill('200');
  await page.getByTestId('setting-rate-limit').press('Enter');
  // ...and max_traces_per_user (10,000 live traces per ingester) would discard it: raised as an operator would.
  await page.getByTestId('setting-max-traces').fill('200000');
  await page.getByTestId('setting-max-traces').press('Enter');
  await setSpansPerSecond(page, 100_000);
  await page.getByTestId('sim-speed').selectOption('60');
  await page.getByTestId('sim-play').click();
  await expect
    .poll(async () => (await page.getByTestId('sim-time').textContent()) ?? '', { timeout: 30_000 })
    .toMatch(/t = ([3-9]|\d\d):\d\d/);
  await page.getByTestId('sim-pause').click();
  expect(await lost(page)).toBe(0);
  await expect(page.getByTestId('event-log').locator('[data-kind="oom-kill"]')).toHaveCount(0);
});

test('killing an ingester with RF=3 loses no spans; the event log says so', async ({ page }) => {
  await freshStart(page);
  await page.locator('.react-flow__node[data-id="ingester-1"]').click();
  await page.getByTestId('sim-ff').click();
  await page.getByTestId('kill-instance').click();
  await expect(page.getByTestId('event-log').locator('[data-kind="killed"]').first()).toContainText(
    'ingester-1',
  );
  for (let i = 0; i < 3; i++) await page.getByTestId('sim-ff').click();
  expect(await lost(page)).toBe(0);
});
