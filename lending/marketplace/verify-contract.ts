import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client';
import { contracts } from '../../db/schema';
import { sha256Hex } from '../../kernel/canonical-json';
import { AppError } from '../../kernel/errors';
import { verifyHashSignature } from './contract-signing';

/** Recomputes the stored PDF's SHA-256 and checks the platform's signature over it. */
export async function verifyContract(db: DbOrTx, signingSeed: string, contractId: string) {
  const [row] = await db.select().from(contracts).where(eq(contracts.id, contractId));
  if (!row) throw new AppError('NOT_FOUND', `no contract ${contractId}`);
  const actual = sha256Hex(Buffer.from(row.pdfBase64, 'base64'));
  const hashMatches = actual === row.sha256;
  const signatureValid = verifyHashSignature(signingSeed, actual, row.signature);
  return { contractId, ok: hashMatches && signatureValid, hashMatches, signatureValid, sha256: actual, storedSha256: row.sha256 };
}
