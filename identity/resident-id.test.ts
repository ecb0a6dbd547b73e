import { describe, expect, it } from 'vitest';
import { ageOn, checkCharacter, makeResidentId, parseResidentId } from './resident-id';

describe('resident ID (GB 11643)', () => {
  it('accepts a valid number and derives birth date and gender', () => {
    expect(parseResidentId('11010519491231002X')).toMatchObject({ birthDate: '1949-12-31', gender: 'female', regionCode: '110105' });
    expect(parseResidentId(makeResidentId('440301', '1990-05-17', 13))).toMatchObject({ gender: 'male', birthDate: '1990-05-17' });
  });

  it('refuses a wrong check digit, a wrong length and an impossible date', () => {
    expect(() => parseResidentId('110105194912310021')).toThrow(/check digit/);
    expect(() => parseResidentId('11010519491231002')).toThrow(/18 characters/);
    const first17 = '11010519900230001';
    expect(() => parseResidentId(first17 + checkCharacter(first17))).toThrow(/impossible birth date/);
  });

  it('counts age in whole years with the birthday on the day', () => {
    expect(ageOn('2000-03-02', '2018-03-01')).toBe(17);
    expect(ageOn('2000-03-02', '2018-03-02')).toBe(18);
  });
});
