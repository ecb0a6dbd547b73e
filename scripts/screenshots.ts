import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { DEMO_EMAILS, DEMO_PASSWORD, startDemoStack, type DemoAccount } from '../dashboard/e2e/demo-stack';
import { CHROMIUM_ARGS, CHROMIUM_PATH, ensureChromium, repoRoot } from '../dashboard/e2e/stack';
import { pageProblems } from './screenshots-checks';

/**
 * `npm run screenshots`: every main page of every role at desktop (1366×900) and phone
 * (390×844) widths, in Chinese (the default) and a few in English, over demo data, into
 * screenshots/ (git-ignored). Where the data comes from: dashboard/e2e/demo-stack.ts
 * (`--base-url=URL` or DEMO_BASE_URL: a platform already running with demo data, e.g.
 * `npm start`). Each page is also checked for sideways overflow, leaked translation keys and
 * malformed money (screenshots-checks.ts). `-- --only=name,name` narrows.
 */
const VIEWPORTS = { desktop: { width: 1366, height: 900 }, phone: { width: 390, height: 844 } } as const;

interface Shot {
  name: string;
  path: string;
  as?: DemoAccount;
  locale?: 'zh-CN' | 'en-US';
  /** Open `path`, then the first link matching this selector (detail pages with demo ids). */
  follow?: string;
}

const SHOTS: Shot[] = [
  { name: 'home', path: '/' },
  { name: 'sign-in', path: '/sign-in' },
  { name: 'sign-in-en', path: '/sign-in', locale: 'en-US' },
  { name: 'sign-up', path: '/sign-up' },
  { name: 'health', path: '/health' },
  { name: 'disclosures', path: '/disclosures' },
  { name: 'disclosure-month', path: '/disclosures', follow: 'main a[href^="/disclosures/2"]' },
  { name: 'disclosures-en', path: '/disclosures', locale: 'en-US' },
  { name: 'major-events', path: '/major-events' },
  { name: 'about', path: '/about' },
  { name: 'fees', path: '/fees' },
  { name: 'not-found', path: '/no-such-page' },
  { name: 'home-borrower', path: '/', as: 'borrower' },
  { name: 'borrower-kyc', path: '/borrower/kyc', as: 'borrower' },
  { name: 'borrower-apply', path: '/borrower/apply', as: 'borrower' },
  { name: 'borrower-applications', path: '/borrower/applications', as: 'borrower' },
  { name: 'borrower-application', path: '/borrower/applications', as: 'borrower', follow: 'main a[href^="/borrower/applications/app_"]' },
  { name: 'borrower-loans', path: '/borrower/loans', as: 'borrower' },
  { name: 'borrower-loans-en', path: '/borrower/loans', as: 'borrower', locale: 'en-US' },
  { name: 'contracts-borrower', path: '/contracts', as: 'borrower' },
  { name: 'investor-custody', path: '/investor/custody', as: 'investor' },
  { name: 'investor-marketplace', path: '/investor/marketplace', as: 'investor' },
  { name: 'investor-marketplace-en', path: '/investor/marketplace', as: 'investor', locale: 'en-US' },
  { name: 'listing', path: '/investor/marketplace', as: 'investor', follow: 'main a[href^="/listings/lst_"]' },
  { name: 'investor-portfolio', path: '/investor/portfolio', as: 'investor' },
  { name: 'investor-portfolio-en', path: '/investor/portfolio', as: 'investor', locale: 'en-US' },
  { name: 'investor-onboarding', path: '/investor/onboarding', as: 'investor' },
  { name: 'investor-auto-invest', path: '/investor/auto-invest', as: 'investor' },
  { name: 'investor-bids', path: '/investor/bids', as: 'investor' },
  { name: 'contracts', path: '/contracts', as: 'investor' },
  { name: 'analyst-overview', path: '/analyst', as: 'analyst' },
  { name: 'analyst-overview-en', path: '/analyst', as: 'analyst', locale: 'en-US' },
  { name: 'analyst-rules', path: '/analyst/rules', as: 'analyst' },
  { name: 'analyst-rule', path: '/analyst/rules', as: 'analyst', follow: 'main a[href^="/analyst/rules/"]' },
  { name: 'analyst-models', path: '/analyst/models', as: 'analyst' },
  { name: 'analyst-model', path: '/analyst/models', as: 'analyst', follow: 'main a[href^="/analyst/models/mdl_"]' },
  { name: 'analyst-reviews', path: '/analyst/reviews', as: 'analyst' },
  { name: 'analyst-overdue', path: '/analyst/overdue', as: 'analyst' },
  { name: 'analyst-overdue-en', path: '/analyst/overdue', as: 'analyst', locale: 'en-US' },
  { name: 'analyst-collections', path: '/analyst/collections', as: 'analyst' },
  { name: 'analyst-alerts', path: '/analyst/alerts', as: 'analyst' },
  { name: 'admin-users', path: '/admin/users', as: 'admin' },
  { name: 'admin-audit', path: '/admin/audit', as: 'admin' },
  { name: 'admin-reconciliation', path: '/admin/reconciliation', as: 'admin' },
  { name: 'admin-compliance', path: '/admin/compliance', as: 'admin' },
];

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.locator('#sign-in-email').fill(email);
  await page.locator('#sign-in-password').fill(DEMO_PASSWORD);
  await page.locator('#main form button[type=submit]').click();
  await page.getByTestId('header-user').waitFor();
}

