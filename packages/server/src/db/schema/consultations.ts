import { sql } from 'drizzle-orm';
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { recordColumns, tstz } from './common.js';
import { organizations } from './organizations.js';
import { patients } from './patients.js';
import { users } from './users.js';

/**
 * Consultation network (issue 10, docs/consultation.md): a primary hospital's doctor asks, the department
 * answers within a deadline, the asking doctor closes with a survey; a transfer books a referral with a bed.
 * States and transitions live in features/consultations/workflow.ts; the checks repeat the value sets.
 */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

export const consultations = pgTable(
  'consultations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    /** The asking (primary) hospital. */
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    requestedBy: uuid('requested_by')
      .notNull()
      .references(() => users.id),
    question: text('question').notNull(),
    history: text('history'),
    stage: text('stage'),
    specialty: text('specialty'),
    urgency: text('urgency', { enum: ['routine', 'urgent'] }).notNull(),
    consentObtainedOn: date('consent_obtained_on', { mode: 'string' }).notNull(),
    consentMethod: text('consent_method', { enum: ['written', 'verbal', 'electronic'] }).notNull(),
    status: text('status', { enum: ['submitted', 'assigned', 'info_requested', 'answered', 'closed'] })
      .notNull()
      .default('submitted'),
    submittedAt: tstz('submitted_at').notNull(),
    /** Reply deadline: submission time + the urgency's hours (settings), computed by the server. */
    dueAt: tstz('due_at').notNull(),
    expertId: uuid('expert_id').references(() => users.id),
    assignedAt: tstz('assigned_at'),
    answeredAt: tstz('answered_at'),
    answeredBy: uuid('answered_by').references(() => users.id),
    advice: text('advice'),
    recommendation: text('recommendation', { enum: ['manage_locally', 'mdt', 'transfer'] }),
    closedAt: tstz('closed_at'),
    surveyReferralAvoided: boolean('survey_referral_avoided'),
    surveyWillFollowAdvice: boolean('survey_will_follow_advice'),
    surveyEducational: boolean('survey_educational'),
    /** The tumor-board case this consultation was promoted to (recommendation mdt). */
    mdtCaseId: uuid('mdt_case_id'),
    ...recordColumns,
  },
  (t) => [
    index('consultations_org_idx').on(t.organizationId, t.submittedAt),
    index('consultations_status_idx').on(t.status, t.dueAt),
    index('consultations_patient_idx').on(t.patientId),
    index('consultations_requested_by_idx').on(t.requestedBy, t.status),
    check('consultations_urgency_ck', sql`${t.urgency} in ('routine','urgent')`),
    check('consultations_consent_ck', sql`${t.consentMethod} in ('written','verbal','electronic')`),
    check('consultations_status_ck', sql`${t.status} in ('submitted','assigned','info_requested','answered','closed')`),
    check(
      'consultations_recommendation_ck',
      sql`${t.recommendation} is null or ${t.recommendation} in ('manage_locally','mdt','transfer')`,
    ),
    check(
      'consultations_answered_ck',
      sql`${t.status} not in ('answered','closed') or (${t.answeredAt} is not null and ${t.recommendation} is not null)`,
    ),
    check(
      'consultations_survey_ck',
      sql`${t.status} <> 'closed' or (${t.surveyReferralAvoided} is not null and ${t.surveyWillFollowAdvice} is not null and ${t.surveyEducational} is not null)`,
    ),
  ],
);

/** The thread: question, requests for more information, replies, the answer (append-only). */
export const consultationMessages = pgTable(
  'consultation_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Insertion order: the thread reads in this order (several messages may share a time). */
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id),
    kind: text('kind', { enum: ['info_request', 'reply', 'answer', 'assign'] }).notNull(),
    body: text('body'),
    authorId: uuid('author_id').references(() => users.id),
    at: tstz('at').notNull(),
  },
  (t) => [
    index('consultation_messages_idx').on(t.consultationId, t.at),
    check('consultation_messages_kind_ck', sql`${t.kind} in ('info_request','reply','answer','assign')`),
  ],
);

/** A transfer's referral: expected admission date and the bed held (a ward bed reservation). */
export const consultationReferrals = pgTable(
  'consultation_referrals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    expectedAdmissionDate: date('expected_admission_date', { mode: 'string' }).notNull(),
    bedReservationId: uuid('bed_reservation_id'),
    bedId: uuid('bed_id'),
    status: text('status', { enum: ['reserved', 'admitted', 'cancelled'] })
      .notNull()
      .default('reserved'),
    admissionId: uuid('admission_id'),
    admittedAt: tstz('admitted_at'),
    /** Sent back: the stay ended with 离院方式 transfer to a (primary) hospital; what the asking doctor reads. */
    dischargedAt: tstz('discharged_at'),
    dischargeDisposition: text('discharge_disposition'),
    dischargeInstitution: text('discharge_institution'),
    dischargeDiagnosis: text('discharge_diagnosis'),
    dischargeProcedure: text('discharge_procedure'),
    /** The team's note to the primary doctor (optional, written on the consultation). */
    dischargeNote: text('discharge_note'),
    ...recordColumns,
  },
  (t) => [
    uniqueIndex('consultation_referrals_one_uq').on(t.consultationId),
    index('consultation_referrals_patient_idx').on(t.patientId, t.status),
    check('consultation_referrals_status_ck', sql`${t.status} in ('reserved','admitted','cancelled')`),
  ],
);

