import { sql } from 'drizzle-orm';
import { bigint, check, date, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, tstz } from './common.js';
import { organizations, beds } from './organizations.js';
import { patients } from './patients.js';
import { users } from './users.js';

/**
 * Ward (issue 6, docs/ward.md): admissions, which bed each admission holds when, the current state of each
 * bed, and every bed event as history. The allowed values and transitions live in features/ward/states.ts;
 * the check constraints repeat the value sets so the database refuses anything else too.
 *
 * Concurrency (ADR 0008): every bed transition locks the bed's `bed_states` row (SELECT … FOR UPDATE) and
 * the partial unique indexes below make a second open stay in one bed, or a second open stay for one
 * admission, impossible even if a code path forgot the lock.
 */

/** An inpatient stay (住院), from admission to discharge. 入院途径 / 离院方式 follow the front-page codes. */
export const admissions = pgTable(
  'admissions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    status: text('status', { enum: ['active', 'discharged', 'cancelled'] })
      .notNull()
      .default('active'),
    admittedAt: tstz('admitted_at').notNull(),
    /** 入院途径: 1 急诊 emergency, 2 门诊 outpatient, 3 其他医疗机构转入 transfer_in, 9 其他 other. */
    source: text('source', { enum: ['emergency', 'outpatient', 'transfer_in', 'other'] }).notNull(),
    sourceInstitution: text('source_institution'),
    diagnosis: text('diagnosis'),
    attendingSurgeonId: uuid('attending_surgeon_id').references(() => users.id),
    expectedLosDays: integer('expected_los_days'),
    /** Flags shown on the bed board. */
    isolation: text('isolation'),
    fallRisk: text('fall_risk', { enum: ['low', 'medium', 'high'] }),
    plannedProcedure: text('planned_procedure'),
    dischargedAt: tstz('discharged_at'),
    /** 离院方式: 1 医嘱离院 order, 2 医嘱转院 transfer_hospital, 3 医嘱转社区/乡镇卫生院 transfer_community,
     *  4 非医嘱离院 against_advice, 5 死亡 death, 9 其他 other. */
    disposition: text('disposition', { enum: ['order', 'transfer_hospital', 'transfer_community', 'against_advice', 'death', 'other'] }),
    dispositionInstitution: text('disposition_institution'),
    cancelledAt: tstz('cancelled_at'),
    cancelReason: text('cancel_reason'),
    ...recordColumns,
  },
  (t) => [
    index('admissions_patient_idx').on(t.patientId, t.admittedAt),
    index('admissions_status_idx').on(t.status, t.admittedAt),
    index('admissions_discharged_idx').on(t.dischargedAt),
    /** One open admission per patient. */
    uniqueIndex('admissions_one_active_uq')
      .on(t.patientId)
      .where(sql`${t.status} = 'active'`),
    check('admissions_status_ck', sql`${t.status} in ('active','discharged','cancelled')`),
    check('admissions_source_ck', sql`${t.source} in ('emergency','outpatient','transfer_in','other')`),
    check(
      'admissions_disposition_ck',
      sql`${t.disposition} is null or ${t.disposition} in ('order','transfer_hospital','transfer_community','against_advice','death','other')`,
    ),
    check('admissions_fall_risk_ck', sql`${t.fallRisk} is null or ${t.fallRisk} in ('low','medium','high')`),
    check('admissions_discharge_after_ck', sql`${t.dischargedAt} is null or ${t.dischargedAt} >= ${t.admittedAt}`),
    check('admissions_los_ck', sql`${t.expectedLosDays} is null or ${t.expectedLosDays} between 0 and 365`),
  ],
);

/** Which bed an admission held from when to when: the history occupancy is computed from. */
export const bedStays = pgTable(
  'bed_stays',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    admissionId: uuid('admission_id')
      .notNull()
      .references(() => admissions.id),
    bedId: uuid('bed_id')
      .notNull()
      .references(() => beds.id),
    fromAt: tstz('from_at').notNull(),
    toAt: tstz('to_at'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('bed_stays_admission_idx').on(t.admissionId, t.fromAt),
    index('bed_stays_bed_idx').on(t.bedId, t.fromAt),
    index('bed_stays_period_idx').on(t.fromAt, t.toAt),
    /** Stays ending in or after a period (or open): a year of occupancy reads ~5 % of 20 years' stays (issue 18). */
    index('bed_stays_to_idx').on(t.toAt),
    uniqueIndex('bed_stays_one_open_per_bed_uq')
      .on(t.bedId)
      .where(sql`${t.toAt} is null`),
    uniqueIndex('bed_stays_one_open_per_admission_uq')
      .on(t.admissionId)
      .where(sql`${t.toAt} is null`),
    check('bed_stays_order_ck', sql`${t.toAt} is null or ${t.toAt} >= ${t.fromAt}`),
  ],
);

