import { desc, eq, lte } from 'drizzle-orm';
import type { Db, DbOrTx } from '../../db/client';
import { disclosureSnapshots, feeSchedules } from '../../db/schema';
import { hashCanonical } from '../../kernel/canonical-json';
import type { Clock } from '../../kernel/clock';
import { addMonths, chinaCalendar, lastDayOfMonth } from '../../kernel/calendar';
import { AppError } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { computeDisclosureFigures, type Ratio } from './compute-disclosure-figures';
import { DISCLOSURE_FORMULAS, type DisclosureKey } from './disclosure-formulas';

export type DisclosureSnapshot = typeof disclosureSnapshots.$inferSelect;

/** A ratio is published exactly (numerator, denominator) and as a percentage with 4 decimals. */
function present(value: bigint | Ratio): Record<string, string> {
  if (typeof value === 'bigint') return { value: value.toString() };
  const percent = value.denominator === 0n ? '0.0000' : formatPercent4((value.numerator * 1_000_000n * 2n + value.denominator) / (2n * value.denominator));
  return { value: percent, numerator: value.numerator.toString(), denominator: value.denominator.toString() };
}

function formatPercent4(tenThousandthsOfPercent: bigint): string {
  const s = tenThousandthsOfPercent.toString().padStart(5, '0');
  return `${s.slice(0, -4)}.${s.slice(-4)}`;
}

/**
 * The monthly disclosure job (`disclosures` queue): computes the table as of the month's last
 * day and stores it once, immutably, with the formula beside each figure and the SHA-256 of
 * the canonical JSON. A rerun returns the stored snapshot. Refused before the month is over.
 */
export async function publishMonthlyDisclosure(deps: { db: Db; clock: Clock }, input: { yearMonth: string }): Promise<{ snapshot: DisclosureSnapshot; created: boolean }> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.yearMonth)) throw new AppError('VALIDATION', 'yearMonth must be YYYY-MM', { field: 'yearMonth' });
  const existing = await findDisclosure(deps.db, input.yearMonth);
  if (existing) return { snapshot: existing, created: false };
  const asOf = lastDayOfMonth(input.yearMonth);
  const nextMonth = addMonths(`${input.yearMonth}-01`, 1).slice(0, 7);
  const now = deps.clock.now();
  const todayChina = new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  if (todayChina <= asOf) throw new AppError('BUSINESS_RULE', `the month ${input.yearMonth} is not over yet`, { field: 'yearMonth' });

  return deps.db.transaction(async (tx) => {
    const values = await computeDisclosureFigures(tx, asOf, `${input.yearMonth}-01`);
    const figures: Record<string, unknown> = {};
    for (const key of Object.keys(DISCLOSURE_FORMULAS) as DisclosureKey[]) {
      const [unit, formula] = DISCLOSURE_FORMULAS[key];
      figures[key] = { unit, formula, ...present(values[key]) };
    }
    const [fee] = await tx.select().from(feeSchedules).where(lte(feeSchedules.effectiveFrom, asOf)).orderBy(desc(feeSchedules.effectiveFrom)).limit(1);
    const content = {
      yearMonth: input.yearMonth,
      asOfDate: asOf,
      figures,
      feeSchedule: fee ? { version: fee.version, effectiveFrom: fee.effectiveFrom, text: fee.text } : null,
    };
    const row = {
      id: newId('dsc', deps.clock),
      yearMonth: input.yearMonth,
      asOfDate: asOf,
      dueBy: chinaCalendar.nthBusinessDayOfMonth(nextMonth, 5),
      content,
      contentHash: hashCanonical(content),
      computedAt: now,
    };
    const inserted = await tx.insert(disclosureSnapshots).values(row).onConflictDoNothing().returning();
    if (inserted[0]) return { snapshot: inserted[0], created: true };
    const winner = await findDisclosure(tx, input.yearMonth);
    return { snapshot: winner!, created: false };
  });
}

export async function findDisclosure(db: DbOrTx, yearMonth: string): Promise<DisclosureSnapshot | undefined> {
  const [row] = await db.select().from(disclosureSnapshots).where(eq(disclosureSnapshots.yearMonth, yearMonth));
  return row;
}

export async function listDisclosures(db: DbOrTx) {
  return db
    .select({ id: disclosureSnapshots.id, yearMonth: disclosureSnapshots.yearMonth, asOfDate: disclosureSnapshots.asOfDate, dueBy: disclosureSnapshots.dueBy, contentHash: disclosureSnapshots.contentHash, computedAt: disclosureSnapshots.computedAt })
    .from(disclosureSnapshots)
    .orderBy(desc(disclosureSnapshots.yearMonth));
}
