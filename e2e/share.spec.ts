import { oversizedScenario } from '../src/share/oversized';
import { expect, freshStart, nodeIds, test } from './fixtures';

const TEMPO_210_SSB = `# a 2.10 SSB config
target: scalable-single-binary
server:
  http_listen_port: 3200
memberlist:
  join_members:
    - dns+tempo-gossip-ring:7946
ingester:
  lifecycler:
    ring:
      replication_factor: 3
storage:
  trace:
    backend: gcs
    gcs:
      bucket_name: team-traces
`;

test('import a pasted tempo.yaml and see its graph', async ({ page }) => {
  await freshStart(page);
  await page.getByTestId('open-import').click();
  await page.getByTestId('import-text').fill(TEMPO_210_SSB);
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('notice')).toContainText('Imported Tempo 2.10');
  await page.keyboard.press('Escape');
  expect(await nodeIds(page)).toContain('ring');
  expect((await nodeIds(page)).filter((id) => id.startsWith('tempo-')).length).toBeGreaterThanOrEqual(2);
  await expect(page.getByTestId('node-object-storage')).toContainText('team-traces');
});

test('a broken config is refused with its line and the scenario is kept', async ({ page }) => {
  await freshStart(page);
  const before = await nodeIds(page);
  await page.getByTestId('open-import').click();
  await page.getByTestId('import-text').fill('target: all\nstorage:\n  trace: [unclosed\n');
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('import-errors')).toContainText(/line \d/);
  await page.keyboard.press('Escape');
  expect(await nodeIds(page)).toEqual(before);
});

test('a share link opens the same graph and settings in a fresh context', async ({
  page,
  context,
  browser,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await freshStart(page);
  await page.getByTestId('version-3.0').click();
  await page.getByTestId('replicas-querier').fill('4');
  await page.getByTestId('replicas-querier').press('Enter');
  await page.getByTestId('share-link').click();
  await expect(page.getByTestId('notice').last()).toContainText('Share link copied');
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${process.env.E2E_PORT ?? 4173}/#s=`));
  const other = await browser.newContext();
  const p2 = await other.newPage();
  await p2.goto(link);
  await expect(p2.getByTestId('canvas')).toBeVisible();
  // The link is read just after the first paint: wait for it to have been applied.
  await expect(p2.getByTestId('version-3.0')).toHaveAttribute('aria-pressed', 'true');
  expect(await nodeIds(p2)).toEqual(await nodeIds(page));
  await expect(p2.getByTestId('replicas-querier')).toHaveValue('4');
  await expect(p2.getByTestId('version-3.0')).toHaveAttribute('aria-pressed', 'true');
  await other.close();
});

test('a tampered share link shows a message and the defaults', async ({ page }) => {
  await page.goto('/#s=N4IgdghgtgpiBcIDCB7ANgFwgTxAGhAAsoBjAZ1kRXQRAA');
  await expect(page.getByTestId('notice')).toContainText(/link/i);
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.locator('.react-flow__node').first()).toBeVisible();
});

test('a scenario too long for a link says so and offers the scenario file, which imports back', async ({
  page,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await freshStart(page);
  // 200 scheduled kills of instances with 100-character names: schema-valid, far past a link's size.
  const big = oversizedScenario('2.10', 'monolithic');
  await page.getByTestId('open-import').click();
  await page.getByTestId('import-text').fill(JSON.stringify(big));
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('notice').last()).toContainText('Imported');
  await page.keyboard.press('Escape');
  await page.getByTestId('share-link').click();
  await expect(page.getByTestId('notice').last()).toContainText('too long for a link: save it as a file');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('save-scenario-file').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/\.scenario\.json$/);
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  const text = readFileSync(path, 'utf8');
  const saved = JSON.parse(text);
  expect(saved.name).toBe('Long event list');
  expect(saved.events).toEqual(big.events);
  await page.getByTestId('open-import').click();
  await page.getByTestId('import-text').fill(text);
  await page.getByTestId('import-run').click();
  await expect(page.getByTestId('notice').last()).toContainText('Imported Tempo 2.10 monolithic');
});

test('a config with 32,000 keys imports off the main thread with a short list of warnings', async ({
  page,
}) => {
  await freshStart(page);
  const text = `target: all\n${Array.from({ length: 32_000 }, (_, i) => `key_${i}: ${i}`).join('\n')}\n`;
  await page.getByTestId('open-import').click();
  const t0 = Date.now();
  await page
    .getByTestId('import-dialog')
    .locator('input[type="file"]')
    .setInputFiles({ name: 'many.yaml', mimeType: 'text/yaml', buffer: Buffer.from(text) });
  await expect(page.getByTestId('import-warnings')).toContainText(
    '31990 more top-level keys are not Tempo config blocks; ignored',
  );
  expect(Date.now() - t0).toBeLessThan(5000);
  await expect(page.getByTestId('import-warnings').locator('li')).toHaveCount(12);
  await expect(page.getByTestId('notice').last()).toContainText('Imported Tempo');
});

test('Share refuses while the checks show an error, and says which', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await freshStart(page);
  await page.evaluate(() => navigator.clipboard.writeText('untouched'));
  await page.getByTestId('replicas-ingester').fill('2');
  await page.getByTestId('replicas-ingester').press('Enter');
  await page.getByTestId('share-link').click();
  await expect(page.getByTestId('notice').last()).toContainText(
    'Not shared: the checks show an error. ingester.lifecycler.ring.replication_factor is 3 but there are only 2 ingesters',
  );
  await expect(page.getByTestId('save-scenario-file')).toHaveCount(0);
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('untouched');
  await page.getByTestId('replicas-ingester').fill('3');
  await page.getByTestId('replicas-ingester').press('Enter');
  await page.getByTestId('share-link').click();
  await expect(page.getByTestId('notice').last()).toContainText('Share link copied');
});
