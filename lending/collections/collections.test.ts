import { beforeAll, describe, expect, it } from 'vitest';
import { collectionInteractions } from '../../db/schema';
import { useTestDatabase } from '../../db/testing/fixture';
import { SimulatedClock } from '../../kernel/clock';
import { createLoan } from '../servicing/create-loan';
import { runDelinquency } from '../servicing/run-delinquency';
import { DEFAULT_SERVICING_POLICY } from '../servicing/servicing-policy';
import { checkContactGuards, stageForDaysPastDue } from './collection-policy';
import { lintCollectionMessage } from './lint-collection-message';
import { listCollectionQueue } from './list-collection-queue';
import { recordCollectionInteraction } from './record-collection-interaction';

const database = useTestDatabase();
const clock = new SimulatedClock('2026-01-05T02:00:00Z');
let caseId = '';

beforeAll(async () => {
  const db = database.current.db;
  await db.transaction((tx) =>
    createLoan(tx, { clock }, { listingId: 'lst-col', borrowerId: 'D1', principalFen: 100_000n, termMonths: 3, annualRateBps: 1000, repaymentMethod: 'equal_principal', grade: 'C1', pd: 0.05, startDate: '2026-01-05', holdings: [{ investorId: 'I9', principalFen: 100_000n }] }),
  );
  // Due 2026-02-05, never paid: 10 days past due on 02-15 → the "calls" stage.
  await runDelinquency({ db, clock, policy: DEFAULT_SERVICING_POLICY }, { businessDate: '2026-02-15' });
  const [item] = await listCollectionQueue(db, { limit: 10, offset: 0 });
  expect(item).toMatchObject({ debtorId: 'D1', stage: 'calls', daysPastDue: 10 });
  caseId = item!.caseId;
});

const at = (iso: string) => clock.set(iso);
const call = (outcome: 'answered' | 'no_answer', message = '您好，这里是平台客服，请回电。') =>
  recordCollectionInteraction({ db: database.current.db, clock }, { caseId, collectorId: 'C1', channel: 'call', target: 'debtor', outcome, message });

describe('collection guards', () => {
  it('allows contact at 21:59 and refuses it at 22:00 and at 07:59 China time, recording the refusal', async () => {
    at('2026-02-15T13:59:00Z'); // 21:59 in Beijing
    expect(await call('no_answer')).toMatchObject({ allowed: true });
    at('2026-02-15T14:00:00Z'); // 22:00
    expect(await call('no_answer')).toMatchObject({ allowed: false, refusal: 'outside_contact_hours' });
    at('2026-02-15T23:59:00Z'); // 07:59 next day
    expect(await call('no_answer')).toMatchObject({ allowed: false, refusal: 'outside_contact_hours' });
    at('2026-02-16T00:00:00Z'); // 08:00
    expect(await call('no_answer')).toMatchObject({ allowed: true });
    const rows = await database.current.db.select().from(collectionInteractions);
    expect(rows.filter((r) => r.outcome === 'refused')).toHaveLength(2);
  });

  it('allows three answered calls a day and refuses the fourth', async () => {
    at('2026-02-17T02:00:00Z');
    for (let k = 0; k < 3; k += 1) expect(await call('answered')).toMatchObject({ allowed: true });
    expect(await call('answered')).toMatchObject({ allowed: false, refusal: 'answered_call_limit' });
    at('2026-02-18T02:00:00Z');
    expect(await call('answered')).toMatchObject({ allowed: true });
  });

  it('contacts a third party only when the debtor is unreachable, and never about the debt', async () => {
    const contact = (message: string) => recordCollectionInteraction({ db: database.current.db, clock }, { caseId, collectorId: 'C1', channel: 'call', target: 'contact', outcome: 'answered', message });
    at('2026-02-18T03:00:00Z');
    expect(await contact('请转告他回电话')).toMatchObject({ allowed: false, refusal: 'debtor_reachable' });
    at('2026-02-27T02:00:00Z');
    for (let k = 0; k < 3; k += 1) await call('no_answer');
    expect(await contact('他欠款逾期了，请转告')).toMatchObject({ allowed: false, refusal: 'template_violation' });
    expect(await contact('请转告他回电话')).toMatchObject({ allowed: true });
  });

  it('the linter and the stage table', () => {
    expect(lintCollectionMessage('再不还钱就爆通讯录，后果自负', 'debtor')).toEqual(['threat', 'threat to expose the debtor']);
    expect(lintCollectionMessage('Please call us back', 'contact')).toEqual([]);
    expect(lintCollectionMessage('Your loan is overdue', 'contact')).toEqual(['mentions the debt to a third party']);
    expect([0, 1, 3, 4, 30, 31, 90, 91].map(stageForDaysPastDue)).toEqual(['reminder', 'soft', 'soft', 'calls', 'calls', 'formal', 'formal', 'legal']);
    const base = { at: new Date('2026-02-15T02:00:00Z'), target: 'debtor' as const, answeredCallsToday: 0, debtorAttemptsInWindow: 0, debtorAnsweredInWindow: 0, lintProblems: [] };
    expect(checkContactGuards({ ...base, stage: 'soft', channel: 'call' })).toBe('channel_not_allowed_in_stage');
    expect(checkContactGuards({ ...base, stage: 'formal', channel: 'restructuring_offer' })).toBeNull();
  });
});
