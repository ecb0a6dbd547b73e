import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { AppError } from '../../kernel/errors';

/**
 * The platform's Ed25519 contract key, derived from config CONTRACT_SIGNING_SEED (32 bytes,
 * base64). Verification always uses the key derived from the seed, never the public key
 * stored beside a contract, so replacing both a PDF and its stored key is still detected.
 */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export function signingKeys(seedBase64: string): { privateKey: KeyObject; publicKey: KeyObject; publicKeyPem: string } {
  const seed = Buffer.from(seedBase64, 'base64');
  if (seed.length !== 32) throw new AppError('INTERNAL', 'CONTRACT_SIGNING_SEED must be 32 bytes, base64');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const publicKey = createPublicKey(privateKey);
  return { privateKey, publicKey, publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}

/** Signs the document's SHA-256 (hex, as UTF-8) and returns the signature in base64. */
export function signHash(seedBase64: string, sha256Hex: string): string {
  return sign(null, Buffer.from(sha256Hex, 'utf8'), signingKeys(seedBase64).privateKey).toString('base64');
}

export function verifyHashSignature(seedBase64: string, sha256Hex: string, signatureBase64: string): boolean {
  try {
    return verify(null, Buffer.from(sha256Hex, 'utf8'), signingKeys(seedBase64).publicKey, Buffer.from(signatureBase64, 'base64'));
  } catch {
    return false;
  }
}
