import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { FieldEncryption } from './field-encryption';

const k1 = randomBytes(32).toString('base64');
const k2 = randomBytes(32).toString('base64');

describe('FieldEncryption', () => {
  it('round-trips and never stores the clear text', () => {
    const fe = new FieldEncryption(`1:${k1}`, 'blind-index-key-0123456789abcdef0123');
    const sealed = fe.encrypt('110101199003074514');
    expect(sealed).not.toContain('110101');
    expect(fe.decrypt(sealed)).toBe('110101199003074514');
    expect(fe.encrypt('same')).not.toBe(fe.encrypt('same'));
  });
  it('reads old ciphertexts after rotation and flags them', () => {
    const old = new FieldEncryption(`1:${k1}`, 'blind-index-key-0123456789abcdef0123');
    const sealed = old.encrypt('13800138000');
    const rotated = new FieldEncryption(`1:${k1},2:${k2}`, 'blind-index-key-0123456789abcdef0123');
    expect(rotated.decrypt(sealed)).toBe('13800138000');
    expect(rotated.needsRotation(sealed)).toBe(true);
    expect(rotated.needsRotation(rotated.encrypt('x'))).toBe(false);
  });
  it('detects tampering and gives stable blind indexes', () => {
    const fe = new FieldEncryption(`1:${k1}`, 'blind-index-key-0123456789abcdef0123');
    const sealed = fe.encrypt('secret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('Secret').toString('base64url');
    expect(() => fe.decrypt(parts.join('.'))).toThrow();
    expect(fe.blindIndex('A')).toBe(fe.blindIndex('A'));
    expect(fe.blindIndex('A')).not.toBe(fe.blindIndex('B'));
  });
});
