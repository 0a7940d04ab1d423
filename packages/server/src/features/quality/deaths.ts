import { toInstant, wallClock } from '@gisurg/contracts';
import { sql } from 'drizzle-orm';
import { subscribe } from '../../core/events.js';
import { qualityDeaths } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';

/**
 * The ward's discharge disposition for a death: the semantic value ('death') or its 离院方式 code '5'
 * (features/ward/states.ts DISPOSITION_CODES; not imported: features talk through events only).
 */
const DEATH_DISPOSITIONS = new Set(['death', '5']);

async function recordDeath(
  tx: Db,
  row: { patientId: string; source: 'follow_up' | 'ward'; deathDate: string; admissionId?: string | null },
) {
  await tx
    .insert(qualityDeaths)
    .values({ patientId: row.patientId, source: row.source, deathDate: row.deathDate, admissionId: row.admissionId ?? null })
    .onConflictDoUpdate({
      target: [qualityDeaths.patientId, qualityDeaths.source],
      set: { deathDate: row.deathDate, admissionId: row.admissionId ?? null, recordedAt: sql`now()` },
    });
}

/** The deaths projection: follow-up's `death_recorded` and the ward's discharges with the death disposition. */
export function subscribeDeaths(): void {
  subscribe('death_recorded', 'quality.deaths', async ({ tx }, e) => {
    await recordDeath(tx, { patientId: e.patientId, source: 'follow_up', deathDate: e.date });
  });
  subscribe('discharged', 'quality.deaths', async ({ tx, timeZone }, e) => {
    if (!DEATH_DISPOSITIONS.has(e.disposition)) return;
    const at = typeof e.at === 'string' ? toInstant(e.at, timeZone) : e.at;
    await recordDeath(tx, { patientId: e.patientId, source: 'ward', deathDate: wallClock(at, timeZone).date, admissionId: e.admissionId });
  });
}
