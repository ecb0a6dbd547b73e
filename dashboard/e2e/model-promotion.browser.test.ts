import { describe, expect, it } from 'vitest';
import { systemClock } from '../../kernel/clock';
import { newId } from '../../kernel/ids';
import { PostgresModelRegistryRepository } from '../../models/registry/postgres-repository';
import { registerModelVersion } from '../../models/registry/register-model-version';
import { apiAs, createUser, signIn, useBrowser } from './browser';
import { withDatabase } from './fixtures';

/**
 * A draft credit model registered by `createdBy`, as retraining would register it (the same
 * use case), with the live champion's artifact and figures so the test needs no training run
 * and the promoted model scores exactly as before for the other tests sharing this stack.
 */
async function draftCreditModel(createdBy: string, name: string): Promise<{ id: string; championId: string }> {
  return withDatabase(async (db) => {
    const repo = new PostgresModelRegistryRepository(db);
    const champion = (await repo.listVersions('credit')).find((v) => v.role === 'champion' && v.status === 'approved');
    if (!champion) throw new Error('no credit champion (GET /api/v1/models registers the bootstrap one)');
    const draft = await registerModelVersion(repo, {
      id: newId('mdl', systemClock),
      name,
      artifact: champion.artifact,
      metrics: champion.metrics,
      trainingDataHash: champion.trainingDataHash,
      owner: 'risk-models',
      intendedUse: champion.intendedUse,
      createdBy,
      now: systemClock.now(),
    });
    return { id: draft.id, championId: champion.id };
  });
}

describe('model promotion (four eyes)', () => {
  const h = useBrowser({ locale: 'en-US' });

  it('one analyst validates and proposes; they cannot approve it themselves; a second analyst approves', async () => {
    const { page, browser, webUrl } = h;
    const maker = await createUser(['analyst'], 'Analyst Lin');
    const checker = await createUser(['analyst'], 'Analyst Guo');
    expect((await (await apiAs(maker))('GET', '/api/v1/models')).status).toBe(200); // first use registers the champions
    const name = `credit e2e ${Date.now()}`;
    const { id, championId } = await draftCreditModel(maker.id, name);

    await signIn(page, maker, '/analyst/models');
    await page.getByRole('link', { name }).click();
    await page.waitForURL(`**/analyst/models/${id}`);
    const heading = page.getByRole('heading', { level: 1 });
    await heading.getByText('Draft').waitFor();
    await page.getByRole('button', { name: 'Mark as validated' }).click();
    await page.getByRole('status').filter({ hasText: 'Marked as validated.' }).waitFor();
    await heading.getByText('Validated').waitFor();

    await page.getByRole('button', { name: 'Propose as champion' }).click();
    await page.getByRole('status').filter({ hasText: 'Proposed; waiting for a second analyst to approve.' }).waitFor();
    await page.getByText('A second analyst, not the one who proposed it, must approve.').waitFor();
    // The proposer is refused, in plain words, and nothing changes.
    await page.getByRole('button', { name: 'Approve as champion' }).click();
    await page.getByRole('alert').filter({ hasText: 'You proposed or created this version, so you cannot approve it: a second analyst must.' }).waitFor();
    await page.reload();
    await heading.getByText('Validated').waitFor();
    expect(await heading.getByText('Champion (live)').count()).toBe(0);

    // The second analyst, in their own browser session, approves.
    const other = await browser.newContext({ baseURL: webUrl, locale: 'en-US', viewport: { width: 1366, height: 900 } });
    try {
      const page2 = await other.newPage();
      await signIn(page2, checker, `/analyst/models/${id}`);
      const heading2 = page2.getByRole('heading', { level: 1 });
      await heading2.getByText('Validated').waitFor();
      await page2.getByRole('button', { name: 'Approve as champion' }).click();
      await page2.getByRole('status').filter({ hasText: 'Approved: this version is now the champion.' }).waitFor();
      await heading2.getByText('Champion (live)').waitFor();
      await heading2.getByText('Approved').waitFor();

      // The registry shows the new champion and the old one retired.
      await page2.goto('/analyst/models?kind=credit');
      const rowOf = (text: string) => page2.locator('tbody tr').filter({ hasText: text });
      await rowOf(name).getByText('Champion (live)').waitFor();
      await page2.locator(`a[href="/analyst/models/${championId}"]`).waitFor();
      expect(((await page2.locator('tbody tr').filter({ has: page2.locator(`a[href="/analyst/models/${championId}"]`) }).textContent()) ?? '')).toContain('Retired');
    } finally {
      await other.close();
    }
  });
});
