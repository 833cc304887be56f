import { expect, expectNoAxeViolations, freshStart, test } from './fixtures';

test('Configure: volumes, Kafka retention and block timings, each with its key; the export follows', async ({
  page,
}, info) => {
  await freshStart(page);
  // The default scenario: 2.10 microservices; ingesters have the charts' 10 GiB volume.
  const volume = page.getByTestId('setting-volume-ingester');
  await volume.scrollIntoViewIfNeeded();
  await expect(volume).toHaveValue('10');
  await expect(page.getByText('ingester.persistence.size')).toBeVisible();
  await expect(page.getByText('ingester.complete_block_timeout')).toBeVisible();
  await volume.fill('50');
  await volume.press('Enter');
  await expect(volume).toHaveValue('50');
  const timeout = page.getByTestId('setting-complete-block-timeout');
  await expect(timeout).toHaveValue('900');
  await timeout.fill('1800');
  await timeout.press('Enter');
  await expect(timeout).toHaveValue('1800');
  await page.getByTestId('undo').click();
  await expect(timeout).toHaveValue('900');
  await page.screenshot({ path: info.outputPath('recovery-panel.png') });
  await expectNoAxeViolations(page);
});
