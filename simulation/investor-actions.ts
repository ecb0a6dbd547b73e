import { toYuanString } from '../kernel/money';
import type { Rng } from '../models/core/rng';
import { moveMoney } from './custody-moves';
import type { SimInvestor } from './population';
import type { World } from './world';

export interface InvestorState {
  sim: SimInvestor;
  userId: string;
  token: string;
  onboarded: boolean;
}

const QUESTIONNAIRE = {
  conservative: { annualIncome: '100k_300k', experience: 'under_2_years', riskPreference: 'steady', lossTolerance: 'up_to_10' },
  balanced: { annualIncome: '300k_1m', experience: '2_5_years', riskPreference: 'balanced', lossTolerance: 'up_to_30' },
  aggressive: { annualIncome: 'over_1m', experience: 'over_5_years', riskPreference: 'aggressive', lossTolerance: 'over_30' },
} as const;

/** Sign-up, verification, risk assessment, acknowledgment, a deposit and (for some) a mandate. */
export async function onboardInvestor(world: World, sim: SimInvestor): Promise<InvestorState> {
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
  if (sim.mandate) {
    const tierGrades: string[] = profile.body.limits?.gradeLetters ?? profile.body.tierLimits?.gradeLetters ?? ['A', 'B', 'C'];
    const grades = sim.mandate.grades.filter((g) => tierGrades.includes(g.slice(0, 1)));
    await world.api('POST', '/api/v1/me/auto-invest', {
      token,
      body: {
        grades: grades.length > 0 ? grades : ['A1'],
        termsMonths: sim.mandate.terms,
        minAprBps: sim.mandate.minAprBps,
        amountPerLoan: toYuanString(sim.mandate.amountPerLoanFen),
        totalBudget: toYuanString(sim.mandate.totalBudgetFen),
        maxBorrowerShareBps: sim.mandate.maxSharePerBorrowerBps,
      },
      expect: [200, 201, 403, 422],
    });
  }
  state.onboarded = true;
  return state;
}

/** A manual investor looks at open listings, opens the disclosures of one and bids. */
export async function manualBid(world: World, state: InvestorState, rng: Rng, day: number): Promise<void> {
  if (!state.onboarded || state.sim.mandate) return;
  const open = await world.api('GET', '/api/v1/listings?status=open&limit=20', { token: state.token });
  const items: Array<{ id: string; amountLeftFen?: string; amountLeft?: string }> = open.body.items ?? [];
  if (items.length === 0) return;
  const listing = items[Math.floor(rng() * items.length)]!;
  await world.api('GET', `/api/v1/listings/${listing.id}/disclosures`, { token: state.token });
  const amountFen = ((state.sim.budgetFen * BigInt(Math.round(state.sim.bidShare * 10_000))) / 10_000n / 5_000n) * 5_000n + 5_000n;
  await world.api('POST', `/api/v1/listings/${listing.id}/bids`, {
    token: state.token,
    idempotencyKey: `sim-bid-${state.sim.index}-${day}`,
    body: { amount: toYuanString(amountFen), acceptConcentrationRisk: true },
    expect: [200, 201, 403, 409, 422, 423],
  });
}
