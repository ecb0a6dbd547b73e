import type { ApplicationInput } from '../feature-store/application-input';
import { makeResidentId } from '../identity/resident-id';
import { makeRng, normal, type Rng } from '../models/core/rng';
import type { BureauReport } from '../feature-store/credit-bureau';
import { loadGermanRows, type GermanRow } from './german-rows';
import { latentPdOf, profileScorer } from './latent-risk';

/**
 * The simulated population, grounded in the shipped German Credit data: every borrower is a
 * resampled German Credit applicant (attributes as recorded), with a latent true probability
 * of default from that applicant's recorded outcome and profile (latent-risk.ts). The platform
 * never sees the latent risk; it sees what the borrower submits and what the credit bureau
 * knows about them (their credit history and other instalment plans, as recorded).
 */
// German Credit amounts (Deutsche Mark, 1994) are read as yuan: 250–18,424 is a plausible range
// for P2P consumer loans, and it is the unit the bootstrap credit model was trained in.
const AMOUNT_SCALE = 1;
const TERMS = [6, 12, 18, 24, 36] as const;
const REGIONS = ['110101', '310104', '440305', '330106', '510107', '420106', '320102', '120101'];
const MONTHLY_INCOME_YUAN: Record<string, number> = {
  unemployed_unskilled_nonresident: 3_500,
  unskilled_resident: 5_500,
  skilled: 9_000,
  management_self_employed: 16_000,
};

export interface SimBorrower {
  index: number;
  email: string;
  /** Set for demo accounts a person signs in with; simulated people share a generated one. */
  password?: string;
  displayName: string;
  identity: { name: string; idNumber: string; phone: string };
  application: ApplicationInput;
  /** Probability of defaulting over the loan's life; hidden from the platform. */
  latentPd: number;
  /** What the credit bureau holds on this person (the simulated bureau answers with it). */
  bureauFile: Pick<BureauReport, 'historyStatus' | 'otherInstalmentPlans'>;
  isFraud: boolean;
  fraudRing: number | null;
  /** Day (0-based) the borrower arrives. */
  arrivalDay: number;
}

export interface SimInvestor {
  index: number;
  email: string;
  password?: string;
  displayName: string;
  identity: { name: string; idNumber: string; phone: string };
  budgetFen: bigint;
  /** Share of budget per loan a manual bid uses; mandates use their own parameters. */
  bidShare: number;
  mandate: null | { grades: string[]; terms: number[]; minAprBps: number; amountPerLoanFen: bigint; totalBudgetFen: bigint; maxSharePerBorrowerBps: number };
  riskPreference: 'conservative' | 'balanced' | 'aggressive';
  age: number;
}

function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

function nearestTerm(months: number): number {
  return TERMS.reduce((best, t) => (Math.abs(t - months) < Math.abs(best - months) ? t : best), TERMS[0]);
}

