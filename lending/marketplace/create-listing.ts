import { z } from 'zod';
import type { FieldEncryption } from '../../auth/field-encryption';
import { appendAudit } from '../../db/audit/append-audit';
import type { Db } from '../../db/client';
import { enqueueInTransaction } from '../../db/outbox';
import { listings } from '../../db/schema';
import { getVerifiedIdentity, maskIdNumber, maskName } from '../../identity/identity-repo';
import { chinaCalendar, chinaDate, type BusinessCalendar } from '../../kernel/calendar';
import { hashCanonical } from '../../kernel/canonical-json';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { listingEscrow, openAccounts, openCustodyAccount, type CustodianBank } from '../../ledger';
import { buildDisclosures } from './build-disclosures';
import type { MarketplaceConfig } from './config';
import { readDecisionForListing } from './decision-source';
import { isRelatedParty } from './investors-repo';
import { assertTextsClean } from './lint-listing-text';
import { findListingByApplication } from './listings-repo';

export const createListingSchema = z.object({
  applicationId: z.string().min(1).max(100),
  title: z.string().trim().min(2, 'title must have at least 2 characters').max(60),
  description: z.string().trim().min(10, 'description must have at least 10 characters').max(2000),
  repaymentSource: z.string().trim().min(2, 'repaymentSource must say where repayments come from').max(200),
});
export type CreateListingInput = z.infer<typeof createListingSchema>;

export interface CreateListingDeps {
  db: Db;
  clock: Clock;
  marketplace: MarketplaceConfig;
  fieldEncryption: FieldEncryption;
  calendar?: BusinessCalendar;
  /** The custodian, to open the listing's escrow sub-account there (omitted only in unit tests). */
  bank?: CustodianBank;
}

/**
 * The borrower accepts an approved or counter-offered decision: the listing opens with its
 * masked disclosures (item 13), linted texts (item 14), a fundraising window of at most 20
 * business days (item 12), the listing's escrow account, and an auto-invest job (outbox) in
 * the same transaction. One listing per application: a repeat returns the first.
 */
export async function createListing(deps: CreateListingDeps, borrowerId: string, raw: CreateListingInput): Promise<{ listingId: string; created: boolean }> {
  const input = createListingSchema.parse(raw);
  assertTextsClean({ title: input.title, description: input.description, repaymentSource: input.repaymentSource }, deps.marketplace.extraForbiddenPhrases);
  const decision = await readDecisionForListing(deps.db, input.applicationId);
  if (!decision || decision.borrowerId !== borrowerId) throw new AppError('NOT_FOUND', `no application ${input.applicationId}`, { field: 'applicationId' });
  const existing = await findListingByApplication(deps.db, input.applicationId);
  if (existing) return { listingId: existing.id, created: false };
  if (decision.outcome !== 'approved' && decision.outcome !== 'counter_offer') {
    throw new AppError('BUSINESS_RULE', `only an approved or counter-offered application can be listed (this one is ${decision.outcome})`, { field: 'applicationId' });
  }
  if (decision.grade === null || decision.pd === null || decision.aprBps === null) throw new AppError('BUSINESS_RULE', 'the decision has no grade, PD or APR', { field: 'applicationId' });
  if (await isRelatedParty(deps.db, borrowerId)) {
    throw new AppError('FORBIDDEN', 'the platform and its related parties may not borrow through it (item 4)', { reason: 'RELATED_PARTY' });
  }
  const identity = await getVerifiedIdentity({ db: deps.db, fieldEncryption: deps.fieldEncryption }, borrowerId);
  if (!identity) throw new AppError('KYC_REQUIRED', 'complete real-name verification before listing');

  const now = deps.clock.now();
  const calendar = deps.calendar ?? chinaCalendar;
  const closesOn = calendar.addBusinessDays(chinaDate(now), deps.marketplace.fundraisingBusinessDays);
  const expectedLossBps = Math.round(decision.pd * deps.marketplace.lossGivenDefaultBps);
  const disclosures = buildDisclosures({
    decision: { ...decision, grade: decision.grade, pd: decision.pd, aprBps: decision.aprBps },
    maskedName: maskName(identity.name),
    maskedIdNumber: maskIdNumber(identity.idNumber),
    title: input.title,
    repaymentSource: input.repaymentSource,
    expectedLossBps,
    closesOn,
  });
  const listingId = newId('lst', deps.clock);
  return deps.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(listings)
      .values({
        id: listingId,
        applicationId: decision.applicationId,
        decisionId: decision.decisionId,
        borrowerId,
        borrowerType: decision.borrowerType,
        grade: decision.grade!,
        pd: decision.pd!,
        expectedLossBps,
        aprBps: decision.aprBps!,
        nominalRateBps: decision.nominalRateBps ?? decision.aprBps!,
        upfrontFeeFen: decision.upfrontFeeFen,
        termMonths: decision.termMonths,
        repaymentMethod: decision.repaymentMethod,
        purpose: decision.purpose,
        title: input.title,
        description: input.description,
        amountFen: decision.amountFen,
        status: 'open',
        disclosures,
        disclosuresHash: hashCanonical(disclosures),
        openedAt: now,
        closesOn,
      })
      .onConflictDoNothing()
      .returning({ id: listings.id });
    if (inserted.length === 0) {
      const first = await findListingByApplication(tx, input.applicationId);
      return { listingId: first!.id, created: false };
    }
    // The escrow is a sub-account at the custodian (a 'project' account), mirrored in the ledger.
    if (deps.bank) await openCustodyAccount({ db: tx, clock: deps.clock, bank: deps.bank }, { ownerKind: 'listing', ownerId: listingId });
    else await openAccounts(tx, deps.clock, [listingEscrow(listingId)]);
    await enqueueInTransaction(tx, deps.clock, { queue: 'auto-invest', jobName: 'listing-opened', payload: { listingId }, dedupeKey: `auto-invest:${listingId}` });
    await appendAudit(tx, deps.clock, { actorId: borrowerId, action: 'listing.created', subjectType: 'listing', subjectId: listingId, data: { applicationId: input.applicationId, closesOn } });
    return { listingId, created: true };
  });
}
