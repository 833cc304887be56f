import { expect, expectNoAxeViolations, freshStart, test } from './fixtures';

test('number fields edit freely, commit on Enter or blur, clamp once with a reason, one undo step', async ({
  page,
}) => {
  await freshStart(page);
  // The default scenario: 2.10 microservices, 3 ingesters, nothing to undo.
  const ingesters = page.locator('.react-flow__node[data-id^="ingester-"]');
  await expect(ingesters).toHaveCount(3);
  await expect(page.getByTestId('undo')).toBeDisabled();

  // "3", Backspace, "5" is 5 (not 35), and nothing changes until Enter.
  const replicas = page.getByTestId('replicas-ingester');
  await replicas.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('5');
  await expect(replicas).toHaveValue('5');
  await expect(ingesters).toHaveCount(3);
  await page.keyboard.press('Enter');
  await expect(ingesters).toHaveCount(5);

  // Two keystrokes, one commit: one undo step back to 5, another to 3, and no more.
  await replicas.fill('10');
  await replicas.press('Enter');
  await expect(page.getByTestId('node-group:ingester')).toContainText('×10');
  await page.getByTestId('undo').click();
  await expect(replicas).toHaveValue('5');
  await expect(ingesters).toHaveCount(5);
  await page.getByTestId('undo').click();
  await expect(ingesters).toHaveCount(3);
  await expect(replicas).toHaveValue('3');
  await expect(page.getByTestId('undo')).toBeDisabled();

  // CPU 2.5 -> 0.25 by typing, committed on blur.
  const cpu = page.getByTestId('cpu-ingester');
  await cpu.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('0.25');
  await page.getByTestId('replicas-ingester').focus();
  await expect(cpu).toHaveValue('0.25');
  await expect(page.getByTestId('node-ingester-0')).toContainText('0.25 CPU');

  // Out of bounds: clamped once, with a word why.
  const rf = page.getByTestId('setting-rf');
  await rf.fill('9');
  await rf.press('Enter');
  await expect(rf).toHaveValue('5');
  await expect(page.getByTestId('setting-rf-note')).toContainText('maximum, 5');

  // Not a number: kept, and said so.
  await replicas.fill('lots');
  await replicas.press('Enter');
  await expect(replicas).toHaveValue('3');
  await expect(page.getByTestId('replicas-ingester-note')).toContainText('not a number');

  // Escape throws the draft away.
  await replicas.fill('7');
  await replicas.press('Escape');
  await expect(replicas).toHaveValue('3');
  await expect(ingesters).toHaveCount(3);
  await expectNoAxeViolations(page);
});

test('the seed is a number field too: typed freely, one undo step per new seed', async ({ page }) => {
  await freshStart(page);
  const seed = page.getByTestId('sim-seed');
  await expect(seed).toHaveValue('42');
  await seed.fill('');
  await seed.pressSequentially('1234');
  await expect(seed).toHaveValue('1234');
  await seed.press('Enter');
  await expect(seed).toHaveValue('1234');
  // One undo step goes back to 42, not to 123.
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+z');
  await expect(seed).toHaveValue('42');
  await seed.fill('abc');
  await seed.press('Enter');
  await expect(page.getByTestId('sim-seed-note')).toContainText('not a number');
  await expect(seed).toHaveValue('42');
});
