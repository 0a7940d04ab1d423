import type { Issues } from './validate.js';
import { isArrayLike } from './validate.js';

export type GroupValue = string | number;

/**
 * Levels of a categorical column and each row's level index. Levels are ordered as R orders factor
 * levels for these inputs: numbers ascending, then strings in code-point order (R's `sort` is
 * locale-aware; for ASCII level names without case differences the two agree).
 */
export interface Levels {
  readonly levels: GroupValue[];
  readonly index: Uint32Array;
}

export function compareLevels(a: GroupValue, b: GroupValue): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

export function readLevels(value: unknown, field: string, issues: Issues, n?: number): Levels | null {
  if (!isArrayLike(value)) {
    issues.add(field, 'not_array', 'stats.input.notArray', { field });
    return null;
  }
  if (n !== undefined && value.length !== n) {
    issues.add(field, 'length_mismatch', 'stats.input.lengthMismatch', { field, expected: n, actual: value.length });
    return null;
  }
  const numbers = new Map<number, number>();
  const strings = new Map<string, number>();
  const raw = new Uint32Array(value.length);
  const seen: GroupValue[] = [];
  let ok = true;
  for (let i = 0; i < value.length; i += 1) {
    const v = value[i];
    let id: number | undefined;
    if (typeof v === 'number' && Number.isFinite(v)) {
      id = numbers.get(v);
      if (id === undefined) {
        id = seen.length;
        numbers.set(v, id);
        seen.push(v);
      }
    } else if (typeof v === 'string') {
      id = strings.get(v);
      if (id === undefined) {
        id = seen.length;
        strings.set(v, id);
        seen.push(v);
      }
    } else {
      ok = false;
      issues.add(`${field}[${i}]`, 'invalid_group', 'stats.input.invalidGroup', { field: `${field}[${i}]` });
      continue;
    }
    raw[i] = id;
  }
  if (!ok) return null;
  const sortedIds = seen.map((_, i) => i).sort((a, b) => compareLevels(seen[a]!, seen[b]!));
  const rank = new Uint32Array(seen.length);
  sortedIds.forEach((id, r) => {
    rank[id] = r;
  });
  const index = new Uint32Array(value.length);
  for (let i = 0; i < value.length; i += 1) index[i] = rank[raw[i]!]!;
  return { levels: sortedIds.map((id) => seen[id]!), index };
}
