import { describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../../db/client';
import { seedDecision } from '../../lending/marketplace/testing/seed-decision';
import { systemClock } from '../../kernel/clock';
import { formatFen } from '../i18n/format';
import { apiAs, createUser, randomResidentId, signIn, useBrowser } from './browser';

/**
 * A borrower's listing made through the API (KYC, application, POST /api/v1/listings). The
 * application goes through the real decision engine; if the model happens not to approve this
 * profile, an approved decision is seeded for the same borrower so the listing can still open.
 */
async function openListing(): Promise<{ listingId: string; apr: string; amountFen: bigint }> {
  const borrower = await createUser(['borrower'], 'Listing Borrower');
  const call = await apiAs(borrower);
  const kyc = await call('POST', '/api/v1/me/kyc', { name: '赵六', idNumber: randomResidentId(), phone: '13600136000', livenessToken: 'ok' }, `kyc-${borrower.id}`);
  expect(kyc.status).toBe(201);
  const application = await call(
    'POST',
    '/api/v1/applications',
    {
      amount: '20000',
      termMonths: 12,
      purpose: 'education',
      repaymentMethod: 'equal_installment',
      borrowerType: 'individual',
      monthlyIncome: '25000',
      monthlyDebtPayments: '0',
      declaredOtherPlatformOutstanding: '0',
      employment: { status: 'employed', occupationClass: 'skilled', yearsEmployed: 8 },
      housing: { status: 'own', yearsAtAddress: 6 },
      checkingBalanceBand: 'ge_200',
      savingsBalanceBand: 'ge_1000',
      mostValuableAsset: 'real_estate',
      guarantor: 'none',
      dependents: 0,
      nonLocalWorker: false,
      device: { id: `device-${borrower.id}`, ip: '10.1.2.4' },
    },
    `app-${borrower.id}`,
  );
  let applicationId = application.body?.id as string | undefined;
  if (!applicationId || !['approved', 'counter_offer'].includes(application.body?.outcome)) {
    const database = connectDatabase(inject('databaseUrl'), { max: 1, applicationName: 'p2p-e2e' });
    try {
      applicationId = (await seedDecision(database.db, systemClock, { borrowerId: borrower.id, outcome: 'approved', amountFen: 2_000_000n, grade: 'C2' })).applicationId;
    } finally {
      await database.close();
    }
  }
  const created = await call('POST', '/api/v1/listings', { applicationId, title: '教育借款', description: '借款用于支付职业培训学费，还款来源为工资收入。', repaymentSource: '工资收入' });
  expect(created.status).toBe(201);
  return { listingId: created.body.listingId as string, apr: created.body.listing.apr as string, amountFen: BigInt(created.body.listing.amountFen as string) };
}

describe('investor in the marketplace', () => {
  const h = useBrowser({ locale: 'en-US' });

  it('onboards, deposits, finds a listing, opens its disclosures and bids anyway after the diversification warning', async () => {
    const { listingId, apr, amountFen } = await openListing();
    const { page } = h;
    const investor = await createUser(['investor'], 'Sun Li');
    const call = await apiAs(investor);
    expect((await call('POST', '/api/v1/me/kyc', { name: '孙丽', idNumber: randomResidentId(), phone: '13500135000', livenessToken: 'ok' }, `kyc-${investor.id}`)).status).toBe(201);

    // Not onboarded: the listing page says so instead of showing the bid form.
    await signIn(page, investor, `/listings/${listingId}`);
    await page.getByText('Before bidding, complete the risk assessment').waitFor();
    expect(await page.getByTestId('listing-apr').textContent()).toBe(`Annual rate (IRR, all charges included)${apr}`);
    await page.getByRole('link', { name: 'Complete onboarding' }).click();

    // Onboarding: the questionnaire, then the acknowledgment.
    await page.getByRole('heading', { name: 'Investor onboarding' }).waitFor();
    await page.getByLabel('Age', { exact: true }).fill('40');
    await page.getByLabel('Over 1 million yuan').check();
    await page.getByLabel('Net investable assets (yuan)').fill('800000.00');
    await page.getByLabel('Over 5 years').check();
    await page.getByLabel('High returns; I accept large swings').check();
    await page.getByLabel('More than 30%').check();
    await page.getByRole('button', { name: 'Submit the questionnaire' }).click();
    await page.getByText('Done: your risk tier is Aggressive.').waitFor();
    await page.getByTestId('tier').getByText('Aggressive').waitFor();
    // Acknowledging without ticking the box is refused in plain words.
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByRole('alert').filter({ hasText: 'Tick the box to confirm first.' }).waitFor();
    await page.getByLabel('I have read and understood this risk disclosure').check();
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await page.getByTestId('onboarding-ready').getByText('You are onboarded and can bid.').waitFor();

    // Deposit 10,000 yuan with the simulated one-time code.
    await page.goto('/investor/custody');
    await page.getByLabel('Amount (yuan)').fill('10000');
    await page.getByRole('button', { name: 'Get a code' }).click();
    await page.getByRole('button', { name: 'Show the simulated text message' }).click();
    const code = /(\d{6})/.exec((await page.getByTestId('simulated-code').textContent()) ?? '')?.[1];
    await page.getByLabel('Code from the text message').fill(code!);
    await page.getByRole('button', { name: /Confirm: Deposit ¥10,000\.00/ }).click();
    await page.getByTestId('balance-available').getByText('¥10,000.00').waitFor();

    // Sorting is done by the API over all listings: the rates run highest first.
    await page.goto('/investor/marketplace?sort=-apr');
    expect(await page.getByLabel('Sort').inputValue()).toBe('-apr');
    const rates = (await page.locator('.listing-apr-value').allTextContents()).map((r) => Number.parseFloat(r));
    expect(rates.length).toBeGreaterThan(0);
    expect(rates).toEqual([...rates].sort((a, b) => b - a));

    // The marketplace lists it with the annual rate first; filters keep it.
    await page.goto('/investor/marketplace?term=12');
    const card = page.getByTestId('listing').filter({ has: page.locator(`a[href="/listings/${listingId}"]`) });
    await card.waitFor();
    expect(await card.locator('.listing-apr-value').textContent()).toBe(apr);
    await card.getByRole('link', { name: '教育借款' }).click();
    await page.waitForURL(`**/listings/${listingId}`);

    // Bidding before opening the disclosures is refused; opening them is recorded.
    await page.getByLabel('Bid amount (yuan)').fill('5000');
    await page.getByRole('button', { name: 'Place bid' }).click();
    await page.getByRole('alert').filter({ hasText: 'Open and read the disclosures first.' }).waitFor();
    await page.getByRole('button', { name: 'Open and read the disclosures' }).click();
    await page.getByTestId('disclosures-opened').waitFor();

    // 5,000 of a 5,000 portfolio in one loan: the warning, then an explicit "bid anyway".
    await page.getByRole('button', { name: 'Place bid' }).click();
    const warning = page.getByTestId('bid-warnings');
    await warning.waitFor();
    expect(await warning.textContent()).toMatch(/100\.00% of your portfolio would be in one loan/);
    await page.getByRole('button', { name: 'I understand the risk — bid anyway' }).click();
    await page.getByText('Bid placed: ¥5,000.00 filled.').waitFor();
    const left = formatFen('en', amountFen - 500_000n);
    await page.getByTestId('amount-left').getByText(left).waitFor();

    await page.goto('/investor/bids');
    const row = page.getByTestId('bids').locator('tbody tr').first();
    await row.waitFor();
    expect(await row.textContent()).toMatch(/教育借款.*¥5,000\.00.*¥5,000\.00.*Held/);
  });
});
