/** Shared by the CUSUM modules. */

/** Index of the largest value; ties resolve to the first occurrence (design/clinical-rules.md §8.1). */
export function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i += 1) if (values[i]! > values[best]!) best = i;
  return best;
}
