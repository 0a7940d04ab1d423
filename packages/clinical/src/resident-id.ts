import { ClinicalInputError } from './errors.js';

/**
 * Resident ID number (居民身份证号), GB 11643-1999 — see china-context.md §5.5.
 * 18 characters: 6-digit address code (GB/T 2260), 8-digit birth date YYYYMMDD, 3-digit sequence
 * (odd = male, even = female), 1 check character by ISO 7064:1983 MOD 11-2.
 * Legacy 15-digit numbers (6 address + YYMMDD + 3 sequence) are converted by inserting "19" before the
 * year and appending the computed check character.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARS = '10X98765432';

/** Province-level prefixes in use (GB/T 2260 first two digits), per china-context.md §5.5. */
const PROVINCE_PREFIXES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82,
]);

export type ResidentIdReason = 'empty' | 'format' | 'province' | 'birth_date' | 'future_birth_date' | 'checksum';

export interface ResidentIdResult {
  readonly valid: boolean;
  /** The 18-character form (15-digit input converted, lower-case x upper-cased); null when unparseable. */
  readonly normalized: string | null;
  /** YYYY-MM-DD from the number, when the format allows reading it. */
  readonly birthDate: string | null;
  readonly sex: 'male' | 'female' | null;
  readonly reason?: ResidentIdReason;
}

/** The MOD 11-2 check character for a 17-digit body. */
export function residentIdCheckChar(body17: string): string {
  if (!/^\d{17}$/.test(body17)) {
    throw new ClinicalInputError({ field: 'body17', code: 'format', messageKey: 'clinical.residentId.format' });
  }
  let sum = 0;
  for (let i = 0; i < 17; i += 1) sum += Number(body17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function realDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/**
 * Validate a resident ID number. `today` (YYYY-MM-DD) is injectable for tests; defaults to the current
 * date. Never throws for bad input: returns `{ valid: false, reason }`.
 */
export function validateResidentId(input: string, options: { today?: string } = {}): ResidentIdResult {
  const raw = (input ?? '').trim().toUpperCase();
  if (raw === '') return { valid: false, normalized: null, birthDate: null, sex: null, reason: 'empty' };
  let id18: string;
  if (/^\d{15}$/.test(raw)) {
    const body = `${raw.slice(0, 6)}19${raw.slice(6)}`;
    id18 = body + residentIdCheckChar(body);
  } else if (/^\d{17}[\dX]$/.test(raw)) {
    id18 = raw;
  } else {
    return { valid: false, normalized: null, birthDate: null, sex: null, reason: 'format' };
  }
  const y = Number(id18.slice(6, 10));
  const m = Number(id18.slice(10, 12));
  const d = Number(id18.slice(12, 14));
  const seq = Number(id18.slice(14, 17));
  const sex = seq % 2 === 1 ? 'male' : 'female';
  if (!realDate(y, m, d)) return { valid: false, normalized: id18, birthDate: null, sex, reason: 'birth_date' };
  const birthDate = `${id18.slice(6, 10)}-${id18.slice(10, 12)}-${id18.slice(12, 14)}`;
  if (!PROVINCE_PREFIXES.has(Number(id18.slice(0, 2)))) {
    return { valid: false, normalized: id18, birthDate, sex, reason: 'province' };
  }
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  if (birthDate > today) return { valid: false, normalized: id18, birthDate, sex, reason: 'future_birth_date' };
  if (residentIdCheckChar(id18.slice(0, 17)) !== id18[17]) {
    return { valid: false, normalized: id18, birthDate, sex, reason: 'checksum' };
  }
  return { valid: true, normalized: id18, birthDate, sex };
}

/**
 * Build a valid 18-digit number from its parts (demo data and test builders use this).
 * `sequence` is 0–999; its parity decides the sex, so it is adjusted by one when it disagrees.
 */
export function makeResidentId(parts: { areaCode: string; birthDate: string; sequence: number; sex: 'male' | 'female' }): string {
  const { areaCode, birthDate, sex } = parts;
  if (!/^\d{6}$/.test(areaCode)) {
    throw new ClinicalInputError({ field: 'areaCode', code: 'format', messageKey: 'clinical.residentId.format' });
  }
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) {
    throw new ClinicalInputError({ field: 'birthDate', code: 'format', messageKey: 'clinical.residentId.birthDate' });
  }
  let seq = Math.trunc(parts.sequence) % 1000;
  if (seq < 0) seq += 1000;
  const wantOdd = sex === 'male';
  if ((seq % 2 === 1) !== wantOdd) seq = seq === 999 ? 998 : seq + 1;
  const body = `${areaCode}${birthDate.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return body + residentIdCheckChar(body);
}

/** Mask for display to roles that do not need the full number, e.g. `3301**********1234`. */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}
