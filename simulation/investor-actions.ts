import { toYuanString } from '../kernel/money';
import { independentRuns, mapBounded } from './bounded-pool';
import { moveMoney } from './custody-moves';
import type { SimInvestor } from './population';
import type { World } from './world';

const QUESTIONNAIRE = {
  conservative: { annualIncome: '100k_300k', experience: 'under_2_years', riskPreference: 'steady', lossTolerance: 'up_to_10' },
  balanced: { annualIncome: '300k_1m', experience: '2_5_years', riskPreference: 'balanced', lossTolerance: 'up_to_30' },
  aggressive: { annualIncome: 'over_1m', experience: 'over_5_years', riskPreference: 'aggressive', lossTolerance: 'over_30' },
} as const;

export interface InvestorState {
  sim: SimInvestor;
  userId: string;
  token: string;
  onboarded: boolean;
  /** Grade letters the investor's risk tier may buy (from their profile). */
  tierGrades?: string[];
}

/** Sign-up, verification, risk assessment, acknowledgment, a deposit: the investor's own records only. */
export async function prepareInvestor(world: World, sim: SimInvestor): Promise<InvestorState> {
  const user = await world.createUser({ email: sim.email, displayName: sim.displayName, roles: ['investor'], password: sim.password });
  const state: InvestorState = { sim, userId: user.id, token: user.token, onboarded: false };
  const token = user.token;
  const kyc = await world.api('POST', '/api/v1/me/kyc', { token, body: { ...sim.identity, livenessToken: 'sim-liveness-ok' }, expect: [200, 201, 400, 409, 422] });
  if (kyc.status >= 300) return state;
  await world.api('POST', '/api/v1/me/investor/risk-assessment', {
    token,
    body: { age: sim.age, netInvestableAssets: toYuanString(sim.budgetFen * 20n), ...QUESTIONNAIRE[sim.riskPreference] },
  });
  const profile = await world.api('GET', '/api/v1/me/investor', { token });
  await world.api('POST', '/api/v1/me/investor/acknowledgment', { token, body: { version: profile.body.acknowledgmentVersion ?? profile.body.currentAcknowledgmentVersion ?? '2026-01' } });
  await moveMoney(world, token, 'deposit', sim.budgetFen, `sim-fund-${sim.index}`);
  state.tierGrades = profile.body.limits?.gradeLetters ?? profile.body.tierLimits?.gradeLetters ?? ['A', 'B', 'C'];
  state.onboarded = true;
  return state;
}

/** The investor's auto-invest mandate, if they want one (mandates queue in creation order: one at a time). */
export async function grantMandate(world: World, state: InvestorState): Promise<void> {
  const mandate = state.sim.mandate;
  if (!state.onboarded || !mandate) return;
  const grades = mandate.grades.filter((g) => state.tierGrades!.includes(g.slice(0, 1)));
  await world.api('POST', '/api/v1/me/auto-invest', {
    token: state.token,
    body: {
      grades: grades.length > 0 ? grades : ['A1'],
      termsMonths: mandate.terms,
      minAprBps: mandate.minAprBps,
      amountPerLoan: toYuanString(mandate.amountPerLoanFen),
      totalBudget: toYuanString(mandate.totalBudgetFen),
      maxBorrowerShareBps: mandate.maxSharePerBorrowerBps,
    },
    expect: [200, 201, 403, 422],
  });
}

/**
 * The opening day's investors: their own records at once (investors sharing an ID number or a
 * phone one after the other, so KYC decides who is first as it would in order), then mandates
 * one by one in investor order (the auto-invest queue breaks ties by creation order).
 */
export async function onboardInvestors(world: World, sims: readonly SimInvestor[], concurrency: number): Promise<InvestorState[]> {
  const investors: InvestorState[] = [];
  for (const run of independentRuns(sims, (sim) => [`phone:${sim.identity.phone}`, `id:${sim.identity.idNumber}`], 16)) {
    investors.push(...(await mapBounded(run, concurrency, (sim) => prepareInvestor(world, sim))));
  }
  for (const investor of investors) await grantMandate(world, investor);
  return investors;
}

/** Sign-up, verification, risk assessment, acknowledgment, a deposit and (for some) a mandate. */
export async function onboardInvestor(world: World, sim: SimInvestor): Promise<InvestorState> {
  const state = await prepareInvestor(world, sim);
  await grantMandate(world, state);
  return state;
}

/** A manual investor looks at the open listings (a read). */
export async function browseOpenListings(world: World, state: InvestorState): Promise<string[]> {
  const open = await world.api('GET', '/api/v1/listings?status=open&limit=20', { token: state.token });
  return ((open.body.items ?? []) as Array<{ id: string }>).map((l) => l.id);
}

/** Opening a listing's disclosures (recorded: a hand bid needs it first). */
export async function openDisclosures(world: World, state: InvestorState, listingId: string): Promise<void> {
  await world.api('GET', `/api/v1/listings/${listingId}/disclosures`, { token: state.token });
}

/** A hand bid of the investor's usual share of their budget. */
export async function placeManualBid(world: World, state: InvestorState, listingId: string, day: number): Promise<void> {
  const amountFen = ((state.sim.budgetFen * BigInt(Math.round(state.sim.bidShare * 10_000))) / 10_000n / 5_000n) * 5_000n + 5_000n;
  await world.api('POST', `/api/v1/listings/${listingId}/bids`, {
    token: state.token,
    idempotencyKey: `sim-bid-${state.sim.index}-${day}`,
    body: { amount: toYuanString(amountFen), acceptConcentrationRisk: true },
    expect: [200, 201, 403, 409, 422, 423],
  });
}
