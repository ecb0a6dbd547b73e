/** Actual versus expected default rate per risk grade (expected = mean predicted PD). */
export interface GradeRow {
  grade: string;
  n: number;
  expectedRate: number;
  actualRate: number;
  /** actual / expected; > 1 means the model under-predicts risk in this grade. */
  ratio: number;
}

export function defaultByGrade(items: ReadonlyArray<{ grade: string; probability: number; defaulted: boolean }>): GradeRow[] {
  const g = new Map<string, { n: number; p: number; d: number }>();
  for (const it of items) {
    const s = g.get(it.grade) ?? { n: 0, p: 0, d: 0 };
    s.n++;
    s.p += it.probability;
    s.d += it.defaulted ? 1 : 0;
    g.set(it.grade, s);
  }
  return [...g.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([grade, s]) => ({ grade, n: s.n, expectedRate: s.p / s.n, actualRate: s.d / s.n, ratio: s.p > 0 ? s.d / s.p : NaN }));
}
