import { annualisedIrrBps } from '../../kernel/irr';

/**
 * The borrower's APR (IRR of actual cash flows, all charges included), in bps.
 * t0: principal received minus upfront fees (fees are separate movements, never deducted
 * from the disbursement, but they are paid at t0 so they count there); then each
 * installment plus any per-period fee. Annualisation: monthly IRR × 12 (kernel/irr.ts).
 */
export function scheduleAprBps(principalFen: bigint, schedule: ReadonlyArray<{ totalFen: bigint }>, fees: { upfrontFen?: bigint; monthlyFen?: bigint } = {}): number {
  const upfront = fees.upfrontFen ?? 0n;
  const monthly = fees.monthlyFen ?? 0n;
  const flows = [Number(principalFen - upfront), ...schedule.map((i) => -Number(i.totalFen + monthly))];
  return annualisedIrrBps(flows);
}