/** The current state of each bed (one row per bed, the row every bed transition locks). */
export const bedStates = pgTable(
  'bed_states',
  {
    bedId: uuid('bed_id')
      .primaryKey()
      .references(() => beds.id),
    state: text('state', { enum: ['vacant_clean', 'vacant_dirty', 'occupied', 'reserved', 'blocked'] })
      .notNull()
      .default('vacant_clean'),
    admissionId: uuid('admission_id').references(() => admissions.id),
    /** reserved: for whom and until when; blocked: maintenance or isolation. */
    reservedPatientId: uuid('reserved_patient_id').references(() => patients.id),
    reservedUntil: tstz('reserved_until'),
    blockReason: text('block_reason', { enum: ['maintenance', 'isolation', 'other'] }),
    note: text('note'),
    since: tstz('since').notNull().defaultNow(),
    ...recordColumns,
  },
  (t) => [
    uniqueIndex('bed_states_admission_uq')
      .on(t.admissionId)
      .where(sql`${t.admissionId} is not null`),
    check('bed_states_state_ck', sql`${t.state} in ('vacant_clean','vacant_dirty','occupied','reserved','blocked')`),
    check('bed_states_occupied_ck', sql`(${t.state} = 'occupied') = (${t.admissionId} is not null)`),
    check('bed_states_block_reason_ck', sql`${t.blockReason} is null or ${t.blockReason} in ('maintenance','isolation','other')`),
  ],
);

/** Every bed event, append-only: assign, unassign, swap, reserve, release, clean, dirty, block, unblock. */
export const bedEvents = pgTable(
  'bed_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    bedId: uuid('bed_id')
      .notNull()
      .references(() => beds.id),
    type: text('type', { enum: ['assign', 'unassign', 'swap', 'reserve', 'release', 'clean', 'dirty', 'block', 'unblock'] }).notNull(),
    at: tstz('at').notNull(),
    admissionId: uuid('admission_id').references(() => admissions.id),
    patientId: uuid('patient_id').references(() => patients.id),
    fromState: text('from_state').notNull(),
    toState: text('to_state').notNull(),
    reason: text('reason'),
    actorId: uuid('actor_id'),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('bed_events_bed_idx').on(t.bedId, t.at),
    index('bed_events_at_idx').on(t.at),
    index('bed_events_admission_idx').on(t.admissionId),
    check('bed_events_type_ck', sql`${t.type} in ('assign','unassign','swap','reserve','release','clean','dirty','block','unblock')`),
  ],
);

/**
 * Beds held for a coming stay (a CRS+HIPEC case's ICU/HDU day(s) and ward stay, booked from the theatre
 * schedule, or a planned admission). Dates are hospital calendar days, `fromDate`..`toDate` inclusive.
 */
export const bedReservations = pgTable(
  'bed_reservations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    /** The bed held; null when only the kind of bed is held (no bed free yet: the booking warned). */
    bedId: uuid('bed_id').references(() => beds.id),
    wardKind: text('ward_kind', { enum: ['general', 'icu', 'hdu'] }).notNull(),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }).notNull(),
    bookingId: uuid('booking_id'),
    status: text('status', { enum: ['active', 'used', 'released'] })
      .notNull()
      .default('active'),
    reason: text('reason'),
    ...recordColumns,
  },
  (t) => [
    index('bed_reservations_bed_idx').on(t.bedId, t.fromDate),
    index('bed_reservations_dates_idx').on(t.fromDate, t.toDate),
    index('bed_reservations_booking_idx').on(t.bookingId),
    check('bed_reservations_order_ck', sql`${t.toDate} >= ${t.fromDate}`),
    check('bed_reservations_kind_ck', sql`${t.wardKind} in ('general','icu','hdu')`),
    check('bed_reservations_status_ck', sql`${t.status} in ('active','used','released')`),
  ],
);

/**
 * The kept daily census (病区日报, issue 18 "Scale"): the occupancy figures of past days, per scope (a hash of the
 * time zone, the wards counted and the organization's wards: features/ward/census-days.ts), filled when a period is
 * first computed and read back instead of recomputing a year of stays. A day's row is final once the day is over;
 * any write that can change it (a stay, an admission, an operation, a bed moving ward) deletes the rows from its
 * date on, by triggers (migration 0024), so every writer keeps them true without knowing of them.
 * `occupied` is the midnight census without same-day stays (`same_day` is added per the setting when read).
 */
export const wardCensusDays = pgTable(
  'ward_census_days',
  {
    scopeKey: text('scope_key').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    occupied: integer('occupied').notNull(),
    admissions: integer('admissions').notNull(),
    discharges: integer('discharges').notNull(),
    sameDay: integer('same_day').notNull(),
  },
  (t) => [primaryKey({ columns: [t.scopeKey, t.day] }), index('ward_census_days_day_idx').on(t.day)],
);

/** The discharges of a kept day counted by their calendar days from admission and from the first operation. */
export const wardCensusSpans = pgTable(
  'ward_census_spans',
  {
    scopeKey: text('scope_key').notNull(),
    day: date('day', { mode: 'string' }).notNull(),
    stayDays: integer('stay_days').notNull(),
    postOpDays: integer('post_op_days'),
    n: integer('n').notNull(),
  },
  (t) => [index('ward_census_spans_scope_idx').on(t.scopeKey, t.day), index('ward_census_spans_day_idx').on(t.day)],
);

/** One row: bumped by every invalidation, so that a reader stores what it computed only if nothing changed meanwhile. */
export const wardCensusState = pgTable('ward_census_state', {
  id: integer('id').primaryKey(),
  epoch: bigint('epoch', { mode: 'number' }).notNull(),
});
