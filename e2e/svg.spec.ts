import { readFileSync } from 'node:fs';
import { expect, freshStart, test } from './fixtures';

for (const theme of ['light', 'dark'] as const) {
  test(`SVG export (${theme}) is a vector drawing: shapes and text, no foreignObject, under 300 KB`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await freshStart(page);
    await page.getByTestId('sim-step').click();
    await page.getByTestId('open-export').click();
    await page.getByTestId('export-tab-image').click();
    if (theme === 'light') await page.screenshot({ path: 'test-results/export-dialog-1280x720.png' });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId(`export-svg-${theme}`).click(),
    ]);
    const svg = readFileSync(await download.path(), 'utf8');
    expect(svg.length).toBeLessThan(300_000);
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      return {
        root: doc.documentElement.nodeName,
        error: doc.querySelector('parsererror')?.textContent ?? null,
        foreignObjects: doc.querySelectorAll('foreignObject').length,
        texts: [...doc.querySelectorAll('text')].map((t) => t.textContent),
        nodeGroups: doc.querySelectorAll('g.nodes > g').length,
        edges: doc.querySelectorAll('g.edges > path').length,
        background: doc.querySelector('svg > rect')?.getAttribute('fill'),
      };
    }, svg);
    expect(parsed.error).toBeNull();
    expect(parsed.root).toBe('svg');
    expect(parsed.foreignObjects).toBe(0);
    expect(parsed.texts).toContain('ingester-0');
    expect(parsed.nodeGroups).toBe(await page.locator('.react-flow__node').count());
    expect(parsed.edges).toBeGreaterThan(10);
    expect(parsed.background).toBe(theme === 'dark' ? '#0f172a' : '#ffffff');
    // Live numbers by default: a rate on an edge and a node's state.
    expect(parsed.texts.some((t) => /\/s$/.test(t ?? ''))).toBe(true);
    expect(parsed.texts.some((t) => /healthy/.test(t ?? ''))).toBe(true);

    // A clean diagram for documents: the same drawing without live numbers.
    await page.getByTestId('export-clean').check();
    const [cleanDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId(`export-svg-${theme}`).click(),
    ]);
    const clean = readFileSync(await cleanDownload.path(), 'utf8');
    expect(clean).not.toMatch(/healthy|\d\/s</);
    expect(clean).toContain('>ingester-0</text>');

    // Looked at as an image: Chromium renders it to PNG.
    const view = await page.context().newPage();
    await view.setContent(`<body style="margin:0">${svg}</body>`);
    const box = await view.locator('svg').boundingBox();
    await view.setViewportSize({ width: Math.ceil(box!.width), height: Math.ceil(box!.height) });
    await view.screenshot({ path: `test-results/export-${theme}.png` });
    await view.close();
  });
}

test('a bucket with control characters and a lone surrogate: the SVG is well-formed and the PNG follows', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await freshStart(page);
  await page.getByTestId('open-import').click();
  // YAML escapes: BEL, ESC, DEL, a lone high surrogate, markup.
  await page
    .getByTestId('import-text')
    .fill(
      'target: all\nstorage:\n  trace:\n    backend: gcs\n    gcs:\n      bucket_name: "a\\x07b\\x1bc\\x7fd\\ud800e<&>"\n',
    );
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('notice')).toContainText('Imported Tempo');
  await page.keyboard.press('Escape');
  await page.getByTestId('open-export').click();
  await page.getByTestId('export-tab-image').click();
  await page.getByTestId('export-clean').check();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-svg-dark').click(),
  ]);
  await expect(page.getByTestId('export-status')).toContainText('Downloaded SVG');
  const svg = readFileSync(await download.path(), 'utf8');
  const parsed = await page.evaluate(async (text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const img = new Image();
    img.src = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    let decoded = true;
    await img.decode().catch(() => {
      decoded = false;
    });
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent ?? ''),
      decoded,
      width: img.naturalWidth,
    };
  }, svg);
  expect(parsed.error).toBeNull();
  expect(parsed.decoded).toBe(true);
  expect(parsed.width).toBeGreaterThan(100);
  expect(parsed.texts).toContain('gcs: a\u2407b\u241bc\u2421d\ufffde<&>');
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-png-dark').click(),
  ]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  await expect(page.getByTestId('export-status')).toContainText('Downloaded PNG');
  const bytes = readFileSync(await png.path());
  expect(bytes.subarray(1, 4).toString()).toBe('PNG');
});
