import { chromium, type BrowserContext } from 'playwright-core';
import { DEMO_EMAILS, DEMO_PASSWORD, startDemoStack } from '../dashboard/e2e/demo-stack';
import { CHROMIUM_ARGS, CHROMIUM_PATH, ensureChromium } from '../dashboard/e2e/stack';

/**
 * `npm run bench -- web`: largest contentful paint and time to interactive of the main pages
 * in Chromium against the production build (`next start`) and the API process, over demo data
 * (a few months of simulated marketplace: pages show real volumes; see dashboard/e2e/demo-stack.ts
 * for DEMO_BASE_URL / DEMO_DATABASE_URL to reuse a seeded platform instead of seeding one,
 * which takes minutes). The demo investor and analyst are signed in. Each page is loaded once
 * to warm up, then RUNS times in a fresh context; medians are reported. Target: LCP ≤ 1500 ms.
 *
 * TTI here is the navigation-timing estimate: the later of DOMContentLoaded end and the end
 * of the last long task (> 50 ms, PerformanceObserver 'longtask') after it.
 */
const RUNS = Number(process.env.WEB_BENCH_RUNS ?? 5);
const TARGET_LCP_MS = 1500;

const PAGES: Array<{ name: string; path: string; as?: 'analyst' | 'investor' }> = [
  { name: 'marketplace', path: '/investor/marketplace', as: 'investor' },
  { name: 'disclosures', path: '/disclosures' },
  { name: 'analyst-overview', path: '/analyst', as: 'analyst' },
  { name: 'analyst-rules', path: '/analyst/rules', as: 'analyst' },
  { name: 'home', path: '/' },
];

const OBSERVE = `
  window.__lcp = 0; window.__longTaskEnds = [];
  new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__lcp = Math.max(window.__lcp, e.renderTime || e.loadTime || e.startTime); }).observe({ type: 'largest-contentful-paint', buffered: true });
  try { new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTaskEnds.push(e.startTime + e.duration); }).observe({ type: 'longtask', buffered: true }); } catch {}
`;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export async function run(): Promise<Record<string, unknown>> {
  ensureChromium();
  const stack = await startDemoStack('bench-web');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  const results: Record<string, unknown> = {};
  try {
    const sessions = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();
    for (const role of ['analyst', 'investor'] as const) {
      const context = await browser.newContext({ baseURL: stack.webUrl });
      const page = await context.newPage();
      await page.goto('/sign-in');
      await page.locator('#sign-in-email').fill(DEMO_EMAILS[role]);
      await page.locator('#sign-in-password').fill(DEMO_PASSWORD);
      await page.locator('#main form button[type=submit]').click();
      await page.getByTestId('header-user').waitFor();
      sessions.set(role, await context.storageState());
      await context.close();
    }

    for (const target of PAGES) {
      const lcp: number[] = [];
      const tti: number[] = [];
      const ttfb: number[] = [];
      let status = 0;
      for (let i = 0; i <= RUNS; i += 1) {
        const context = await browser.newContext({ baseURL: stack.webUrl, viewport: { width: 1366, height: 900 }, locale: 'zh-CN', storageState: target.as ? sessions.get(target.as) : undefined });
        await context.addInitScript(OBSERVE);
        const page = await context.newPage();
        const response = await page.goto(target.path, { waitUntil: 'load' });
        status = response?.status() ?? 0;
        await page.waitForTimeout(300);
        const m = await page.evaluate(() => {
          const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
          const w = window as unknown as { __lcp: number; __longTaskEnds: number[] };
          const dcl = nav.domContentLoadedEventEnd;
          const lastLong = Math.max(0, ...w.__longTaskEnds.filter((end) => end > dcl));
          return { lcp: w.__lcp, tti: Math.max(dcl, lastLong), ttfb: nav.responseStart };
        });
        await context.close();
        if (i === 0) continue; // warm-up
        lcp.push(m.lcp);
        tti.push(m.tti);
        ttfb.push(m.ttfb);
      }
      const lcpMedian = Math.round(median(lcp));
      results[target.name] = {
        path: target.path,
        status,
        lcpMedianMs: lcpMedian,
        lcpMaxMs: Math.round(Math.max(...lcp)),
        ttiMedianMs: Math.round(median(tti)),
        ttfbMedianMs: Math.round(median(ttfb)),
        runs: RUNS,
        meetsLcpTarget: lcpMedian <= TARGET_LCP_MS,
      };
    }
  } finally {
    await browser.close();
    await stack.stop();
  }
  return { targetLcpMs: TARGET_LCP_MS, data: stack.source, pages: results };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(JSON.stringify(await run(), null, 2));
}
