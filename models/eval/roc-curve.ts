/** ROC curve points and the full evaluation report stored with a model version. */
import { evaluate, type Evaluation } from './metrics';

export interface RocPoint {
  /** Flag (predict bad) when probability >= threshold. */
  threshold: number;
  fpr: number;
  tpr: number;
}

/** ROC points from the highest threshold down, (0,0) first and (1,1) last, thinned to at most `maxPoints`. */
export function rocCurve(prob: ArrayLike<number>, y: ArrayLike<number>, maxPoints = 101): RocPoint[] {
  const n = prob.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => prob[b]! - prob[a]!);
  let nPos = 0;
  for (let i = 0; i < n; i++) nPos += y[i] ? 1 : 0;
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return [];
  const points: RocPoint[] = [{ threshold: Infinity, fpr: 0, tpr: 0 }];
  let tp = 0;
  let fp = 0;
  let i = 0;
  while (i < n) {
    const t = prob[order[i]!]!;
    while (i < n && prob[order[i]!] === t) {
      if (y[order[i]!]) tp++;
      else fp++;
      i++;
    }
    points.push({ threshold: t, fpr: fp / nNeg, tpr: tp / nPos });
  }
  if (points.length <= maxPoints) return points;
  const step = (points.length - 1) / (maxPoints - 1);
  return Array.from({ length: maxPoints }, (_, k) => points[Math.round(k * step)]!);
}

export interface EvaluationReport extends Evaluation {
  /** What the figures were computed on, e.g. "holdout (20%)" or "training data (in-sample)". */
  sample: string;
  roc: RocPoint[];
}

export function evaluationReport(prob: ArrayLike<number>, y: ArrayLike<number>, sample: string): EvaluationReport {
  // JSON has no Infinity: the first point's threshold is stored as 1 (nothing is flagged above 1).
  return { sample, ...evaluate(prob, y), roc: rocCurve(prob, y).map((p) => ({ ...p, threshold: Number.isFinite(p.threshold) ? p.threshold : 1 })) };
}