/** Imaging and pathology reports sent with a consultation (PDF, JPEG, PNG checked by their first bytes). */
export const consultationAttachments = pgTable(
  'consultation_attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    consultationId: uuid('consultation_id')
      .notNull()
      .references(() => consultations.id),
    fileName: text('file_name').notNull(),
    contentType: text('content_type', { enum: ['application/pdf', 'image/jpeg', 'image/png'] }).notNull(),
    sizeBytes: bigint('size_bytes', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    uploadedBy: uuid('uploaded_by').references(() => users.id),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('consultation_attachments_idx').on(t.consultationId),
    check('consultation_attachments_type_ck', sql`${t.contentType} in ('application/pdf','image/jpeg','image/png')`),
  ],
);

export const consultationAttachmentBlobs = pgTable('consultation_attachment_blobs', {
  attachmentId: uuid('attachment_id')
    .primaryKey()
    .references(() => consultationAttachments.id),
  content: bytea('content').notNull(),
});

/**
 * Outreach (issue 10): technical-guidance visits to primary hospitals (one hospital, an activity, our surgeons)
 * and tele-consultation sessions (a video link, participants, one or more hospitals). `ownerOrganizationId` is
 * the department's hospital; the hospitals reached see their own records only.
 */
export const outreachActivities = pgTable(
  'outreach_activities',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerOrganizationId: uuid('owner_organization_id')
      .notNull()
      .references(() => organizations.id),
    kind: text('kind', { enum: ['visit', 'tele_session'] }).notNull(),
    date: date('date', { mode: 'string' }).notNull(),
    organizationIds: uuid('organization_ids').array().notNull(),
    surgeonIds: uuid('surgeon_ids').array().notNull(),
    activity: text('activity', { enum: ['demonstration_operation', 'lecture', 'ward_round', 'teaching_class'] }),
    videoLink: text('video_link'),
    participants: text('participants'),
    notes: text('notes'),
    ...recordColumns,
  },
  (t) => [
    index('outreach_activities_owner_idx').on(t.ownerOrganizationId, t.date),
    check('outreach_activities_kind_ck', sql`${t.kind} in ('visit','tele_session')`),
    check(
      'outreach_activities_activity_ck',
      sql`${t.activity} is null or ${t.activity} in ('demonstration_operation','lecture','ward_round','teaching_class')`,
    ),
    check('outreach_activities_visit_ck', sql`${t.kind} <> 'visit' or ${t.activity} is not null`),
  ],
);

/** Partner agreements (对口支援, 医联体, 专科联盟 …) with a partner or primary hospital. */
export const partnerAgreements = pgTable(
  'partner_agreements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerOrganizationId: uuid('owner_organization_id')
      .notNull()
      .references(() => organizations.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    kind: text('kind', { enum: ['counterpart_support', 'medical_alliance', 'specialist_alliance', 'telemedicine', 'other'] }).notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }),
    scope: text('scope').notNull(),
    ...recordColumns,
  },
  (t) => [
    index('partner_agreements_org_idx').on(t.organizationId, t.startDate),
    check(
      'partner_agreements_kind_ck',
      sql`${t.kind} in ('counterpart_support','medical_alliance','specialist_alliance','telemedicine','other')`,
    ),
    check('partner_agreements_dates_ck', sql`${t.endDate} is null or ${t.endDate} >= ${t.startDate}`),
  ],
);

/** Exchange visits: the partner's doctors visiting us (`in`) or ours working there (`out`). */
export const exchangeVisits = pgTable(
  'exchange_visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerOrganizationId: uuid('owner_organization_id')
      .notNull()
      .references(() => organizations.id),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    direction: text('direction', { enum: ['in', 'out'] }).notNull(),
    doctors: text('doctors').notNull(),
    fromDate: date('from_date', { mode: 'string' }).notNull(),
    toDate: date('to_date', { mode: 'string' }).notNull(),
    purpose: text('purpose').notNull(),
    ...recordColumns,
  },
  (t) => [
    index('exchange_visits_org_idx').on(t.organizationId, t.fromDate),
    check('exchange_visits_direction_ck', sql`${t.direction} in ('in','out')`),
    check('exchange_visits_dates_ck', sql`${t.toDate} >= ${t.fromDate}`),
  ],
);

/** In-app notifications are derived from the records; this keeps only which ones a user has read (by key). */
export const consultationNotificationReads = pgTable(
  'consultation_notification_reads',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    key: text('key').notNull(),
    readAt: tstz('read_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
