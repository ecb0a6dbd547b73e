import { describe, expect, inject, it } from 'vitest';
import { connectDatabase } from '../../db/client';
import { addMonths } from '../../kernel/calendar';
import { systemClock } from '../../kernel/clock';
import { publishMonthlyDisclosure } from '../../lending/disclosures/publish-monthly-disclosure';
import { formatFen } from '../i18n/format';
import { useBrowser } from './browser';

/** Last month (China time), which is over, so it can be published. */
function lastMonth(): string {
  const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
  return addMonths(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
}

describe('public disclosures', () => {
  const h = useBrowser({ locale: 'en-US' });

  it('show the same figures, snapshot id and content hash as the API, with formulas', async () => {
    const yearMonth = lastMonth();
    const database = connectDatabase(inject('databaseUrl'), { max: 1, applicationName: 'p2p-e2e' });
    try {
      await publishMonthlyDisclosure({ db: database.db, clock: systemClock }, { yearMonth });
    } finally {
      await database.close();
    }
    const response = await fetch(`${inject('apiUrl')}/api/v1/disclosures/${yearMonth}`);
    expect(response.status).toBe(200);
    const snapshot = (await response.json()) as { id: string; contentHash: string; content: { figures: Record<string, { unit: string; value: string; formula: string }> } };

    const { page } = h;
    await page.goto(`/disclosures/${yearMonth}`);
    await page.getByRole('heading', { name: `Operating disclosure, ${yearMonth}` }).waitFor();
    expect(await page.getByTestId('snapshot-id').textContent()).toBe(snapshot.id);
    expect(await page.getByTestId('content-hash').textContent()).toBe(snapshot.contentHash);
    const entries = Object.entries(snapshot.content.figures);
    expect(entries.length).toBeGreaterThan(20);
    for (const [key, figure] of entries) {
      const row = page.locator(`tr[data-figure="${key}"]`);
      const shown = (await row.getByTestId(`figure-${key}`).textContent()) ?? '';
      const expected = figure.unit === 'fen' ? formatFen('en', figure.value) : figure.unit === 'ratio' ? `${figure.value}%` : figure.value;
      expect(shown.startsWith(expected), `${key}: "${shown}" should start with "${expected}"`).toBe(true);
      expect(await row.locator('td.formula').textContent()).toBe(figure.formula);
    }

    // The index shows the latest month with the same id and hash, and the history charts.
    await page.goto('/disclosures');
    expect(await page.getByTestId('snapshot-id').textContent()).toBe(snapshot.id);
    expect(await page.getByTestId('content-hash').textContent()).toBe(snapshot.contentHash);
    await page.getByTestId('disclosure-months').getByRole('link', { name: yearMonth }).waitFor();
    await page.getByTestId('chart-history-rates').locator('svg.recharts-surface').first().waitFor();
  });
});
