/** Discrimination and calibration metrics for binary scores (1 = positive = bad). */

/** ROC AUC with ties counted half (Mann–Whitney). */
export function auc(scores: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let nPos = 0;
  let rankSumPos = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const avgRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (y[order[k]!]) {
        nPos++;
        rankSumPos += avgRank;
      }
    }
    i = j + 1;
  }
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  return (rankSumPos - (nPos * (nPos + 1)) / 2) / (nPos * nNeg);
}

export const gini = (a: number): number => 2 * a - 1;

/** Kolmogorov–Smirnov: max distance between the score CDFs of positives and negatives. */
export function ks(scores: ArrayLike<number>, y: ArrayLike<number>): number {
  const n = scores.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a]! - scores[b]!);
  let nPos = 0;
  for (let i = 0; i < n; i++) nPos += y[i] ? 1 : 0;
  const nNeg = n - nPos;
  if (nPos === 0 || nNeg === 0) return NaN;
  let cp = 0;
  let cn = 0;
  let best = 0;
  let i = 0;
  while (i < n) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    for (let k = i; k <= j; k++) {
      if (y[order[k]!]) cp++;
      else cn++;
    }
    best = Math.max(best, Math.abs(cp / nPos - cn / nNeg));
    i = j + 1;
  }
  return best;
}

export function brier(prob: ArrayLike<number>, y: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < prob.length; i++) s += (prob[i]! - y[i]!) ** 2;
  return s / prob.length;
}

export interface ReliabilityBin {
  lower: number;
  upper: number;
  count: number;
  meanPredicted: number;
  observedRate: number;
}

/** Equal-width reliability curve over [0, 1]; empty bins are omitted. */
export function reliabilityCurve(prob: ArrayLike<number>, y: ArrayLike<number>, bins = 10): ReliabilityBin[] {
  const cnt = new Array(bins).fill(0);
  const sp = new Array(bins).fill(0);
  const sy = new Array(bins).fill(0);
  for (let i = 0; i < prob.length; i++) {
    const b = Math.min(bins - 1, Math.floor(prob[i]! * bins));
    cnt[b]++;
    sp[b] += prob[i]!;
    sy[b] += y[i]!;
  }
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    if (!cnt[b]) continue;
    out.push({ lower: b / bins, upper: (b + 1) / bins, count: cnt[b], meanPredicted: sp[b] / cnt[b], observedRate: sy[b] / cnt[b] });
  }
  return out;
}

export interface Confusion {
  threshold: number;
  tp: number;
  fp: number;
  tn: number;
  fn: number;
  /** Share flagged positive (declined / sent to review). */
  flaggedRate: number;
  precision: number;
  recall: number;
}

/** Confusion at a probability threshold: predicted positive when prob >= threshold. */
export function confusionAt(prob: ArrayLike<number>, y: ArrayLike<number>, threshold: number): Confusion {
  let tp = 0, fp = 0, tn = 0, fn = 0;
  for (let i = 0; i < prob.length; i++) {
    const pred = prob[i]! >= threshold;
    if (pred && y[i]) tp++;
    else if (pred) fp++;
    else if (y[i]) fn++;
    else tn++;
  }
  return { threshold, tp, fp, tn, fn, flaggedRate: (tp + fp) / prob.length, precision: tp + fp ? tp / (tp + fp) : NaN, recall: tp + fn ? tp / (tp + fn) : NaN };
}

export interface Evaluation {
  auc: number;
  gini: number;
  ks: number;
  brier: number;
  n: number;
  positives: number;
  reliability: ReliabilityBin[];
  confusion: Confusion[];
}

export function evaluate(prob: ArrayLike<number>, y: ArrayLike<number>, thresholds: number[] = [0.1, 0.2, 0.3, 0.5]): Evaluation {
  const a = auc(prob, y);
  let positives = 0;
  for (let i = 0; i < y.length; i++) positives += y[i] ? 1 : 0;
  return {
    auc: a,
    gini: gini(a),
    ks: ks(prob, y),
    brier: brier(prob, y),
    n: prob.length,
    positives,
    reliability: reliabilityCurve(prob, y),
    confusion: thresholds.map((t) => confusionAt(prob, y, t)),
  };
}
