import { custodianFor } from './custody';
import { z } from 'zod';
import { LISTING_STATUSES } from '../../../db/schema';
import { AppError } from '../../../kernel/errors';
import { parseYuan, toYuanString } from '../../../kernel/money';
import { findBid, bidView, bidsOfInvestor } from '../../../lending/marketplace/bids-repo';
import { cancelListing, cancelListingSchema } from '../../../lending/marketplace/cancel-listing';
import { marketplaceConfig, type MarketplaceConfig } from '../../../lending/marketplace/config';
import { createListing, createListingSchema } from '../../../lending/marketplace/create-listing';
import { listingDetailView, listingSummaryView } from '../../../lending/marketplace/listing-view';
import { getListing } from '../../../lending/marketplace/listings-repo';
import { openDisclosures } from '../../../lending/marketplace/open-disclosures';
import { placeBid, placeBidBodySchema } from '../../../lending/marketplace/place-bid';
import { DEFAULT_LISTING_SORT, LISTING_SORTS, searchListings } from '../../../lending/marketplace/search-listings';
import { service, type ApiDeps } from '../api-deps';
import { defineRoute } from '../define-route';
import { assertOwnerOrRoles, hasRole, requireUser } from '../guard';

/** The marketplace policy behind the API (defaults checked with zod; one per deps). */
export function marketplaceOf(deps: ApiDeps): MarketplaceConfig {
  return service(deps, 'marketplace-config', () => marketplaceConfig());
}

export const listingIdParams = z.object({ id: z.string().regex(/^lst_[0-9A-Z]{26}$/, 'id must be a listing id') });
/** "a,b,c" → ["a","b","c"] (query strings carry lists comma separated). */
const splitCsv = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);
const paging = { limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).max(100_000).default(0) };

const listingQuery = z.object({
  grade: z.string().max(200).optional().transform(splitCsv).pipe(z.array(z.string().regex(/^[A-G][1-5]$/, 'grades such as "B2", comma separated')).optional()),
  term: z.string().max(200).optional().transform(splitCsv).pipe(z.array(z.string().regex(/^\d{1,2}$/, 'terms in months, comma separated').transform(Number)).optional()),
  minAprBps: z.coerce.number().int().min(0).max(10_000).optional(),
  maxAprBps: z.coerce.number().int().min(0).max(10_000).optional(),
  minAmountLeft: z.string().regex(/^\d{1,13}(\.\d{1,2})?$/, 'yuan as a string, e.g. "500.00"').optional(),
  status: z.enum([...LISTING_STATUSES, 'all']).default('open'),
  sort: z
    .enum(LISTING_SORTS, { error: `sort must be one of ${LISTING_SORTS.join(', ')}` })
    .default(DEFAULT_LISTING_SORT)
    .describe('Order of the whole result before paging: a field, ascending, or "-field" descending; ties keep id order. apr = annual rate (IRR); grade = A1 first; term = months; amountLeft, fundedShare; openedAt = listed; closesOn = bidding closes (default)'),
  ...paging,
});

