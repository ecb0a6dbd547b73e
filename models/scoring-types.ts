/**
 * The scoring contract's types, kept apart from models/scoring-port.ts (which also re-exports
 * the loaders) so model internals can import them without an import cycle through the port.
 */
export type ModelKind = 'credit' | 'fraud';

export type FeatureRow = Record<string, number | string | null>;

export interface Attribution {
  feature: string;
  /** How much this feature pushed towards the bad outcome (points below maximum, or IG on the logit). */
  impact: number;
  reasonCode: string;
  message: { zh: string; en: string };
}

export interface ScoreResult {
  /** Calibrated probability of default (credit) or of fraud (fraud). */
  probability: number;
  /** PDO-scaled score (higher = safer), when the model defines one. */
  score?: number;
  /** At most four, ranked by impact (largest first); only features that hurt the applicant. */
  attributions: Attribution[];
}

export interface ModelScorer {
  modelVersionId: string;
  kind: ModelKind;
  featureSetVersion: string;
  score(row: FeatureRow): ScoreResult;
}
