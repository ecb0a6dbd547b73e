import { and, eq, sql } from 'drizzle-orm';
import { appendAudit } from '../../db/audit/append-audit';
import type { Db } from '../../db/client';
import { bids, contractConsents, contracts } from '../../db/schema';
import { chinaDate } from '../../kernel/calendar';
import { sha256Hex, toJsonValue } from '../../kernel/canonical-json';
import type { Clock } from '../../kernel/clock';
import { AppError } from '../../kernel/errors';
import { newId } from '../../kernel/ids';
import { buildSchedule } from '../schedules';
import { signHash, signingKeys } from './contract-signing';
import { getListing } from './listings-repo';
import { renderContractPdf, type ContractTerms } from './render-contract-pdf';

/** Masks an internal user id for a document: only its last four characters show. */
export function maskUserId(id: string): string {
  return `${'*'.repeat(6)}${id.slice(-4)}`;
}

/**
 * Processor use case for the `funding` queue: a fully funded listing gets its contract (PDF,
 * SHA-256, Ed25519 signature), once per listing (unique listing_id; a rerun returns the first).
 * The investors' consent is their bid request (recorded against this contract's hash); the
 * borrower consents explicitly (consent-contract.ts), which triggers disbursement.
 */
export async function generateContract(deps: { db: Db; clock: Clock; signingSeed: string }, payload: { listingId: string }): Promise<{ contractId: string; created: boolean }> {
  const [existing] = await deps.db.select({ id: contracts.id }).from(contracts).where(eq(contracts.listingId, payload.listingId));
  if (existing) return { contractId: existing.id, created: false };
  const listing = await getListing(deps.db, payload.listingId);
  if (listing.status !== 'funded') throw new AppError('CONFLICT', `listing ${listing.id} is ${listing.status}, not funded`);
  const held = await deps.db
    .select({ investorId: bids.investorId, fen: sql<bigint>`sum(${bids.amountFen})::bigint` })
    .from(bids)
    .where(and(eq(bids.listingId, listing.id), eq(bids.status, 'held')))
    .groupBy(bids.investorId)
    .orderBy(bids.investorId);
  const now = deps.clock.now();
  const contractId = newId('ctr', deps.clock);
  const contractDate = chinaDate(now);
  const terms: ContractTerms = {
    contractId,
    listingId: listing.id,
    contractDate,
    borrower: {
      maskedName: ((listing.disclosures as { borrower?: { maskedName?: string } }).borrower?.maskedName) ?? maskUserId(listing.borrowerId),
      maskedId: ((listing.disclosures as { borrower?: { maskedIdNumber?: string } }).borrower?.maskedIdNumber) ?? maskUserId(listing.borrowerId),
    },
    investors: held.map((h) => ({ maskedId: maskUserId(h.investorId), principalFen: h.fen })),
    principalFen: listing.amountFen,
    termMonths: listing.termMonths,
    aprBps: listing.aprBps,
    nominalRateBps: listing.nominalRateBps,
    upfrontFeeFen: listing.upfrontFeeFen,
    repaymentMethod: listing.repaymentMethod,
    schedule: buildSchedule({ principalFen: listing.amountFen, annualRateBps: listing.nominalRateBps, termMonths: listing.termMonths, method: listing.repaymentMethod, startDate: contractDate }),
  };
  const pdf = await renderContractPdf(terms, now);
  const sha256 = sha256Hex(pdf);
  return deps.db.transaction(async (tx) => {
    const inserted = await tx
      .insert(contracts)
      .values({
        id: contractId,
        listingId: listing.id,
        pdfBase64: pdf.toString('base64'),
        sha256,
        signature: signHash(deps.signingSeed, sha256),
        publicKey: signingKeys(deps.signingSeed).publicKeyPem,
        terms: toJsonValue(terms),
        createdAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: contracts.id });
    if (inserted.length === 0) {
      const [first] = await tx.select({ id: contracts.id }).from(contracts).where(eq(contracts.listingId, listing.id));
      return { contractId: first!.id, created: false };
    }
    if (held.length > 0) {
      await tx.insert(contractConsents).values(held.map((h) => ({ contractId, partyId: h.investorId, role: 'investor' as const, sha256, consentedAt: now })));
    }
    await appendAudit(tx, deps.clock, { actorId: null, action: 'contract.created', subjectType: 'listing', subjectId: listing.id, data: { contractId, sha256 } });
    return { contractId, created: true };
  });
}
