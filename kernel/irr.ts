import { AppError } from './errors';

/**
 * Internal rate of return of equally spaced cash flows (one period apart), found with
 * Newton's method and, when Newton leaves the bracket or stalls, bisection. Cash flows are
 * plain numbers of fen: an IRR is a measurement, not money arithmetic, and fen amounts up
 * to 2^53 are exact as doubles.
 *
 * Sign convention: index 0 is t0. For a borrower's loan, the principal received is positive
 * and every payment (installments, fees) negative; the root is the same either way.
 */
export function irr(cashFlows: readonly number[], options: { tolerance?: number; maxIterations?: number } = {}): number {
  const tolerance = options.tolerance ?? 1e-12;
  const maxIterations = options.maxIterations ?? 200;
  if (cashFlows.length < 2) throw new AppError('VALIDATION', 'an IRR needs at least two cash flows');
  if (!cashFlows.some((c) => c > 0) || !cashFlows.some((c) => c < 0)) {
    throw new AppError('VALIDATION', 'an IRR needs both an inflow and an outflow');
  }
  const npv = (rate: number): number => {
    let total = 0;
    let discount = 1;
    const factor = 1 / (1 + rate);
    for (const c of cashFlows) {
      total += c * discount;
      discount *= factor;
    }
    return total;
  };
  const dnpv = (rate: number): number => {
    let total = 0;
    for (let t = 1; t < cashFlows.length; t += 1) total -= (t * cashFlows[t]!) / (1 + rate) ** (t + 1);
    return total;
  };

  // Bracket: rates in (-99%, 1000%) per period cover every loan we could ever price.
  let low = -0.99;
  let high = 10;
  let fLow = npv(low);
  if (fLow * npv(high) > 0) throw new AppError('VALIDATION', 'the cash flows have no IRR between -99% and 1000% per period');

  let rate = 0.01;
  for (let i = 0; i < maxIterations; i += 1) {
    const f = npv(rate);
    if (Math.abs(f) < tolerance * Math.max(1, Math.abs(cashFlows[0]!))) return rate;
    // Keep the bracket tight so bisection always has a valid interval to fall back on.
    if (f * fLow < 0) high = rate;
    else {
      low = rate;
      fLow = f;
    }
    const slope = dnpv(rate);
    let next = slope !== 0 ? rate - f / slope : Number.NaN;
    if (!Number.isFinite(next) || next <= low || next >= high) next = (low + high) / 2;
    if (Math.abs(next - rate) < tolerance) return next;
    rate = next;
  }
  return rate;
}

/**
 * The platform's annualisation convention for the APR shown to borrowers (PBOC 2021 No. 3
 * allows the IRR method): nominal annual rate = periodic (monthly) IRR × 12, not compounded.
 * Returned in basis points rounded half up, so 10,000 CNY / 12 months at 12% gives 1200 bps.
 */
export function annualisedIrrBps(monthlyCashFlows: readonly number[]): number {
  return Math.round(irr(monthlyCashFlows) * 12 * 10_000 + 1e-9);
}
