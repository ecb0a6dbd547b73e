import { parseYuan } from '../kernel/money';
import type { Rng } from '../models/core/rng';
import { moveMoney } from './custody-moves';
import type { SimBorrower } from './population';
import type { World } from './world';

export interface BorrowerState {
  sim: SimBorrower;
  userId: string;
  token: string;
  applicationId?: string;
  outcome?: string;
  grade?: string;
  listingId?: string;
  loanId?: string;
  consentedContracts: Set<string>;
  /** Installment number from which this borrower stops paying (never if null). */
  defaultFromInstallment: number | null;
  withdrewPrincipal: boolean;
  /** The next date this borrower has something to do (a due date); null once the loan is done. */
  nextActionDate?: string | null;
}

/** Sign-up, real-name verification, application, and accepting an offer as a listing. */
export async function borrowerArrives(world: World, sim: SimBorrower, rng: Rng, pdMultiplier: number): Promise<BorrowerState | null> {
  const user = await world.createUser({ email: sim.email, displayName: sim.displayName, roles: ['borrower'], password: sim.password });
  const state: BorrowerState = { sim, userId: user.id, token: user.token, consentedContracts: new Set(), defaultFromInstallment: null, withdrewPrincipal: false };
  const kyc = await world.api('POST', '/api/v1/me/kyc', { token: user.token, body: { ...sim.identity, livenessToken: 'sim-liveness-ok' }, expect: [200, 201, 400, 403, 409, 422] });
  if (kyc.status >= 300) {
    if (process.env.SIM_DEBUG) console.error('[sim] kyc refused', JSON.stringify(kyc.body));
    return state;
  }
  const decision = await world.api('POST', '/api/v1/applications', {
    token: user.token,
    idempotencyKey: `sim-application-${sim.index}`,
    body: sim.application,
    expect: [200, 201, 403, 409, 422],
  });
  if (decision.status >= 300) {
    if (process.env.SIM_DEBUG) console.error('[sim] application refused', JSON.stringify(decision.body));
    return state;
  }
  state.applicationId = decision.body.id;
  state.outcome = decision.body.outcome;
  state.grade = decision.body.grade;
  // Latent risk decides whether, and from which installment, this borrower stops paying.
  const lifetimePd = Math.min(0.98, sim.latentPd * pdMultiplier);
  if (rng() < lifetimePd) state.defaultFromInstallment = 1 + Math.floor(rng() * sim.application.termMonths);
  if (state.outcome === 'approved' || state.outcome === 'counter_offer') {
    const listing = await world.api('POST', '/api/v1/listings', {
      token: user.token,
      body: {
        applicationId: state.applicationId,
        title: `Loan for ${sim.application.purpose.replaceAll('_', ' ')}`,
        description: `Personal loan for ${sim.application.purpose.replaceAll('_', ' ')}, repaid from salary over ${sim.application.termMonths} months.`,
        repaymentSource: 'monthly salary',
      },
      expect: [200, 201, 403, 409, 422],
    });
    if (listing.status < 300) state.listingId = listing.body.listingId;
  }
  return state;
}

/** Consents to any contract waiting for the borrower (which queues disbursement). */
export async function borrowerConsents(world: World, state: BorrowerState): Promise<void> {
  const contracts = await world.api('GET', '/api/v1/me/contracts', { token: state.token });
  const items: Array<{ id: string; role: string; consented: boolean }> = contracts.body.items;
  for (const contract of items) {
    if (contract.role !== 'borrower' || contract.consented || state.consentedContracts.has(contract.id)) continue;
    await world.api('POST', `/api/v1/contracts/${contract.id}/consent`, { token: state.token, body: {}, expect: [200, 201, 404, 409, 422] });
    state.consentedContracts.add(contract.id);
  }
}

interface LoanView {
  id: string;
  status: string;
  schedule: Array<{ installmentNo: number; dueDate: string; owed: string; settledOn: string | null }>;
}

/**
 * A borrower's money day: after disbursement they withdraw the principal (they borrowed it to
 * spend it); on each due date they deposit what is owed, unless their latent risk has them
 * stop paying from some installment on. The platform's automatic debit then collects.
 */
export async function borrowerMoneyDay(world: World, state: BorrowerState, today: string): Promise<void> {
  const loans = await world.api<{ items: LoanView[] }>('GET', '/api/v1/me/loans', { token: state.token });
  const loan = loans.body.items[0];
  if (!loan) return;
  state.loanId = loan.id;
  if (!state.withdrewPrincipal) {
    const balances = await world.api('GET', '/api/v1/me/balances', { token: state.token });
    await moveMoney(world, state.token, 'withdrawal', BigInt(balances.body.availableFen), `sim-spend-${state.sim.index}`);
    state.withdrewPrincipal = true;
  }
  const due = loan.schedule.find((i) => i.dueDate === today && !i.settledOn);
  // Nothing to do until the next unsettled due date after today.
  state.nextActionDate = loan.schedule.find((i) => i.dueDate > today && !i.settledOn)?.dueDate ?? null;
  if (!due) return;
  if (state.defaultFromInstallment !== null && due.installmentNo >= state.defaultFromInstallment) {
    // A defaulter stops paying for good: no more visits.
    state.nextActionDate = null;
    return;
  }
  await moveMoney(world, state.token, 'deposit', parseYuan(due.owed), `sim-pay-${state.sim.index}-${due.installmentNo}`);
}

/** The next date this borrower needs attention (a due date), so idle days cost nothing. */
export function nextDueDate(loan: LoanView | undefined, today: string): string | null {
  return loan?.schedule.find((i) => i.dueDate >= today && !i.settledOn)?.dueDate ?? null;
}
