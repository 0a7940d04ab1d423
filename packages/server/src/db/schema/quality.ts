import { date, index, pgTable, primaryKey, text, uuid } from 'drizzle-orm/pg-core';
import { tstz } from './common.js';
import { patients } from './patients.js';

/**
 * The quality feature's own projection of deaths (issue 12): filled from the `death_recorded` clinical event
 * (follow-up) and from ward discharges with the death disposition, so the 30-day mortality indicator never
 * reads another feature's tables. One row per patient and source; the indicator uses the earliest date.
 */
export const qualityDeaths = pgTable(
  'quality_deaths',
  {
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    /** 'follow_up' (death_recorded) or 'ward' (discharged, disposition death). */
    source: text('source').notNull(),
    deathDate: date('death_date', { mode: 'string' }).notNull(),
    /** The ward admission the death ended, when the source is the ward. */
    admissionId: uuid('admission_id'),
    recordedAt: tstz('recorded_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.patientId, t.source] }), index('quality_deaths_date_idx').on(t.deathDate)],
);
