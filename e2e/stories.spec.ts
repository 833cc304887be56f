import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectNoAxeViolations, freshStart, test } from './fixtures';

const HAND_WRITTEN = new URL('./fixtures/our-incident.story.yaml', import.meta.url).pathname;

async function openStoryFile(page: Page, path: string) {
  await page.getByTestId('open-learn').click();
  await page.getByTestId('story-open-file').setInputFiles(path);
}

test('a story written by hand in the README format plays: Markdown as text, a question, an edge, go to a step', async ({
  page,
}) => {
  await freshStart(page);
  await openStoryFile(page, HAND_WRITTEN);
  const story = page.getByTestId('story');
  await expect(story).toBeVisible();
  await expect(page.getByTestId('story-step-title')).toHaveText('Where we were');
  await expect(page.getByTestId('story-progress')).toContainText('Step 1 of 3');
  const text = page.getByTestId('story-text');
  await expect(text.locator('strong')).toHaveText('2 distributors');
  await expect(text.locator('code')).toHaveText('replication_factor: 3');
  await expect(text.locator('li')).toHaveCount(2);
  await expect(page.locator('.react-flow__node.tp-focus[data-id="ingester-1"]')).toBeVisible();
  // Step 2: the kill, and a question whose answer waits for its second (90 s) or the presenter.
  await page.getByTestId('story-next').click();
  await expect(page.getByTestId('story-step-title')).toHaveText('ingester-1 goes away');
  await expect(page.getByTestId('story-question')).toContainText('How many spans do we lose?');
  await expect(page.getByTestId('story-answer')).toHaveCount(0);
  await expect(page.getByTestId('event-log').locator('[data-kind="killed"]').first()).toContainText(
    'ingester-1',
  );
  await page.getByTestId('story-presenter').click();
  await expectNoAxeViolations(page);
  await page.getByTestId('story-reveal').click();
  await expect(page.getByTestId('story-answer')).toHaveText('None ✓');
  await expect(page.getByTestId('story-explain')).toContainText('quorum');
  // Step 3: HTML in the text is shown as text; the edge lights its two ends.
  await page.getByTestId('story-next').click();
  await expect(page.getByTestId('story-step-title')).toHaveText('Twice the traffic');
  await expect(text).toContainText('<b>This is not bold</b>');
  await expect(text.locator('b')).toHaveCount(0);
  await expect(page.locator('.react-flow__node.tp-focus')).toHaveCount(2);
  await page.screenshot({ path: 'test-results/story-hand-written.png' });
  // Go to a step: back to step 2, replayed.
  await page.getByTestId('story-jump').selectOption('1');
  await expect(page.getByTestId('story-step-title')).toHaveText('ingester-1 goes away');
  await expect(page.getByTestId('story-progress')).toContainText('t = 1:00');
});

test('a broken story file is refused with line-numbered messages, and nothing changes', async ({ page }) => {
  await freshStart(page);
  await page.getByTestId('open-learn').click();
  await page.getByTestId('story-open-file').setInputFiles({
    name: 'broken.story.yaml',
    mimeType: 'text/yaml',
    buffer: Buffer.from(
      readFileSync(HAND_WRITTEN, 'utf8').replace(
        'highlight: ingester-1\n    chart',
        'highlight: ingester-9\n    chart',
      ),
    ),
  });
  const errors = page.getByTestId('story-open-errors');
  await expect(errors).toContainText('broken.story.yaml was not opened');
  await expect(errors).toContainText('Line 25: step 1 › highlight: no node or edge named "ingester-9"');
  await expect(page.getByTestId('story')).toHaveCount(0);
});

test('record a 3-step story with a kill, save it, open it from the file and from a link in fresh browsers: the same figures at every step', async ({
  page,
  browser,
}) => {
  await freshStart(page);
  await page.getByTestId('open-learn').click();
  await page.getByTestId('story-record').click();
  await expect(page.getByTestId('recorder')).toBeVisible();
  await page.getByTestId('recorder-title').fill('Losing ingester-1');
  const figures: string[] = [];
  const addStep = async (title: string, text: string) => {
    await page.getByTestId('recorder-step-title').fill(title);
    await page.getByTestId('recorder-step-text').fill(text);
    await page.getByTestId('recorder-add').click();
    figures.push((await page.getByTestId('sim-totals').textContent()) ?? '');
  };
  await expect(page.getByTestId('recorder-time')).toHaveText('t = 0:00');
  await addStep('Before', 'Three ingesters, **RF=3**.');
  await page.getByTestId('sim-ff').click();
  await expect(page.getByTestId('recorder-time')).toHaveText('t = 1:00');
  await page.locator('.react-flow__node[data-id="ingester-1"]').click();
  await page.getByTestId('kill-instance').click();
  await expect(page.getByTestId('event-log').locator('[data-kind="killed"]').first()).toContainText(
    'ingester-1',
  );
  await addStep('The kill', 'ingester-1 is *gone*.');
  await page.getByTestId('sim-ff').click();
  await expect(page.getByTestId('recorder-time')).toHaveText('t = 2:00');
  await addStep('Back', 'It replayed its WAL.');
  // Edit a step's words afterwards.
  await page.getByTestId('recorder-edit-text').nth(2).fill('It replayed its WAL and rejoined the ring.');
  await page.getByTestId('sim-ff').click();
  await expect(page.getByTestId('recorder-steps').locator('li')).toHaveCount(3);
  // The three moments differ (spans keep arriving), so equal figures later mean the same replay.
  expect(new Set(figures).size).toBe(3);
  await page.screenshot({ path: 'test-results/story-recorder.png' });
  await expectNoAxeViolations(page);
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('recorder-save').click(),
  ]);
  expect(download.suggestedFilename()).toBe('losing-ingester-1.story.yaml');
  const file = test.info().outputPath('recorded.story.yaml');
  await download.saveAs(file);
  expect(readFileSync(file, 'utf8')).toContain('instance: ingester-1');
  await page.getByTestId('recorder-share').click();
  const link = await page.getByTestId('recorder-link').inputValue();
  expect(link).toMatch(/#story=[A-Za-z0-9+\-$]+$/);

  const present = async (p: Page) => {
    await expect(p.getByTestId('story')).toBeVisible();
    await p.getByTestId('story-presenter').click();
    await expect(p.getByTestId('story-progress')).toContainText('Step 1 of 3');
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) {
      if (i > 0) await p.getByTestId('story-next').click();
      await expect(p.getByTestId('story-progress')).toContainText(`Step ${i + 1} of 3`);
      seen.push((await p.getByTestId('sim-totals').textContent()) ?? '');
    }
    await expect(p.getByTestId('story-step-title')).toHaveText('Back');
    await expect(p.getByTestId('story-text')).toHaveText('It replayed its WAL and rejoined the ring.');
    return seen;
  };

  const fromFile = await browser.newContext();
  const p1 = await fromFile.newPage();
  await freshStart(p1);
  await openStoryFile(p1, file);
  expect(await present(p1)).toEqual(figures);
  await fromFile.close();

  const fromLink = await browser.newContext();
  const p2 = await fromLink.newPage();
  await p2.goto(link);
  expect(await present(p2)).toEqual(figures);
  await p2.screenshot({ path: 'test-results/story-from-link.png' });
  await fromLink.close();
});
