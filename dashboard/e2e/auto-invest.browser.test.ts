import { describe, expect, it } from 'vitest';
import { apiAs, createUser, signIn, useBrowser } from './browser';
import { onboardInvestor } from './fixtures';

describe('investor auto-invest', () => {
  const h = useBrowser({ locale: 'en-US' });

  it('grants a mandate, changes it and revokes it, seeing each state in the list', async () => {
    const { page } = h;
    const investor = await createUser(['investor'], 'Zhao Min');
    await onboardInvestor(await apiAs(investor), '赵敏');
    await signIn(page, investor, '/investor/auto-invest');
    await page.getByRole('heading', { name: 'Auto-invest', level: 1 }).waitFor();
    await page.getByText('You have no auto-invest mandates.').waitFor();

    // Every parameter must be stated: an empty form names what is missing.
    await page.getByRole('button', { name: 'Grant mandate' }).click();
    await page.getByRole('alert').filter({ hasText: 'Choose at least one.' }).waitFor();

    const form = page.getByRole('region', { name: 'New auto-invest mandate' });
    await form.getByLabel('B', { exact: true }).check();
    await form.getByLabel('C', { exact: true }).check();
    await form.getByLabel('12', { exact: true }).check();
    await form.getByLabel('Lowest annual rate (%)').fill('9.5');
    await form.getByLabel('Most in one borrower (%)').fill('10');
    await form.getByLabel('Amount per loan (yuan)').fill('100');
    await form.getByLabel('Total budget (yuan)').fill('2000');
    await page.getByRole('button', { name: 'Grant mandate' }).click();
    await page.getByRole('status').filter({ hasText: 'Mandate granted.' }).waitFor();

    const mandate = page.getByTestId('mandates').locator('li').first();
    await mandate.getByText('Active').waitFor();
    expect(await mandate.locator('.apr').textContent()).toBe('≥ 9.50%');
    const text = async () => ((await mandate.textContent()) ?? '').replace(/\s+/g, ' ');
    expect(await text()).toMatch(/Risk grades\s?B, C/);
    expect(await text()).toMatch(/Terms\s?12/);
    expect(await text()).toMatch(/Amount per loan \(yuan\)\s?¥100\.00/);
    expect(await text()).toMatch(/Total budget \(yuan\)\s?¥2,000\.00 \(Used ¥0\.00\)/);
    expect(await text()).toMatch(/Most in one borrower \(%\)\s?10\.00%/);

    // Change: the form opens with the mandate's values; raise the rate floor and add grade A.
    await mandate.getByRole('button', { name: /^Change/ }).click();
    const editForm = page.getByRole('region', { name: /^Change mandate / });
    await editForm.waitFor();
    expect(await editForm.getByLabel('Lowest annual rate (%)').inputValue()).toBe('9.50');
    expect(await editForm.getByLabel('B', { exact: true }).isChecked()).toBe(true);
    await editForm.getByLabel('A', { exact: true }).check();
    await editForm.getByLabel('Lowest annual rate (%)').fill('11');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Changes saved.' }).waitFor();
    await mandate.locator('.apr').getByText('≥ 11.00%').waitFor();
    expect(await text()).toMatch(/Risk grades\s?A, B, C/);
    expect(await page.getByTestId('mandates').locator('li').count()).toBe(1);

    // Revoke asks first; dismissing keeps it, accepting revokes it.
    page.once('dialog', (dialog) => void dialog.dismiss());
    await mandate.getByRole('button', { name: /^Revoke/ }).click();
    await mandate.getByText('Active').waitFor();
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.accept();
    });
    await mandate.getByRole('button', { name: /^Revoke/ }).click();
    await page.getByRole('status').filter({ hasText: 'Mandate revoked.' }).waitFor();
    expect(asked).toMatch(/^Revoke mandate aim_\w+\? Bids already placed stay\.$/);
    await mandate.getByText('Revoked').waitFor();
    // A revoked mandate can no longer be changed or revoked.
    expect(await mandate.getByRole('button').count()).toBe(0);
  });
});
