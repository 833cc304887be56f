import { test } from '@playwright/test';
for (const scheme of ['dark', 'light'] as const)
  test(`charts ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto('/');
    await page.evaluate(() => localStorage.clear());
    await page.goto('/');
    await page.getByTestId('sim-play').click();
    await page.waitForTimeout(4000);
    await page.getByTestId('sim-pause').click();
    await page.screenshot({ path: `/tmp/shots2/charts-${scheme}.png`, clip: { x: 330, y: 470, width: 950, height: 250 } });
  });
