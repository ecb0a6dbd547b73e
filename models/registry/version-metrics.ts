/** Figures stored with a version: evaluation (ROC, calibration, KS, Brier, confusion) and the monitoring baseline. */
import type { Dataset } from '../data/frame';
import { evaluationReport, type EvaluationReport } from '../eval/roc-curve';
import { buildBaseline, type MonitoringBaseline } from '../monitoring/baseline';
import type { ModelArtifact } from '../score/artifact';
import { compileModel } from '../score/compiled-model';

export function evaluateArtifact(artifact: ModelArtifact, ds: Dataset, sample: string): EvaluationReport {
  return evaluationReport(compileModel(artifact).probabilityBatch(ds.frame), ds.y, sample);
}

export function baselineOf(artifact: ModelArtifact, ds: Dataset): MonitoringBaseline {
  return buildBaseline(ds.frame, compileModel(artifact).probabilityBatch(ds.frame));
}

/** Reads the stored baseline back (metrics are JSON). */
export function storedBaseline(metrics: Record<string, unknown>): MonitoringBaseline | undefined {
  const b = metrics.baseline as MonitoringBaseline | undefined;
  return b && Array.isArray(b.features) && b.score ? b : undefined;
}
