import { appendAudit } from '../../db/audit/append-audit';
import type { Db } from '../../db/client';
import { isVerified } from '../../identity/identity-repo';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/errors';
import { parseYuan } from '../../kernel/money';
import { riskQuestionnaireSchema, scoreQuestionnaire, type RiskQuestionnaire } from './assess-risk-profile';
import { findInvestorProfile, upsertInvestorProfile } from './investors-repo';

/**
 * Item 15: stores the questionnaire and the tier it gives. Retaking it replaces the tier; the
 * risk acknowledgment is kept (it is about the platform's risks, versioned separately).
 */
export async function submitRiskAssessment(deps: { db: Db; clock: Clock }, userId: string, raw: RiskQuestionnaire) {
  const answers = riskQuestionnaireSchema.parse(raw);
  if (!(await isVerified(deps.db, userId))) throw new AppError('KYC_REQUIRED', 'complete real-name verification before the risk assessment');
  const { score, tier } = scoreQuestionnaire(answers);
  const existing = await findInvestorProfile(deps.db, userId);
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await upsertInvestorProfile(tx, {
      userId,
      answers,
      score,
      tier,
      assessedAt: now,
      acknowledgmentVersion: existing?.acknowledgmentVersion ?? null,
      acknowledgedAt: existing?.acknowledgedAt ?? null,
      netInvestableAssetsFen: parseYuan(answers.netInvestableAssets, { field: 'netInvestableAssets' }),
      assetGuardEnabled: existing?.assetGuardEnabled ?? false,
    });
    await appendAudit(tx, deps.clock, { actorId: userId, action: 'investor.risk_assessed', subjectType: 'user', subjectId: userId, data: { score, tier } });
  });
  return { score, tier };
}
