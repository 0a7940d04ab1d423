/**
 * Ordering of AJCC stage groups for comparisons (worse = larger): 0 < I < IA < IB < IC < II < IIA < ...
 * A bare group (II) sorts before its subgroups (IIA), which only matters when tables of different
 * granularity are compared. Returns null for 'unknown' or anything that is not a stage group.
 */
const GROUP = /^(0|I|II|III|IV)([A-C]?)$/;
const MAJOR: Readonly<Record<string, number>> = { '0': 0, I: 1, II: 2, III: 3, IV: 4 };

export function stageRank(stage: string): number | null {
  const m = GROUP.exec(stage);
  if (!m) return null;
  const major = MAJOR[m[1] ?? ''];
  if (major === undefined) return null;
  const sub = m[2] ? m[2].charCodeAt(0) - 64 : 0;
  return major * 10 + sub;
}

/** Negative when `a` is a better (lower) stage than `b`; null when either is not a stage group. */
export function compareStageGroups(a: string, b: string): number | null {
  const ra = stageRank(a);
  const rb = stageRank(b);
  return ra === null || rb === null ? null : ra - rb;
}

/** The main group ('0', 'I', 'II', 'III', 'IV') of a stage such as 'IIIB'; null when not a stage group. */
export function stageMainGroup(stage: string): '0' | 'I' | 'II' | 'III' | 'IV' | null {
  const m = GROUP.exec(stage);
  return m ? (m[1] as '0' | 'I' | 'II' | 'III' | 'IV') : null;
}
