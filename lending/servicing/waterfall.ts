import { AppError } from '../../kernel/errors';
import type { WaterfallPart } from './servicing-policy';

/**
 * Applies a payment to what is owed, oldest installment first and, within an installment, in
 * the configured order (default: penalty, fee, interest, principal). Pure: it says how much of
 * the payment goes where, never more than is owed of any part; what is left over is returned.
 */
export interface Owed {
  installmentNo: number;
  penaltyFen: bigint;
  feeFen: bigint;
  interestFen: bigint;
  principalFen: bigint;
}

export type Applied = Owed;

export interface WaterfallResult {
  applied: Applied[];
  totalAppliedFen: bigint;
  leftoverFen: bigint;
}

const FIELD: Record<WaterfallPart, keyof Omit<Owed, 'installmentNo'>> = {
  penalty: 'penaltyFen',
  fee: 'feeFen',
  interest: 'interestFen',
  principal: 'principalFen',
};

export function applyWaterfall(amountFen: bigint, owed: readonly Owed[], order: readonly WaterfallPart[]): WaterfallResult {
  if (amountFen < 0n) throw new AppError('VALIDATION', 'a payment cannot be negative', { field: 'amountFen' });
  let left = amountFen;
  const applied: Applied[] = [];
  for (const item of [...owed].sort((a, b) => a.installmentNo - b.installmentNo)) {
    const row: Applied = { installmentNo: item.installmentNo, penaltyFen: 0n, feeFen: 0n, interestFen: 0n, principalFen: 0n };
    for (const part of order) {
      const field = FIELD[part];
      const due = item[field] > 0n ? item[field] : 0n;
      const take = left < due ? left : due;
      row[field] = take;
      left -= take;
    }
    if (row.penaltyFen + row.feeFen + row.interestFen + row.principalFen > 0n) applied.push(row);
    if (left === 0n) break;
  }
  return { applied, totalAppliedFen: amountFen - left, leftoverFen: left };
}

export function owedTotalFen(owed: readonly Owed[]): bigint {
  return owed.reduce((a, o) => a + o.penaltyFen + o.feeFen + o.interestFen + o.principalFen, 0n);
}
