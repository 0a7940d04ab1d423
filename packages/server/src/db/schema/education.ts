import { sql } from 'drizzle-orm';
import { check, date, doublePrecision, index, integer, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, tstz } from './common.js';
import { theatreBookings } from './theatre.js';
import { users } from './users.js';

/**
 * Teaching (issue 14, docs/education.md): the master's training station (universities, supervisors,
 * trainees, their case-log entries, sign-offs and milestones) and the department's events (annual forum,
 * teaching class) with programme, public registration, per-session check-in and CME credits.
 */
export const eduUniversities = pgTable('edu_universities', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull().unique(),
  nameEn: text('name_en'),
  ...recordColumns,
});

export const eduSupervisors = pgTable(
  'edu_supervisors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    universityId: uuid('university_id')
      .notNull()
      .references(() => eduUniversities.id),
    ...recordColumns,
  },
  (t) => [uniqueIndex('edu_supervisors_user_uq').on(t.userId, t.universityId)],
);

export const eduTrainees = pgTable(
  'edu_trainees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    universityId: uuid('university_id')
      .notNull()
      .references(() => eduUniversities.id),
    supervisorId: uuid('supervisor_id')
      .notNull()
      .references(() => eduSupervisors.id),
    /** 'academic' (学术学位) | 'professional' (专业学位). */
    degree: text('degree').notNull(),
    enrolmentYear: integer('enrolment_year').notNull(),
    yearOfStudy: integer('year_of_study').notNull(),
    thesisTitle: text('thesis_title'),
    ...recordColumns,
  },
  (t) => [
    uniqueIndex('edu_trainees_user_uq').on(t.userId),
    index('edu_trainees_supervisor_idx').on(t.supervisorId),
    check('edu_trainees_degree_ck', sql`${t.degree} in ('academic','professional')`),
    check('edu_trainees_year_ck', sql`${t.yearOfStudy} between 1 and 8`),
  ],
);

/** Entries a trainee adds by hand (ward rounds, MDT presentations, …). Assisted operations and MDT attendance are read live. */
export const eduLogEntries = pgTable(
  'edu_log_entries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    traineeId: uuid('trainee_id')
      .notNull()
      .references(() => eduTrainees.id),
    kind: text('kind').notNull(),
    entryDate: date('entry_date', { mode: 'string' }).notNull(),
    description: text('description').notNull(),
    ...recordColumns,
  },
  (t) => [
    index('edu_log_entries_trainee_idx').on(t.traineeId, t.entryDate),
    check('edu_log_entries_kind_ck', sql`${t.kind} in ('ward_round','mdt_presentation','clinic','teaching','other')`),
  ],
);

/** A supervisor's sign-off of one case-log entry; `entryKey` is `op:<operationId>`, `entry:<id>` or `mdt:<participantId>`. */
export const eduSignOffs = pgTable(
  'edu_sign_offs',
  {
    traineeId: uuid('trainee_id')
      .notNull()
      .references(() => eduTrainees.id),
    entryKey: text('entry_key').notNull(),
    signedBy: uuid('signed_by')
      .notNull()
      .references(() => users.id),
    signedAt: tstz('signed_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.traineeId, t.entryKey] })],
);

export const eduMilestones = pgTable(
  'edu_milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    traineeId: uuid('trainee_id')
      .notNull()
      .references(() => eduTrainees.id),
    kind: text('kind').notNull(),
    plannedOn: date('planned_on', { mode: 'string' }),
    completedOn: date('completed_on', { mode: 'string' }),
    note: text('note'),
    ...recordColumns,
  },
  (t) => [
    uniqueIndex('edu_milestones_uq').on(t.traineeId, t.kind),
    check('edu_milestones_kind_ck', sql`${t.kind} in ('proposal','midterm','defence')`),
  ],
);

export const eduEvents = pgTable(
  'edu_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    venue: text('venue'),
    /** 国家级 / 省级 继续医学教育项目; credit category I / II; the approved project number. */
    cmeLevel: text('cme_level').notNull().default('provincial'),
    cmeCategory: text('cme_category').notNull().default('I'),
    cmeProjectNo: text('cme_project_no'),
    /** Public registration accepted until this date (inclusive); null = until the event starts. */
    registrationCloses: date('registration_closes', { mode: 'string' }),
    ...recordColumns,
  },
  (t) => [
    index('edu_events_start_idx').on(t.startDate),
    check('edu_events_kind_ck', sql`${t.kind} in ('forum','teaching_class')`),
    check('edu_events_level_ck', sql`${t.cmeLevel} in ('national','provincial')`),
    check('edu_events_category_ck', sql`${t.cmeCategory} in ('I','II')`),
    check('edu_events_dates_ck', sql`${t.endDate} >= ${t.startDate}`),
  ],
);

export const eduSessions = pgTable(
  'edu_sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => eduEvents.id),
    startsAt: tstz('starts_at').notNull(),
    endsAt: tstz('ends_at').notNull(),
    title: text('title').notNull(),
    speakers: text('speakers'),
    /** A live demonstration operation: the theatre booking it is transmitted from. */
    demoBookingId: uuid('demo_booking_id').references(() => theatreBookings.id),
    credits: doublePrecision('credits').notNull().default(0),
    /** The door token of the session's check-in link (`/checkin#<token>`, shown as a QR code). */
    checkinToken: text('checkin_token').notNull(),
    ...recordColumns,
  },
  (t) => [
    index('edu_sessions_event_idx').on(t.eventId, t.startsAt),
    uniqueIndex('edu_sessions_token_uq').on(t.checkinToken),
    check('edu_sessions_times_ck', sql`${t.endsAt} > ${t.startsAt}`),
    check('edu_sessions_credits_ck', sql`${t.credits} >= 0 and ${t.credits} <= 20`),
  ],
);

export const eduRegistrations = pgTable(
  'edu_registrations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    eventId: uuid('event_id')
      .notNull()
      .references(() => eduEvents.id),
    name: text('name').notNull(),
    hospital: text('hospital').notNull(),
    title: text('title').notNull(),
    phone: text('phone').notNull(),
    code: text('code').notNull(),
    registeredAt: tstz('registered_at').notNull(),
  },
  (t) => [uniqueIndex('edu_registrations_code_uq').on(t.eventId, t.code), uniqueIndex('edu_registrations_phone_uq').on(t.eventId, t.phone)],
);

export const eduAttendance = pgTable(
  'edu_attendance',
  {
    registrationId: uuid('registration_id')
      .notNull()
      .references(() => eduRegistrations.id),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => eduSessions.id),
    checkedInAt: tstz('checked_in_at').notNull(),
    /** The staff member who checked the attendee in; null when the attendee checked in from the door's QR code. */
    checkedInBy: uuid('checked_in_by'),
  },
  (t) => [primaryKey({ columns: [t.registrationId, t.sessionId] })],
);
