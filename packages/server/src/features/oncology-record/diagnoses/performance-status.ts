import { ecogFromKarnofsky } from '@gisurg/clinical';
import type { Problems } from '../../../core/problems.js';

/** The mapping used for the approximate ECOG of a KPS (clinical-rules.md §7 default). */
export const ECOG_KPS_MAPPING = 'common' as const;

/**
 * ECOG and/or KPS as recorded (at least one); the KPS is also converted to an approximate ECOG with
 * ecogFromKarnofsky, stored beside it with the mapping, never replacing a recorded ECOG.
 */
export function evaluatePerformanceStatus(
  problems: Problems,
  ps: { ecog: number | null; kps: number | null },
): { ecogFromKps: number | null; ecogKpsMapping: string | null } {
  if (ps.ecog === null && ps.kps === null) problems.add('ecog', 'oncology.validation.ecogOrKps');
  if (ps.kps === null) return { ecogFromKps: null, ecogKpsMapping: null };
  const kps = ps.kps;
  const r = problems.clinical('', () => ecogFromKarnofsky(kps, { mapping: ECOG_KPS_MAPPING }));
  return r ? { ecogFromKps: r.ecog, ecogKpsMapping: r.mapping } : { ecogFromKps: null, ecogKpsMapping: null };
}
