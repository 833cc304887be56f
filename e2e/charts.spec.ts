import { expect, expectNoAxeViolations, freshStart, test } from './fixtures';

/** How many drawn pixels of a colour a chart's canvas has (the line, not the axes). */
async function inkOf(page: import('@playwright/test').Page, testId: string, rgb: [number, number, number]) {
  return page
    .getByTestId(testId)
    .locator('canvas')
    .evaluate((c, [r, g, b]) => {
      const canvas = c as HTMLCanvasElement;
      const ctx = canvas.getContext('2d');
      if (!ctx) return 0;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4)
        if (Math.abs(data[i]! - r) < 40 && Math.abs(data[i + 1]! - g) < 40 && Math.abs(data[i + 2]! - b) < 40)
          n++;
      return n;
    }, rgb);
}

test('"+1 min" leaves a chart line with a point for every simulated second', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await freshStart(page);
  await page.getByTestId('sim-ff').click();
  await expect(page.getByTestId('sim-time')).toHaveText('t = 1:00');
  for (const id of ['chart-spans', 'chart-memory', 'chart-latency'])
    await expect(page.getByTestId(id)).toHaveAttribute('data-points', '60');
  // The "written" line (#16a34a) is drawn across the chart, not a lone point.
  await expect.poll(() => inkOf(page, 'chart-spans', [22, 163, 74])).toBeGreaterThan(100);
  await page.getByTestId('sim-ff').click();
  await expect(page.getByTestId('chart-spans')).toHaveAttribute('data-points', '120');
  await expectNoAxeViolations(page);
});

test('after a jump the timeline scrubs back through every second: its figures and a line on each chart', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await freshStart(page);
  await page.getByTestId('sim-ff').click();
  await expect(page.getByTestId('sim-time')).toHaveText('t = 1:00');
  const range = page.getByTestId('timeline-range');
  const readout = page.getByTestId('timeline-readout');
  await expect(readout).toContainText('live');
  await range.focus();
  await page.keyboard.press('Home');
  await expect(readout).toContainText(/^at 0:01 \(canvas too\): sent [\d.]+k\/s · written [\d.]+k\/s/);
  // The first second sends the load's 10,000 spans/s: the live traces of the steady start were sent
  // before t = 0, not in the first second (that point read about 150k/s).
  const firstSent = Number((await readout.textContent())?.match(/sent ([\d.]+)k\/s/)?.[1]);
  expect(firstSent).toBeGreaterThan(8);
  expect(firstSent).toBeLessThan(12);
  for (const id of ['chart-spans', 'chart-memory', 'chart-latency'])
    await expect(page.getByTestId(`${id}-cursor`)).toBeVisible();
  // Ten seconds later on the timeline, the line moves right.
  const x0 = (await page.getByTestId('chart-spans-cursor').boundingBox())!.x;
  for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
  await expect(readout).toContainText('at 0:11');
  await expect
    .poll(async () => (await page.getByTestId('chart-spans-cursor').boundingBox())!.x)
    .toBeGreaterThan(x0);
  await page.getByTestId('timeline-live').click();
  await expect(readout).toContainText('live');
  await expect(page.getByTestId('chart-spans-cursor')).toHaveCount(0);
  await expectNoAxeViolations(page);
});

/** The labels a chart's y-axis draws (on its canvas), bottom to top. */
function yTicks(page: import('@playwright/test').Page, chart = 'chart-memory') {
  return page
    .getByTestId(chart)
    .locator('[data-y-ticks]')
    .evaluate((e) => ((e as HTMLElement).dataset.yTicks ?? '').split('|').filter(Boolean));
}

