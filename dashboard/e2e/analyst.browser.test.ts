import { describe, expect, it } from 'vitest';
import { apiAs, createUser, randomResidentId, signIn, useBrowser } from './browser';

async function oneAutomatedDecision(): Promise<void> {
  const borrower = await createUser(['borrower'], 'Backtest Borrower');
  const call = await apiAs(borrower);
  const kyc = await call('POST', '/api/v1/me/kyc', { name: '王五', idNumber: randomResidentId(), phone: '13700137000', livenessToken: 'ok' }, `kyc-${borrower.id}`);
  expect(kyc.status).toBe(201);
  const application = await call(
    'POST',
    '/api/v1/applications',
    {
      amount: '30000',
      termMonths: 12,
      purpose: 'education',
      repaymentMethod: 'equal_installment',
      borrowerType: 'individual',
      monthlyIncome: '12000',
      monthlyDebtPayments: '0',
      declaredOtherPlatformOutstanding: '0',
      employment: { status: 'employed', occupationClass: 'skilled', yearsEmployed: 4 },
      housing: { status: 'rent', yearsAtAddress: 2 },
      checkingBalanceBand: '0_to_200',
      savingsBalanceBand: '100_to_500',
      mostValuableAsset: 'car_other',
      guarantor: 'none',
      dependents: 0,
      nonLocalWorker: false,
      device: { id: `device-${borrower.id}`, ip: '10.1.2.3' },
    },
    `app-${borrower.id}`,
  );
  expect([200, 201]).toContain(application.status);
}

describe('risk analyst', () => {
  const h = useBrowser({ locale: 'en-US' });

  it('edits a rule with validation as they type, saves a draft, backtests it and sees the result', async () => {
    await oneAutomatedDecision();
    const { page } = h;
    const analyst = await createUser(['analyst'], 'Analyst Chen');
    await signIn(page, analyst, '/analyst/rules');
    await page.getByTestId('rule-sets').waitFor();
    await page.getByRole('link', { name: 'rs_policy_v1' }).click();
    const editor = page.getByRole('textbox', { name: 'Rule set JSON' });
    await editor.waitFor();
    const original = await editor.inputValue();
    const definition = JSON.parse(original) as { rules: Array<{ name: string; priority: number; description?: string }> };

    // A typo is reported while typing, with the JSON path.
    await editor.fill(original.replace('"priority": 100', '"priority": 1000'));
    await page.getByTestId('rule-check').getByText(/rules\.0\.priority.*priority must be a whole number from 1 to 100/).waitFor();
    await editor.fill(original.slice(0, -3));
    await page.getByTestId('rule-check').getByText(/Not valid JSON/).waitFor();

    // The real edit: lower the priority of the first rule and describe why.
    definition.rules[0]!.priority = 99;
    definition.rules[0]!.description = 'Edited in the browser test';
    await editor.fill(JSON.stringify(definition, null, 2));
    await page.getByTestId('rule-check').getByText('Looks right.').waitFor();
    await page.getByRole('button', { name: 'Save as a new draft' }).click();
    const saved = (await page.getByText(/Saved as draft rs_policy_v\d+\./).textContent()) ?? '';
    const draftId = /rs_policy_v\d+/.exec(saved)![0];
    expect(draftId).not.toBe('rs_policy_v1');
    await page.getByTestId('open-draft').click();
    await page.waitForURL(`**/analyst/rules/${draftId}`);
    await page.getByRole('heading', { name: `${draftId} · default-policy` }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Rule set JSON' }).inputValue()).toContain('Edited in the browser test');

    await page.getByRole('button', { name: 'Run backtest' }).click();
    const result = page.getByTestId('backtest-result');
    // A refused or failed backtest shows its error in the form's alert: fail with that text at once.
    const failure = page.locator('.alert-error');
    const failed = failure.waitFor({ timeout: 60_000 }).then(async () => `backtest failed: ${await failure.textContent()}`, () => null);
    await Promise.race([
      result.waitFor({ timeout: 60_000 }),
      failed.then((message) => (message ? Promise.reject(new Error(message)) : new Promise<void>(() => {}))),
    ]);
    await expect(result.getByRole('heading').first().textContent()).resolves.toMatch(/Backtest done: \d+ decisions replayed, \d+ changed outcome\./);
    expect(Number(await page.getByTestId('backtest-records').textContent())).toBeGreaterThanOrEqual(1);
    // The chart is drawn (recharts renders an SVG with bars).
    expect(await result.locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
  });

  it('sees the scoring overview with its charts drawn', async () => {
    await oneAutomatedDecision();
    const { page } = h;
    const analyst = await createUser(['analyst'], 'Analyst Zhou');
    await signIn(page, analyst, '/analyst');
    await page.getByRole('heading', { name: 'Scoring overview' }).waitFor();
    expect(Number(await page.getByTestId('overview-total').textContent())).toBeGreaterThanOrEqual(1);
    for (const chart of ['chart-per-day', 'chart-outcomes', 'chart-histogram', 'chart-grades']) {
      await page.getByTestId(chart).locator('svg.recharts-surface').first().waitFor();
    }
    expect(await page.getByTestId('chart-histogram').locator('.recharts-bar-rectangle').count()).toBeGreaterThan(0);
    expect(await page.getByTestId('chart-per-day').locator('.recharts-line').count()).toBe(2);
    // The figure is described for screen readers.
    expect(await page.getByTestId('chart-histogram').getAttribute('aria-label')).toMatch(/probability of default/i);
  });
});
