import { describe, expect, it } from 'vitest';
import { createUser, randomResidentId, signIn, useBrowser } from './browser';

describe('borrower', () => {
  const h = useBrowser({ locale: 'en-US', viewport: { width: 390, height: 844 } });

  it('verifies their identity, applies on a phone and sees the decision with the annual rate', async () => {
    const { page } = h;
    const user = await createUser(['borrower'], 'Zhang Wei');
    await signIn(page, user, '/borrower/apply');
    // Not verified yet: the apply page sends them to verification first.
    await page.getByText('Please verify your identity before you apply.').waitFor();
    await page.getByRole('link', { name: 'Verify my identity' }).click();
    await page.getByRole('heading', { name: 'Verify your identity' }).waitFor();

    await page.getByLabel('Full legal name').fill('张伟');
    await page.getByLabel('Resident ID number').fill(randomResidentId());
    await page.getByLabel('Mobile number').fill('13800138000');
    await page.getByRole('button', { name: 'Verify my identity' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'face check' }).textContent()).resolves.toContain('Please complete the face check first.');
    await page.getByRole('button', { name: 'Start the face check (simulated)' }).click();
    await page.getByRole('button', { name: 'Verify my identity' }).click();
    await page.getByTestId('kyc-verified').waitFor();

    await page.goto('/borrower/apply');
    await page.getByLabel('Amount (yuan)').fill('20000');
    await page.getByLabel('Monthly income (yuan)').fill('15000');
    await page.getByLabel('Term (months)').selectOption('12');
    await page.getByRole('button', { name: 'Apply' }).click();
    const decision = page.getByTestId('decision');
    await decision.waitFor({ timeout: 30_000 });
    const outcome = await decision.getAttribute('data-outcome');
    const text = (await decision.textContent()) ?? '';
    expect(text).toMatch(/Decision: (Approved|Declined|Referred to a person|Approved for a different amount)/);
    if (outcome === 'approved' || outcome === 'counter_offer') {
      // The IRR-based annual rate is the most prominent figure.
      expect(await page.getByTestId('decision-apr').textContent()).toMatch(/Annual rate \(IRR, all charges included\)\d+\.\d{2}%/);
      expect(await page.getByTestId('decision-grade').textContent()).toMatch(/[A-G][1-5]/);
    } else if (outcome === 'declined') {
      expect(await page.getByTestId('decision-reasons').locator('li').count()).toBeGreaterThan(0);
    }

    await page.getByRole('link', { name: 'See my applications' }).click();
    await page.getByTestId('application').first().waitFor();
    expect(await page.getByTestId('application').count()).toBe(1);
  });

  it('a declined reason is shown in plain words for a prohibited purpose', async () => {
    const { page } = h;
    const user = await createUser(['borrower'], 'Li Lei');
    await signIn(page, user, '/borrower/kyc');
    await page.getByLabel('Full legal name').fill('李雷');
    await page.getByLabel('Resident ID number').fill(randomResidentId());
    await page.getByLabel('Mobile number').fill('13900139000');
    await page.getByRole('button', { name: 'Start the face check (simulated)' }).click();
    await page.getByRole('button', { name: 'Verify my identity' }).click();
    await page.getByTestId('kyc-verified').waitFor();

    await page.goto('/borrower/apply');
    await page.getByLabel('Monthly income (yuan)').fill('15000');
    await page.getByLabel('Purpose').selectOption('stocks');
    await page.getByRole('button', { name: 'Apply' }).click();
    const decision = page.getByTestId('decision');
    await decision.waitFor({ timeout: 30_000 });
    expect(await decision.getAttribute('data-outcome')).toBe('declined');
    expect((await page.getByTestId('decision-reasons').textContent()) ?? '').not.toBe('');
  });
});
