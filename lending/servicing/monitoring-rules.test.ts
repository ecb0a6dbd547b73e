import { describe, expect, it } from 'vitest';
import { evaluateMovementRules } from './monitoring-rules';

const loan = { loanId: 'L', borrowerId: 'B', principalFen: 1_000_000n, fundedAt: new Date('2026-03-01T00:00:00Z') };
const at = (d: string) => new Date(`${d}T04:00:00Z`);

describe('in-loan monitoring rules', () => {
  it('flags the third large outflow within seven days, not the second, and ignores money moved before disbursement', () => {
    const two = [
      { at: at('2026-02-28'), amountFen: 500_000n, description: 'rent' },
      { at: at('2026-03-02'), amountFen: 100_000n, description: 'supplier' },
      { at: at('2026-03-03'), amountFen: 200_000n, description: 'supplier' },
    ];
    expect(evaluateMovementRules(loan, two, at('2026-03-05'))).toEqual([]);
    const three = [...two, { at: at('2026-03-05'), amountFen: 100_000n, description: 'supplier' }];
    expect(evaluateMovementRules(loan, three, at('2026-03-05')).map((a) => a.rule)).toEqual(['frequent_large_outflows']);
    expect(evaluateMovementRules(loan, [{ at: at('2026-03-02'), amountFen: 99_999n, description: 'x' }, ...three.slice(2)], at('2026-03-05'))).toEqual([]);
  });

  it('flags money moving to a securities or futures account', () => {
    const alerts = evaluateMovementRules(loan, [{ at: at('2026-03-02'), amountFen: 10_000n, description: '某某证券 资金账户' }], at('2026-03-03'));
    expect(alerts).toMatchObject([{ rule: 'prohibited_use', details: { count: 1 } }]);
  });
});
