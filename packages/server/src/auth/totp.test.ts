import { describe, expect, it } from 'vitest';
import {
  base32Decode,
  base32Encode,
  decryptSecret,
  encryptSecret,
  hotp,
  matchTotp,
  newRecoveryCode,
  otpauthUri,
  recoveryCodeHash,
  totp,
} from './totp.js';

const RFC_KEY = Buffer.from('12345678901234567890', 'ascii');

describe('HOTP (RFC 4226 appendix D)', () => {
  it('gives the published values for counters 0–9', () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489'];
    expect(expected.map((_, i) => hotp(RFC_KEY, i))).toEqual(expected);
  });
});

describe('TOTP (RFC 6238 appendix B, SHA-1)', () => {
  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
    [20000000000, '65353130'],
  ])('at T=%i gives %s (8 digits), and its last 6 digits with the default length', (t, code) => {
    expect(hotp(RFC_KEY, Math.floor(t / 30), 8)).toBe(code);
    expect(totp(RFC_KEY, new Date(t * 1000))).toBe(code.slice(2));
  });

  it('accepts one step of drift either side, not two, and never a step already used', () => {
    const now = new Date(1234567890 * 1000);
    const step = Math.floor(1234567890 / 30);
    expect(matchTotp(RFC_KEY, hotp(RFC_KEY, step), now, null)).toBe(step);
    expect(matchTotp(RFC_KEY, hotp(RFC_KEY, step - 1), now, null)).toBe(step - 1);
    expect(matchTotp(RFC_KEY, hotp(RFC_KEY, step + 1), now, null)).toBe(step + 1);
    expect(matchTotp(RFC_KEY, hotp(RFC_KEY, step - 2), now, null)).toBeNull();
    expect(matchTotp(RFC_KEY, hotp(RFC_KEY, step + 2), now, null)).toBeNull();
    expect(matchTotp(RFC_KEY, hotp(RFC_KEY, step), now, step)).toBeNull();
    expect(matchTotp(RFC_KEY, hotp(RFC_KEY, step + 1), now, step)).toBe(step + 1);
    expect(matchTotp(RFC_KEY, '12345', now, null)).toBeNull();
    expect(matchTotp(RFC_KEY, 'abcdef', now, null)).toBeNull();
  });
});

describe('base32, URI, recovery codes, secret at rest', () => {
  it('round-trips base32 (RFC 4648 test vector)', () => {
    expect(base32Encode(Buffer.from('foobar'))).toBe('MZXW6YTBOI');
    expect(base32Decode('mzxw 6ytb-oi').toString()).toBe('foobar');
    expect(base32Encode(RFC_KEY)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
  });

  it('writes an otpauth URI authenticator apps read', () => {
    expect(otpauthUri('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'admin')).toBe(
      'otpauth://totp/GISurg%3Aadmin?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=GISurg&algorithm=SHA1&digits=6&period=30',
    );
  });

  it('makes 80-bit recovery codes whose hash ignores case and dashes', () => {
    const c = newRecoveryCode();
    expect(c).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    expect(recoveryCodeHash(c.toLowerCase().replace(/-/g, ' '))).toBe(recoveryCodeHash(c));
    expect(newRecoveryCode()).not.toBe(c);
  });

  it('encrypts the secret so that only the same SESSION_SECRET reads it', () => {
    const stored = encryptSecret('a'.repeat(32), RFC_KEY);
    expect(stored).not.toContain(base32Encode(RFC_KEY));
    expect(decryptSecret('a'.repeat(32), stored)?.equals(RFC_KEY)).toBe(true);
    expect(decryptSecret('b'.repeat(32), stored)).toBeNull();
    // Flip one bit of the decoded tag (editing the last base64url character can touch only padding bits).
    const parts = stored.split('.');
    const tag = Buffer.from(parts[3]!, 'base64url');
    tag[0] = tag[0]! ^ 1;
    const tampered = [...parts.slice(0, 3), tag.toString('base64url')].join('.');
    expect(decryptSecret('a'.repeat(32), tampered)).toBeNull();
    const ct = Buffer.from(parts[2]!, 'base64url');
    ct[0] = ct[0]! ^ 1;
    expect(decryptSecret('a'.repeat(32), [parts[0], parts[1], ct.toString('base64url'), parts[3]].join('.'))).toBeNull();
  });
});