for (const version of ['2.10', '3.0'] as const) {
  test(`memory chart at 1280x720 (Tempo ${version} microservices): at least two round byte ticks, not just "0 B"`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await freshStart(page);
    await page.getByTestId(`version-${version}`).click();
    await page.getByTestId('sim-ff').click();
    await expect(page.getByTestId('sim-time')).toHaveText('t = 1:00');
    await expect.poll(async () => (await yTicks(page)).length).toBeGreaterThanOrEqual(2);
    const ticks = await yTicks(page);
    expect(
      ticks.some((t) => t !== '0 B'),
      ticks.join(', '),
    ).toBe(true);
    // One unit, round values, no float noise ("1.9 GiB" was 2e9 B on a decimal step).
    for (const t of ticks) expect(t).toMatch(/^(0 B|\d+(\.(25|5|75))? (KiB|MiB|GiB|TiB))$/);
    expect(new Set(ticks).size).toBe(ticks.length);
    // The plot keeps room for them: ticks at least 16 px apart.
    const plot = await page.getByTestId('chart-memory').locator('.u-over').boundingBox();
    expect(plot?.height ?? 0).toBeGreaterThanOrEqual(16 * (ticks.length - 1));
    if (version === '3.0') await page.screenshot({ path: 'test-results/charts-3.0-1280x720.png' });
  });
}

test('query latency reads between histogram buckets and its axis starts at 0 ms', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await freshStart(page);
  await page.getByTestId('sim-ff').click();
  await expect(page.getByTestId('sim-time')).toHaveText('t = 1:00');
  await expect.poll(async () => (await yTicks(page, 'chart-latency')).length).toBeGreaterThanOrEqual(2);
  const ticks = await yTicks(page, 'chart-latency');
  // An axis from 230 to 590 ms would make a 10% change look like 2x.
  expect(ticks[0], ticks.join(', ')).toBe('0 ms');
  // p50 and p99 were 256 ms and 512 ms exactly (bucket edges, 4 per doubling): now they fall between.
  const text = (await page.getByTestId('sim-panel').textContent()) ?? '';
  const m = text.match(/Query p50 \/ p99\s*([\d,.]+) (ms|s) \/ ([\d,.]+) (ms|s)/);
  expect(m, text.slice(0, 400)).not.toBeNull();
  const edges = new Set(Array.from({ length: 80 }, (_, b) => Math.round(2 ** (b / 4))));
  const p50 = Number(m![1]!.replace(/,/g, '')) * (m![2] === 's' ? 1000 : 1);
  expect(edges.has(p50), `p50 ${p50} ms is a bucket edge`).toBe(false);
});

test('scrubbing back shows the canvas as it was: a killed ingester is healthy before the kill, down just after, back live', async ({
  page,
}) => {
  await freshStart(page);
  await page.getByTestId('sim-ff').click();
  await expect(page.getByTestId('sim-time')).toHaveText('t = 1:00');
  await page.locator('.react-flow__node[data-id="ingester-1"]').click();
  await page.getByTestId('kill-instance').click();
  await page.getByTestId('sim-ff').click();
  await expect(page.getByTestId('sim-time')).toHaveText('t = 2:00');
  const status = page.locator('.react-flow__node[data-id="ingester-1"] [data-testid="status"]');
  // By 2:00 it has restarted and replayed its WAL.
  await expect(status).toHaveText('healthy');
  const range = page.getByTestId('timeline-range');
  const readout = page.getByTestId('timeline-readout');
  await range.focus();
  await page.keyboard.press('Home');
  await expect(readout).toContainText('at 0:01 (canvas too)');
  await expect(status).toHaveText('healthy');
  // 1:03, three seconds after the kill: the replay applied it at 1:00.
  for (let i = 0; i < 62; i++) await page.keyboard.press('ArrowRight');
  await expect(readout).toContainText('at 1:03');
  await expect(status).not.toHaveText('healthy');
  await page.screenshot({ path: 'test-results/timeline-canvas-replay.png' });
  await page.getByTestId('timeline-live').click();
  await expect(readout).toContainText('live');
  await expect(status).toHaveText('healthy');
  await expectNoAxeViolations(page);
});

/**
 * The strongest contrast any pixel of a chart's y-axis labels has against the panel behind it (WCAG
 * ratio). The axis is drawn on a canvas, so axe cannot see it: the pixels are read instead.
 */
