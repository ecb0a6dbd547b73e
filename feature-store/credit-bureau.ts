import { createHash } from 'node:crypto';

/** What a credit-bureau report gives the decision (PBOC credit reference centre or a licensed bureau). */
export interface BureauReport {
  score: number;
  overdueRecords6m: number;
  inquiries6m: number;
  outstandingDebtFen: bigint;
  historyStatus: 'no_credits_all_paid' | 'all_paid_this_bank' | 'existing_paid' | 'delayed_previously' | 'critical_other_credits';
  otherInstalmentPlans: 'bank' | 'stores' | 'none';
  idAgeDays: number;
  phoneTenureDays: number;
}

export interface CreditBureau {
  /** The report as of `asOf`, looked up by the ID number's blind index; null = no file (thin file). */
  report(idNumberBidx: string, asOf: Date): Promise<BureauReport | null>;
}

/**
 * Deterministic simulated bureau: every value is derived from a hash of the ID's blind index,
 * so the same person always gets the same report. About 4% of identities have no file.
 * `overrides` pins a report (or null) for given blind indexes in tests.
 */
export class SimulatedCreditBureau implements CreditBureau {
  constructor(private readonly overrides: Map<string, BureauReport | null> = new Map()) {}

  async report(idNumberBidx: string): Promise<BureauReport | null> {
    if (this.overrides.has(idNumberBidx)) return this.overrides.get(idNumberBidx) ?? null;
    const h = createHash('sha256').update(`bureau|${idNumberBidx}`).digest();
    if (h[0]! < 10) return null;
    const overdue = h[2]! < 200 ? 0 : h[2]! < 235 ? 1 : h[2]! < 250 ? 2 : 4;
    const statuses = ['no_credits_all_paid', 'all_paid_this_bank', 'existing_paid', 'existing_paid', 'existing_paid', 'delayed_previously', 'critical_other_credits'] as const;
    const plans = ['none', 'none', 'none', 'bank', 'stores'] as const;
    return {
      score: Math.max(350, 350 + Math.round((h[1]! / 255) * 500) - overdue * 40),
      overdueRecords6m: overdue,
      inquiries6m: h[3]! % 9,
      outstandingDebtFen: BigInt((h[4]! * 256 + h[5]!) % 30_000) * 1_000n,
      historyStatus: overdue > 1 ? 'delayed_previously' : statuses[h[6]! % statuses.length]!,
      otherInstalmentPlans: plans[h[7]! % plans.length]!,
      idAgeDays: 200 + ((h[8]! * 256 + h[9]!) % 7_000),
      phoneTenureDays: 30 + ((h[10]! * 256 + h[11]!) % 3_000),
    };
  }
}