export const marketplaceRoutes = [
  defineRoute({
    method: 'GET',
    path: '/api/v1/listings',
    summary: 'Listings investors can choose from (open by default), filtered by grade, term, APR and amount left, sorted by `sort`; paged',
    tag: 'marketplace',
    access: 'public',
    query: listingQuery,
    handler: async ({ deps, query }) => {
      const { rows, total } = await searchListings(deps.db, {
        ...(query.grade ? { grades: query.grade } : {}),
        ...(query.term ? { termMonths: query.term } : {}),
        ...(query.minAprBps !== undefined ? { minAprBps: query.minAprBps } : {}),
        ...(query.maxAprBps !== undefined ? { maxAprBps: query.maxAprBps } : {}),
        ...(query.minAmountLeft !== undefined ? { minAmountLeftFen: parseYuan(query.minAmountLeft, { field: 'minAmountLeft' }) } : {}),
        statuses: query.status === 'all' ? [...LISTING_STATUSES] : [query.status],
        sort: query.sort,
        limit: query.limit,
        offset: query.offset,
      });
      return { status: 200, body: { items: rows.map(listingSummaryView), total, sort: query.sort, limit: query.limit, offset: query.offset } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/listings/:id',
    summary: 'One listing: APR (IRR), grade, PD, expected loss, term, amount, funded share and its masked disclosures',
    tag: 'marketplace',
    access: 'public',
    params: listingIdParams,
    handler: async ({ deps, params }) => ({ status: 200, body: listingDetailView(await getListing(deps.db, params.id)) }),
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/listings/:id/disclosures',
    summary: "Open a listing's mandatory disclosures (recorded: an investor must open them before bidding, item 16)",
    tag: 'marketplace',
    access: ['investor'],
    params: listingIdParams,
    handler: async ({ deps, user, params }) => {
      const opened = await openDisclosures(deps, requireUser(user).id, params.id);
      return { status: 200, body: opened };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/listings',
    summary: 'Accept an approved or counter-offered decision: the application becomes a listing (one per application; a repeat returns it)',
    tag: 'marketplace',
    access: ['borrower'],
    body: createListingSchema,
    handler: async ({ deps, user, body }) => {
      const result = await createListing({ ...deps, marketplace: marketplaceOf(deps), bank: custodianFor(deps) }, requireUser(user).id, body);
      return { status: result.created ? 201 : 200, body: { ...result, listing: listingDetailView(await getListing(deps.db, result.listingId)) } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/listings/:id/cancel',
    summary: 'Withdraw your open listing before it is funded (admins too); every hold is voided',
    tag: 'marketplace',
    access: 'authenticated',
    params: listingIdParams,
    body: cancelListingSchema,
    handler: async ({ deps, user, params, body }) => {
      const me = requireUser(user);
      return { status: 200, body: await cancelListing(deps, { id: me.id, staff: hasRole(me, 'admin') }, params.id, body) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/v1/listings/:id/bids',
    summary: 'Bid on a listing (amount in yuan; needs an Idempotency-Key). Returns the bid, the amount filled and any diversification warnings',
    tag: 'marketplace',
    access: ['investor'],
    idempotent: true,
    params: listingIdParams,
    body: placeBidBodySchema,
    handler: async ({ deps, user, params, body, idempotencyKey }) => {
      const result = await placeBid(
        { ...deps, marketplace: marketplaceOf(deps) },
        { investorId: requireUser(user).id, listingId: params.id, amount: body.amount, idempotencyKey: idempotencyKey!, ...(body.acceptConcentrationRisk ? { acceptConcentrationRisk: true } : {}) },
      );
      const b = result.bid;
      const filledFen = BigInt(b.amountFen);
      return {
        status: result.replayed ? 200 : 201,
        headers: result.replayed ? { 'idempotent-replayed': 'true' } : undefined,
        body: {
          bid: { id: b.bidId, listingId: b.listingId, requestedFen: b.requestedFen, amountFen: b.amountFen, holdTransferId: b.holdTransferId, createdAt: b.createdAt },
          filled: toYuanString(filledFen),
          filledFen: b.amountFen,
          partiallyFilled: b.amountFen !== b.requestedFen,
          listingFunded: b.listingFunded,
          warnings: result.warnings,
          replayed: result.replayed,
        },
      };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/me/bids',
    summary: 'My bids, newest first (manual and auto-invest), with their listings',
    tag: 'marketplace',
    access: 'authenticated',
    query: z.object({ status: z.enum(['held', 'posted', 'voided']).optional(), ...paging }),
    handler: async ({ deps, user, query }) => {
      const { rows, total } = await bidsOfInvestor(deps.db, requireUser(user).id, { limit: query.limit, offset: query.offset, ...(query.status ? { status: query.status } : {}) });
      return { status: 200, body: { items: rows.map((r) => bidView(r.bid, r.listing)), total } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/v1/bids/:id',
    summary: 'One of my bids (another investor\'s bid reads as not found)',
    tag: 'marketplace',
    access: 'authenticated',
    params: z.object({ id: z.string().regex(/^bid_[0-9A-Z]{26}$/, 'id must be a bid id') }),
    handler: async ({ deps, user, params }) => {
      const bid = await findBid(deps.db, params.id);
      if (!bid) throw new AppError('NOT_FOUND', 'no such resource');
      assertOwnerOrRoles(user, bid.investorId, ['admin']);
      return { status: 200, body: bidView(bid) };
    },
  }),
];
