import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, expectNoAxeViolations, freshStart, test } from './fixtures';

const fixtures = join(process.cwd(), 'src', 'measure', 'fixtures');
const fixture = (name: string) => readFileSync(join(fixtures, name), 'utf8');

test('your cluster: paste measurements, the sliders take the measured load, the table shows measured beside the model; reload keeps it; the bundle carries it', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await freshStart(page);
  // The team's cluster, as a saved scenario (3 distributors, 6 ingesters, 4 queriers, 2 compactors).
  await page.evaluate(
    (s) => localStorage.setItem('tempo-playground:scenario', s),
    fixture('tempo-2.10-scenario.json'),
  );
  await page.reload();
  await expect(page.getByTestId('load-spansPerSecond-value')).toContainText('30');

  await page.getByTestId('open-learn').click();
  await page.getByTestId('learn-tab-measure').click();
  const queries = page.getByTestId('measure-queries');
  await expect(queries).toContainText('tempo_distributor_spans_received_total{namespace="tempo"}');
  await expect(queries).toContainText('tempo_ingester_live_traces');
  await page.getByTestId('copy-memory').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(
    'container_memory_working_set_bytes{namespace="tempo", container!="", container!="POD"}',
  );

  // A broken paste: a clear message with its line, and nothing changes.
  await page
    .getByTestId('measure-input')
    .fill('[\n{"status": "success",\n "data": {"resultType": "matrix", "result": [}\n]');
  await page.getByTestId('measure-read').click();
  await expect(page.getByTestId('measure-errors')).toContainText('line 3: this is not valid JSON');
  await expect(page.getByTestId('measure-result')).toHaveCount(0);

  // An hour of 19 pods at 1m is 420 KB: a file rather than a paste.
  await page.getByTestId('measure-file').setInputFiles(join(fixtures, 'tempo-2.10-matrix.json'));
  const result = page.getByTestId('measure-result');
  await expect(result).toBeVisible();
  await expect(page.getByTestId('measure-load')).toContainText(
    /36,0\d\d spans\/s, 6\d\d B per span, 24 spans per trace/,
  );
  await expect(page.getByTestId('measure-source')).toContainText(
    '2025-12-05T10:00:00Z to 2025-12-05T11:00:00Z',
  );
  const table = page.getByTestId('measure-table');
  const ingester = table.getByRole('row', { name: /^ingester \(6\/6\)/ });
  await expect(ingester).toContainText(/7\.\d GiB \/ 7\.\d GiB/);
  await expect(ingester.locator('[data-notable="true"]').first()).toBeVisible();
  await expect(page.getByTestId('measure-findings')).toContainText('ingester memory');
  await expect(page.getByTestId('measure-unmatched')).toContainText(
    'tempo-memcached-0: not a process this scenario runs',
  );
  await page.getByTestId('measure-per-process').click();
  await expect(
    page.getByTestId('measure-process-table').getByRole('row', { name: /^ingester-5 / }),
  ).toBeVisible();
  await expectNoAxeViolations(page);

  // What if: the same cluster at twice the load, side by side.
  await page.getByTestId('whatif-double-load').click();
  await expect(page.getByTestId('whatif-runs').getByTestId('compare-column')).toHaveCount(2);
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.screenshot({ path: 'test-results/measure-1280.png' });
  await page.setViewportSize({ width: 1440, height: 900 });

  // The sliders hold the measured load; one undo step restores the old one.
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('learn-dialog')).toBeHidden();
  await expect(page.getByTestId('load-spansPerSecond-value')).toContainText('36');
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('load-spansPerSecond-value')).toContainText('30');
  await page.keyboard.press('Control+Shift+z');
  await expect(page.getByTestId('load-spansPerSecond-value')).toContainText('36');

  // Reload keeps the measurements and the comparison.
  await page.reload();
  await page.getByTestId('open-learn').click();
  await page.getByTestId('learn-tab-measure').click();
  await expect(
    page.getByTestId('measure-table').getByRole('row', { name: /^ingester \(6\/6\)/ }),
  ).toContainText(/7\.\d GiB/);
  await page.keyboard.press('Escape');

  const [bundle] = await Promise.all([
    page.waitForEvent('download'),
    (async () => {
      await page.getByTestId('open-export').click();
      await page.getByTestId('export-bundle').click();
    })(),
  ]);
  const zip = readFileSync(await bundle.path()).toString('utf8');
  expect(zip).toContain('/measured-vs-simulated.md');
  expect(zip).toMatch(/\| ingester-0 \| 1\.\d+ \/ 1\.\d+ \|/);
});

test('your cluster: hostile pod names are shown as text, a Grafana CSV is read as well', async ({ page }) => {
  await freshStart(page);
  await page.getByTestId('open-learn').click();
  await page.getByTestId('learn-tab-measure').click();
  const hostile = JSON.stringify({
    status: 'success',
    data: {
      resultType: 'vector',
      result: [
        {
          metric: { __name__: 'container_memory_working_set_bytes', pod: 'tempo-ingester-0' },
          value: [1, '1000000000'],
        },
        {
          metric: { __name__: 'container_memory_working_set_bytes', pod: '<img src=x onerror=alert(1)>' },
          value: [1, '5'],
        },
      ],
    },
  });
  await page.getByTestId('measure-input').fill(hostile);
  await page.getByTestId('measure-read').click();
  await expect(page.getByTestId('measure-unmatched')).toContainText(
    '<img src=x onerror=alert(1)>: not a process this scenario runs',
  );
  await expect(page.locator('img[src="x"]')).toHaveCount(0);

  await page.getByTestId('measure-file').setInputFiles({
    name: 'memory.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(
      'Time,container_memory_working_set_bytes{pod="tempo-querier-abc-1"}\n2025-12-05 10:00:00,2147483648\n',
    ),
  });
  await expect(page.getByTestId('measure-source')).toContainText('Grafana CSV, file memory.csv');
  await expect(
    page.getByTestId('measure-table').getByRole('row', { name: /^querier \(1\/2\)/ }),
  ).toContainText('2 GiB');
});
