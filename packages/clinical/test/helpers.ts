import { expect } from 'vitest';
import { ClinicalInputError, type ClinicalIssue } from '../src/index.js';

/** Run `fn`, expect a ClinicalInputError, return its issues (field + code) for a compact assertion. */
export function issuesOf(fn: () => unknown): { field: string; code: string }[] {
  return fullIssuesOf(fn).map(({ field, code }) => ({ field, code }));
}

export function fullIssuesOf(fn: () => unknown): readonly ClinicalIssue[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ClinicalInputError);
    return (e as ClinicalInputError).issues;
  }
  throw new Error('expected a ClinicalInputError');
}
