import type { StagingClassification, TnmAxis } from './types.js';

/**
 * Reads a T, N or M category as typed by a surgeon or exported by a pathology system:
 * `pT3`, `T3`, `3`, `ypN1c`, `cM0`, `Tis (LAMN)`, `t1A`. Returns the canonical spelling (`T1a`, `Tis(LAMN)`,
 * `NX`) and the prefix, or null when the text is not a TNM category of that axis at all.
 * Grammar (AJCC 8 notation): T = X | 0 | is | is(LAMN) | 1–4 with optional a–d; N = X | 0–3 with
 * optional a–c; M = X | 0 | 1 with optional a–d.
 */
export interface ParsedCategory {
  readonly prefix: StagingClassification | null;
  readonly category: string;
}

const BODY: Record<TnmAxis, RegExp> = {
  T: /^(x|0|is|is\(lamn\)|[1-4][a-d]?)$/,
  N: /^(x|[0-3][a-c]?)$/,
  M: /^(x|0|1[a-d]?)$/,
};

export function parseCategory(axis: TnmAxis, raw: string): ParsedCategory | null {
  const text = raw.replace(/\s+/g, '').toLowerCase();
  const m = /^(?:(yp|c|p)(?=[tnm]))?([tnm])?(.*)$/.exec(text);
  if (!m) return null;
  const [, prefix, letter, body = ''] = m;
  if (letter !== undefined && letter.toUpperCase() !== axis) return null;
  if (!BODY[axis].test(body)) return null;
  const canonical = body === 'x' ? 'X' : body === 'is(lamn)' ? 'is(LAMN)' : body;
  return { prefix: (prefix as StagingClassification | undefined) ?? null, category: `${axis}${canonical}` };
}
