import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../kernel/config';
import { systemClock } from '../../kernel/clock';
import { disburseListing } from '../../lending/marketplace/disburse-listing';
import { generateContract } from '../../lending/marketplace/generate-contract';
import { apiAs, createUser, signIn, useBrowser } from './browser';
import { approvedApplication, deposit, onboardInvestor, verifyIdentity, withDatabase } from './fixtures';

const yuanOf = (text: string) => Math.round(Number(text.replace(/[¥,\s]/g, '')) * 100);

/** Funds the whole listing through the API, as one onboarded investor would. */
async function fundFully(listingId: string, amount: string): Promise<void> {
  const investor = await createUser(['investor'], 'Lender Qian');
  const call = await apiAs(investor);
  await onboardInvestor(call, '钱多');
  await deposit(call, amount);
  expect((await call('GET', `/api/v1/listings/${listingId}/disclosures`)).status).toBe(200);
  const bid = await call('POST', `/api/v1/listings/${listingId}/bids`, { amount, acceptConcentrationRisk: true }, `bid-${listingId}`);
  expect(bid.body).toMatchObject({ filled: amount, listingFunded: true });
}

describe('borrower from offer to repaid loan', () => {
  const h = useBrowser({ locale: 'en-US', viewport: { width: 390, height: 844 } });

  it('accepts the offer, agrees to the signed contract, sees the schedule and repays early on a phone', async () => {
    const { page } = h;
    const borrower = await createUser(['borrower'], 'Chen Jing');
    const call = await apiAs(borrower);
    await verifyIdentity(call, '陈静');
    const applicationId = await approvedApplication(call, borrower.id, 2_000_000n);

    // Accept the offer: the application becomes a listing.
    await signIn(page, borrower, `/borrower/applications/${applicationId}`);
    const offer = page.getByTestId('accept-offer');
    await offer.getByRole('heading', { name: 'Accept the offer and publish a listing' }).waitFor();
    await offer.getByLabel('Title').fill('进修学费');
    await offer.getByLabel('Description').fill('借款用于支付在职研究生学费，按月从工资中还款。');
    await offer.getByLabel('Source of repayment').fill('工资收入');
    await offer.getByRole('button', { name: 'Accept and publish' }).click();
    await offer.getByRole('status').filter({ hasText: 'Your listing is published.' }).waitFor();
    await offer.getByRole('link', { name: 'View the listing' }).click();
    await page.waitForURL(/\/listings\/lst_\w+$/);
    const listingId = /lst_\w+$/.exec(page.url())![0];
    await page.getByRole('heading', { name: '进修学费' }).waitFor();

    // Investors fund it; the funding job (its use case, run here) signs the contract.
    const listing = await call('GET', `/api/v1/listings/${listingId}`);
    const amount = listing.body.amount as string;
    await fundFully(listingId, amount);
    const signingSeed = parseConfig({ ...process.env, NODE_ENV: 'test' }).CONTRACT_SIGNING_SEED;
    await withDatabase((db) => generateContract({ db, clock: systemClock, signingSeed }, { listingId }));

    // The contract: check its signature, then agree.
    await page.goto('/contracts');
    const contract = page.getByTestId('contract').filter({ hasText: '进修学费' });
    await contract.getByText('Waiting for your agreement').waitFor();
    expect(((await contract.textContent()) ?? '').replace(/\s+/g, ' ')).toContain(`Principal¥${Number(amount).toLocaleString('en-US', { minimumFractionDigits: 2 })}`);
    await contract.getByRole('button', { name: 'Check the signature' }).click();
    await contract.getByRole('status').filter({ hasText: 'Checked: the contract is unchanged and the platform signature is valid.' }).waitFor();
    await contract.getByRole('button', { name: 'Agree to the contract and disburse' }).click();
    await contract.getByRole('status').filter({ hasText: 'You agreed to the contract; the loan will be disbursed.' }).waitFor();
    await contract.locator('.badge').getByText('Agreed').waitFor();

    // The disbursement job (its use case, run here) books the loan.
    await withDatabase((db) => disburseListing({ db, clock: systemClock }, { listingId }));

    await page.goto('/borrower/loans');
    const loan = page.getByTestId('loan').first();
    await loan.getByText('Repaying').waitFor();
    expect(await loan.getByTestId('due-now').textContent()).toBe('¥0.00');
    await loan.getByText('Nothing is due now.').waitFor();
    await loan.locator('summary', { hasText: 'Repayment schedule' }).click();
    const rows = loan.locator('table tbody tr');
    expect(await rows.count()).toBe(12);
    // The principal column adds up to the loan, to the fen.
    const principals = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[2]?.textContent ?? ''));
    expect(principals.reduce((sum, p) => sum + yuanOf(p), 0)).toBe(yuanOf(amount));
    expect(principals.every((p) => /^¥[\d,]+\.\d{2}$/.test(p))).toBe(true);

    // Repaying early in full needs a little more than the principal (the fee was paid on disbursement).
    await deposit(call, '2000.00');
    await loan.getByLabel('Repay the whole loan early').check();
    await loan.getByRole('button', { name: 'Repay', exact: true }).click();
    await loan.getByTestId('loan-repaid').getByText('This loan is fully repaid. Thank you.').waitFor();
    await loan.getByText('Repaid', { exact: true }).waitFor();
    const settled = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelectorAll('td')[7]?.textContent ?? ''));
    expect(settled.every((d) => d !== '—')).toBe(true);
  });
});
