import { readFileSync } from 'node:fs';
import { expect, expectNoAxeViolations, freshStart, test } from './fixtures';

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

test('images for docs: the docs-width SVG opens as an 800 px image with no text under 11 px and no edge line through a label; the PNG too; the live PNG has the legend; the bundle carries the diagram', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1280, height: 720 });
  await freshStart(page);
  await page.getByTestId('sim-step').click();
  await page.getByTestId('open-export').click();
  await page.getByTestId('export-tab-image').click();
  await page.getByTestId('export-docs-width').check();
  await expectNoAxeViolations(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-svg-light').click(),
  ]);
  expect(download.suggestedFilename()).toBe('tempo-2.10-microservices-light-800px.svg');
  const svg = readFileSync(await download.path(), 'utf8');

  // As an image: Chromium decodes it at 800 px wide.
  const view = await page.context().newPage();
  const size = await view.evaluate(async (text) => {
    const img = new Image();
    img.src = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    await img.decode();
    return { width: img.naturalWidth, height: img.naturalHeight };
  }, svg);
  expect(size.width).toBe(800);
  // Drawn in the page at that size, measured where Chromium draws it.
  await view.setViewportSize({ width: 800, height: size.height });
  await view.setContent(`<body style="margin:0">${svg}</body>`);
  const measured = await view.evaluate(() => {
    const root = document.querySelector('svg')!;
    const texts = [...root.querySelectorAll('text')].map((t) => ({
      text: t.textContent ?? '',
      px: Number.parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM()!.a,
    }));
    const labels = [...root.querySelectorAll('g.labels > g')].map((g) => ({
      edge: g.getAttribute('data-edge'),
      text: g.textContent ?? '',
      box: g.querySelector('rect')!.getBoundingClientRect(),
    }));
    const through: string[] = [];
    for (const path of root.querySelectorAll<SVGPathElement>('g.edges > path')) {
      const m = path.getScreenCTM()!;
      const length = path.getTotalLength();
      for (let d = 0; d <= length; d += 0.5) {
        const p = path.getPointAtLength(d).matrixTransform(m);
        for (const l of labels)
          if (
            l.edge !== path.getAttribute('data-edge') &&
            p.x > l.box.left &&
            p.x < l.box.right &&
            p.y > l.box.top &&
            p.y < l.box.bottom
          )
            through.push(`${path.getAttribute('data-edge')} through "${l.text}"`);
      }
    }
    return {
      width: root.getBoundingClientRect().width,
      smallest: Math.min(...texts.map((t) => t.px)),
      names: texts.map((t) => t.text),
      labels: labels.map((l) => l.text),
      through: [...new Set(through)],
    };
  }, undefined);
  expect(measured.width).toBe(800);
  expect(measured.smallest).toBeGreaterThanOrEqual(11);
  expect(measured.names).toContain('ingester');
  expect(measured.names).toContain('×3');
  expect(measured.labels.length).toBeGreaterThan(3);
  expect(measured.through).toEqual([]);
  await view.screenshot({ path: 'test-results/export-docs-width-light.png' });
  await view.close();

  // The PNG at docs width: 800 px wide (IHDR).
  const [png] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-png-dark').click(),
  ]);
  const pngBytes = readFileSync(await png.path());
  expect(pngBytes.subarray(1, 4).toString()).toBe('PNG');
  expect(pngBytes.readUInt32BE(16)).toBe(800);
  await png.saveAs('test-results/export-docs-width-dark.png');

  // The live PNG of the canvas ends with the legend: the write path's orange in its last rows.
  await page.getByTestId('export-docs-width').uncheck();
  const [live] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-png-light').click(),
  ]);
  const liveBytes = readFileSync(await live.path());
  await live.saveAs('test-results/export-live-with-legend.png');
  const legend = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    c.width = img.naturalWidth;
    c.height = img.naturalHeight;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const rows = Math.round(img.naturalHeight * 0.04);
    const data = ctx.getImageData(0, img.naturalHeight - rows, img.naturalWidth, rows).data;
    let orange = 0;
    let red = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i]!, data[i + 1]!, data[i + 2]!];
      if (Math.abs(r - 0xea) < 12 && Math.abs(g - 0x58) < 12 && Math.abs(b - 0x0c) < 12) orange++;
      if (Math.abs(r - 0xdc) < 12 && Math.abs(g - 0x26) < 12 && Math.abs(b - 0x26) < 12) red++;
    }
    return { orange, red };
  }, liveBytes.toString('base64'));
  expect(legend.orange).toBeGreaterThan(20);
  expect(legend.red).toBeGreaterThan(20);

  // The bundle carries the Mermaid file and the images the README names.
  const [bundle] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('export-bundle').click(),
  ]);
  const zip = readFileSync(await bundle.path()).toString('latin1');
  for (const name of [
    'diagram/architecture.mmd',
    'diagram/architecture.svg',
    'diagram/architecture-800px.svg',
    'diagram/architecture-800px.png',
  ])
    expect(zip).toContain(`tempo-2-10-microservices/${name}`);
  expect(zip).toContain('\x89PNG');

  await page.keyboard.press('Escape');
  await page.locator('#theme-select').selectOption('dark');
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.getByTestId('open-export').click();
  await page.getByTestId('export-tab-image').click();
  await page.getByTestId('export-docs-width').check();
  await expect(page.getByTestId('export-preview')).toBeVisible();
  await page.screenshot({ path: 'test-results/export-dialog-docs-dark.png' });
  await expectNoAxeViolations(page);
});
