import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * TOTP (RFC 6238 over RFC 4226 HOTP): HMAC-SHA-1, 6 digits, 30-second steps, one step of clock drift either side.
 * Plain node:crypto; the RFC test vectors are in totp.test.ts.
 */
export const TOTP_DIGITS = 6;
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_WINDOW = 1;

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Encode(buf: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of buf) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export function base32Decode(text: string): Buffer {
  const clean = text.replace(/[\s=-]/g, '').toUpperCase();
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of clean) {
    const i = BASE32.indexOf(ch);
    if (i < 0) throw new Error('not base32');
    value = (value << 5) | i;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** RFC 4226 HOTP value for a counter, `digits` long (default SHA-1). */
export function hotp(key: Uint8Array, counter: number, digits = TOTP_DIGITS, algorithm: 'sha1' | 'sha256' | 'sha512' = 'sha1'): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const h = createHmac(algorithm, key).update(msg).digest();
  const offset = h[h.length - 1]! & 0x0f;
  const bin = ((h[offset]! & 0x7f) << 24) | (h[offset + 1]! << 16) | (h[offset + 2]! << 8) | h[offset + 3]!;
  return String(bin % 10 ** digits).padStart(digits, '0');
}

/** The RFC 6238 time step of an instant. */
export function totpStep(now: Date, period = TOTP_PERIOD_SECONDS): number {
  return Math.floor(now.getTime() / 1000 / period);
}

export function totp(key: Uint8Array, now: Date): string {
  return hotp(key, totpStep(now));
}

/**
 * The time step a code belongs to, within ±TOTP_WINDOW of now and after `lastStep` (a step already used is a replay),
 * or null. Compares in constant time per candidate.
 */
export function matchTotp(key: Uint8Array, code: string, now: Date, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const step = totpStep(now);
  let found: number | null = null;
  for (let s = step - TOTP_WINDOW; s <= step + TOTP_WINDOW; s++) {
    const same = timingSafeEqual(Buffer.from(hotp(key, s)), Buffer.from(code));
    if (same && (lastStep === null || s > lastStep) && found === null) found = s;
  }
  return found;
}

export function newTotpSecret(): Buffer {
  return randomBytes(20);
}

/** The otpauth:// URI authenticator apps read (Google Authenticator key-uri format). */
export function otpauthUri(secretBase32: string, account: string, issuer = 'GISurg'): string {
  const label = encodeURIComponent(`${issuer}:${account}`);
  const params = new URLSearchParams({
    secret: secretBase32,
    issuer,
    algorithm: 'SHA1',
    digits: String(TOTP_DIGITS),
    period: String(TOTP_PERIOD_SECONDS),
  });
  return `otpauth://totp/${label}?${params.toString()}`;
}

/** Recovery codes: 16 base32 characters (80 random bits) in four groups, e.g. `ABCD-EFGH-JKLM-NPQR`. */
export function newRecoveryCode(): string {
  const raw = base32Encode(randomBytes(10));
  return raw.match(/.{4}/g)!.join('-');
}

/** Normalizes what a user typed (case, spaces, dashes) and hashes it: only the hash is stored. */
export function recoveryCodeHash(code: string): string {
  const clean = code.replace(/[\s-]/g, '').toUpperCase();
  return createHash('sha256').update(`gisurg-recovery:${clean}`).digest('hex');
}

/**
 * The TOTP secret at rest: AES-256-GCM with a key derived (HKDF-SHA-256) from SESSION_SECRET, so a copy of the
 * database alone does not reveal it. Format `v1.<iv>.<ciphertext>.<tag>` (base64url).
 */
function secretKey(sessionSecret: string): Buffer {
  return Buffer.from(hkdfSync('sha256', sessionSecret, 'gisurg', 'mfa-totp-secret-v1', 32));
}

export function encryptSecret(sessionSecret: string, secret: Uint8Array): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', secretKey(sessionSecret), iv);
  const ct = Buffer.concat([c.update(secret), c.final()]);
  return ['v1', iv.toString('base64url'), ct.toString('base64url'), c.getAuthTag().toString('base64url')].join('.');
}

/** The secret, or null when it cannot be read (another SESSION_SECRET; a tampered value). */
export function decryptSecret(sessionSecret: string, stored: string): Buffer | null {
  const [v, iv, ct, tag] = stored.split('.');
  if (v !== 'v1' || !iv || !ct || !tag) return null;
  try {
    const d = createDecipheriv('aes-256-gcm', secretKey(sessionSecret), Buffer.from(iv, 'base64url'));
    d.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([d.update(Buffer.from(ct, 'base64url')), d.final()]);
  } catch {
    return null;
  }
}
