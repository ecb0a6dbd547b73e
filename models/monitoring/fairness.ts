/**
 * Approval-rate parity across age bands and gender (four-fifths screen). Reported only:
 * protected attributes are never model inputs (German A9 is read here and nowhere else).
 */
export interface ParityGroup {
  group: string;
  n: number;
  approvalRate: number;
  /** approval rate / highest group's approval rate */
  ratio: number;
  passesFourFifths: boolean;
}

export function approvalParity(items: ReadonlyArray<{ group: string; approved: boolean }>): ParityGroup[] {
  const g = new Map<string, { n: number; a: number }>();
  for (const it of items) {
    const s = g.get(it.group) ?? { n: 0, a: 0 };
    s.n++;
    s.a += it.approved ? 1 : 0;
    g.set(it.group, s);
  }
  const rates = [...g.entries()].map(([group, s]) => ({ group, n: s.n, approvalRate: s.a / s.n }));
  const best = Math.max(...rates.map((r) => r.approvalRate));
  return rates.map((r) => ({ ...r, ratio: best > 0 ? r.approvalRate / best : NaN, passesFourFifths: best > 0 && r.approvalRate / best >= 0.8 }));
}

export function ageBand(age: number | null): string {
  if (age === null || Number.isNaN(age)) return 'unknown';
  if (age < 25) return '<25';
  if (age < 35) return '25-34';
  if (age < 50) return '35-49';
  if (age < 65) return '50-64';
  return '65+';
}
