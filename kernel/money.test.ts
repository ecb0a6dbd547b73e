import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { divRound, formatYuan, parseFen, parseYuan, toYuanString } from './money';

describe('parseYuan', () => {
  it('parses grouped and plain yuan strings into fen', () => {
    expect(parseYuan('1,234.56')).toBe(123456n);
    expect(parseYuan('1234.5')).toBe(123450n);
    expect(parseYuan('50')).toBe(5000n);
    expect(parseYuan('0.01')).toBe(1n);
    expect(parseYuan('1,000,000.00')).toBe(100000000n);
  });

  it('refuses floats, extra decimals, bad grouping and negatives', () => {
    expect(() => parseYuan(12.5)).toThrow(/must be a string/);
    expect(() => parseYuan('1.234')).toThrow(/at most two decimals/);
    expect(() => parseYuan('1,23.00')).toThrow();
    expect(() => parseYuan('1e5')).toThrow();
    expect(() => parseYuan('-5.00')).toThrow(/negative/);
    expect(parseYuan('-5.00', { allowNegative: true })).toBe(-500n);
  });

  it('names the field in its error', () => {
    expect(() => parseYuan('abc', { field: 'monthlyIncome' })).toThrow(/monthlyIncome/);
  });

  it('round-trips with formatYuan for any amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 15n }), (fen) => {
        expect(parseYuan(formatYuan(fen))).toBe(fen);
        expect(parseYuan(toYuanString(fen))).toBe(fen);
      }),
    );
  });
});

describe('formatYuan and parseFen', () => {
  it('formats with grouping', () => {
    expect(formatYuan(123456n)).toBe('1,234.56');
    expect(formatYuan(-5n)).toBe('-0.05');
    expect(toYuanString(100000000n)).toBe('1000000.00');
  });
  it('parses whole fen strings only', () => {
    expect(parseFen('123456')).toBe(123456n);
    expect(() => parseFen('12.5')).toThrow();
    expect(() => parseFen(12)).toThrow();
  });
});

describe('divRound', () => {
  it('rounds half away from zero', () => {
    expect(divRound(5n, 2n)).toBe(3n);
    expect(divRound(-5n, 2n)).toBe(-3n);
    expect(divRound(4n, 3n)).toBe(1n);
    expect(divRound(5n, 3n)).toBe(2n);
  });
});
