import { z } from 'zod';
import { toYuanString } from '../../../kernel/money';
import { acknowledgeRisk, acknowledgeRiskSchema } from '../../../lending/marketplace/acknowledge-risk';
import { riskQuestionnaireSchema } from '../../../lending/marketplace/assess-risk-profile';
import type { TierName } from '../../../lending/marketplace/config';
import { createAutoInvestMandate } from '../../../lending/marketplace/create-auto-invest-mandate';
import { createInvitationCode } from '../../../lending/marketplace/create-invitation-code';
import { invitationsOf } from '../../../lending/marketplace/invitations-repo';
import { findInvestorProfile } from '../../../lending/marketplace/investors-repo';
import { mandateBodySchema } from '../../../lending/marketplace/mandate-input';
import { mandateView } from '../../../lending/marketplace/mandate-view';
import { mandatesOf } from '../../../lending/marketplace/mandates-repo';
import { redeemInvitation, redemptionView } from '../../../lending/marketplace/redeem-invitation';
import { revokeAutoInvestMandate } from '../../../lending/marketplace/revoke-auto-invest-mandate';
import { submitRiskAssessment } from '../../../lending/marketplace/submit-risk-assessment';
import { mandatePatchSchema, updateAutoInvestMandate } from '../../../lending/marketplace/update-auto-invest-mandate';
import { defineRoute } from '../define-route';
import { requireUser } from '../guard';
import { marketplaceOf } from './marketplace';

const mandateParams = z.object({ id: z.string().regex(/^aim_[0-9A-Z]{26}$/, 'id must be an auto-invest mandate id') });

/** Investor onboarding (item 15), auto-invest mandates (item 17) and invitation codes. */
export const marketplaceInvestorRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/v1/me/investor/risk-assessment',
    summary: 'Take (or retake) the investor risk assessment; the tier decides which grades and how much you may buy',
    tag: 'investors',
    access: ['investor'],
    body: riskQuestionnaireSchema,
    handler: async ({ deps, user, body }) => ({ status: 200, body: await submitRiskAssessment(deps, requireUser(user).id, body) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/me/investor/acknowledgment',
    summary: 'Acknowledge the current risk disclosure (and optionally opt into the 10%-of-net-assets guard)',
    tag: 'investors',
    access: ['investor'],
    body: acknowledgeRiskSchema,
    handler: async ({ deps, user, body }) => ({ status: 200, body: await acknowledgeRisk({ ...deps, marketplace: marketplaceOf(deps) }, requireUser(user).id, body) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/me/investor',
    summary: 'My investor onboarding: tier, its limits, whether the current risk disclosure is acknowledged',
    tag: 'investors',
    access: 'authenticated',
    handler: async ({ deps, user }) => {
      const config = marketplaceOf(deps);
      const profile = await findInvestorProfile(deps.db, requireUser(user).id);
      const tier = profile ? config.tiers[profile.tier as TierName] : undefined;
      const acknowledged = profile?.acknowledgmentVersion === config.riskAcknowledgmentVersion;
      return {
        status: 200,
        body: {
          assessed: !!profile,
          tier: profile?.tier ?? null,
          score: profile?.score ?? null,
          assessedAt: profile?.assessedAt?.toISOString() ?? null,
          limits: tier ? { gradeLetters: tier.gradeLetters, maxPerLoan: toYuanString(tier.maxPerLoanFen), maxPerLoanFen: tier.maxPerLoanFen.toString(), maxTotal: toYuanString(tier.maxTotalFen), maxTotalFen: tier.maxTotalFen.toString() } : null,
          acknowledgment: { currentVersion: config.riskAcknowledgmentVersion, acknowledgedVersion: profile?.acknowledgmentVersion ?? null, acknowledged },
          assetGuardEnabled: profile?.assetGuardEnabled ?? false,
          readyToBid: !!profile && acknowledged && !!tier,
        },
      };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/me/auto-invest',
    summary: 'Grant an auto-invest mandate with explicit grades, terms, minimum APR, amount per loan, total budget and maximum share per borrower',
    tag: 'auto-invest',
    access: ['investor'],
    idempotent: true,
    body: mandateBodySchema,
    handler: async ({ deps, user, body, idempotencyKey }) => {
      const result = await createAutoInvestMandate({ ...deps, marketplace: marketplaceOf(deps) }, { investorId: requireUser(user).id, idempotencyKey: idempotencyKey!, body });
      return { status: result.status, body: result.body, headers: result.replayed ? { 'idempotent-replayed': 'true' } : undefined };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/me/auto-invest',
    summary: 'My auto-invest mandates (active and revoked), newest first',
    tag: 'auto-invest',
    access: 'authenticated',
    handler: async ({ deps, user }) => ({ status: 200, body: { items: (await mandatesOf(deps.db, requireUser(user).id)).map(mandateView) } }),
  }),
  defineRoute({
    method: 'PATCH',
    path: '/api/v1/me/auto-invest/:id',
    summary: 'Change the parameters of one of my active mandates (later runs use them)',
    tag: 'auto-invest',
    access: ['investor'],
    params: mandateParams,
    body: mandatePatchSchema,
    handler: async ({ deps, user, params, body }) => ({
      status: 200,
      body: await updateAutoInvestMandate({ ...deps, marketplace: marketplaceOf(deps) }, { investorId: requireUser(user).id, mandateId: params.id, patch: body }),
    }),
  }),
  defineRoute({
    method: 'DELETE',
    path: '/api/v1/me/auto-invest/:id',
    summary: 'Revoke one of my mandates, at any time (bids already placed stay)',
    tag: 'auto-invest',
    access: 'authenticated',
    params: mandateParams,
    handler: async ({ deps, user, params }) => ({ status: 200, body: await revokeAutoInvestMandate(deps, { investorId: requireUser(user).id, mandateId: params.id }) }),
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/me/invitations',
    summary: 'Create an invitation code; its reward is paid to you from the platform marketing account when the invitee first takes part in a disbursement',
    tag: 'invitations',
    access: 'authenticated',
    idempotent: true,
    handler: async ({ deps, user, idempotencyKey }) => {
      const result = await createInvitationCode({ ...deps, marketplace: marketplaceOf(deps) }, { inviterId: requireUser(user).id, idempotencyKey: idempotencyKey! });
      return { status: result.status, body: result.body };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/me/invitations',
    summary: 'My invitation codes and who redeemed them, with reward status',
    tag: 'invitations',
    access: 'authenticated',
    handler: async ({ deps, user }) => {
      const { codes, redemptions } = await invitationsOf(deps.db, requireUser(user).id);
      return {
        status: 200,
        body: {
          codes: codes.map((c) => ({ code: c.code, reward: toYuanString(c.rewardFen), rewardFen: c.rewardFen.toString(), createdAt: c.createdAt.toISOString() })),
          // Invitees are shown by a masked id only.
          redemptions: redemptions.map((r) => ({ ...redemptionView(r), inviteeId: `******${r.inviteeId.slice(-4)}` })),
        },
      };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/invitations/:code/redeem',
    summary: 'Redeem an invitation code as a new customer (once, before your first bid or listing)',
    tag: 'invitations',
    access: 'authenticated',
    params: z.object({ code: z.string().min(1).max(16) }),
    handler: async ({ deps, user, params }) => ({ status: 200, body: await redeemInvitation(deps, { inviteeId: requireUser(user).id, code: params.code }) }),
  }),
];
