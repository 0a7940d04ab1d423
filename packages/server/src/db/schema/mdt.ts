import { sql } from 'drizzle-orm';
import { bigint, boolean, check, customType, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, tstz } from './common.js';
import { organizations } from './organizations.js';
import { patients } from './patients.js';
import { users } from './users.js';

/**
 * Tumor boards (issue 7, docs/mdt.md). The allowed values and state machines live in
 * features/mdt/workflow.ts; the check constraints below repeat the value sets so the database refuses
 * anything else too.
 */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** A recurring series of boards (e.g. every Tuesday 16:00, gastric): the meetings are created up front. */
export const mdtSeries = pgTable('mdt_series', {
  id: uuid('id').primaryKey().defaultRandom(),
  tumorGroup: text('tumor_group').notNull(),
  kind: text('kind').notNull(),
  frequency: text('frequency', { enum: ['weekly', 'biweekly', 'monthly'] }).notNull(),
  occurrences: integer('occurrences').notNull(),
  ...recordColumns,
});

export const mdtMeetings = pgTable(
  'mdt_meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seriesId: uuid('series_id').references(() => mdtSeries.id),
    tumorGroup: text('tumor_group', { enum: ['gastric', 'colorectal', 'peritoneal'] }).notNull(),
    kind: text('kind', { enum: ['intra', 'inter'] }).notNull(),
    title: text('title'),
    startsAt: tstz('starts_at').notNull(),
    durationMinutes: integer('duration_minutes').notNull().default(90),
    place: text('place'),
    videoLink: text('video_link'),
    chairUserId: uuid('chair_user_id').references(() => users.id),
    status: text('status', { enum: ['scheduled', 'in_progress', 'closed', 'cancelled'] })
      .notNull()
      .default('scheduled'),
    statusReason: text('status_reason'),
    startedAt: tstz('started_at'),
    closedAt: tstz('closed_at'),
    ...recordColumns,
  },
  (t) => [
    index('mdt_meetings_starts_idx').on(t.startsAt),
    index('mdt_meetings_status_idx').on(t.status, t.startsAt),
    check('mdt_meetings_group_ck', sql`${t.tumorGroup} in ('gastric','colorectal','peritoneal')`),
    check('mdt_meetings_kind_ck', sql`${t.kind} in ('intra','inter')`),
    check('mdt_meetings_status_ck', sql`${t.status} in ('scheduled','in_progress','closed','cancelled')`),
    check('mdt_meetings_duration_ck', sql`${t.durationMinutes} between 10 and 720`),
  ],
);

/** Invited participants and attendance (checkedInAt). Guests without an account carry name and hospital. */
export const mdtParticipants = pgTable(
  'mdt_participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => mdtMeetings.id),
    userId: uuid('user_id').references(() => users.id),
    name: text('name').notNull(),
    specialty: text('specialty').notNull(),
    title: text('title'),
    organizationId: uuid('organization_id').references(() => organizations.id),
    /** Hospital name as given, for guests from hospitals not registered in GISurg. */
    hospitalName: text('hospital_name'),
    role: text('role', { enum: ['chair', 'member', 'guest'] })
      .notNull()
      .default('member'),
    invited: boolean('invited').notNull().default(true),
    checkedInAt: tstz('checked_in_at'),
    checkedInBy: uuid('checked_in_by'),
    removedAt: tstz('removed_at'),
    ...recordColumns,
  },
  (t) => [
    index('mdt_participants_meeting_idx').on(t.meetingId),
    uniqueIndex('mdt_participants_user_uq')
      .on(t.meetingId, t.userId)
      .where(sql`${t.userId} is not null and ${t.removedAt} is null`),
    check('mdt_participants_role_ck', sql`${t.role} in ('chair','member','guest')`),
  ],
);

export const mdtCases = pgTable(
  'mdt_cases',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => mdtMeetings.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    /** The hospital of the submitting doctor: the home hospital, or an external hospital for its own patient. */
    submittingOrganizationId: uuid('submitting_organization_id')
      .notNull()
      .references(() => organizations.id),
    submittedBy: uuid('submitted_by')
      .notNull()
      .references(() => users.id),
    question: text('question').notNull(),
    summary: text('summary'),
    urgency: text('urgency', { enum: ['routine', 'urgent'] })
      .notNull()
      .default('routine'),
    presentingSpecialty: text('presenting_specialty'),
    status: text('status', { enum: ['submitted', 'scheduled', 'deferred', 'rejected', 'decided', 'completed'] })
      .notNull()
      .default('submitted'),
    agendaOrder: integer('agenda_order'),
    statusReason: text('status_reason'),
    /** What the board saw: the clinical snapshot at submission, or at the last "refresh from record". */
    snapshot: jsonb('snapshot').notNull(),
    snapshotAt: tstz('snapshot_at').notNull(),
    decidedAt: tstz('decided_at'),
    completedAt: tstz('completed_at'),
    ...recordColumns,
  },
  (t) => [
    index('mdt_cases_meeting_idx').on(t.meetingId, t.agendaOrder),
    index('mdt_cases_patient_idx').on(t.patientId),
    index('mdt_cases_status_idx').on(t.status, t.updatedAt),
    index('mdt_cases_org_idx').on(t.submittingOrganizationId),
    check('mdt_cases_urgency_ck', sql`${t.urgency} in ('routine','urgent')`),
    check('mdt_cases_status_ck', sql`${t.status} in ('submitted','scheduled','deferred','rejected','decided','completed')`),
  ],
);

/** The case's timeline as users see it (the audit log holds the full trail). */
export const mdtCaseEvents = pgTable(
  'mdt_case_events',
  {
    /** Insertion order: events of one transaction share a timestamp. */
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => mdtCases.id),
    at: tstz('at').notNull(),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    actorId: uuid('actor_id'),
    note: text('note'),
  },
  (t) => [index('mdt_case_events_case_idx').on(t.caseId, t.at)],
);

