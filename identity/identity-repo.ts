import { and, eq } from 'drizzle-orm';
import type { FieldEncryption } from '../auth/field-encryption';
import type { DbOrTx } from '../db/client';
import { identities } from '../db/schema';

export interface VerifiedIdentity {
  userId: string;
  name: string;
  idNumber: string;
  idNumberBidx: string;
  phone: string;
  phoneBidx: string;
  birthDate: string;
  gender: 'male' | 'female';
  regionCode: string;
  verifiedAt: Date;
}

/** True when the user passed real-name verification (IM 11); for borrowing and investing. */
export async function isVerified(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db.select({ userId: identities.userId }).from(identities).where(and(eq(identities.userId, userId), eq(identities.status, 'verified')));
  return !!row;
}

/** The decrypted verified identity, or undefined when the user is not verified. */
export async function getVerifiedIdentity(deps: { db: DbOrTx; fieldEncryption: FieldEncryption }, userId: string): Promise<VerifiedIdentity | undefined> {
  const [row] = await deps.db.select().from(identities).where(and(eq(identities.userId, userId), eq(identities.status, 'verified')));
  if (!row || !row.verifiedAt) return undefined;
  const fe = deps.fieldEncryption;
  return {
    userId: row.userId,
    name: fe.decrypt(row.nameEnc),
    idNumber: fe.decrypt(row.idNumberEnc),
    idNumberBidx: row.idNumberBidx,
    phone: fe.decrypt(row.phoneEnc),
    phoneBidx: row.phoneBidx,
    birthDate: fe.decrypt(row.birthDateEnc),
    gender: fe.decrypt(row.genderEnc) as 'male' | 'female',
    regionCode: row.regionCode,
    verifiedAt: row.verifiedAt,
  };
}

/** Masks personal data for display: 张** / 1101**********002X / 138****5678. */
export function maskName(name: string): string {
  return name.slice(0, 1) + '*'.repeat(Math.max(1, name.length - 1));
}
export function maskIdNumber(id: string): string {
  return `${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(14)}`;
}
export function maskPhone(phone: string): string {
  return `${phone.slice(0, 3)}****${phone.slice(-4)}`;
}
