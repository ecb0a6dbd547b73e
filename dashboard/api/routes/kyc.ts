import { ensureUserCustody } from '../../../ledger';
import { custodianFor } from './custody';
import { z } from 'zod';
import { SimulatedIdentityProvider, type IdentityProvider } from '../../../identity/identity-provider';
import { getVerifiedIdentity, maskIdNumber, maskName, maskPhone } from '../../../identity/identity-repo';
import { kycRequestSchema, verifyIdentity } from '../../../identity/verify-identity';
import { service, type ApiDeps } from '../api-deps';
import { defineRoute } from '../define-route';
import { requireUser } from '../guard';

export function identityProviderOf(deps: ApiDeps): IdentityProvider {
  return service<IdentityProvider>(deps, 'identity-provider', () => new SimulatedIdentityProvider());
}

export const kycRoutes = [
  defineRoute({
    method: 'POST',
    path: '/api/v1/me/kyc',
    summary: 'Real-name verification (IM 11): name, 18-digit resident ID (GB 11643 check digit), phone, liveness token. 201 verified, 422 failed check.',
    tag: 'identity',
    access: 'authenticated',
    idempotent: true,
    body: kycRequestSchema,
    handler: async ({ deps, user, body, idempotencyKey }) => {
      const me = requireUser(user);
      const result = await verifyIdentity({ ...deps, identityProvider: identityProviderOf(deps) }, { userId: me.id, idempotencyKey: idempotencyKey!, request: body });
      // A verified user gets their own custody sub-account at the bank (idempotent), so every
      // later movement — disbursement, bids, repayments — has a real account behind it.
      if (result.status < 300) await ensureUserCustody({ db: deps.db, clock: deps.clock, bank: custodianFor(deps) }, me.id);
      return { status: result.status, body: result.body };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/me/kyc',
    summary: 'My verification status, with personal data masked',
    tag: 'identity',
    access: 'authenticated',
    response: z.object({ verified: z.boolean() }).loose(),
    handler: async ({ deps, user }) => {
      const identity = await getVerifiedIdentity(deps, requireUser(user).id);
      if (!identity) return { status: 200, body: { verified: false } };
      return { status: 200, body: { verified: true, name: maskName(identity.name), idNumber: maskIdNumber(identity.idNumber), phone: maskPhone(identity.phone), gender: identity.gender, verifiedAt: identity.verifiedAt } };
    },
  }),
];
