import { isStorableText } from '@gisurg/contracts';
import type { $ZodIssue } from 'zod/v4/core';

/** Deeper than any request body of the API; deeper input is refused before any schema or query sees it. */
export const MAX_DEPTH = 32;

/**
 * One pass over a parsed request part (body, query, params), before its schema: any string (value or key)
 * with a NUL or a lone surrogate, any number beyond ±2^53 and any nesting deeper than MAX_DEPTH is refused
 * as a field issue at its path (issue 17 failure 2). Iterative, so hostile nesting cannot exhaust the stack.
 * Schemas still apply their own, narrower limits (`text(max)`, `VersionSchema`).
 */
export function hostileInputIssue(data: unknown): $ZodIssue | null {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: data, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (!isStorableText(value)) return issue(path, 'validation.text.characters');
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) return issue(path, 'validation.number.range');
    } else if (value && typeof value === 'object') {
      if (path.length >= MAX_DEPTH) return issue(path, 'validation.nesting');
      if (Array.isArray(value)) value.forEach((v, i) => stack.push({ value: v, path: [...path, i] }));
      else
        for (const [k, v] of Object.entries(value)) {
          if (!isStorableText(k)) return issue(path, 'validation.text.characters');
          stack.push({ value: v, path: [...path, k] });
        }
    }
  }
  return null;
}

function issue(path: PropertyKey[], message: string): $ZodIssue {
  return { code: 'custom', path, message, input: undefined } as unknown as $ZodIssue;
}
