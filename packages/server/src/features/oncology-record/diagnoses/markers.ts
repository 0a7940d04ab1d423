import { TUMOR_MARKER_OPTIONS, type TumorMarker } from '@gisurg/clinical';
import type { Problems } from '../../../core/problems.js';

/** The unit a marker is recorded in (TUMOR_MARKER_OPTIONS); a different unit sent along is refused. */
export function markerUnit(problems: Problems, marker: TumorMarker, unit: string | undefined): string {
  const expected = TUMOR_MARKER_OPTIONS.find((o) => o.value === marker)?.unit ?? '';
  if (unit !== undefined && unit !== expected) problems.add('unit', 'oncology.validation.unit', { marker, unit: expected });
  return expected;
}
