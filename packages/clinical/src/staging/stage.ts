import { Issues, checkOneOf } from '../validate.js';
import { parseCategory } from './parse.js';
import { stageTableFor } from './tables.js';
import {
  HISTOLOGIC_GRADES,
  STAGING_CLASSIFICATIONS,
  STAGING_SITES,
  type HistologicGrade,
  type StageAjcc8Input,
  type StageAjcc8Result,
  type StageTable,
  type TnmAxis,
} from './types.js';

/** Stage value for combinations that cannot be staged: TX/NX/MX, or a cell the table leaves empty. */
export const UNKNOWN_STAGE = 'unknown';

/**
 * AJCC 8th edition anatomic stage group for stomach, colorectal, anus and appendix
 * (clinical-rules.md §5). Rules (§5 "general encoding rules"):
 * - categories are normalised before lookup (T1a -> T1, stomach cN3a -> N3, colorectal N1c -> N1, ...);
 * - TX, NX, MX or a combination the table does not list -> 'unknown', never a guess;
 * - a parent category (T4 where the table has T4a/T4b) is resolved only if all its subcategories give
 *   the same stage, else 'unknown';
 * - M1 (any subcategory) overrides T and N: "any T, any N, M1" includes TX and NX (AJCC wording);
 * - the appendix grade decides M1b (G1 -> IVA, G2/G3/GX -> IVB); without a grade, M1b is 'unknown'.
 * Invalid input (an unknown site, a category that does not exist for the site, a prefix that
 * contradicts the classification) throws ClinicalInputError listing every problem.
 */
export function stageAjcc8(input: StageAjcc8Input): StageAjcc8Result {
  const issues = new Issues();
  const siteOk = checkOneOf(issues, 'site', input.site, STAGING_SITES);
  const classOk = checkOneOf(issues, 'classification', input.classification, STAGING_CLASSIFICATIONS);
  if (input.grade !== undefined && input.grade !== null) checkOneOf(issues, 'grade', input.grade, HISTOLOGIC_GRADES);
  if (!siteOk || !classOk) {
    issues.throwIfAny();
  }
  const table = stageTableFor(input.site, input.classification);
  const t = readCategory(issues, table, 'T', 't', input.t, input.classification);
  const n = readCategory(issues, table, 'N', 'n', input.n, input.classification);
  const m = readCategory(issues, table, 'M', 'm', input.m, null);
  issues.throwIfAny();
  if (t === null || n === null || m === null) throw new TypeError('unreachable: categories validated');

  const tKeys = table.categories.T[t] ?? [];
  const nKeys = table.categories.N[n] ?? [];
  const mKeys = table.categories.M[m] ?? [];
  const stages = new Set<string>();
  let unknown = mKeys.length === 0;
  for (const mKey of mKeys) {
    const found = mKey === 'M0' ? lookupM0(table, tKeys, nKeys) : lookupM1(table, mKey, input.grade);
    if (found === null) unknown = true;
    else for (const s of found) stages.add(s);
  }
  const [only] = stages;
  const stage = !unknown && stages.size === 1 && only !== undefined ? only : UNKNOWN_STAGE;
  return {
    stage,
    edition: 8,
    normalized: { t: single(tKeys, t), n: single(nKeys, n), m: single(mKeys, m) },
    categories: { t, n, m },
  };
}

function single(keys: readonly string[], fallback: string): string {
  return keys.length === 1 && keys[0] !== undefined ? keys[0] : fallback;
}

/** All stages of the T x N cells, or null if any cell is empty / not in the table / TX / NX. */
function lookupM0(table: StageTable, tKeys: readonly string[], nKeys: readonly string[]): string[] | null {
  if (tKeys.length === 0 || nKeys.length === 0) return null;
  const out: string[] = [];
  for (const tk of tKeys) {
    const row = table.m0[tk];
    if (!row) return null;
    for (const nk of nKeys) {
      const cell = row[table.nColumns.indexOf(nk)];
      if (cell === undefined || cell === null) return null;
      out.push(cell);
    }
  }
  return out;
}

function lookupM1(table: StageTable, mKey: string, grade: HistologicGrade | undefined): string[] | null {
  const entry = table.m1[mKey];
  if (entry === undefined) return null;
  if (typeof entry === 'string') return [entry];
  return grade === undefined ? null : [entry[grade]];
}

function readCategory(
  issues: Issues,
  table: StageTable,
  axis: TnmAxis,
  field: 't' | 'n' | 'm',
  raw: unknown,
  classification: StageAjcc8Input['classification'] | null,
): string | null {
  if (typeof raw !== 'string' || raw.trim() === '') {
    issues.add(field, 'required', 'clinical.staging.categoryRequired', { axis });
    return null;
  }
  const parsed = parseCategory(axis, raw);
  if (parsed === null) {
    issues.add(field, 'format', 'clinical.staging.categoryFormat', { axis, value: raw });
    return null;
  }
  const allowed = Object.keys(table.categories[axis]);
  if (!allowed.includes(parsed.category)) {
    issues.add(field, 'unknown_category', 'clinical.staging.categoryNotForSite', { value: parsed.category, allowed: allowed.join(', ') });
    return null;
  }
  // M may carry any prefix (cM0 is the usual M in pathological staging); T and N must match.
  if (classification !== null && parsed.prefix !== null && parsed.prefix !== classification) {
    issues.add(field, 'prefix_mismatch', 'clinical.staging.prefixMismatch', { prefix: parsed.prefix, classification });
    return null;
  }
  return parsed.category;
}
