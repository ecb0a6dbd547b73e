import { count } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { loanRepayments } from '../../../db/schema';
import { createTransfer, EXTERNAL_WORLD, openPlatformAccounts, openUserAccounts, simpleTransfer, userAvailable } from '../../../ledger';
import { logMajorEvent } from '../../../lending/disclosures/log-major-event';
import { publishMonthlyDisclosure } from '../../../lending/disclosures/publish-monthly-disclosure';
import { createLoan } from '../../../lending/servicing/create-loan';
import { runDelinquency } from '../../../lending/servicing/run-delinquency';
import { scanBorrowerMovements } from '../../../lending/servicing/scan-borrower-movements';
import { DEFAULT_SERVICING_POLICY } from '../../../lending/servicing/servicing-policy';
import { useTestApi } from '../testing';

const api = useTestApi('2026-03-02T02:00:00Z');
let borrower: { id: string; token: string };
let investor: { id: string; token: string };
let analyst: { id: string; token: string };
let loanId = '';

beforeAll(async () => {
  const { deps, clock, userWithRoles } = api.current;
  borrower = await userWithRoles(['borrower'], 'borrower');
  investor = await userWithRoles(['investor'], 'investor');
  analyst = await userWithRoles(['analyst'], 'analyst');
  await openPlatformAccounts(deps.db, clock);
  for (const u of [borrower.id, investor.id]) await openUserAccounts(deps.db, clock, u);
  await createTransfer(deps.db, clock, simpleTransfer({ idempotencyKey: 'dep-api-1', kind: 'deposit', debit: EXTERNAL_WORLD, credit: userAvailable(borrower.id), amountFen: 500_000n, authorisation: { kind: 'one_time_code', reference: 'otp' }, custody: 'direct' }));
  clock.set('2026-01-02T02:00:00Z');
  const r = await deps.db.transaction((tx) =>
    createLoan(tx, { clock }, { listingId: 'lst-api', borrowerId: borrower.id, principalFen: 120_000n, termMonths: 3, annualRateBps: 1000, repaymentMethod: 'equal_principal', grade: 'A2', pd: 0.01, startDate: '2026-01-02', holdings: [{ investorId: investor.id, principalFen: 120_000n }] }),
  );
  loanId = r.loanId;
  clock.set('2026-03-03T02:00:00Z'); // installments 1 (02-02) and 2 (03-02) are due
});

