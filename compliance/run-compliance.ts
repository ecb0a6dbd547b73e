import { borrowingChecks } from './checks-borrowing';
import { marketplaceChecks } from './checks-marketplace';
import { moneyChecks } from './checks-money';
import type { CheckResult, ComplianceContext } from './check-types';

export const ALL_CHECKS = [...borrowingChecks, ...marketplaceChecks, ...moneyChecks];

/** Runs every compliance check against the configuration and the books; a crashing check fails. */
export async function runCompliance(ctx: ComplianceContext): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of ALL_CHECKS) {
    try {
      const outcome = await check.run(ctx);
      results.push({ id: check.id, requirement: check.requirement, title: check.title, ...outcome });
    } catch (error) {
      results.push({ id: check.id, requirement: check.requirement, title: check.title, status: 'fail', evidence: `check could not run: ${(error as Error).message.slice(0, 200)}` });
    }
  }
  return results;
}
