import { AppError } from '../kernel/errors';
import { parseIsoDate } from '../kernel/calendar';

/**
 * 18-digit PRC resident identity number (GB 11643-1999): 6-digit region, 8-digit birth date,
 * 3-digit sequence (odd = male, even = female), and an ISO 7064 MOD 11-2 check character.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

export interface ResidentId {
  normalised: string;
  regionCode: string;
  birthDate: string;
  gender: 'male' | 'female';
}

export function checkCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/** Parses and checks an ID number; the message names `field` so a 400 says which input is wrong. */
export function parseResidentId(input: string, field = 'idNumber'): ResidentId {
  const normalised = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(normalised)) throw new AppError('VALIDATION', `${field} must be 18 characters: 17 digits and a digit or X`, { field });
  if (checkCharacter(normalised.slice(0, 17)) !== normalised[17]) throw new AppError('VALIDATION', `${field} has a wrong check digit (GB 11643)`, { field });
  const birthDate = `${normalised.slice(6, 10)}-${normalised.slice(10, 12)}-${normalised.slice(12, 14)}`;
  try {
    parseIsoDate(birthDate);
  } catch {
    throw new AppError('VALIDATION', `${field} contains an impossible birth date ${birthDate}`, { field });
  }
  if (birthDate < '1900-01-01') throw new AppError('VALIDATION', `${field} contains a birth date before 1900`, { field });
  return { normalised, regionCode: normalised.slice(0, 6), birthDate, gender: Number(normalised[16]) % 2 === 1 ? 'male' : 'female' };
}

/** Whole years of age on a calendar date (birthday counted on the day itself). */
export function ageOn(birthDate: string, onDate: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = onDate.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** Test and simulation helper: a valid ID for a region, birth date and sequence. */
export function makeResidentId(regionCode: string, birthDate: string, sequence: number): string {
  const first17 = `${regionCode}${birthDate.replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
  return first17 + checkCharacter(first17);
}
