import { sql } from 'drizzle-orm';
import { check, date, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, tstz } from './common.js';
import { organizations } from './organizations.js';
import { patients } from './patients.js';
import { users } from './users.js';

/**
 * Research (issue 14, docs/research.md): grant projects with ethics approval, members and outputs; the
 * cohort (saved query, frozen list at a date); consent per patient per project. `export_secret` is the
 * project's pseudonym key (HMAC): it never leaves the server, so a pseudonym cannot be linked back without it.
 */
export const researchProjects = pgTable(
  'research_projects',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    title: text('title').notNull(),
    funder: text('funder').notNull(),
    grantNo: text('grant_no').notNull(),
    startDate: date('start_date', { mode: 'string' }).notNull(),
    endDate: date('end_date', { mode: 'string' }).notNull(),
    piUserId: uuid('pi_user_id').references(() => users.id),
    piName: text('pi_name'),
    budgetYuan: doublePrecision('budget_yuan'),
    ethicsCommittee: text('ethics_committee'),
    ethicsNumber: text('ethics_number'),
    ethicsApprovedOn: date('ethics_approved_on', { mode: 'string' }),
    ethicsExpiresOn: date('ethics_expires_on', { mode: 'string' }),
    members: jsonb('members').$type<{ name: string; role: string; userId: string | null }[]>().notNull().default([]),
    kThreshold: integer('k_threshold').notNull().default(5),
    cohortCriteria: jsonb('cohort_criteria').$type<Record<string, unknown> | null>(),
    cohortFrozenOn: date('cohort_frozen_on', { mode: 'string' }),
    exportSecret: text('export_secret').notNull(),
    ...recordColumns,
  },
  (t) => [
    index('research_projects_org_idx').on(t.organizationId),
    check('research_projects_dates_ck', sql`${t.endDate} >= ${t.startDate}`),
    check('research_projects_k_ck', sql`${t.kThreshold} between 2 and 100`),
  ],
);

/** The frozen cohort: who matched the saved query on `cohort_frozen_on` (replaced when frozen again). */
export const researchCohortMembers = pgTable(
  'research_cohort_members',
  {
    projectId: uuid('project_id')
      .notNull()
      .references(() => researchProjects.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.patientId] })],
);

/** Consent per patient per project; `date_offset_days` is the patient's date shift, constant within the project. */
export const researchParticipants = pgTable(
  'research_participants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => researchProjects.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    consentObtainedOn: date('consent_obtained_on', { mode: 'string' }).notNull(),
    withdrawnOn: date('withdrawn_on', { mode: 'string' }),
    dateOffsetDays: integer('date_offset_days').notNull(),
    ...recordColumns,
  },
  (t) => [
    uniqueIndex('research_participants_uq').on(t.projectId, t.patientId),
    index('research_participants_patient_idx').on(t.patientId),
    check('research_participants_withdraw_ck', sql`${t.withdrawnOn} is null or ${t.withdrawnOn} >= ${t.consentObtainedOn}`),
  ],
);

/** Papers (with DOI), patents and awards of a project. */
export const researchOutputs = pgTable(
  'research_outputs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => researchProjects.id),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    year: integer('year').notNull(),
    doi: text('doi'),
    reference: text('reference'),
    deletedAt: tstz('deleted_at'),
    ...recordColumns,
  },
  (t) => [index('research_outputs_project_idx').on(t.projectId)],
);