/** One recommendation per case (unique index): a second POST is a 409, never a silent overwrite. */
export const mdtRecommendations = pgTable(
  'mdt_recommendations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => mdtCases.id),
    intent: text('intent', { enum: ['curative', 'palliative'] }).notNull(),
    summary: text('summary'),
    guideline: text('guideline'),
    guidelineVersion: text('guideline_version'),
    deviationReason: text('deviation_reason'),
    consensus: boolean('consensus').notNull(),
    /** Dissenting views: `[{ name, specialty, view }]`. */
    dissent: jsonb('dissent')
      .notNull()
      .default(sql`'[]'::jsonb`),
    executingSpecialty: text('executing_specialty'),
    responsibleUserId: uuid('responsible_user_id').references(() => users.id),
    responsibleName: text('responsible_name'),
    patientSummary: text('patient_summary').notNull(),
    decidedAt: tstz('decided_at').notNull(),
    /** The hospital's calendar date of the decision: operations on or after it deliver surgery items. */
    decidedOn: date('decided_on', { mode: 'string' }).notNull(),
    decidedBy: uuid('decided_by')
      .notNull()
      .references(() => users.id),
    ...recordColumns,
  },
  (t) => [
    uniqueIndex('mdt_recommendations_case_uq').on(t.caseId),
    check('mdt_recommendations_intent_ck', sql`${t.intent} in ('curative','palliative')`),
  ],
);

/** Plan items of a recommendation, each tracked from decision to delivery. */
export const mdtPlanItems = pgTable(
  'mdt_plan_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recommendationId: uuid('recommendation_id')
      .notNull()
      .references(() => mdtRecommendations.id),
    caseId: uuid('case_id')
      .notNull()
      .references(() => mdtCases.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    position: integer('position').notNull(),
    kind: text('kind', {
      enum: ['surgery', 'crs_hipec', 'chemotherapy', 'radiotherapy', 'imaging', 'biopsy', 'trial', 'supportive', 'follow_up'],
    }).notNull(),
    detail: text('detail'),
    approach: text('approach'),
    timing: text('timing'),
    requiresAdmission: boolean('requires_admission').notNull().default(false),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'not_delivered'] })
      .notNull()
      .default('pending'),
    deliveredVia: text('delivered_via', { enum: ['operation', 'admission', 'manual'] }),
    deliveredOn: date('delivered_on', { mode: 'string' }),
    evidence: text('evidence'),
    /** Id of the record that delivered it (operation or admission). */
    evidenceRef: text('evidence_ref'),
    notDeliveredReason: text('not_delivered_reason', {
      enum: ['patient_choice', 'did_not_attend', 'clinical_change', 'comorbidity', 'died', 'other'],
    }),
    notDeliveredText: text('not_delivered_text'),
    closedAt: tstz('closed_at'),
    closedBy: uuid('closed_by'),
    /** Progress seen before delivery: a theatre booking, an admission. */
    bookingRef: text('booking_ref'),
    bookedFor: date('booked_for', { mode: 'string' }),
    admissionRef: text('admission_ref'),
    admittedAt: tstz('admitted_at'),
    ...recordColumns,
  },
  (t) => [
    index('mdt_plan_items_patient_idx').on(t.patientId, t.status),
    index('mdt_plan_items_status_idx').on(t.status, t.dueDate),
    // The tracking list's closed items, latest first (find-tracked-items.ts; issue 18 "Scale").
    index('mdt_plan_items_closed_idx')
      .on(t.closedAt.desc().nullsLast(), t.id)
      .where(sql`${t.status} <> 'pending'`),
    index('mdt_plan_items_case_idx').on(t.caseId, t.position),
    check(
      'mdt_plan_items_kind_ck',
      sql`${t.kind} in ('surgery','crs_hipec','chemotherapy','radiotherapy','imaging','biopsy','trial','supportive','follow_up')`,
    ),
    check('mdt_plan_items_status_ck', sql`${t.status} in ('pending','delivered','not_delivered')`),
    // A closed item says how: delivered with evidence, or not delivered with a reason.
    check(
      'mdt_plan_items_closed_ck',
      sql`(${t.status} = 'pending') or (${t.status} = 'delivered' and ${t.deliveredVia} is not null and ${t.deliveredOn} is not null) or (${t.status} = 'not_delivered' and ${t.notDeliveredReason} is not null)`,
    ),
  ],
);

/** Attachment metadata; the bytes live in mdt_attachment_blobs (in the database: transactional, backed up). */
export const mdtAttachments = pgTable(
  'mdt_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => mdtCases.id),
    kind: text('kind', { enum: ['imaging_report', 'pathology_report', 'key_image', 'other'] }).notNull(),
    fileName: text('file_name').notNull(),
    contentType: text('content_type', { enum: ['application/pdf', 'image/jpeg', 'image/png'] }).notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    uploadedByOrganizationId: uuid('uploaded_by_organization_id')
      .notNull()
      .references(() => organizations.id),
    createdAt: tstz('created_at').notNull(),
    removedAt: tstz('removed_at'),
    removedBy: uuid('removed_by'),
  },
  (t) => [
    index('mdt_attachments_case_idx').on(t.caseId),
    check('mdt_attachments_type_ck', sql`${t.contentType} in ('application/pdf','image/jpeg','image/png')`),
  ],
);

export const mdtAttachmentBlobs = pgTable('mdt_attachment_blobs', {
  attachmentId: uuid('attachment_id')
    .primaryKey()
    .references(() => mdtAttachments.id),
  content: bytea('content').notNull(),
});
