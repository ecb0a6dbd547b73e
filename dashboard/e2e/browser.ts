import { randomBytes } from 'node:crypto';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { registerUser } from '../../auth/register-user';
import { connectDatabase } from '../../db/client';
import type { Role } from '../../db/schema';
import { systemClock } from '../../kernel/clock';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_PATH, repoRoot } from './stack';

export const PASSWORD = 'correct-horse-battery-staple';

export interface BrowserHarness {
  webUrl: string;
  apiUrl: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

/**
 * Use in a browser test file: one Chromium for the file, a fresh context (cookies, storage)
 * and page for every test, English or Chinese as asked.
 */
export function useBrowser(options: { locale?: 'zh-CN' | 'en-US'; viewport?: { width: number; height: number } } = {}): BrowserHarness {
  const harness = { webUrl: inject('webUrl'), apiUrl: inject('apiUrl') } as BrowserHarness;
  beforeAll(async () => {
    harness.browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await harness.browser?.close();
  });
  beforeEach(async () => {
    harness.context = await harness.browser.newContext({
      baseURL: harness.webUrl,
      locale: options.locale ?? 'en-US',
      viewport: options.viewport ?? { width: 1366, height: 900 },
    });
    harness.context.setDefaultTimeout(15_000);
    harness.page = await harness.context.newPage();
  });
  afterEach(async (ctx) => {
    // A failing test leaves a screenshot behind (screenshots/ is git-ignored).
    const state = ctx.task.result?.state;
    if (state === 'fail' || (ctx.task.result?.errors?.length ?? 0) > 0) {
      const name = ctx.task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
      await harness.page?.screenshot({ path: join(repoRoot, 'screenshots', 'e2e-failures', `${name}.png`), fullPage: true }).catch(() => undefined);
    }
    await harness.context?.close();
  });
  return harness;
}

export function uniqueEmail(label: string): string {
  return `${label}-${randomBytes(5).toString('hex')}@example.test`;
}

/** Creates a user straight in the test database, with any roles (staff roles cannot sign up). */
export async function createUser(roles: Role[], displayName = roles.join(' ')): Promise<{ id: string; email: string; password: string; displayName: string }> {
  const database = connectDatabase(inject('databaseUrl'), { max: 1, applicationName: 'p2p-e2e' });
  try {
    const email = uniqueEmail(roles.join('-'));
    const { id } = await registerUser({ db: database.db, clock: systemClock }, { email, password: PASSWORD, displayName, roles, locale: 'en' });
    return { id, email, password: PASSWORD, displayName };
  } finally {
    await database.close();
  }
}

/** Signs in through the sign-in page, as a person would, and waits for the header to show the name. */
export async function signIn(page: Page, user: { email: string; password: string; displayName: string }, next = '/'): Promise<void> {
  await page.goto(`/sign-in?next=${encodeURIComponent(next)}`);
  await page.getByLabel(/email|电子邮箱/i).fill(user.email);
  await page.getByLabel(/^(password|密码)$/i).fill(user.password);
  await page.getByRole('button', { name: /^(sign in|登录)$/i }).click();
  await page.getByTestId('header-user').filter({ hasText: user.displayName }).waitFor();
}

/** A random, valid 18-digit resident ID number (GB 11643 check digit), unique enough per run. */
export function randomResidentId(): string {
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  const seq = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const body = `110105${1970 + Math.floor(Math.random() * 30)}${month}${day}${seq}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((acc, digit, i) => acc + Number(digit) * weights[i]!, 0);
  return body + '10X98765432'[sum % 11]!;
}

/** Calls the API directly with a bearer token (for setting up data a test is not about). */
export async function apiAs(user: { email: string; password: string }) {
  const apiUrl = inject('apiUrl');
  const login = await fetch(`${apiUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: user.email, password: user.password, client: 'api' }) });
  const { token } = (await login.json()) as { token: string };
  return async (method: string, path: string, body?: unknown, idempotencyKey?: string) => {
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    const response = await fetch(`${apiUrl}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: (await response.json().catch(() => null)) as any };
  };
}
