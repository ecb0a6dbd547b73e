import { beforeAll, describe, expect, it } from 'vitest';
import { makeResidentId } from '../../../identity/resident-id';
import { fundUsers, seedListing } from '../../../lending/marketplace/testing/seed';
import { LISTING_SORTS } from '../../../lending/marketplace/search-listings';
import { useTestApi } from '../testing';

const api = useTestApi('2026-03-02T02:00:00Z');
const key = () => `sort-${Math.random().toString(36).slice(2, 12)}`;

interface Row {
  id: string;
  aprBps: number;
  grade: string;
  termMonths: number;
  amountLeftFen: string;
  fundedShareBps: number;
  openedAt: string;
  closesOn: string;
}

// Deliberate ties in every field, so the id tie-break decides part of every order.
const LISTINGS = [
  { aprBps: 1200, grade: 'C2', termMonths: 12, amountFen: 100_000n, closesOn: '2026-03-20' },
  { aprBps: 900, grade: 'A1', termMonths: 6, amountFen: 300_000n, closesOn: '2026-03-25' },
  { aprBps: 1500, grade: 'E3', termMonths: 24, amountFen: 100_000n, closesOn: '2026-03-20' },
  { aprBps: 900, grade: 'A3', termMonths: 12, amountFen: 200_000n, closesOn: '2026-03-28' },
  { aprBps: 1100, grade: 'B5', termMonths: 36, amountFen: 50_000n, closesOn: '2026-03-22' },
  { aprBps: 1500, grade: 'C2', termMonths: 6, amountFen: 400_000n, closesOn: '2026-03-25' },
  { aprBps: 1300, grade: 'D1', termMonths: 12, amountFen: 100_000n, closesOn: '2026-03-30' },
];

const value: Record<string, (r: Row) => number | string | bigint> = {
  apr: (r) => r.aprBps,
  grade: (r) => r.grade,
  term: (r) => r.termMonths,
  amountLeft: (r) => BigInt(r.amountLeftFen),
  fundedShare: (r) => r.fundedShareBps,
  openedAt: (r) => r.openedAt,
  closesOn: (r) => r.closesOn,
};

/** The order the API promises: the field (descending with "-"), then the id ascending. */
function expectedOrder(rows: Row[], sort: string): string[] {
  const field = sort.replace(/^-/, '');
  const sign = sort.startsWith('-') ? -1 : 1;
  const cmp = (a: number | string | bigint, b: number | string | bigint) => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows].sort((a, b) => sign * cmp(value[field]!(a), value[field]!(b)) || cmp(a.id, b.id)).map((r) => r.id);
}

const seeded: string[] = [];

beforeAll(async () => {
  const { call, deps, clock, userWithRoles } = api.current;
  const borrower = await userWithRoles(['borrower'], 'borrower');
  for (const [i, l] of LISTINGS.entries()) {
    clock.set(new Date(Date.parse('2026-03-02T02:00:00Z') + (i % 3) * 60_000)); // openedAt ties too
    seeded.push(await seedListing(deps.db, clock, { borrowerId: borrower.id, ...l }));
  }
  // Funded shares through real bids: 30% of the first listing, 10% of the second and fourth.
  const investor = await userWithRoles(['investor'], 'investor');
  const kyc = await call('POST', '/api/v1/me/kyc', { token: investor.token, headers: { 'idempotency-key': key() }, body: { name: '王小明', idNumber: makeResidentId('110105', '1988-02-11', 7), phone: '13912340007', livenessToken: 'ok' } });
  expect(kyc.status).toBe(201);
  const questionnaire = { age: 40, annualIncome: '300k_1m', netInvestableAssets: '500000.00', experience: 'over_5_years', riskPreference: 'growth', lossTolerance: 'up_to_30' };
  expect((await call('POST', '/api/v1/me/investor/risk-assessment', { token: investor.token, body: questionnaire })).status).toBe(200);
  expect((await call('POST', '/api/v1/me/investor/acknowledgment', { token: investor.token, body: { version: '2026-01' } })).status).toBe(200);
  await fundUsers(deps.db, clock, [investor.id], [10_000_000n]);
  for (const [index, amount] of [[0, '300.00'], [1, '300.00'], [3, '200.00']] as const) {
    const id = seeded[index]!;
    await call('GET', `/api/v1/listings/${id}/disclosures`, { token: investor.token });
    const bid = await call('POST', `/api/v1/listings/${id}/bids`, { token: investor.token, body: { amount, acceptConcentrationRisk: true }, headers: { 'idempotency-key': key() } });
    expect(bid.status).toBe(201);
  }
});

describe('GET /api/v1/listings?sort=', () => {
  it('orders the whole result before paging, ties by id, for every sort key', async () => {
    const { call } = api.current;
    const all = (await call('GET', '/api/v1/listings?limit=200')).body.items as Row[];
    expect(all.map((r) => r.id).sort()).toEqual([...seeded].sort());
    expect(all.find((r) => r.id === seeded[0])!.fundedShareBps).toBe(3_000);
    for (const sort of LISTING_SORTS) {
      const paged: string[] = [];
      for (let offset = 0; offset < LISTINGS.length; offset += 3) {
        const page = await call('GET', `/api/v1/listings?sort=${encodeURIComponent(sort)}&limit=3&offset=${offset}`);
        expect(page.status, sort).toBe(200);
        expect(page.body).toMatchObject({ total: LISTINGS.length, sort, limit: 3, offset });
        paged.push(...(page.body.items as Row[]).map((r) => r.id));
      }
      expect(paged, sort).toEqual(expectedOrder(all, sort));
    }
  });

  it('means what the names say: highest rate first, A1 first, most funded first', async () => {
    const { call } = api.current;
    const ids = async (sort: string) => ((await call('GET', `/api/v1/listings?sort=${sort}`)).body.items as Row[]).map((r) => r.id);
    const [, second, third, fourth, fifth, sixth, seventh] = seeded;
    // apr 1500 twice (ids 3rd, 6th), then 1300 (7th).
    expect((await ids('-apr')).slice(0, 3)).toEqual([third, sixth, seventh]);
    expect((await ids('grade')).slice(0, 3)).toEqual([second, fourth, fifth]);
    expect((await ids('-fundedShare'))[0]).toBe(seeded[0]);
    // Filters and sorting combine: term 12 by amount left, most first (2,000.00 − 200.00 = 1,800.00).
    const twelve = (await call('GET', '/api/v1/listings?term=12&sort=-amountLeft')).body.items as Row[];
    expect(twelve.map((r) => [r.id, r.amountLeftFen])).toEqual([
      [fourth, '180000'],
      [seventh, '100000'],
      [seeded[0], '70000'],
    ]);
  });

  it('refuses an unknown sort with 400 naming the field, and documents the values in the OpenAPI', async () => {
    const { call } = api.current;
    for (const bad of ['rate', 'apr,grade', '--apr', '']) {
      const res = await call('GET', `/api/v1/listings?sort=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(400);
      expect(res.body.error.details.field, bad).toBe('sort');
    }
    const doc = (await call('GET', '/api/openapi.json')).body;
    const param = doc.paths['/api/v1/listings'].get.parameters.find((p: { name: string }) => p.name === 'sort');
    expect(param.schema.enum).toEqual([...LISTING_SORTS]);
    expect(param.schema.default).toBe('closesOn');
    expect(param.schema.description).toMatch(/ties keep id order/);
  });
});
