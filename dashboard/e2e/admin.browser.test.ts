import { describe, expect, it } from 'vitest';
import { apiAs, createUser, signIn, useBrowser } from './browser';

describe('admin', () => {
  const h = useBrowser({ locale: 'en-US' });

  it('sees the compliance self-check with the same results as the API', async () => {
    const admin = await createUser(['admin'], 'Admin Zhao');
    const api = await apiAs(admin);
    const report = await api('GET', '/api/v1/admin/compliance');
    expect(report.status).toBe(200);
    const { page } = h;
    await signIn(page, admin, '/admin/compliance');
    await page.getByRole('heading', { name: 'Compliance self-check' }).waitFor();
    const body = report.body as { passed: number; failed: number; results: Array<{ title: string; evidence: string }> };
    await page.getByText(`${body.passed} passed, ${body.failed} failed`).waitFor();
    const rows = page.locator('tbody tr');
    expect(await rows.count()).toBe(body.results.length);
    for (const result of body.results.slice(0, 5)) await page.getByRole('cell', { name: result.title, exact: true }).waitFor();
  });

  it('refuses the compliance page to a borrower', async () => {
    const borrower = await createUser(['borrower'], 'Borrower Sun');
    const { page } = h;
    await signIn(page, borrower, '/admin/compliance');
    expect(await page.getByRole('heading', { name: 'Compliance self-check' }).count()).toBe(0);
  });
});
