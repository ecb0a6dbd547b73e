import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { AppError } from '../kernel/errors';

/**
 * Field encryption for personal data (ID numbers, phone numbers, bank cards).
 * AES-256-GCM with a key version in every ciphertext so keys can rotate: new writes use the
 * newest key, old ciphertexts still decrypt. A blind index (HMAC-SHA256 under its own key)
 * lets the database look a value up by equality without storing it in clear.
 * Format: `v<version>.<iv b64url>.<tag b64url>.<ciphertext b64url>`.
 */
export class FieldEncryption {
  private readonly keys: Map<number, Buffer>;
  private readonly currentVersion: number;

  constructor(keySpec: string, private readonly blindIndexKey: string) {
    this.keys = new Map();
    for (const part of keySpec.split(',')) {
      const [version, key] = part.split(':');
      const bytes = Buffer.from(key ?? '', 'base64');
      if (bytes.length !== 32) throw new AppError('INTERNAL', `field encryption key version ${version} must be 32 bytes`);
      this.keys.set(Number(version), bytes);
    }
    this.currentVersion = Math.max(...this.keys.keys());
  }

  encrypt(plain: string): string {
    const key = this.keys.get(this.currentVersion)!;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return ['v' + this.currentVersion, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  decrypt(sealed: string): string {
    const [versionPart, iv, tag, body] = sealed.split('.');
    const key = this.keys.get(Number(versionPart?.slice(1)));
    if (!key || !iv || !tag || body === undefined) throw new AppError('INTERNAL', 'encrypted field is malformed or its key version is unknown');
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  }

  /** Deterministic lookup token; normalise the value (trim, upper-case) before calling. */
  blindIndex(value: string): string {
    return createHmac('sha256', this.blindIndexKey).update(value).digest('base64url');
  }

  /** True when the ciphertext was written with an older key (re-encrypt it on the next write). */
  needsRotation(sealed: string): boolean {
    return sealed.split('.')[0] !== 'v' + this.currentVersion;
  }
}
