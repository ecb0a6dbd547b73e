import { z } from 'zod';
import { AppError } from '../../../kernel/errors';
import { contractsOfUser, findContractWithParties } from '../../../lending/marketplace/bids-repo';
import { consentToContract } from '../../../lending/marketplace/consent-contract';
import { verifyContract } from '../../../lending/marketplace/verify-contract';
import type { AuthenticatedUser } from '../../../auth/sessions';
import type { ApiDeps } from '../api-deps';
import { defineRoute } from '../define-route';
import { requireUser } from '../guard';

const contractParams = z.object({ id: z.string().regex(/^ctr_[0-9A-Z]{26}$/, 'id must be a contract id') });

/** The contract if the user is one of its parties; anyone else (staff included) gets NOT_FOUND. */
async function contractForParty(deps: ApiDeps, user: AuthenticatedUser | null, contractId: string) {
  const me = requireUser(user);
  const found = await findContractWithParties(deps.db, contractId);
  if (!found || (found.borrowerId !== me.id && !found.investorIds.includes(me.id))) throw new AppError('NOT_FOUND', 'no such resource');
  return found;
}

export const marketplaceContractRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/v1/contracts/:id',
    summary: 'The signed loan contract as a PDF (its parties only)',
    tag: 'contracts',
    access: 'authenticated',
    params: contractParams,
    handler: async ({ deps, user, params }) => {
      const { contract } = await contractForParty(deps, user, params.id);
      return {
        status: 200,
        raw: { contentType: 'application/pdf', data: Buffer.from(contract.pdfBase64, 'base64') },
        headers: { 'content-disposition': `inline; filename="${contract.id}.pdf"`, 'x-content-sha256': contract.sha256 },
      };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/contracts/:id/verify',
    summary: "Check the stored PDF against its SHA-256 and the platform's Ed25519 signature (parties only)",
    tag: 'contracts',
    access: 'authenticated',
    params: contractParams,
    handler: async ({ deps, user, params }) => {
      await contractForParty(deps, user, params.id);
      return { status: 200, body: await verifyContract(deps.db, deps.config.CONTRACT_SIGNING_SEED, params.id) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/contracts/:id/consent',
    summary: 'The borrower consents to the signed contract (its hash); disbursement follows. Repeating changes nothing',
    tag: 'contracts',
    access: ['borrower'],
    params: contractParams,
    handler: async ({ deps, user, params }) => ({ status: 200, body: await consentToContract(deps, requireUser(user).id, params.id) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/me/contracts',
    summary: 'Contracts I am a party to, as borrower or lender, newest first',
    tag: 'contracts',
    access: 'authenticated',
    handler: async ({ deps, user }) => ({ status: 200, body: { items: await contractsOfUser(deps.db, requireUser(user).id) } }),
  }),
];
