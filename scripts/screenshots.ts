import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { chromium, type Page } from 'playwright-core';
import { registerUser } from '../auth/register-user';
import { connectDatabase } from '../db/client';
import type { Role } from '../db/schema';
import { createTestDatabase, dropTestDatabase } from '../db/testing/fixture';
import { systemClock } from '../kernel/clock';
import { buildNextIfStale, CHROMIUM_ARGS, CHROMIUM_PATH, ensureChromium, repoRoot, startApi, startNext } from '../dashboard/e2e/stack';

/**
 * `npm run screenshots`: every main page at desktop (1366×900) and phone (390×844) widths,
 * in Chinese (the default) and the English sign-in page, into screenshots/ (git-ignored).
 * Runs its own API and Next server over a throwaway database. `-- --only=name,name` narrows.
 */
const VIEWPORTS = { desktop: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } } as const;
const PASSWORD = 'correct-horse-battery-staple';

interface Shot {
  name: string;
  path: string;
  as?: Role[];
  locale?: 'zh-CN' | 'en-US';
}

const SHOTS: Shot[] = [
  { name: 'home', path: '/' },
  { name: 'sign-in', path: '/sign-in' },
  { name: 'sign-in-en', path: '/sign-in', locale: 'en-US' },
  { name: 'sign-up', path: '/sign-up' },
  { name: 'health', path: '/health' },
  { name: 'disclosures', path: '/disclosures' },
  { name: 'major-events', path: '/major-events' },
  { name: 'about', path: '/about' },
  { name: 'fees', path: '/fees' },
  { name: 'not-found', path: '/no-such-page' },
  { name: 'home-borrower', path: '/', as: ['borrower'] },
  { name: 'borrower-kyc', path: '/borrower/kyc', as: ['borrower'] },
  { name: 'borrower-apply', path: '/borrower/apply', as: ['borrower'] },
  { name: 'borrower-applications', path: '/borrower/applications', as: ['borrower'] },
  { name: 'investor-custody', path: '/investor/custody', as: ['investor'] },
  { name: 'investor-marketplace', path: '/investor/marketplace', as: ['investor'] },
  { name: 'investor-portfolio', path: '/investor/portfolio', as: ['investor'] },
  { name: 'investor-onboarding', path: '/investor/onboarding', as: ['investor'] },
  { name: 'investor-auto-invest', path: '/investor/auto-invest', as: ['investor'] },
  { name: 'investor-bids', path: '/investor/bids', as: ['investor'] },
  { name: 'contracts', path: '/contracts', as: ['investor'] },
  { name: 'borrower-loans', path: '/borrower/loans', as: ['borrower'] },
  { name: 'analyst-overview', path: '/analyst', as: ['analyst'] },
  { name: 'analyst-rules', path: '/analyst/rules', as: ['analyst'] },
  { name: 'analyst-models', path: '/analyst/models', as: ['analyst'] },
  { name: 'analyst-reviews', path: '/analyst/reviews', as: ['analyst'] },
  { name: 'analyst-overdue', path: '/analyst/overdue', as: ['analyst'] },
  { name: 'analyst-collections', path: '/analyst/collections', as: ['analyst'] },
  { name: 'analyst-alerts', path: '/analyst/alerts', as: ['analyst'] },
  { name: 'admin-users', path: '/admin/users', as: ['admin'] },
  { name: 'admin-audit', path: '/admin/audit', as: ['admin'] },
  { name: 'admin-reconciliation', path: '/admin/reconciliation', as: ['admin'] },
];

async function main(): Promise<void> {
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
  const shots = only ? SHOTS.filter((s) => only.includes(s.name)) : SHOTS;
  const outDir = join(repoRoot, 'screenshots');
  await mkdir(outDir, { recursive: true });
  ensureChromium();
  buildNextIfStale();
  const database = await createTestDatabase();
  const api = await startApi({ databaseUrl: database.url, redisPrefix: `shots:${randomBytes(4).toString('hex')}` });
  const web = await startNext({ apiUrl: api.url }).catch(async (error) => {
    await api.stop();
    throw error;
  });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const users = new Map<string, { email: string; displayName: string }>();
  const userFor = async (roles: Role[]) => {
    const key = roles.join('+');
    const existing = users.get(key);
    if (existing) return existing;
    const db = connectDatabase(database.url, { max: 1 });
    const names: Record<string, string> = { borrower: '张伟', investor: '李娜', analyst: '王芳（风控）', admin: '刘洋（管理员）' };
    const user = { email: `${key.replace('+', '-')}-${randomBytes(3).toString('hex')}@example.test`, displayName: names[roles[0]!] ?? key };
    await registerUser({ db: db.db, clock: systemClock }, { ...user, password: PASSWORD, roles, locale: 'zh' });
    await db.close();
    users.set(key, user);
    return user;
  };
  const problems: string[] = [];
  // One sign-in per role: later contexts start from the saved cookies.
  const sessions = new Map<string, Awaited<ReturnType<import('playwright-core').BrowserContext['storageState']>>>();
  try {
    for (const shot of shots) {
      for (const [label, viewport] of Object.entries(VIEWPORTS)) {
        const sessionKey = shot.as?.join('+');
        const context = await browser.newContext({
          baseURL: web.url,
          viewport,
          locale: shot.locale ?? 'zh-CN',
          deviceScaleFactor: 1,
          storageState: sessionKey ? sessions.get(sessionKey) : undefined,
        });
        const page = await context.newPage();
        page.on('console', (message) => {
          if (message.type() === 'error' && shot.name !== 'not-found') problems.push(`${shot.name}/${label}: console error: ${message.text()}`);
        });
        page.on('pageerror', (error) => problems.push(`${shot.name}/${label}: page error: ${error.message}`));
        if (shot.as && sessionKey && !sessions.has(sessionKey)) {
          await signIn(page, await userFor(shot.as));
          sessions.set(sessionKey, await context.storageState());
        }
        const response = await page.goto(shot.path, { waitUntil: 'networkidle' });
        if (response && response.status() >= 500) problems.push(`${shot.name}/${label}: HTTP ${response.status()}`);
        await page.waitForTimeout(300);
        const file = join(outDir, `${shot.name}-${label}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`screenshot ${file}`);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await web.stop();
    await api.stop();
    await dropTestDatabase(database);
  }
  if (problems.length > 0) {
    console.error(`\n${problems.length} problem(s):\n${problems.join('\n')}`);
    process.exitCode = 1;
  }
}

async function signIn(page: Page, user: { email: string; displayName: string }): Promise<void> {
  await page.goto('/sign-in');
  await page.locator('#sign-in-email').fill(user.email);
  await page.locator('#sign-in-password').fill(PASSWORD);
  await page.locator('#main form button[type=submit]').click();
  await page.getByTestId('header-user').filter({ hasText: user.displayName }).waitFor();
}

await main();
