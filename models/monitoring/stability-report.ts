/** PSI per feature and for the score, training frame vs recent scored rows. */
import type { Frame } from '../data/frame';
import { psiCategorical, psiNumeric, psiStatus, type PsiStatus } from './psi';

export interface StabilityReport {
  score: { psi: number; status: PsiStatus };
  features: Array<{ feature: string; psi: number; status: PsiStatus }>;
}

export function stabilityReport(training: Frame, recent: Frame, trainingScores: ArrayLike<number>, recentScores: ArrayLike<number>): StabilityReport {
  const features = training.columns.map((c) => {
    const r = recent.columns.find((x) => x.name === c.name);
    let psi: number;
    if (c.type === 'numeric') psi = psiNumeric(c.values, r && r.type === 'numeric' ? r.values : new Float64Array(recent.nRows).fill(NaN));
    else psi = psiCategorical(c.values, r && r.type === 'categorical' ? r.values : new Array(recent.nRows).fill(null));
    return { feature: c.name, psi, status: psiStatus(psi) };
  });
  const s = psiNumeric(trainingScores, recentScores);
  return { score: { psi: s, status: psiStatus(s) }, features };
}
