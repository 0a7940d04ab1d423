import { compareLevels, readLevels, type GroupValue } from './groups.js';
import { fail, Issues } from './validate.js';

export interface DummyCodeOptions {
  /** The reference level: it gets no column, so each coefficient compares a level with it. */
  readonly reference: GroupValue;
  /** Prefix of the column names, e.g. 'celltype' gives 'celltypeadeno' as R's model.matrix does. */
  readonly prefix?: string;
}

/**
 * Treatment (reference-cell) coding of a categorical covariate for coxProportionalHazards, as R's
 * `model.matrix(~ factor(x, levels = …))` with `contr.treatment`: one 0/1 column per non-reference
 * level, in level order (numbers ascending, then strings), named prefix + level.
 */
export function dummyCode(values: ArrayLike<GroupValue>, options: DummyCodeOptions): Record<string, number[]> {
  const issues = new Issues();
  const levels = readLevels(values, 'values', issues);
  if (levels && levels.levels.length === 0) issues.add('values', 'empty', 'stats.input.empty', { field: 'values' });
  issues.throwIfAny();
  if (!levels) throw new Error('unreachable: levels missing after validation');
  const reference = options.reference;
  const refIndex = levels.levels.findIndex((l) => compareLevels(l, reference) === 0 && typeof l === typeof reference);
  if (refIndex < 0) fail('reference', 'unknown_reference', 'stats.dummy.unknownReference', { reference: String(reference) });
  if (levels.levels.length < 2) fail('values', 'single_level', 'stats.dummy.singleLevel');

  const out: Record<string, number[]> = {};
  const prefix = options.prefix ?? '';
  levels.levels.forEach((level, li) => {
    if (li === refIndex) return;
    const name = `${prefix}${String(level)}`;
    if (Object.hasOwn(out, name)) fail('values', 'duplicate_name', 'stats.dummy.duplicateName', { name });
    const col = new Array<number>(levels.index.length);
    for (let i = 0; i < levels.index.length; i += 1) col[i] = levels.index[i] === li ? 1 : 0;
    out[name] = col;
  });
  return out;
}
