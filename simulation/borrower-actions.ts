import { addDays } from '../kernel/calendar';
import { parseYuan } from '../kernel/money';
import type { Rng } from '../models/core/rng';
import { moveMoney } from './custody-moves';
import type { SimBorrower } from './population';
import type { World } from './world';
import { zh } from '../dashboard/i18n/zh';

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
  /** The listing expired or was cancelled: nothing more to wait for. */
  listingClosed?: boolean;
  /** The next date this borrower has something to do (a due date); null once the loan is done. */
  nextActionDate?: string | null;
}

/**
 * Sign-up, real-name verification and the application (the instant decision). Touches only the
 * borrower's own records and velocity keys, so borrowers with distinct keys may apply at once.
 */
export async function borrowerApplies(world: World, sim: SimBorrower): Promise<BorrowerState> {
  world.bureau.know(sim.identity.idNumber, sim.bureauFile);
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
  return state;
}

/** Latent risk decides whether, and from which installment, this borrower stops paying (drawn in arrival order). */
export function drawDefault(state: BorrowerState, rng: Rng, pdMultiplier: number): void {
  if (!state.applicationId) return;
  const lifetimePd = Math.min(0.98, state.sim.latentPd * pdMultiplier);
  // Defaults come early in a loan's life (most within its first year), so the draw is front-loaded.
  if (rng() < lifetimePd) state.defaultFromInstallment = 1 + Math.floor(rng() ** 2 * state.sim.application.termMonths);
}

/** Accepting an offer as a listing (which queues auto-invest: listings must open in arrival order). */
export async function borrowerLists(world: World, state: BorrowerState): Promise<void> {
  if (state.outcome !== 'approved' && state.outcome !== 'counter_offer') return;
  // Chinese, as the platform's borrowers write (the listing pages show these texts as written).
  const purpose = zh.apply.purposes[state.sim.application.purpose] ?? zh.apply.purposes.other!;
  const listing = await world.api('POST', '/api/v1/listings', {
    token: state.token,
    body: {
      applicationId: state.applicationId,
      title: `${purpose}借款`,
      description: `个人借款，用于${purpose}，分${state.sim.application.termMonths}个月以工资收入偿还。`,
      repaymentSource: '每月工资收入',
    },
    expect: [200, 201, 403, 409, 422],
  });
  if (listing.status < 300) state.listingId = listing.body.listingId;
}

/** One borrower's whole arrival: apply, draw the hidden default, list an accepted offer. */
export async function borrowerArrives(world: World, sim: SimBorrower, rng: Rng, pdMultiplier: number): Promise<BorrowerState> {
  const state = await borrowerApplies(world, sim);
  drawDefault(state, rng, pdMultiplier);
  await borrowerLists(world, state);
  return state;
}

/** The borrower looks at their listing (a read): open, funded, disbursed, expired or cancelled. */
export async function listingStatus(world: World, state: BorrowerState): Promise<string> {
  const listing = await world.api('GET', `/api/v1/listings/${state.listingId}`, { token: state.token });
  return listing.body.status as string;
}

/** Contracts waiting for the borrower's consent (a read: may run alongside other borrowers'). */
export async function contractsToConsent(world: World, state: BorrowerState): Promise<string[]> {
  const contracts = await world.api('GET', '/api/v1/me/contracts', { token: state.token });
  const items: Array<{ id: string; role: string; consented: boolean }> = contracts.body.items;
  return items.filter((c) => c.role === 'borrower' && !c.consented && !state.consentedContracts.has(c.id)).map((c) => c.id);
}

/** Consents to a contract (which queues disbursement: done in borrower order, so jobs queue in a fixed order). */
export async function borrowerConsents(world: World, state: BorrowerState, contractId: string): Promise<void> {
  await world.api('POST', `/api/v1/contracts/${contractId}/consent`, { token: state.token, body: {}, expect: [200, 201, 404, 409, 422] });
  state.consentedContracts.add(contractId);
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
    // The bank pays out only what it holds: refused while the disbursement has not reached it yet.
    state.withdrewPrincipal = await moveMoney(world, state.token, 'withdrawal', BigInt(balances.body.availableFen), `sim-spend-${state.sim.index}-${today}`);
  }
  state.nextActionDate = await payWhatIsDue(world, state, loan, today);
  // Money not out yet: the borrower tries again tomorrow (left in the account, it would repay the loan for them).
  if (!state.withdrewPrincipal) state.nextActionDate = addDays(today, 1);
}

/** Deposits today's installment (or, for a defaulter from this one on, nothing ever again); returns the next visit. */
async function payWhatIsDue(world: World, state: BorrowerState, loan: LoanView, today: string): Promise<string | null> {
  const due = loan.schedule.find((i) => i.dueDate === today && !i.settledOn);
  // Nothing to do until the next unsettled due date after today.
  const next = loan.schedule.find((i) => i.dueDate > today && !i.settledOn)?.dueDate ?? null;
  if (!due) return next;
  // A defaulter stops paying for good: no more visits.
  if (state.defaultFromInstallment !== null && due.installmentNo >= state.defaultFromInstallment) return null;
  await moveMoney(world, state.token, 'deposit', parseYuan(due.owed), `sim-pay-${state.sim.index}-${due.installmentNo}`);
  return next;
}

/** The next date this borrower needs attention (a due date), so idle days cost nothing. */
export function nextDueDate(loan: LoanView | undefined, today: string): string | null {
  return loan?.schedule.find((i) => i.dueDate >= today && !i.settledOn)?.dueDate ?? null;
}
