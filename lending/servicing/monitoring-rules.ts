/**
 * In-loan monitoring rules over a borrower's custody-account movements after disbursement
 * (pure). Each rule returns alerts; the scan (scan-borrower-movements.ts) stores them once per
 * loan, rule and business date in the analysts' queue.
 */
export interface Movement {
  at: Date;
  amountFen: bigint;
  /** Free text the bank reports about the destination (payee name, memo). */
  description: string;
}

export interface MonitoredLoan {
  loanId: string;
  borrowerId: string;
  principalFen: bigint;
  fundedAt: Date;
}

export interface MonitoringAlert {
  rule: 'frequent_large_outflows' | 'prohibited_use';
  details: Record<string, string | number>;
}

export const MONITORING_DEFAULTS = {
  /** An outflow is large at this share of the principal or more (bps). */
  largeOutflowBps: 1000,
  /** This many large outflows within the window raise an alert. */
  largeOutflowCount: 3,
  windowDays: 7,
};

/** Destinations that suggest a prohibited use of loan money (IM 10). */
const PROHIBITED_DESTINATION = /证券|期货|股票|配资|理财|信托|基金|brokerage|securities|futures|stock|margin|crypto/i;

export function evaluateMovementRules(loan: MonitoredLoan, movements: readonly Movement[], asOf: Date, options = MONITORING_DEFAULTS): MonitoringAlert[] {
  const alerts: MonitoringAlert[] = [];
  const after = movements.filter((m) => m.at >= loan.fundedAt && m.at <= asOf);
  const windowStart = asOf.getTime() - options.windowDays * 86_400_000;
  const large = after.filter((m) => m.at.getTime() > windowStart && m.amountFen * 10_000n >= loan.principalFen * BigInt(options.largeOutflowBps));
  if (large.length >= options.largeOutflowCount) {
    alerts.push({ rule: 'frequent_large_outflows', details: { count: large.length, totalFen: large.reduce((a, m) => a + m.amountFen, 0n).toString(), windowDays: options.windowDays } });
  }
  const prohibited = after.filter((m) => PROHIBITED_DESTINATION.test(m.description));
  if (prohibited.length > 0) {
    alerts.push({ rule: 'prohibited_use', details: { count: prohibited.length, totalFen: prohibited.reduce((a, m) => a + m.amountFen, 0n).toString(), example: prohibited[0]!.description.slice(0, 100) } });
  }
  return alerts;
}
