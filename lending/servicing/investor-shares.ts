import { allocate } from '../../kernel/allocate';
import { AppError } from '../../kernel/errors';

/**
 * Each investor's exact share of each installment (REQUIREMENTS 22), by largest remainder
 * (kernel/allocate.ts). Principal of installment k is split by each investor's principal still
 * outstanding before k, interest by the same weights (that balance is what earned it). Because
 * the last installment repays all that is left, each investor's principal parts sum exactly to
 * their holding, and no part ever exceeds what that investor is still owed.
 */
export interface Holding {
  investorId: string;
  principalFen: bigint;
}

export interface InstallmentAmounts {
  installmentNo: number;
  principalFen: bigint;
  interestFen: bigint;
}

export interface InstallmentShare {
  installmentNo: number;
  investorId: string;
  principalFen: bigint;
  interestFen: bigint;
}

export function allocateInstallmentShares(installments: readonly InstallmentAmounts[], holdings: readonly Holding[]): InstallmentShare[] {
  if (holdings.length === 0) throw new AppError('VALIDATION', 'a loan needs at least one holding', { field: 'holdings' });
  const remaining = holdings.map((h) => h.principalFen);
  const out: InstallmentShare[] = [];
  for (const inst of installments) {
    const weights = remaining.some((r) => r > 0n) ? remaining : holdings.map((h) => h.principalFen);
    const principalParts = allocate(inst.principalFen, weights);
    const interestParts = allocate(inst.interestFen, weights);
    holdings.forEach((h, index) => {
      const principalFen = principalParts[index]!;
      remaining[index] = remaining[index]! - principalFen;
      out.push({ installmentNo: inst.installmentNo, investorId: h.investorId, principalFen, interestFen: interestParts[index]! });
    });
  }
  return out;
}

/**
 * Splits a received amount among investors in proportion to what each is still owed of it
 * (`owedFen`), never giving anyone more than they are owed: largest-remainder parts of
 * total·w/Σw are at most ⌈total·w/Σw⌉ ≤ w whenever total ≤ Σw.
 */
export function splitByOwed(totalFen: bigint, owedFen: readonly bigint[]): bigint[] {
  if (totalFen === 0n) return owedFen.map(() => 0n);
  const owedTotal = owedFen.reduce((a, b) => a + b, 0n);
  if (totalFen > owedTotal) throw new AppError('INTERNAL', `cannot distribute ${totalFen} fen when only ${owedTotal} fen is owed`);
  return allocate(totalFen, owedFen);
}
