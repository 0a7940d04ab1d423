import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with m=19456 KiB, t=2, p=1 — the OWASP Password Storage minimum (trust.md §1.6, S10).
 * Verification runs at most 4 at a time so a login burst cannot exhaust memory.
 */
/** `algorithm: 2` is Argon2id in @node-rs/argon2's Algorithm enum (a const enum we cannot import). */
export const ARGON2_PARAMS = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

const MAX_CONCURRENT = 4;
let running = 0;
const waiting: (() => void)[] = [];

async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await fn();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

export function hashPassword(password: string): Promise<string> {
  return withSlot(() => hash(password, ARGON2_PARAMS));
}

export function verifyPassword(stored: string, password: string): Promise<boolean> {
  return withSlot(() => verify(stored, password).catch(() => false));
}

/** True when a stored hash uses weaker parameters than the current policy (rehash on next login). */
export function needsRehash(stored: string): boolean {
  const m = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
  if (!m) return true;
  return Number(m[1]) < ARGON2_PARAMS.memoryCost || Number(m[2]) < ARGON2_PARAMS.timeCost;
}

/**
 * Password policy (china-context.md §5.2, 等保 2.0 common practice): at least 8 characters from at least
 * 3 of the 4 classes upper-case, lower-case, digit, symbol.
 */
export function meetsPasswordPolicy(password: string): boolean {
  if (password.length < 8 || password.length > 256) return false;
  const classes = [/[A-Z]/, /[a-z]/, /\d/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  return classes >= 3;
}

/** A random password that meets the policy (first-start admin and demo passwords): ~80 random bits. */
export function generatePassword(): string {
  const sets = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789'];
  const all = sets.join('');
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  const chars = Array.from(bytes.subarray(0, 14), (b) => all[b % all.length]!);
  // Make sure of one upper-case letter, one lower-case letter and one digit at random places.
  sets.forEach((set, i) => {
    chars[(bytes[14]! + i * 5) % chars.length] = set[bytes[15 - i]! % set.length]!;
  });
  return `${chars.slice(0, 7).join('')}-${chars.slice(7).join('')}`;
}

/** A valid hash of a random password, verified against for unknown usernames (equal timing, S9). */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(generatePassword());
  return dummyHash;
}