describe('servicing API', () => {
  it('shows a borrower their schedule and what is due; strangers see nothing', async () => {
    const { call } = api.current;
    const res = await call('GET', '/api/v1/me/loans', { token: borrower.token });
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({ id: loanId, principal: '1200.00', dueNow: '816.67', schedule: [{ principal: '400.00', interest: '10.00' }, {}, {}] });
    expect((await call('GET', '/api/v1/me/loans', { token: investor.token })).status).toBe(403);
  });

  it('takes a manual repayment once per Idempotency-Key, naming bad fields and writing nothing for them', async () => {
    const { call, deps } = api.current;
    const path = `/api/v1/loans/${loanId}/repayments`;
    expect((await call('POST', path, { token: borrower.token, body: { mode: 'due', amount: '100.00' } })).status).toBe(400);
    const bad = await call('POST', path, { token: borrower.token, body: { mode: 'due', amount: '12.345' }, headers: { 'idempotency-key': 'rep-bad-0001' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.field).toBe('amount');
    const tooMuch = await call('POST', path, { token: borrower.token, body: { mode: 'due', amount: '816.68' }, headers: { 'idempotency-key': 'rep-bad-0002' } });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.details.field).toBe('amount');
    expect((await deps.db.select({ n: count() }).from(loanRepayments))[0]!.n).toBe(0);
    const ok = await call('POST', path, { token: borrower.token, body: { mode: 'due', amount: '816.67' }, headers: { 'idempotency-key': 'rep-ok-0001' } });
    expect(ok).toMatchObject({ status: 201, body: { amount: '816.67', principal: '800.00', interest: '16.67', principalOutstanding: '400.00' } });
    const replay = await call('POST', path, { token: borrower.token, body: { mode: 'due', amount: '816.67' }, headers: { 'idempotency-key': 'rep-ok-0001' } });
    expect(replay.body).toEqual(ok.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await deps.db.select({ n: count() }).from(loanRepayments))[0]!.n).toBe(1);
    const other = await call('POST', `/api/v1/loans/${loanId}/repayments`, { token: investor.token, body: { mode: 'early' }, headers: { 'idempotency-key': 'rep-x-0001' } });
    expect(other.status).toBe(403);
  });

  it('gives the investor their portfolio and a notification of each repayment', async () => {
    const { call } = api.current;
    const p = await call('GET', '/api/v1/me/portfolio', { token: investor.token });
    expect(p.status).toBe(200);
    expect(p.body.holdings[0]).toMatchObject({ loanId, principal: '1200.00', outstandingPrincipal: '400.00', received: '816.67', due: '403.33', overdue: '0.00' });
    // −1,200.00 on 01-02; +816.67 paid on 03-03 and 400.00 outstanding valued at par on 03-03:
    // (1216.67 / 1200)^(365/60) − 1 = 8.755% (the first installment was paid a month late).
    expect(p.body.xirr).toBeCloseTo(0.08755, 4);
    const n = await call('GET', '/api/v1/me/notifications', { token: investor.token });
    expect(n.body.items).toMatchObject([{ kind: 'repayment_received', loanId }]);
  });

  it('serves disclosures and major events to the public, analytics to analysts only', async () => {
    const { call, deps, clock } = api.current;
    clock.set('2026-03-05T02:00:00Z');
    const { snapshot } = await publishMonthlyDisclosure(deps, { yearMonth: '2026-02' });
    await logMajorEvent(deps.db, clock, { kind: 'custody_mismatch', title: 'Custody mismatch', body: 'Reconciliation found a difference.' });
    const list = await call('GET', '/api/v1/disclosures');
    expect(list.body.items).toMatchObject([{ yearMonth: '2026-02', id: snapshot.id, contentHash: snapshot.contentHash }]);
    const one = await call('GET', '/api/v1/disclosures/2026-02');
    expect(one.body).toMatchObject({ id: snapshot.id, contentHash: snapshot.contentHash, content: { figures: { cumulativeLendingFen: { value: '120000' } } } });
    expect((await call('GET', '/api/v1/disclosures/2026-13')).status).toBe(400);
    expect((await call('GET', '/api/v1/disclosures/2025-01')).status).toBe(404);
    const events = await call('GET', '/api/v1/major-events');
    expect(events.body.items[0]).toMatchObject({ kind: 'custody_mismatch' });
    expect(Date.parse(events.body.items[0].publishBy) - Date.parse(events.body.items[0].occurredAt)).toBe(48 * 3_600_000);
    for (const path of ['/api/v1/analytics/expected-loss', '/api/v1/analytics/overdue-rates', '/api/v1/analytics/vintages', '/api/v1/analytics/default-vs-expected', '/api/v1/analytics/roll-rates?from=2026-01-31&to=2026-02-28', '/api/v1/collections/queue']) {
      expect((await call('GET', path, { token: analyst.token })).status, path).toBe(200);
      expect((await call('GET', path, { token: borrower.token })).status, path).toBe(403);
    }
    const ecl = await call('GET', '/api/v1/analytics/expected-loss', { token: analyst.token });
    expect(ecl.body.byGrade).toMatchObject([{ grade: 'A2', exposureFen: '40000', expectedLossFen: '240' }]); // 1% × 60% × 400.00
  });

  it('puts overdue loans in the collectors\' queue and records a refused contact once per Idempotency-Key', async () => {
    const { call, deps, clock } = api.current;
    clock.set('2026-04-10T02:00:00Z');
    await runDelinquency({ db: deps.db, clock, policy: DEFAULT_SERVICING_POLICY }, { businessDate: '2026-04-10' });
    analyst = await api.current.userWithRoles(['analyst'], 'collector'); // March sessions have expired by now
    const queue = await call('GET', '/api/v1/collections/queue', { token: analyst.token });
    expect(queue.body.items).toMatchObject([{ loanId, stage: 'calls', daysPastDue: 8 }]);
    const caseId = queue.body.items[0].caseId as string;
    const path = `/api/v1/collections/cases/${caseId}/interactions`;
    const body = { channel: 'call', target: 'debtor', outcome: 'answered', message: '您好，请回电。' };
    clock.set('2026-04-10T15:00:00Z'); // 23:00 in Beijing
    const late = await call('POST', path, { token: analyst.token, body, headers: { 'idempotency-key': 'col-late-0001' } });
    expect(late).toMatchObject({ status: 422, body: { error: { details: { reason: 'outside_contact_hours' } } } });
    const replay = await call('POST', path, { token: analyst.token, body, headers: { 'idempotency-key': 'col-late-0001' } });
    expect(replay.body).toEqual(late.body);
    clock.set('2026-04-11T02:00:00Z');
    expect((await call('POST', path, { token: analyst.token, body, headers: { 'idempotency-key': 'col-ok-0001' } })).status).toBe(201);
    const history = await call('GET', path, { token: analyst.token });
    expect(history.body.items.map((i: { outcome: string }) => i.outcome)).toEqual(['refused', 'answered']);
    expect((await call('POST', path, { token: analyst.token, body: { ...body, channel: 'fax' }, headers: { 'idempotency-key': 'col-bad-0001' } })).body.error.details.field).toBe('channel');
  });

  it('raises an in-loan monitoring alert when the borrower moves money to a securities account', async () => {
    const { call, deps, clock } = api.current;
    await createTransfer(deps.db, clock, simpleTransfer({ idempotencyKey: 'wd-api-1', kind: 'withdrawal', debit: userAvailable(borrower.id), credit: EXTERNAL_WORLD, amountFen: 10_000n, authorisation: { kind: 'one_time_code', reference: 'otp' }, metadata: { description: '华泰证券 资金账户' }, custody: 'direct' }));
    expect(await scanBorrowerMovements(deps)).toEqual({ alerts: 1 });
    expect(await scanBorrowerMovements(deps)).toEqual({ alerts: 0 });
    const alerts = await call('GET', '/api/v1/monitoring/alerts', { token: analyst.token });
    expect(alerts.body.items).toMatchObject([{ loanId, rule: 'prohibited_use' }]);
  });
});
