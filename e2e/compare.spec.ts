import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { createScenario } from '../src/model/scenario';
import { encodeScenario } from '../src/share/link';
import { expect, expectNoAxeViolations, freshStart, test } from './fixtures';

const port = process.env.E2E_PORT ?? 4173;
const linkOf = (s: ReturnType<typeof createScenario>) => {
  const e = encodeScenario(s);
  if (!e.ok) throw new Error(e.message);
  return `http://127.0.0.1:${port}/${e.hash}`;
};

async function openCompare(page: Page) {
  await page.getByTestId('open-learn').click();
  await page.getByTestId('learn-tab-compare').click();
  await expect(page.getByTestId('compare')).toBeVisible();
}

for (const theme of ['light', 'dark'] as const) {
  test(`side by side with its original: nothing differs at first; after an edit and a kill both sides run the kill (${theme})`, async ({
    page,
  }) => {
    await page.emulateMedia({ colorScheme: theme });
    await freshStart(page);
    await openCompare(page);
    // The scenario as the page loaded it is this very scenario: no compare is offered.
    await expect(page.getByTestId('compare-source-origin')).toBeChecked();
    await expect(page.getByTestId('compare-same')).toContainText('Nothing differs');
    await expect(page.getByTestId('compare-run')).toBeDisabled();
    await expectNoAxeViolations(page);
    await page.keyboard.press('Escape');

    await page.getByTestId('replicas-ingester').fill('5');
    await page.getByTestId('replicas-ingester').press('Enter');
    await page.locator('.react-flow__node[data-id="ingester-1"]').click();
    await page.getByTestId('sim-ff').click();
    await page.getByTestId('kill-instance').click();

    await openCompare(page);
    await expect(page.getByTestId('compare-same')).toHaveCount(0);
    await expect(page.getByTestId('compare-diffs')).toContainText('ingester: 5 → 3 replicas');
    await expect(page.getByTestId('compare-failures')).toContainText(
      'at 60 s: kill ingester-1 (given in this run)',
    );
    await page.getByTestId('compare-run').click();
    const columns = page.getByTestId('compare-column');
    await expect(columns).toHaveCount(2);
    await expect(columns.nth(1)).toContainText('Its original');
    for (const i of [0, 1])
      await expect(
        columns.nth(i).getByTestId('compare-events').locator('[data-kind="killed"]'),
      ).toContainText('ingester-1');
    await expectNoAxeViolations(page);
  });
}

test('side by side with a saved file: a broken file is refused in words and loses nothing; a good one runs', async ({
  page,
}) => {
  await freshStart(page);
  await openCompare(page);
  await page.getByTestId('compare-source-file').check();
  await expect(page.getByTestId('compare-run')).toBeDisabled();
  const broken = (name: string) => ({
    name,
    mimeType: 'application/json',
    buffer: readFileSync(new URL(`../src/model/fixtures/broken/${name}`, import.meta.url)),
  });
  await page.getByTestId('compare-file').setInputFiles(broken('components-as-list.scenario.json'));
  await expect(page.getByTestId('compare-file-error')).toContainText(
    'components-as-list.scenario.json was not read: components: must be an object of components by kind',
  );
  await expect(page.getByTestId('compare-file-error')).not.toContainText('Invalid input');
  await expect(page.getByTestId('compare-file-name')).toHaveText('No file chosen');

  // The same scenario saved as a file: nothing to compare.
  const mine = createScenario('2.10', 'microservices');
  await page.getByTestId('compare-file').setInputFiles({
    name: 'mine.scenario.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(mine)),
  });
  await expect(page.getByTestId('compare-file-error')).toHaveCount(0);
  await expect(page.getByTestId('compare-same')).toContainText('Nothing differs');

  const mono = { ...createScenario('2.10', 'monolithic'), name: 'Our monolith' };
  await page.getByTestId('compare-file').setInputFiles({
    name: 'mono.scenario.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(mono)),
  });
  await expect(page.getByTestId('compare-file-name')).toHaveText('Comparing with mono.scenario.json');
  await expect(page.getByTestId('compare-diffs')).toContainText(
    'deployment: Tempo 2.10 microservices → Tempo 2.10 monolithic',
  );
  await page.getByTestId('compare-run').click();
  await expect(page.getByTestId('compare-column')).toHaveCount(2);
  await expect(page.getByTestId('compare-column').nth(1)).toContainText('File mono.scenario.json');

  // A broken file now: refused, and the comparison and its file stay.
  await page.getByTestId('compare-file').setInputFiles(broken('cut-short.scenario.json'));
  await expect(page.getByTestId('compare-file-error')).toContainText(
    'cut-short.scenario.json was not read: not valid JSON',
  );
  await expect(page.getByTestId('compare-file-error')).toContainText(
    'Still comparing with mono.scenario.json',
  );
  await expect(page.getByTestId('compare-column')).toHaveCount(2);
  await expect(page.getByTestId('compare-file-name')).toHaveText('Comparing with mono.scenario.json');
  await expectNoAxeViolations(page);
});

test('side by side with a share link: not a link, a story link and this very scenario are named; another runs', async ({
  page,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await freshStart(page);
  await openCompare(page);
  await page.getByTestId('compare-source-link').check();
  const field = page.getByTestId('compare-link');
  const read = async (text: string) => {
    await field.fill(text);
    await page.getByTestId('compare-link-read').click();
  };
  await read('https://example.org/tempo');
  await expect(page.getByTestId('compare-link-error')).toContainText('This is not a share link');
  await read(`http://127.0.0.1:${port}/#story=abc`);
  await expect(page.getByTestId('compare-link-error')).toContainText('This is a story link');
  await expect(field).toHaveValue(`http://127.0.0.1:${port}/#story=abc`);

  await read(linkOf(createScenario('2.10', 'microservices')));
  await expect(page.getByTestId('compare-link-error')).toHaveCount(0);
  await expect(page.getByTestId('compare-same')).toContainText('Nothing differs');

  const ssb = { ...createScenario('2.10', 'scalable-single-binary'), name: 'Their SSB' };
  await read(linkOf(ssb));
  await expect(page.getByTestId('compare-link-name')).toContainText('Their SSB');
  await page.getByTestId('compare-run').click();
  await expect(page.getByTestId('compare-column')).toHaveCount(2);
  await expect(page.getByTestId('compare-column').nth(1)).toContainText('Share link: Their SSB');

  // A damaged link: refused with the reason; the comparison stays.
  const good = linkOf(ssb);
  await read(good.slice(0, good.length - 30));
  await expect(page.getByTestId('compare-link-error')).toContainText('Still comparing with "Their SSB"');
  await expect(page.getByTestId('compare-column')).toHaveCount(2);
  await expectNoAxeViolations(page);
});

test('side by side with another deployment never offers the scenario’s own', async ({ page }) => {
  await freshStart(page);
  await openCompare(page);
  await page.getByTestId('compare-source-deployment').check();
  const options = await page
    .getByTestId('compare-alt')
    .locator('option')
    .evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
  expect(options).toEqual(['monolithic', 'scalable-single-binary', 'tempo-3.0']);
});
