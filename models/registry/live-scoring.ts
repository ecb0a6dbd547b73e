/**
 * Live scoring through the registry: only an approved champion decides; a challenger, if
 * any, scores the same request in shadow and both results are stored for comparison.
 */
import { auc } from '../eval/metrics';
import type { FeatureRow, ModelKind, ModelScorer, ScoreResult } from '../scoring-types';
import { buildScorerFromArtifact } from '../score/build-scorer';
import { RegistryError } from './errors';
import type { ModelVersion } from './model-version';
import type { ModelRegistryRepository } from './repository';

export async function loadChampion(repo: ModelRegistryRepository, kind: ModelKind): Promise<{ champion: ModelScorer; challenger?: ModelScorer }> {
  const versions = await repo.listVersions(kind);
  const champ = versions.find((v) => v.role === 'champion' && v.status === 'approved');
  if (!champ) throw new RegistryError('NOT_FOUND', `no approved ${kind} champion`);
  const chal = versions.find((v: ModelVersion) => v.role === 'challenger' && v.status !== 'retired');
  return {
    champion: buildScorerFromArtifact(champ.artifact, champ.id),
    challenger: chal ? buildScorerFromArtifact(chal.artifact, chal.id) : undefined,
  };
}

export async function scoreLive(repo: ModelRegistryRepository, scorers: { champion: ModelScorer; challenger?: ModelScorer }, requestId: string, row: FeatureRow, now: Date): Promise<ScoreResult> {
  const result = scorers.champion.score(row);
  if (scorers.challenger) {
    const shadow = scorers.challenger.score(row);
    await repo.insertShadowScore({ requestId, championId: scorers.champion.modelVersionId, challengerId: scorers.challenger.modelVersionId, championProbability: result.probability, challengerProbability: shadow.probability, scoredAt: now });
  }
  return result;
}

export interface ShadowComparison {
  n: number;
  meanChampion: number;
  meanChallenger: number;
  /** Share of requests where the two disagree across the threshold. */
  disagreementRate: number;
  /** When outcomes are known for the same requests. */
  aucChampion?: number;
  aucChallenger?: number;
}

export async function compareShadow(repo: ModelRegistryRepository, championId: string, challengerId: string, threshold: number, outcomes?: Map<string, 0 | 1>): Promise<ShadowComparison> {
  const rows = await repo.listShadowScores(championId, challengerId);
  const n = rows.length;
  let mc = 0, ml = 0, dis = 0;
  for (const r of rows) {
    mc += r.championProbability;
    ml += r.challengerProbability;
    if (r.championProbability >= threshold !== r.challengerProbability >= threshold) dis++;
  }
  const out: ShadowComparison = { n, meanChampion: n ? mc / n : NaN, meanChallenger: n ? ml / n : NaN, disagreementRate: n ? dis / n : NaN };
  if (outcomes) {
    const labelled = rows.filter((r) => outcomes.has(r.requestId));
    const y = labelled.map((r) => outcomes.get(r.requestId)!);
    out.aucChampion = auc(labelled.map((r) => r.championProbability), y);
    out.aucChallenger = auc(labelled.map((r) => r.challengerProbability), y);
  }
  return out;
}
