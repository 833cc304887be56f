import type { Page } from '@playwright/test';
import { SUPPORTED_PAIRS } from '../src/model/modes';
import { expect, expectNoAxeViolations, freshStart, test } from './fixtures';

interface Box {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Every pair of node boxes on screen that overlap, measured from the DOM. */
async function overlaps(page: Page): Promise<string[]> {
  const boxes: Box[] = await page.locator('.react-flow__node').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { id: e.getAttribute('data-id') ?? '', x: r.x, y: r.y, w: r.width, h: r.height };
    }),
  );
  const out: string[] = [];
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) {
      const a = boxes[i]!;
      const b = boxes[j]!;
      const dx = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const dy = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (dx > 0.5 && dy > 0.5) out.push(`${a.id} x ${b.id} (${Math.round(dx)}x${Math.round(dy)} px)`);
    }
  }
  return out;
}

/** Edge labels drawn on top of a node box (a label under a node reads "ush blocks"). */
async function labelsOnNodes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const nodes = [...document.querySelectorAll('.react-flow__node')].map((e) => e.getBoundingClientRect());
    const out: string[] = [];
    for (const t of document.querySelectorAll('.react-flow__edge-text')) {
      const r = t.getBoundingClientRect();
      // The label's middle half: a glancing corner is not a label under a node.
      const cx = r.x + r.width / 2;
      const cy = r.y + r.height / 2;
      if (nodes.some((n) => cx > n.x && cx < n.x + n.width && cy > n.y && cy < n.y + n.height))
        out.push(t.textContent ?? '');
    }
    return out;
  });
}

async function pageScrolls(page: Page) {
  return page.evaluate(() => {
    const el = document.scrollingElement ?? document.documentElement;
    return el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1;
  });
}

const SIZES = [
  { width: 1280, height: 720 },
  { width: 800, height: 900 },
] as const;

for (const size of SIZES) {
  test(`at ${size.width}x${size.height} no two nodes overlap in any version x mode, live gauges included`, async ({
    page,
  }) => {
    await page.setViewportSize(size);
    await freshStart(page);
    for (const [version, mode] of SUPPORTED_PAIRS) {
      await page.getByTestId(`version-${version}`).click();
      await page.getByTestId(`mode-${mode}`).click();
      // Gauges make nodes taller: measure with the simulation's live values drawn.
      await page.getByTestId('sim-step').click();
      await expect(page.getByTestId('gauges').first()).toBeVisible();
      expect(await overlaps(page), `${version} ${mode}`).toEqual([]);
      expect(await labelsOnNodes(page), `${version} ${mode} labels on nodes`).toEqual([]);
      expect(await pageScrolls(page), `${version} ${mode} page scroll`).toBe(false);
    }
  });
}

test('bigger replica counts do not overlap either (every replica drawn)', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await freshStart(page);
  // Narrower than 1400 px the Configure panel starts collapsed: open it.
  await page.getByTestId('toggle-config').click();
  for (const kind of ['ingester', 'querier', 'distributor']) {
    const f = page.getByTestId(`replicas-${kind}`);
    await f.fill('7');
    await f.press('Enter');
  }
  await page.getByTestId('sim-step').click();
  await expect(page.locator('.react-flow__node[data-id^="ingester-"]')).toHaveCount(7);
  expect(await overlaps(page)).toEqual([]);
});

test('header on one row at 1440; notices float without moving the canvas; panels collapse and the graph refits', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await freshStart(page);
  const header = await page.locator('header').boundingBox();
  expect(header?.height ?? 0).toBeLessThan(50);

  await expect(page.getByTestId('toggle-config')).toBeVisible();
  const canvas = page.getByTestId('canvas');
  const before = await canvas.boundingBox();
  await page.getByTestId('share-link').click();
  await expect(page.getByTestId('notice')).toBeVisible();
  expect(await canvas.boundingBox()).toEqual(before);

  // Collapsing the configuration panel gives the canvas its width, and the graph is fitted again.
  const zoom = () =>
    page
      .locator('.react-flow__viewport')
      .evaluate((e) => new DOMMatrixReadOnly(getComputedStyle(e).transform).a);
  const z0 = await zoom();
  await page.getByTestId('toggle-config').click();
  await expect(page.getByTestId('toggle-config')).toHaveAttribute('aria-pressed', 'false');
  expect((await canvas.boundingBox())?.width ?? 0).toBeGreaterThan((before?.width ?? 0) + 200);
  await expect.poll(zoom).toBeGreaterThan(z0);
});

