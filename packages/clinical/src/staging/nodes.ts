import { Issues, checkInteger, fail } from '../validate.js';

/**
 * N category from the number of positive regional nodes (and tumour deposits), AJCC 8th ed.,
 * clinical-rules.md §5.1, §5.2, §5.4. Counts must be whole numbers >= 0.
 */

function positiveCount(value: unknown, field = 'positiveNodes'): number {
  const issues = new Issues();
  if (!checkInteger(issues, field, value, 0, 1000)) issues.throwIfAny();
  return value as number;
}

/** Tumour deposits as a yes/no flag or a count (> 0 means present). */
function depositsPresent(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value > 0;
  return fail('tumorDeposits', 'format', 'clinical.staging.tumorDeposits');
}

/** Stomach (AJCC 8 ch. 17): 0 -> N0; 1–2 -> N1; 3–6 -> N2; 7–15 -> N3a; >= 16 -> N3b. */
export function gastricNCategory(positiveNodes: number): 'N0' | 'N1' | 'N2' | 'N3a' | 'N3b' {
  const n = positiveCount(positiveNodes);
  if (n === 0) return 'N0';
  if (n <= 2) return 'N1';
  if (n <= 6) return 'N2';
  if (n <= 15) return 'N3a';
  return 'N3b';
}

export interface NodesAndDeposits {
  readonly positiveNodes: number;
  /** Tumour deposits in subserosa, mesentery or non-peritonealised pericolic/perirectal tissue. */
  readonly tumorDeposits: boolean | number;
}

/**
 * Colon and rectum (AJCC 8 ch. 20): 0 nodes without deposits -> N0; 0 nodes with deposits -> N1c;
 * 1 -> N1a; 2–3 -> N1b; 4–6 -> N2a; >= 7 -> N2b. Deposits are ignored once a node is positive.
 */
export function colorectalNCategory(input: NodesAndDeposits): 'N0' | 'N1a' | 'N1b' | 'N1c' | 'N2a' | 'N2b' {
  const n = positiveCount(input.positiveNodes);
  const deposits = depositsPresent(input.tumorDeposits);
  if (n === 0) return deposits ? 'N1c' : 'N0';
  if (n === 1) return 'N1a';
  if (n <= 3) return 'N1b';
  if (n <= 6) return 'N2a';
  return 'N2b';
}

/**
 * Appendix (AJCC 8 ch. 19): 0 without deposits -> N0; 0 with deposits -> N1c; 1 -> N1a; 2–3 -> N1b;
 * >= 4 -> N2. Deposits are ignored once a node is positive.
 */
export function appendixNCategory(input: NodesAndDeposits): 'N0' | 'N1a' | 'N1b' | 'N1c' | 'N2' {
  const n = positiveCount(input.positiveNodes);
  const deposits = depositsPresent(input.tumorDeposits);
  if (n === 0) return deposits ? 'N1c' : 'N0';
  if (n === 1) return 'N1a';
  if (n <= 3) return 'N1b';
  return 'N2';
}
