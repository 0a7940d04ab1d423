import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, tstz } from './common.js';
import { departments } from './organizations.js';
import { operations } from './oncology.js';
import { patients } from './patients.js';
import { users } from './users.js';

/**
 * Theatre (issue 6, docs/theatre.md): operating rooms and their sessions, single pieces of special
 * equipment, and bookings with their team and equipment. Double-booking a room, a person or a piece of
 * equipment is refused in the booking use case under a table lock (ADR 0008).
 */

/** A session of a room, hospital wall-clock times (e.g. 08:00–12:00 morning list). */
export interface RoomSession {
  label: string;
  start: string;
  end: string;
}

export const operatingRooms = pgTable(
  'operating_rooms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    sessions: jsonb('sessions')
      .$type<RoomSession[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    sortOrder: integer('sort_order').notNull().default(0),
    disabledAt: tstz('disabled_at'),
    ...recordColumns,
  },
  (t) => [uniqueIndex('operating_rooms_code_uq').on(t.departmentId, t.code)],
);

/** One piece of special equipment (the HIPEC perfusion machine, a laparoscopic tower…); two towers = two rows. */
export const theatreEquipment = pgTable(
  'theatre_equipment',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    kind: text('kind', { enum: ['hipec_machine', 'laparoscopic_tower', 'robot', 'ultrasound', 'other'] }).notNull(),
    disabledAt: tstz('disabled_at'),
    ...recordColumns,
  },
  (t) => [
    uniqueIndex('theatre_equipment_code_uq').on(t.code),
    check('theatre_equipment_kind_ck', sql`${t.kind} in ('hipec_machine','laparoscopic_tower','robot','ultrasound','other')`),
  ],
);

export const theatreBookings = pgTable(
  'theatre_bookings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    roomId: uuid('room_id')
      .notNull()
      .references(() => operatingRooms.id),
    startAt: tstz('start_at').notNull(),
    endAt: tstz('end_at').notNull(),
    durationMin: integer('duration_min').notNull(),
    /** Planned procedures: catalogue codes (@gisurg/clinical PROCEDURES) or free text. */
    procedures: jsonb('procedures').$type<{ code: string | null; name: string | null }[]>().notNull(),
    diagnosis: text('diagnosis'),
    anesthesia: text('anesthesia', { enum: ['general', 'general_epidural', 'spinal', 'regional', 'local', 'sedation'] })
      .notNull()
      .default('general'),
    /** A CRS+HIPEC case: holds an ICU/HDU bed for the first post-operative day(s) and a ward bed. */
    crsHipec: boolean('crs_hipec').notNull().default(false),
    icuDays: integer('icu_days').notNull().default(0),
    expectedStayDays: integer('expected_stay_days'),
    status: text('status', { enum: ['scheduled', 'in_theatre', 'completed', 'postponed', 'cancelled'] })
      .notNull()
      .default('scheduled'),
    statusReason: text('status_reason'),
    startedAt: tstz('started_at'),
    completedAt: tstz('completed_at'),
    /** The operation record written when the case completed (oncology record). */
    operationId: uuid('operation_id').references(() => operations.id),
    notes: text('notes'),
    ...recordColumns,
  },
  (t) => [
    index('theatre_bookings_room_idx').on(t.roomId, t.startAt),
    index('theatre_bookings_period_idx').on(t.startAt, t.endAt),
    index('theatre_bookings_patient_idx').on(t.patientId, t.startAt),
    check('theatre_bookings_order_ck', sql`${t.endAt} > ${t.startAt}`),
    check('theatre_bookings_duration_ck', sql`${t.durationMin} between 10 and 2880`),
    check('theatre_bookings_icu_days_ck', sql`${t.icuDays} between 0 and 30`),
    check('theatre_bookings_status_ck', sql`${t.status} in ('scheduled','in_theatre','completed','postponed','cancelled')`),
    check('theatre_bookings_anesthesia_ck', sql`${t.anesthesia} in ('general','general_epidural','spinal','regional','local','sedation')`),
  ],
);

/** The team of a booking: surgeons (the first is the operating surgeon), assistants, anesthetists, nurses. */
export const theatreBookingStaff = pgTable(
  'theatre_booking_staff',
  {
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => theatreBookings.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role', { enum: ['surgeon', 'assistant', 'anesthetist', 'scrub_nurse', 'circulating_nurse'] }).notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.bookingId, t.userId] }),
    index('theatre_booking_staff_user_idx').on(t.userId),
    check('theatre_booking_staff_role_ck', sql`${t.role} in ('surgeon','assistant','anesthetist','scrub_nurse','circulating_nurse')`),
  ],
);

export const theatreBookingEquipment = pgTable(
  'theatre_booking_equipment',
  {
    bookingId: uuid('booking_id')
      .notNull()
      .references(() => theatreBookings.id),
    equipmentId: uuid('equipment_id')
      .notNull()
      .references(() => theatreEquipment.id),
  },
  (t) => [primaryKey({ columns: [t.bookingId, t.equipmentId] }), index('theatre_booking_equipment_eq_idx').on(t.equipmentId)],
);