function birthDateForAge(rng: Rng, ageYears: number, startYear: number): string {
  const year = startYear - ageYears;
  const month = 1 + Math.floor(rng() * 12);
  const day = 1 + Math.floor(rng() * 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function identityFor(rng: Rng, index: number, ageYears: number, startYear: number, kind: 'b' | 'i') {
  const region = pick(rng, REGIONS);
  const idNumber = makeResidentId(region, birthDateForAge(rng, ageYears, startYear), (index * 2 + (rng() < 0.5 ? 1 : 0)) % 1000);
  const phone = `1${pick(rng, ['3', '5', '8'])}${String(Math.floor(rng() * 1e9)).padStart(9, '0')}`;
  return { name: `${kind === 'b' ? '借款人' : '出借人'}${index}`, idNumber, phone };
}

const yuan = (value: number) => value.toFixed(2);

const profiles = new WeakMap<readonly GermanRow[], (row: GermanRow) => number>();
function profileOf(german: readonly GermanRow[]): (row: GermanRow) => number {
  if (!profiles.has(german)) profiles.set(german, profileScorer(german));
  return profiles.get(german)!;
}

function bureauFileOf(row: GermanRow): SimBorrower['bureauFile'] {
  return {
    historyStatus: (row.credit_history ?? 'existing_paid') as BureauReport['historyStatus'],
    otherInstalmentPlans: (row.other_payment_plans ?? 'none') as BureauReport['otherInstalmentPlans'],
  };
}

export function makeBorrower(rng: Rng, index: number, german: GermanRow[], options: { days: number; startYear: number; fraudRing: number | null }): SimBorrower {
  const row = pick(rng, german);
  const age = Math.min(60, Math.max(20, Number(row.age_years)));
  const occupation = row.job ?? 'skilled';
  const income = (MONTHLY_INCOME_YUAN[occupation] ?? 8_000) * Math.exp(0.35 * normal(rng));
  const employmentBand = row.employment_since ?? '1_to_4y';
  const yearsEmployed = { unemployed: 0, lt_1y: 0.5, '1_to_4y': 2.5, '4_to_7y': 5, ge_7y: 9 }[employmentBand] ?? 2;
  const isFraud = options.fraudRing !== null;
  const latentPd = isFraud ? 0.95 : latentPdOf(row, profileOf(german)(row), rng);
  const identity = identityFor(rng, index, age, options.startYear, 'b');
  const ringDevice = `ring-device-${options.fraudRing}`;
  const application: ApplicationInput = {
    amount: yuan(Math.round(Number(row.credit_amount) * AMOUNT_SCALE)),
    termMonths: nearestTerm(Number(row.duration_months)),
    purpose: (row.purpose as ApplicationInput['purpose']) ?? 'other',
    repaymentMethod: rng() < 0.8 ? 'equal_installment' : rng() < 0.5 ? 'equal_principal' : 'interest_first',
    borrowerType: 'individual',
    monthlyIncome: yuan(Math.round(income)),
    monthlyDebtPayments: yuan(Math.round(income * 0.1 * rng())),
    declaredOtherPlatformOutstanding: rng() < 0.97 ? yuan(rng() < 0.7 ? 0 : Math.round(20_000 * rng())) : null,
    employment: {
      status: employmentBand === 'unemployed' ? 'unemployed' : occupation === 'management_self_employed' && rng() < 0.4 ? 'self_employed' : 'employed',
      occupationClass: occupation as ApplicationInput['employment']['occupationClass'],
      yearsEmployed,
    },
    housing: { status: (row.housing as ApplicationInput['housing']['status']) ?? 'rent', yearsAtAddress: Number(row.residence_since ?? 2) },
    checkingBalanceBand: (row.checking_status as ApplicationInput['checkingBalanceBand']) ?? 'none',
    savingsBalanceBand: (row.savings_status as ApplicationInput['savingsBalanceBand']) ?? 'unknown_none',
    mostValuableAsset: (row.property as ApplicationInput['mostValuableAsset']) ?? 'unknown_none',
    guarantor: (row.other_parties as ApplicationInput['guarantor']) ?? 'none',
    dependents: Number(row.num_dependents ?? 1),
    nonLocalWorker: row.foreign_worker === 'yes',
    device: {
      id: isFraud ? ringDevice : `device-${index}-${Math.floor(rng() * 1e6)}`,
      // Carrier-grade NAT addresses (100.64.0.0/10), as mobile users present; data only, never contacted.
      ip: isFraud ? `100.127.${options.fraudRing}.7` : `100.${64 + Math.floor(rng() * 60)}.${Math.floor(rng() * 250)}.${1 + Math.floor(rng() * 250)}`,
    },
    formFillSeconds: isFraud ? 20 + rng() * 30 : 120 + rng() * 600,
  };
  // Fraud rings arrive in bursts on one day; everyone else spreads over the whole run.
  const arrivalDay = isFraud ? Math.floor((((options.fraudRing ?? 0) * 97) % 89) / 89 * options.days) : Math.floor(rng() * options.days);
  return { index, email: `borrower${index}@sim.p2p.test`, displayName: identity.name, identity, application, latentPd, bureauFile: bureauFileOf(row), isFraud, fraudRing: options.fraudRing, arrivalDay };
}

export function makeInvestor(rng: Rng, index: number, startYear: number): SimInvestor {
  const budgetYuan = Math.round(20_000 * Math.exp(0.9 * normal(rng)) + 5_000);
  const riskPreference = pick(rng, ['conservative', 'balanced', 'balanced', 'aggressive'] as const);
  // What the investor would like; the platform narrows it to what their risk tier may buy.
  const grades = riskPreference === 'conservative' ? ['A', 'B', 'C'] : riskPreference === 'balanced' ? ['A', 'B', 'C', 'D', 'E'] : ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
  const age = 25 + Math.floor(rng() * 35);
  const budgetFen = BigInt(budgetYuan) * 100n;
  const hasMandate = rng() < 0.6;
  const totalBudgetFen = (budgetFen * 8n) / 10n;
  const wantedPerLoanFen = 100_000n + BigInt(Math.floor(rng() * 5)) * 100_000n;
  return {
    index,
    email: `investor${index}@sim.p2p.test`,
    displayName: `出借人${index}`,
    identity: identityFor(rng, 100_000 + index, age, startYear, 'i'),
    budgetFen,
    bidShare: 0.02 + rng() * 0.08,
    riskPreference,
    age,
    mandate: hasMandate
      ? {
          grades: grades.flatMap((g) => [1, 2, 3, 4, 5].map((n) => `${g}${n}`)),
          terms: [6, 12, 18, 24, 36],
          minAprBps: riskPreference === 'conservative' ? 600 : 800,
          // Never more per loan than the whole budget (the platform refuses such a mandate).
          amountPerLoanFen: wantedPerLoanFen < totalBudgetFen ? wantedPerLoanFen : totalBudgetFen,
          totalBudgetFen,
          maxSharePerBorrowerBps: 1_000,
        }
      : null,
  };
}

export interface Population {
  borrowers: SimBorrower[];
  investors: SimInvestor[];
}

/** The whole population for a run; the same seed always gives the same people. */
export function makePopulation(options: { seed: number; borrowers: number; investors: number; days: number; startYear: number; fraudShare?: number }): Population {
  const rng = makeRng(options.seed);
  const german = loadGermanRows();
  const fraudCount = Math.round(options.borrowers * (options.fraudShare ?? 0.02));
  const ringSize = 8;
  const borrowers: SimBorrower[] = [];
  for (let i = 0; i < options.borrowers; i += 1) {
    const fraudRing = i < fraudCount ? Math.floor(i / ringSize) : null;
    borrowers.push(makeBorrower(rng, i, german, { days: options.days, startYear: options.startYear, fraudRing }));
  }
  const investors = Array.from({ length: options.investors }, (_, i) => makeInvestor(rng, i, options.startYear));
  return { borrowers, investors };
}
