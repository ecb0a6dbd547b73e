import { describe, expect, it } from 'vitest';
import { PASSWORD, uniqueEmail, useBrowser } from './browser';

describe('signing up and in', () => {
  const h = useBrowser({ locale: 'en-US' });

  it('a new borrower signs up, signs out, signs in again and sees their name in the header', async () => {
    const { page } = h;
    const email = uniqueEmail('borrower');
    const name = `Li Wei ${Date.now() % 10_000}`;

    await page.goto('/sign-up');
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Borrow (borrower)').check();
    await page.getByRole('button', { name: 'Sign up' }).click();
    await expect(page.getByTestId('header-user').textContent({ timeout: 15_000 })).resolves.toContain(name);

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('link', { name: 'Sign in' }).first().waitFor();
    expect(await page.getByTestId('header-user').count()).toBe(0);

    await page.goto('/sign-in');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'wrong' }).textContent()).resolves.toContain('The email or password is wrong.');

    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('header-user').textContent()).resolves.toContain(name);
    // Borrower navigation, not investor or staff navigation.
    expect(await page.getByRole('link', { name: 'Apply for a loan' }).count()).toBeGreaterThan(0);
    expect(await page.getByRole('link', { name: 'Marketplace' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Audit log' }).count()).toBe(0);
  });

  it('cannot submit the sign-in form before the page is interactive (no password in a URL)', async () => {
    // As served, before any script runs: the submit button is disabled, so neither a click nor
    // Enter can submit the form natively (a GET carrying the password in the query string).
    await h.page.context().clearCookies(); // signed out, whatever the test before did
    const response = await h.page.request.get('/sign-in');
    const html = await response.text();
    const form = /<form[^>]*sign-in-status[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
    const button = /<button[^>]*type="submit"[^>]*>/.exec(form)?.[0] ?? '';
    expect(button).not.toBe('');
    expect(button).toMatch(/\bdisabled\b/);
    // Once hydrated it is enabled (the click waits for that) and the form goes through its handler.
    await h.page.goto('/sign-in');
    await h.page.getByLabel('Password').fill('typed-before-submit');
    await h.page.getByRole('button', { name: 'Sign in' }).click();
    await h.page.getByRole('alert').first().waitFor();
    expect(h.page.url()).not.toContain('password');
  });

  it('the health page shows the database and Redis up', async () => {
    const { page } = h;
    await page.goto('/health');
    await expect(page.getByTestId('health-database').textContent()).resolves.toMatch(/Database \(PostgreSQL\).*Up/);
    await expect(page.getByTestId('health-redis').textContent()).resolves.toMatch(/Redis.*Up/);
  });

  it('every page carries the security headers', async () => {
    const response = await h.page.goto('/sign-in');
    const headers = response!.headers();
    expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['permissions-policy']).toContain('camera=()');
  });
});

describe('language', () => {
  const zh = useBrowser({ locale: 'zh-CN' });

  it('a Chinese browser gets Chinese labels and can switch to English', async () => {
    const { page } = zh;
    await page.goto('/sign-in');
    await page.getByRole('heading', { name: '登录' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.reload();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
  });
});
