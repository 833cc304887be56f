import { readFileSync } from 'node:fs';
import { expect, freshStart, test } from './fixtures';

test('export panel: tabs, copy, Mermaid preview and a PNG of the canvas', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await freshStart(page);
  await page.getByTestId('open-export').click();
  const dialog = page.getByTestId('export-dialog');
  await expect(dialog).toBeVisible();

  await expect(page.getByTestId('export-text-tempo')).toContainText('replication_factor');
  await page.getByTestId('export-copy').click();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toContain('ingester:');

  await page.getByTestId('export-tab-helm').click();
  await expect(page.getByTestId('export-text-helm')).toContainText('tempo-distributed');
  await expect(page.getByTestId('export-proven')).toContainText('renders with helm v4');
  await expect(page.getByTestId('export-proven')).toContainText('image tempo:2.10.8');

  await page.getByTestId('export-tab-compose').click();
  await expect(page.getByTestId('export-text-compose')).toContainText('grafana/tempo:2.10.8');
  await expect(page.getByTestId('export-proven')).toContainText('Compose specification schema');

  const [bundle] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-bundle').click(),
  ]);
  expect(bundle.suggestedFilename()).toBe('tempo-2-10-microservices.zip');
  const zip = readFileSync(await bundle.path());
  expect(zip.subarray(0, 2).toString()).toBe('PK');
  expect(zip.toString('latin1')).toContain('docker-compose/docker-compose.yaml');

  await page.getByTestId('export-tab-mermaid').click();
  await expect(page.getByTestId('export-text-mermaid')).toContainText('flowchart');
  await expect(page.getByTestId('mermaid-preview').locator('svg')).toBeVisible({ timeout: 20_000 });
  // Zoom about the centre of the preview: the point of the diagram in the middle stays there.
  const before = (await page.getByTestId('mermaid-svg').boundingBox())!.width;
  await page.getByTestId('mermaid-zoom-in').click();
  await expect(page.getByTestId('mermaid-zoom')).toHaveText('125%');
  expect((await page.getByTestId('mermaid-svg').boundingBox())!.width).toBeGreaterThan(before * 1.2);
  await page.getByTestId('mermaid-zoom-in').click();
  await expect(page.getByTestId('mermaid-zoom')).toHaveText('156%');
  /** Which point of the diagram (fractions of its size) is at the middle of the box, and the diagram's size. */
  const middle = () =>
    page.evaluate(() => {
      const svg = document.querySelector('[data-testid="mermaid-svg"]')!;
      const box = svg.parentElement!;
      const r = box.getBoundingClientRect();
      const c = svg.getBoundingClientRect();
      return {
        x: (r.left + box.clientWidth / 2 - c.left) / c.width,
        y: (r.top + box.clientHeight / 2 - c.top) / c.height,
        w: c.width,
        h: c.height,
      };
    });
  // Off the top-left corner first: a third of the way across and down.
  await page.evaluate(() => {
    const box = document.querySelector('[data-testid="mermaid-svg"]')!.parentElement!;
    box.scrollLeft = (box.scrollWidth - box.clientWidth) / 3;
    box.scrollTop = (box.scrollHeight - box.clientHeight) / 3;
  });
  const at = await middle();
  expect(at.x).toBeGreaterThan(0.1);
  for (const [button, zoom] of [
    ['mermaid-zoom-in', '195%'],
    ['mermaid-zoom-out', '156%'],
  ] as const) {
    await page.getByTestId(button).click();
    await expect(page.getByTestId('mermaid-zoom')).toHaveText(zoom);
    const now = await middle();
    expect(Math.abs(now.x - at.x) * now.w).toBeLessThan(2);
    expect(Math.abs(now.y - at.y) * now.h).toBeLessThan(2);
  }
  // However far it zooms, the preview stays inside the dialog beside the text (the diagram scrolls).
  const frame = (await dialog.boundingBox())!;
  const preview = (await page.getByTestId('mermaid-preview').boundingBox())!;
  expect(preview.x + preview.width).toBeLessThanOrEqual(frame.x + frame.width + 1);
  expect((await page.getByTestId('export-text-mermaid').boundingBox())!.width).toBeGreaterThan(200);
  await expect(page.getByTestId('mermaid-svg').locator('svg')).toBeInViewport();
  await page.screenshot({ path: 'test-results/mermaid-preview-zoomed.png' });
  // A link to Mermaid Live in its #pako: share format (not followed: no foreign requests).
  await expect(page.getByTestId('mermaid-live')).toHaveAttribute(
    'href',
    /^https:\/\/mermaid\.live\/edit#pako:[A-Za-z0-9_-]+$/,
  );

  await page.getByTestId('export-tab-image').click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-png-light').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.png$/);
  const path = await download.path();
  const png = readFileSync(path);
  expect(png.subarray(1, 4).toString()).toBe('PNG');
  expect(png.length).toBeGreaterThan(10_000);
  await download.saveAs('test-results/canvas-export.png');

  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('exports follow the graph: 3.0 microservices has Kafka and no ingester', async ({ page }) => {
  await freshStart(page);
  await page.getByTestId('version-3.0').click();
  await page.getByTestId('open-export').click();
  const text = page.getByTestId('export-text-tempo');
  await expect(text).toContainText('kafka');
  await expect(text).toContainText('partitions_per_instance');
  await expect(text).not.toContainText('ingester:');
});

test('3.0 monolithic: the Helm tab says no chart deploys it and what to use instead', async ({ page }) => {
  await freshStart(page);
  await page.getByTestId('version-3.0').click();
  await page.getByTestId('mode-monolithic').click();
  await page.getByTestId('open-export').click();
  await page.getByTestId('export-tab-helm').click();
  await expect(page.getByTestId('export-text-helm')).toContainText(
    'No Helm chart deploys Tempo 3.0 monolithic',
  );
  await expect(page.getByTestId('export-text-helm')).toContainText('Instead:');
  await expect(page.getByTestId('export-proven')).toContainText('no chart can deploy it');
});

test('Mermaid parses and renders every version x mode pair (mermaid 11, strict)', async ({ page }) => {
  test.setTimeout(120_000);
  await freshStart(page);
  const pairs = [
    ['2.10', 'monolithic'],
    ['2.10', 'scalable-single-binary'],
    ['2.10', 'microservices'],
    ['3.0', 'monolithic'],
    ['3.0', 'microservices'],
  ] as const;
  for (const [v, m] of pairs) {
    await page.getByTestId(`version-${v}`).click();
    await page.getByTestId(`mode-${m}`).click();
    await page.getByTestId('open-export').click();
    await page.getByTestId('export-tab-mermaid').click();
    const preview = page.getByTestId('mermaid-preview');
    await expect(preview.locator('svg')).toBeVisible({ timeout: 20_000 });
    await expect(preview).not.toContainText('could not render');
    // mermaid.render parses first: a syntax error would show instead of the SVG.
    await expect(preview.locator('svg .node').first()).toBeVisible();
    await page.keyboard.press('Escape');
  }
});
