import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { FieldEncryption } from '../auth/field-encryption';
import { appendAudit } from '../db/audit/append-audit';
import type { CoreDeps } from '../db/core-deps';
import { withIdempotency } from '../db/idempotency';
import { identities } from '../db/schema';
import { AppError } from '../kernel/errors';
import { FACE_MATCH_THRESHOLD, type IdentityProvider } from './identity-provider';
import { maskIdNumber, maskName, maskPhone } from './identity-repo';
import { parseResidentId } from './resident-id';

export const kycRequestSchema = z.object({
  name: z.string().trim().min(2, 'name must have at least 2 characters').max(40),
  idNumber: z.string().trim().length(18, 'idNumber must be 18 characters'),
  phone: z.string().trim().regex(/^1[3-9]\d{9}$/, 'phone must be an 11-digit mainland mobile number'),
  livenessToken: z.string().trim().min(1).max(200),
});
export type KycRequest = z.infer<typeof kycRequestSchema>;

export interface KycResult {
  status: 'verified' | 'failed';
  failureReason: string | null;
  name: string;
  idNumber: string;
  phone: string;
  gender: 'male' | 'female';
  birthYear: number;
}

/**
 * Real-name verification (IM 11). The ID number is checked locally first (GB 11643 check
 * digit, birth date) so a typo never reaches the provider; then the provider's ID, phone,
 * face and liveness checks. Idempotent per (user, Idempotency-Key). One ID number may be
 * verified on one account only; a failed check can be retried, a verified one is final.
 */
export async function verifyIdentity(
  deps: Pick<CoreDeps, 'db' | 'clock'> & { fieldEncryption: FieldEncryption; identityProvider: IdentityProvider },
  input: { userId: string; idempotencyKey: string; request: KycRequest },
): Promise<{ status: number; body: KycResult }> {
  const id = parseResidentId(input.request.idNumber);
  const fe = deps.fieldEncryption;
  const idBidx = fe.blindIndex(id.normalised);
  const result = await withIdempotency(deps.db, deps.clock, { scope: `kyc:${input.userId}`, key: input.idempotencyKey, request: input.request }, async (tx) => {
    const [existing] = await tx.select().from(identities).where(eq(identities.userId, input.userId));
    if (existing?.status === 'verified') throw new AppError('CONFLICT', 'this account is already verified');
    const [holder] = await tx.select({ userId: identities.userId }).from(identities).where(eq(identities.idNumberBidx, idBidx));
    if (holder && holder.userId !== input.userId) throw new AppError('CONFLICT', 'this ID number is already verified on another account', { field: 'idNumber' });

    const check = await deps.identityProvider.check({ ...input.request, idNumber: id.normalised });
    const failureReason = !check.idMatches
      ? 'NAME_ID_MISMATCH'
      : !check.phoneOwnedByName
        ? 'PHONE_NOT_OWNED'
        : !check.livenessPassed
          ? 'LIVENESS_FAILED'
          : check.faceMatchScore < FACE_MATCH_THRESHOLD
            ? 'FACE_MISMATCH'
            : null;
    const now = deps.clock.now();
    const row = {
      userId: input.userId,
      status: failureReason ? ('failed' as const) : ('verified' as const),
      nameEnc: fe.encrypt(input.request.name),
      idNumberEnc: fe.encrypt(id.normalised),
      idNumberBidx: idBidx,
      phoneEnc: fe.encrypt(input.request.phone),
      phoneBidx: fe.blindIndex(input.request.phone),
      birthDateEnc: fe.encrypt(id.birthDate),
      genderEnc: fe.encrypt(id.gender),
      regionCode: id.regionCode,
      provider: check.provider,
      providerRef: check.providerRef,
      faceMatchScore: check.faceMatchScore,
      livenessPassed: check.livenessPassed,
      failureReason,
      verifiedAt: failureReason ? null : now,
      checkedAt: now,
    };
    await tx.insert(identities).values(row).onConflictDoUpdate({ target: identities.userId, set: row });
    await appendAudit(tx, deps.clock, { actorId: input.userId, action: failureReason ? 'kyc.failed' : 'kyc.verified', subjectType: 'user', subjectId: input.userId, data: { provider: check.provider, providerRef: check.providerRef, failureReason } });
    const body: KycResult = {
      status: row.status,
      failureReason,
      name: maskName(input.request.name),
      idNumber: maskIdNumber(id.normalised),
      phone: maskPhone(input.request.phone),
      gender: id.gender,
      birthYear: Number(id.birthDate.slice(0, 4)),
    };
    return { status: failureReason ? 422 : 201, body };
  });
  return { status: result.status, body: result.body };
}
