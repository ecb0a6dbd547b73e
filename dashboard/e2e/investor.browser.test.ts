import { describe, expect, it } from 'vitest';
import { createUser, signIn, useBrowser } from './browser';

describe('investor', () => {
  const h = useBrowser({ locale: 'en-US' });

  it('deposits with the one-time code and sees the balance and the statement', async () => {
    const { page } = h;
    const user = await createUser(['investor'], 'Wang Fang');
    await signIn(page, user, '/investor/custody');
    await expect(page.getByTestId('balance-available').textContent()).resolves.toContain('¥0.00');
    await page.getByText('No money has moved yet.').waitFor();

    await page.getByRole('radio', { name: 'Deposit' }).check();
    await page.getByLabel('Amount (yuan)').fill('5000.50');
    await page.getByRole('button', { name: 'Get a code' }).click();
    await page.getByText('The custodian bank has sent a 6-digit code').waitFor();

    // A wrong code is refused and nothing moves.
    await page.getByLabel('Code from the text message').fill('000000');
    await page.getByRole('button', { name: /Confirm: Deposit ¥5,000\.50/ }).click();
    await page.getByRole('alert').filter({ hasText: /\S/ }).first().waitFor();

    await page.getByRole('button', { name: 'Show the simulated text message' }).click();
    const sms = (await page.getByTestId('simulated-code').textContent()) ?? '';
    const code = /(\d{6})/.exec(sms)?.[1];
    expect(code).toMatch(/^\d{6}$/);
    await page.getByLabel('Code from the text message').fill(code!);
    await page.getByRole('button', { name: /Confirm: Deposit ¥5,000\.50/ }).click();
    await page.getByText(/Deposit done: ¥5,000\.50/).waitFor();

    await page.getByTestId('balance-available').getByText('¥5,000.50').waitFor();
    const row = page.getByTestId('statement').locator('tbody tr').first();
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Deposit.*In.*\+¥5,000\.50/);
  });
});
