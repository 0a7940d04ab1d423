import { createPublicKey, verify, type JsonWebKey, type KeyObject } from 'node:crypto';

/**
 * Private-key JWT client authentication (SMART Backend Services, RFC 7523) with node:crypto only: the client
 * signs a short-lived assertion (RS384 or ES384) with its private key; GISurg holds only the public JWK.
 */

export type JwtAlg = 'RS384' | 'ES384';
export type JwkProblem = 'private' | 'invalid' | 'alg';

/** The administrator's JWK as a public key of the declared algorithm, or the reason it is not one. */
export function publicKeyOf(jwk: Record<string, unknown>, alg: JwtAlg): { key: KeyObject } | { problem: JwkProblem } {
  // A private key is never accepted (and never stored): only the public members.
  if (['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'].some((m) => m in jwk)) return { problem: 'private' };
  let key: KeyObject;
  try {
    key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
  } catch {
    return { problem: 'invalid' };
  }
  if (alg === 'RS384') {
    if (key.asymmetricKeyType !== 'rsa' || (key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) return { problem: 'alg' };
  } else if (key.asymmetricKeyType !== 'ec' || key.asymmetricKeyDetails?.namedCurve !== 'secp384r1') {
    return { problem: 'alg' };
  }
  return { key };
}

/** The public members of a JWK (what is stored). */
export function publicMembers(jwk: Record<string, unknown>): Record<string, unknown> {
  const keep = ['kty', 'alg', 'kid', 'use', 'n', 'e', 'crv', 'x', 'y'];
  return Object.fromEntries(Object.entries(jwk).filter(([k]) => keep.includes(k)));
}

export interface JwtClaims {
  iss?: unknown;
  sub?: unknown;
  aud?: unknown;
  exp?: unknown;
  jti?: unknown;
  [k: string]: unknown;
}

function b64json(part: string): unknown {
  return JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
}

/** Header and claims of a compact JWS, unverified (to find the client), or null when it is not one. */
export function decodeJwt(token: string): { header: { alg?: unknown; kid?: unknown; typ?: unknown }; claims: JwtClaims } | null {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) return null;
  try {
    const header = b64json(parts[0]!);
    const claims = b64json(parts[1]!);
    if (!header || typeof header !== 'object' || !claims || typeof claims !== 'object') return null;
    return { header: header, claims: claims as JwtClaims };
  } catch {
    return null;
  }
}

/** Whether the compact JWS is signed by `key` with `alg` (ES384: the JOSE r‖s signature encoding). */
export function verifyJwtSignature(token: string, key: KeyObject, alg: JwtAlg): boolean {
  const [h, p, s] = token.split('.') as [string, string, string];
  const data = Buffer.from(`${h}.${p}`);
  const signature = Buffer.from(s, 'base64url');
  try {
    return alg === 'RS384' ? verify('sha384', data, key, signature) : verify('sha384', data, { key, dsaEncoding: 'ieee-p1363' }, signature);
  } catch {
    return false;
  }
}

/** Assertions may live at most this long (SMART Backend Services: exp no more than five minutes in the future). */
export const MAX_ASSERTION_SECONDS = 300;

/**
 * The claims checks of a client assertion: iss = sub = the client id, aud = the token URL, exp in the future and
 * at most five minutes away, a jti. The reason of the first failure, or null.
 */
export function claimsProblem(claims: JwtClaims, clientId: string, tokenUrl: string, nowSeconds: number): string | null {
  if (claims.iss !== clientId || claims.sub !== clientId) return 'iss and sub must be the client id';
  const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (!aud.includes(tokenUrl)) return 'aud must be the token URL';
  if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) return 'exp is missing';
  if (claims.exp <= nowSeconds) return 'the assertion has expired';
  if (claims.exp > nowSeconds + MAX_ASSERTION_SECONDS) return 'exp is more than 5 minutes away';
  if (typeof claims.jti !== 'string' || claims.jti.length === 0 || claims.jti.length > 200) return 'jti is missing';
  return null;
}
