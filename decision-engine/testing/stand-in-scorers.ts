import type { ApplicationInput } from '../../feature-store/application-input';
import type { FeatureSources } from '../../feature-store/compute-features';
import type { ModelScorer } from '../../models/scoring-port';
import type { DecisionModels } from '../decide';

/** Unit tests only: a fixed-probability scorer with one attribution, so decisions are predictable. */
export function standInScorer(kind: 'credit' | 'fraud', probability: number): ModelScorer {
  return {
    modelVersionId: `stand-in-${kind}-${probability}`,
    kind,
    featureSetVersion: `${kind}-v1`,
    score: () => ({
      probability,
      attributions: [{ feature: kind === 'credit' ? 'checking_status' : 'device_applications_24h', impact: 0.4, reasonCode: kind === 'credit' ? 'C01' : 'F01', message: { zh: kind === 'credit' ? '活期账户状态' : '同设备申请次数', en: kind === 'credit' ? 'Checking account status' : 'Applications from this device' } }],
    }),
  };
}

export function standInModels(creditPd = 0.02, fraudP = 0.01): DecisionModels {
  return { credit: standInScorer('credit', creditPd), fraud: standInScorer('fraud', fraudP) };
}

export function sampleApplication(overrides: Partial<ApplicationInput> = {}): ApplicationInput {
  return {
    amount: '50000.00',
    termMonths: 12,
    purpose: 'furniture_equipment',
    repaymentMethod: 'equal_installment',
    borrowerType: 'individual',
    monthlyIncome: '30000.00',
    monthlyDebtPayments: '0.00',
    declaredOtherPlatformOutstanding: '0.00',
    employment: { status: 'employed', occupationClass: 'skilled', yearsEmployed: 5 },
    housing: { status: 'own', yearsAtAddress: 4 },
    checkingBalanceBand: 'ge_200',
    savingsBalanceBand: 'ge_1000',
    mostValuableAsset: 'real_estate',
    guarantor: 'none',
    dependents: 1,
    nonLocalWorker: false,
    device: { id: 'device-0001-abcdef', ip: '10.1.2.3' },
    ...overrides,
  };
}

export function sampleSources(overrides: Partial<FeatureSources> = {}): FeatureSources {
  const counts = Object.fromEntries((['device', 'ip', 'phone', 'id'] as const).flatMap((k) => (['1h', '24h', '30d'] as const).map((w) => [`${k}_applications_${w}`, 1]))) as FeatureSources['velocity']['counts'];
  return {
    application: sampleApplication(),
    identity: { verified: true, birthDate: '1990-05-17' },
    history: { priorApplications90d: 0, priorDeclines90d: 0, existingLoans: 0 },
    exposure: { outstandingPrincipalFen: 0n, pendingFen: 0n },
    velocity: { counts, deviceDistinctIds30d: 1, phoneDistinctIds30d: 1, blocklisted: { id: false, phone: false, device: false } },
    bureau: null,
    decidedAt: new Date('2026-03-02T02:00:00Z'),
    stressRateBps: 1200,
    ...overrides,
  };
}