/** The size node titles (14 px at zoom 1) are drawn at on screen, the smallest of all nodes. */
async function smallestTitlePx(page: Page): Promise<number> {
  return page.evaluate(() => {
    const viewport = document.querySelector('.react-flow__viewport');
    if (!viewport) return 0;
    const zoom = new DOMMatrixReadOnly(getComputedStyle(viewport).transform).a;
    const sizes = [...document.querySelectorAll('.react-flow__node .font-semibold.text-sm')].map(
      (e) => Number.parseFloat(getComputedStyle(e).fontSize) * zoom,
    );
    return sizes.length ? Math.min(...sizes) : 0;
  });
}

/** Every node box inside the graph's pane. */
async function allNodesInPane(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    if (!pane) return false;
    return [...document.querySelectorAll('.react-flow__node')].every((e) => {
      const r = e.getBoundingClientRect();
      return (
        r.x >= pane.x - 1 && r.y >= pane.y - 1 && r.right <= pane.right + 1 && r.bottom <= pane.bottom + 1
      );
    });
  });
}

test('with Configure closed, its button says how many checks there are, and opening it shows them', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await freshStart(page);
  const toggle = page.getByTestId('toggle-config');
  await expect(page.getByTestId('config-checks')).toHaveCount(0);
  await toggle.click();
  await page.getByTestId('replicas-ingester').fill('2');
  await page.getByTestId('replicas-ingester').press('Enter');
  await toggle.click();
  await expect(page.locator('#config-panel')).toBeHidden();
  await expect(page.getByTestId('config-checks')).toHaveText('1 check');
  await expect(toggle).toHaveAccessibleName('Configure 1 check');
  await expectNoAxeViolations(page);
  await toggle.click();
  await expect(page.getByTestId('config-checks')).toHaveCount(0);
  await expect(page.locator('[data-code="rf-exceeds-ingesters"]')).toBeVisible();
});

test('first visit at 1280x720 (a projector): side panels start collapsed, header on one row, the graph gets the room; Configure still opens', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await freshStart(page);
  const toggle = page.getByTestId('toggle-config');
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('#config-panel')).toBeHidden();
  await expect(page.getByTestId('toggle-details')).toHaveAttribute('aria-pressed', 'false');
  expect((await page.locator('header').boundingBox())?.height ?? 0).toBeLessThan(50);
  const canvas = page.getByTestId('canvas');
  expect((await canvas.boundingBox())?.width ?? 0).toBeGreaterThanOrEqual(1279);
  // The graph fills the taller canvas: before, node titles were drawn at 5.6 px (two-row header, panel open).
  await expect.poll(() => smallestTitlePx(page)).toBeGreaterThanOrEqual(6);
  await page.screenshot({ path: 'test-results/first-visit-1280x720.png' });
  await expectNoAxeViolations(page);
  // 3.0: live-stores sit beside the queriers they answer, so block-builders alone fill the write band
  // (titles were drawn at 3.8 px with both stacked in one column).
  await page.getByTestId('version-3.0').click();
  await page.getByTestId('mode-microservices').click();
  await expect.poll(() => smallestTitlePx(page)).toBeGreaterThanOrEqual(4.8);
  await page.getByTestId('version-2.10').click();

  // The user can still open it, by keyboard too; the graph is fitted into what is left.
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('#config-panel')).toBeVisible();
  await expect(page.getByTestId('replicas-distributor')).toBeVisible();
  await expect.poll(() => allNodesInPane(page)).toBe(true);
  expect(await pageScrolls(page)).toBe(false);
  await toggle.click();
  await expect(page.locator('#config-panel')).toBeHidden();
});

test('at 800 px wide the canvas keeps most of the width and the page does not scroll sideways', async ({
  page,
}) => {
  await page.setViewportSize({ width: 800, height: 900 });
  await freshStart(page);
  // Configure starts collapsed below 1400 px: the canvas has the whole width.
  await expect(page.locator('#config-panel')).toBeHidden();
  expect((await page.getByTestId('canvas').boundingBox())?.width ?? 0).toBeGreaterThan(780);
  expect(await pageScrolls(page)).toBe(false);
  await page.screenshot({ path: 'test-results/first-visit-800x900.png' });
});

test('3.0 + scalable single binary: nothing plays, no phantom process, the export says why', async ({
  page,
}) => {
  await freshStart(page);
  await page.getByTestId('version-3.0').click();
  await page.getByTestId('mode-scalable-single-binary').click();
  await expect(page.getByTestId('unsupported')).toBeVisible();
  await expect(page.getByTestId('sim-unsupported')).toContainText('Nothing to simulate');
  await expect(page.getByTestId('sim-play')).toHaveCount(0);
  await expect(page.getByTestId('sim-totals')).toHaveCount(0);
  await page.keyboard.press(' ');
  await expect(page.locator('.react-flow__node')).toHaveCount(0);
  await page.getByTestId('open-export').click();
  await expect(page.getByTestId('export-unsupported')).toContainText(
    'removed the scalable-single-binary target',
  );
});
