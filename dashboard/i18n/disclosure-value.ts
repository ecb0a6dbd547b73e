import { formatYuan } from './format';
import type { Dictionary, Locale } from './locale';

/** Disclosure fields that hold yuan strings ("12298.00"); shown as ¥12,298.00. */
const MONEY_FIELDS = new Set(['monthlyIncome', 'monthlyDebtPayments', 'otherPlatformBorrowings', 'amount', 'upfrontFee']);
const YUAN = /^-?\d+(\.\d{1,2})?$/;

/**
 * A stored listing disclosure value as a reader sees it. The stored values are the hashed
 * record and stay as they are (codes, yuan strings, fixed English sentences); only their
 * display is translated and formatted here.
 */
export function disclosureValue(t: Dictionary, locale: Locale, key: string, value: unknown): string {
  const text = String(value);
  const a = t.apply;
  if (MONEY_FIELDS.has(key) && YUAN.test(text)) return formatYuan(locale, text);
  if (key === 'type') return a.borrowerTypes[text] ?? text;
  if (key === 'purpose') return a.purposes[text] ?? text;
  if (key === 'repaymentMethod') return t.market.methods[text] ?? text;
  // "employed / skilled": employment status, then occupation class.
  if (key === 'industry') return text.split(' / ').map((part) => a.employmentStatuses[part] ?? a.occupationClasses[part] ?? t.listing.disclosureTexts[part] ?? part).join(' / ');
  return t.listing.disclosureTexts[text] ?? text;
}
