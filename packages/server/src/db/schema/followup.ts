import { sql } from 'drizzle-orm';
import { boolean, date, index, integer, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, tstz } from './common.js';
import { complications, oncologyDiagnoses, operations } from './oncology.js';
import { admissions } from './ward.js';
import { patients } from './patients.js';
import { users } from './users.js';

/**
 * Follow-up (issue 11, docs/follow-up.md): one plan per operated cancer diagnosis, its dated items (from
 * followUpPlan of @gisurg/clinical), the contacts recorded after discharge, and the patient-reported
 * outcome (PRO) invitations with their answers and alerts.
 */
export const followUpPlans = pgTable(
  'follow_up_plans',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    diagnosisId: uuid('diagnosis_id')
      .notNull()
      .references(() => oncologyDiagnoses.id),
    operationId: uuid('operation_id')
      .notNull()
      .references(() => operations.id),
    /** 'colorectal' | 'stomach' (the followUpPlan site). */
    site: text('site').notNull(),
    stage: text('stage').notNull(),
    guideline: text('guideline').notNull(),
    intervalChoice: text('interval_choice').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    /** Set when a doctor adjusted the plan; a plan adjusted by hand is no longer regenerated automatically. */
    adjustReason: text('adjust_reason'),
    ...recordColumns,
  },
  (t) => [uniqueIndex('follow_up_plans_operation_uq').on(t.operationId), index('follow_up_plans_patient_idx').on(t.patientId)],
);

export const followUpItems = pgTable(
  'follow_up_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    planId: uuid('plan_id')
      .notNull()
      .references(() => followUpPlans.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    dueDate: date('due_date', { mode: 'string' }).notNull(),
    monthsAfterSurgery: integer('months_after_surgery').notNull(),
    kind: text('kind').notNull(),
    note: jsonb('note').$type<{ zh: string; en: string } | null>(),
    /** planned | done | cancelled */
    status: text('status').notNull().default('planned'),
    contactId: uuid('contact_id'),
  },
  (t) => [index('follow_up_items_due_idx').on(t.status, t.dueDate), index('follow_up_items_plan_idx').on(t.planId, t.dueDate)],
);

export const followUpContacts = pgTable(
  'follow_up_contacts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    contactDate: date('contact_date', { mode: 'string' }).notNull(),
    method: text('method').notNull(),
    status: text('status').notNull(),
    recurrenceDate: date('recurrence_date', { mode: 'string' }),
    recurrenceSite: text('recurrence_site'),
    deathDate: date('death_date', { mode: 'string' }),
    deathCause: text('death_cause'),
    notes: text('notes'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    ...recordColumns,
  },
  // With what survival reads of each contact in the key, so that the cohort's follow-up is read from the index alone
  // (analyze-survival.ts; issue 18 "Scale").
  (t) => [index('follow_up_contacts_patient_idx').on(t.patientId, t.contactDate, t.status, t.deathDate, t.recurrenceDate)],
);

/**
 * Contact attempts that failed (phone not answered…). Kept apart from the contacts so survival and research,
 * which read the contacts, never see them; enough of them since the last contact records the patient as lost.
 */
export const followUpAttempts = pgTable(
  'follow_up_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    attemptDate: date('attempt_date', { mode: 'string' }).notNull(),
    method: text('method').notNull(),
    notes: text('notes'),
    recordedBy: uuid('recorded_by').references(() => users.id),
    createdAt: tstz('created_at').notNull().defaultNow(),
  },
  (t) => [index('follow_up_attempts_patient_idx').on(t.patientId, t.attemptDate)],
);

export const proInvitations = pgTable(
  'pro_invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    /** SHA-256 of the link's token (hex); the token itself is never stored. */
    tokenHash: text('token_hash').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: tstz('created_at').notNull().defaultNow(),
    revoked: boolean('revoked').notNull().default(false),
  },
  (t) => [uniqueIndex('pro_invitations_token_uq').on(t.tokenHash), index('pro_invitations_patient_idx').on(t.patientId)],
);

export const proResponses = pgTable(
  'pro_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    invitationId: uuid('invitation_id')
      .notNull()
      .references(() => proInvitations.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    submittedAt: tstz('submitted_at').notNull(),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
    /** Questions whose answer passed its threshold; empty = no alert. */
    alertReasons: text('alert_reasons')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** open | handled; null when the answers raised no alert. */
    alertStatus: text('alert_status'),
    alertAction: text('alert_action'),
    alertNote: text('alert_note'),
    handledBy: uuid('handled_by').references(() => users.id),
    handledAt: tstz('handled_at'),
    /** The readmission that followed the alert, linked by the team (docs/follow-up.md). */
    admissionId: uuid('admission_id').references(() => admissions.id),
    /** A complication within the alert's window, linked by the team. */
    complicationId: uuid('complication_id').references(() => complications.id),
  },
  (t) => [index('pro_responses_alert_idx').on(t.alertStatus, t.submittedAt), index('pro_responses_patient_idx').on(t.patientId)],
);
