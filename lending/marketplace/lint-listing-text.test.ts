import { describe, expect, it } from 'vitest';
import { assertTextsClean, lintTexts } from './lint-listing-text';

describe('listing text linter (item 14)', () => {
  it('finds each forbidden promise, also spaced out or in full-width characters', () => {
    expect(lintTexts({ title: '本项目保本保息' }).map((f) => f.phrase)).toEqual(expect.arrayContaining(['保本', '保息']));
    expect(lintTexts({ description: '零 风 险，刚性兑付' }).map((f) => f.phrase)).toEqual(expect.arrayContaining(['零风险', '刚性兑付']));
    expect(lintTexts({ description: '资金１００％安全' })).toEqual([{ field: 'description', phrase: '100%安全' }]);
    expect(lintTexts({ description: '由银行担保，存管银行保障' }).map((f) => f.phrase)).toEqual(expect.arrayContaining(['银行担保', '存管银行保障']));
    expect(lintTexts({ title: 'A Risk-Free, GUARANTEED RETURN' }).map((f) => f.phrase)).toEqual(expect.arrayContaining(['risk free', 'guaranteed return']));
  });

  it('passes honest text and names the field of a violation', () => {
    expect(lintTexts({ title: '装修贷款', description: '借款用于房屋装修，还款来源为工资收入。出借有风险。' })).toEqual([]);
    expect(() => assertTextsClean({ title: '装修贷款', description: '零风险' })).toThrow(/description: "零风险"/);
    expect(() => assertTextsClean({ title: 'fine' }, ['稳稳的幸福'])).not.toThrow();
    expect(() => assertTextsClean({ title: '稳稳的幸福' }, ['稳稳的幸福'])).toThrow(/title/);
  });
});