async function axisTextContrast(page: import('@playwright/test').Page, testId: string): Promise<number> {
  return page.getByTestId(testId).evaluate((fig) => {
    const canvas = fig.querySelector('canvas');
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx) return 0;
    // The colour behind the chart: the first ancestor with a background.
    let el: Element | null = fig;
    let bg = 'rgba(0, 0, 0, 0)';
    while (el && /rgba\(0, 0, 0, 0\)|transparent/.test(bg)) {
      bg = getComputedStyle(el).backgroundColor;
      el = el.parentElement;
    }
    // Tailwind writes colours as lab(): a 1-pixel canvas turns any CSS colour into sRGB.
    const probe = document.createElement('canvas').getContext('2d');
    if (!probe) return 0;
    probe.fillStyle = bg;
    probe.fillRect(0, 0, 1, 1);
    const [br, bgG, bb] = probe.getImageData(0, 0, 1, 1).data as unknown as [number, number, number];
    const lum = (r: number, g: number, b: number) => {
      const f = (c: number) => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const lb = lum(br, bgG, bb);
    // The y-axis labels: the left 72 CSS px of the canvas.
    const w = Math.round(72 * devicePixelRatio);
    const { data } = ctx.getImageData(0, 0, w, canvas.height);
    let best = 1;
    for (let i = 0; i < data.length; i += 4) {
      const a = data[i + 3]! / 255;
      if (a === 0) continue;
      const mix = (c: number, b: number) => c * a + b * (1 - a);
      const l = lum(mix(data[i]!, br), mix(data[i + 1]!, bgG), mix(data[i + 2]!, bb));
      best = Math.max(best, (Math.max(l, lb) + 0.05) / (Math.min(l, lb) + 0.05));
    }
    return best;
  });
}

for (const theme of ['light', 'dark'] as const) {
  test(`chart axis labels meet WCAG AA contrast in the ${theme} theme, in a story and after a switch; axe clean with data`, async ({
    page,
  }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.emulateMedia({ colorScheme: theme });
    await freshStart(page);
    // In a story the charts are drawn afresh (black axis text on navy used to come from there).
    await page.getByTestId('open-learn').click();
    await page.getByTestId('guided-start-monolith-runs-hot').click();
    await page.getByTestId('story-next').click();
    for (const id of ['chart-spans', 'chart-memory', 'chart-latency'])
      await expect(page.getByTestId(id)).toHaveAttribute('data-points', '60');
    // Paused, nothing redraws the charts again: what they show after two frames is what the room sees.
    await page.evaluate(
      () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(null)))),
    );
    // 4.5:1 is WCAG AA for text of this size; black on navy (the bug) was 1.2:1.
    for (const id of ['chart-spans', 'chart-memory', 'chart-latency'])
      expect(await axisTextContrast(page, id), id).toBeGreaterThanOrEqual(4.5);
    await page.getByTestId('story-presenter').click();
    // Switched after the charts were drawn: the axes follow the theme.
    await page.locator('#theme-select').selectOption(theme === 'light' ? 'dark' : 'light');
    await page.locator('#theme-select').selectOption(theme);
    await expect(page.locator('html')).toHaveClass(theme === 'dark' ? /dark/ : /^(?!.*dark)/);
    for (const id of ['chart-spans', 'chart-memory', 'chart-latency'])
      await expect.poll(() => axisTextContrast(page, id)).toBeGreaterThanOrEqual(4.5);
    await page.getByTestId('chart-spans').screenshot({ path: `test-results/chart-axes-${theme}.png` });
    await expectNoAxeViolations(page);
  });
}

test('a two-hour story: the time axis and the lag badge read in minutes and hours, not thousands of seconds', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await freshStart(page);
  await page.getByTestId('open-learn').click();
  await page.getByTestId('guided-start-live-store-zone-outage').click();
  await page.getByTestId('story-jump').selectOption({ index: 2 });
  await expect(page.getByTestId('story-progress')).toContainText('t = 2:05:00');
  const ticks = () =>
    page
      .getByTestId('chart-spans')
      .locator('[data-x-ticks]')
      .evaluate((e) => ((e as HTMLElement).dataset.xTicks ?? '').split('|').filter(Boolean));
  await expect.poll(async () => (await ticks()).some((t) => / (min|h)$/.test(t))).toBe(true);
  for (const t of await ticks()) expect(t).toMatch(/^\d+(\.\d)? (s|min|h)$/);
  // A live-store that was down two hours is behind by about that much: said in hours.
  await expect(page.getByText(/^lag \d+(\.\d)? h$/).first()).toBeVisible();
  await expect(page.getByText(/^lag \d{4,} s$/)).toHaveCount(0);
});
