import { readFileSync } from 'node:fs';
import { expect, expectNoAxeViolations, freshStart, nodeIds, test } from './fixtures';

test('keyboard: visible focus on nodes, Ctrl+Y and Ctrl+Shift+Z, play/pause, step, fit and the shortcut sheet', async ({
  page,
}) => {
  await freshStart(page);
  // Visible focus on a node reached by keyboard.
  await page.locator('.react-flow__node[data-id="ingester-0"]').focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const ring = await page
    .locator('.react-flow__node[data-id="ingester-0"] .tp-node')
    .evaluate((e) => getComputedStyle(e).boxShadow);
  expect(ring).toContain('rgb(194, 65, 12)');

  const replicas = page.getByTestId('replicas-ingester');
  await replicas.fill('5');
  await replicas.press('Enter');
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  const ingesters = page.locator('.react-flow__node[data-id^="ingester-"]');
  await expect(ingesters).toHaveCount(5);
  await page.keyboard.press('Control+z');
  await expect(ingesters).toHaveCount(3);
  await page.keyboard.press('Control+y');
  await expect(ingesters).toHaveCount(5);
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+Shift+Z');
  await expect(ingesters).toHaveCount(5);

  // Step and play/pause from the keyboard.
  await page.keyboard.press('.');
  await expect(page.getByTestId('sim-time')).toHaveText('t = 0:01');
  await page.keyboard.press(' ');
  await expect(page.getByTestId('sim-pause')).toBeVisible();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press(' ');
  await expect(page.getByTestId('sim-play')).toBeVisible();

  // Fit after zooming in.
  const zoom = () =>
    page
      .locator('.react-flow__viewport')
      .evaluate((e) => new DOMMatrixReadOnly(getComputedStyle(e).transform).a);
  // Fit once first (the nodes grew when the simulation started drawing gauges), and let it settle.
  const settled = async () => {
    let last = -1;
    for (;;) {
      await page.waitForTimeout(250);
      const z = await zoom();
      if (Math.abs(z - last) < 1e-4) return z;
      last = z;
    }
  };
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('f');
  const fitted = await settled();
  await page.getByRole('button', { name: 'Zoom In' }).click();
  await page.getByRole('button', { name: 'Zoom In' }).click();
  await expect.poll(zoom).toBeGreaterThan(fitted * 1.1);
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('f');
  // Back to the fitted zoom (within 5%: node content is drawn more compactly when zoomed far out,
  // so the fit found from a closer zoom differs a little).
  await expect.poll(async () => Math.abs((await zoom()) / fitted - 1)).toBeLessThan(0.05);

  // The sheet lists the shortcuts from the same definitions the buttons' titles use.
  await page.keyboard.press('?');
  const sheet = page.getByTestId('shortcut-sheet');
  await expect(sheet).toContainText('Ctrl+Y');
  await expect(sheet).toContainText('Space');
  await expect(page.getByTestId('redo')).toHaveAttribute('title', /Ctrl\+Shift\+Z or Ctrl\+Y/);
  await expectNoAxeViolations(page);
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();
});

test('save a scenario file and open it again; a share link pasted into an open tab opens', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await freshStart(page);
  await page.getByTestId('version-3.0').click();
  const replicas = page.getByTestId('replicas-querier');
  await replicas.fill('4');
  await replicas.press('Enter');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('save-scenario').click(),
  ]);
  expect(download.suggestedFilename()).toBe('tempo-3-0-microservices.scenario.json');
  const path = await download.path();
  expect(JSON.parse(readFileSync(path, 'utf8')).tempoVersion).toBe('3.0');
  const saved = await nodeIds(page);

  await page.getByTestId('version-2.10').click();
  await page.getByTestId('open-scenario-file').setInputFiles({
    name: download.suggestedFilename(),
    mimeType: 'application/json',
    buffer: readFileSync(path),
  });
  await expect(page.getByTestId('version-3.0')).toHaveAttribute('aria-pressed', 'true');
  expect(await nodeIds(page)).toEqual(saved);
  await expect(page.getByTestId('notice').last()).toContainText('Opened tempo-3-0-microservices');

  // Not a scenario: refused with the reason, nothing changes.
  await page.getByTestId('open-scenario-file').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"hello": 1}'),
  });
  await expect(page.getByTestId('notice').last()).toContainText(
    'notes.json was not opened: this is not a saved scenario',
  );
  expect(await nodeIds(page)).toEqual(saved);

  // A share link of a monolith, pasted into this open tab.
  await page.getByTestId('mode-monolithic').click();
  await page.getByTestId('share-link').click();
  await expect(page.getByTestId('notice').last()).toContainText('Share link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  await page.getByTestId('mode-microservices').click();
  await expect(page.getByTestId('mode-microservices')).toHaveAttribute('aria-pressed', 'true');
  await page.evaluate((l) => {
    window.location.hash = new URL(l).hash;
  }, link);
  await expect(page.getByTestId('mode-monolithic')).toHaveAttribute('aria-pressed', 'true');
});