async function main(): Promise<void> {
  const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length).split(',');
  const baseUrl = process.argv.find((a) => a.startsWith('--base-url='))?.slice('--base-url='.length);
  if (baseUrl) process.env.DEMO_BASE_URL = baseUrl;
  const shots = only ? SHOTS.filter((s) => only.includes(s.name)) : SHOTS;
  const outDir = join(repoRoot, 'screenshots');
  await mkdir(outDir, { recursive: true });
  ensureChromium();
  const stack = await startDemoStack('shots');
  console.log(`[screenshots] ${stack.source} → ${stack.webUrl}`);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const problems: string[] = [];
  // One sign-in per account: later contexts start from the saved cookies.
  const sessions = new Map<DemoAccount, Awaited<ReturnType<BrowserContext['storageState']>>>();
  try {
    for (const shot of shots) {
      for (const [label, viewport] of Object.entries(VIEWPORTS)) {
        const where = `${shot.name}/${label}`;
        const context = await browser.newContext({ baseURL: stack.webUrl, viewport, locale: shot.locale ?? 'zh-CN', deviceScaleFactor: 1, storageState: shot.as ? sessions.get(shot.as) : undefined });
        const page = await context.newPage();
        page.on('console', (message) => {
          if (message.type() === 'error' && shot.name !== 'not-found') problems.push(`${where}: console error: ${message.text()}`);
        });
        page.on('pageerror', (error) => problems.push(`${where}: page error: ${error.message}`));
        if (shot.as && !sessions.has(shot.as)) {
          await signIn(page, DEMO_EMAILS[shot.as]);
          sessions.set(shot.as, await context.storageState());
        }
        let response = await page.goto(shot.path, { waitUntil: 'networkidle' });
        if (shot.follow) {
          const href = await page.locator(shot.follow).first().getAttribute('href', { timeout: 5_000 }).catch(() => null);
          if (href) response = await page.goto(href, { waitUntil: 'networkidle' });
          else problems.push(`${where}: no link ${shot.follow} on ${shot.path}`);
        }
        if (response && response.status() >= 500) problems.push(`${where}: HTTP ${response.status()}`);
        await page.waitForTimeout(400); // chart animations settle
        problems.push(...(await pageProblems(page, shot.locale ?? 'zh-CN')).map((p) => `${where}: ${p}`));
        const file = join(outDir, `${shot.name}-${label}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`screenshot ${file}`);
        await context.close();
      }
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
  if (problems.length > 0) {
    console.error(`\n${problems.length} problem(s):\n${problems.join('\n')}`);
    process.exitCode = 1;
  }
}

await main();
