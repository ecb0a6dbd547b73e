import { describe, expect, it } from 'vitest';
import type { BureauReport, CreditBureau } from '../feature-store/credit-bureau';
import { makeResidentId } from '../identity/resident-id';
import { PopulationCreditBureau } from './population-bureau';

const baseReport: BureauReport = { score: 600, overdueRecords6m: 0, inquiries6m: 1, outstandingDebtFen: 0n, historyStatus: 'existing_paid', otherInstalmentPlans: 'none', idAgeDays: 900, phoneTenureDays: 400 };

describe('the simulated world’s credit bureau', () => {
  const known = makeResidentId('110101', '1990-05-17', 12);
  const thin = makeResidentId('110101', '1991-05-17', 14);
  const stranger = makeResidentId('110101', '1992-05-17', 16);
  const base: CreditBureau = { report: async (bidx) => (bidx === `bidx:${thin}` ? null : baseReport) };
  const bureau = new PopulationCreditBureau((id) => `bidx:${id}`, base);
  bureau.know(known, { historyStatus: 'critical_other_credits', otherInstalmentPlans: 'stores' });
  bureau.know(thin, { historyStatus: 'delayed_previously', otherInstalmentPlans: 'bank' });

  it('answers with the recorded history of a person it was told about, the rest from the base report', async () => {
    expect(await bureau.report(`bidx:${known}`, new Date())).toEqual({ ...baseReport, historyStatus: 'critical_other_credits', otherInstalmentPlans: 'stores' });
  });

  it('keeps a thin file thin and strangers as the base bureau has them', async () => {
    expect(await bureau.report(`bidx:${thin}`, new Date())).toBeNull();
    expect(await bureau.report(`bidx:${stranger}`, new Date())).toEqual(baseReport);
  });
});
