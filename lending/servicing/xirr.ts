import { daysBetween } from '../../kernel/calendar';
import { AppError } from '../../kernel/errors';

/**
 * XIRR of dated cash flows (actual/365, annual compounding), by bisection on the NPV, which is
 * monotone for a loan's flow pattern (one sign change). Like kernel/irr.ts this is a
 * measurement, so doubles are fine. Returns the effective annual rate (0.1268 = 12.68%).
 */
export interface DatedFlow {
  date: string;
  amountFen: bigint;
}

export function xirr(flows: readonly DatedFlow[]): number {
  if (!flows.some((f) => f.amountFen > 0n) || !flows.some((f) => f.amountFen < 0n)) {
    throw new AppError('VALIDATION', 'an XIRR needs both an inflow and an outflow');
  }
  const first = flows.reduce((a, f) => (f.date < a ? f.date : a), flows[0]!.date);
  const points = flows.map((f) => ({ t: daysBetween(first, f.date) / 365, c: Number(f.amountFen) }));
  const npv = (rate: number) => points.reduce((a, p) => a + p.c / (1 + rate) ** p.t, 0);
  let low = -0.9999;
  let high = 100;
  let fLow = npv(low);
  if (fLow * npv(high) > 0) throw new AppError('VALIDATION', 'the cash flows have no XIRR between -99.99% and 10000%');
  for (let i = 0; i < 200 && high - low > 1e-12; i += 1) {
    const mid = (low + high) / 2;
    const f = npv(mid);
    if (f * fLow > 0) {
      low = mid;
      fLow = f;
    } else high = mid;
  }
  return (low + high) / 2;
}

/** An effective annual rate expressed like the APR (monthly rate × 12), in bps. */
export function effectiveToNominalMonthlyBps(effectiveAnnual: number): number {
  return Math.round(((1 + effectiveAnnual) ** (1 / 12) - 1) * 12 * 10_000);
}
