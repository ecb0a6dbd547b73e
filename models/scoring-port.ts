/**
 * The port the decision engine scores through. Stable contract: change only additively.
 *
 * A scorer is plain TypeScript over extracted weights (no tensors), so one score costs
 * microseconds and is identical to what was validated when the artifact was saved.
 */
export type { Attribution, FeatureRow, ModelKind, ModelScorer, ScoreResult } from './scoring-types';

export { buildScorerFromArtifact, parseArtifactJson } from './score/build-scorer';
export { loadBootstrapCreditScorer, loadBootstrapFraudScorer } from './bootstrap/load-bootstrap';
