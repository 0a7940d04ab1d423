import { sql } from 'drizzle-orm';
import { boolean, check, date, index, pgTable, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, tstz } from './common.js';
import { organizations } from './organizations.js';
import { users } from './users.js';

export const patients = pgTable(
  'patients',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The organization that keeps the record (the home hospital). */
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    /** The external hospital that referred or shared the patient, if any; its doctors may see the patient. */
    sourceOrganizationId: uuid('source_organization_id').references(() => organizations.id),
    name: text('name').notNull(),
    sex: text('sex', { enum: ['male', 'female', 'unknown'] }).notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    idType: text('id_type', { enum: ['resident_id', 'passport', 'other'] })
      .notNull()
      .default('resident_id'),
    idNumber: text('id_number'),
    inpatientNo: text('inpatient_no'),
    phone: text('phone'),
    address: text('address'),
    ethnicity: text('ethnicity'),
    allergies: text('allergies'),
    deletedAt: tstz('deleted_at'),
    ...recordColumns,
  },
  (t) => [
    /**
     * One record per ID number and referring hospital: an external doctor registering a person the home
     * hospital already knows gets a record of their own referral (docs/external-doctors.md), never an error
     * that tells them the person is a patient here. Home staff are refused a second record in the use case.
     */
    uniqueIndex('patients_id_number_uq')
      .on(t.idType, t.idNumber, sql`coalesce(${t.sourceOrganizationId}, '00000000-0000-0000-0000-000000000000'::uuid)`)
      .where(sql`${t.deletedAt} is null and ${t.idNumber} is not null`),
    uniqueIndex('patients_inpatient_no_uq')
      .on(t.inpatientNo)
      .where(sql`${t.deletedAt} is null and ${t.inpatientNo} is not null`),
    index('patients_source_org_idx').on(t.sourceOrganizationId),
    index('patients_updated_idx').on(t.updatedAt),
    check('patients_sex_ck', sql`${t.sex} in ('male','female','unknown')`),
    check('patients_id_type_ck', sql`${t.idType} in ('resident_id','passport','other')`),
  ],
);

/**
 * Normalized search keys per patient (UX.md "Patient search"): name, full pinyin and initials for every
 * reading of polyphonic characters (surname mode for the surname), inpatient number, ID number and the
 * reversed ID number (so "last digits" is a prefix search). Prefix-matched with a text_pattern_ops index,
 * never computed per row at query time.
 */
export const patientSearchTerms = pgTable(
  'patient_search_terms',
  {
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id, { onDelete: 'cascade' }),
    kind: text('kind', {
      enum: ['name', 'pinyin', 'initials', 'given_name', 'given_pinyin', 'given_initials', 'inpatient_no', 'id_number', 'id_reversed'],
    }).notNull(),
    term: text('term').notNull(),
    /*
     * The patient's scope and recency, copied from `patients` by triggers (migration 0022): filled on insert when not
     * given, kept equal on every update of the patient. The search ranks and counts its matches from the term index
     * alone — a short query (two initials) matches 25,000 of 1,000,000 patients, and reading each one's row for its
     * organization and updated_at cost ~100 ms (issue 18 "Scale").
     */
    organizationId: uuid('organization_id'),
    sourceOrganizationId: uuid('source_organization_id'),
    patientUpdatedAt: tstz('patient_updated_at'),
    patientDeleted: boolean('patient_deleted').notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.patientId, t.kind, t.term] }),
    // Everything the search reads of a term in the key: its matches are ranked and counted from the index alone.
    index('patient_search_terms_term_idx').using(
      'btree',
      t.term.op('text_pattern_ops'),
      t.kind,
      t.patientId,
      t.organizationId,
      t.patientUpdatedAt,
      t.patientDeleted,
    ),
    /** Last digits of the inpatient number ("0701" finds 2024100701): a prefix of the reversed term (issue 18 "Scale"). */
    index('patient_search_terms_inpatient_suffix_idx')
      .using('btree', sql`reverse(${t.term}) text_pattern_ops`)
      .where(sql`${t.kind} = 'inpatient_no'`),
  ],
);

/**
 * Break-glass (issue 17, ADR 0015): a user opened a patient outside their normal scope, with a stated reason, until
 * `expires_at`. While a grant is live the patient is in the user's scope and every audit row of it names the grant.
 */
export const breakGlassGrants = pgTable(
  'break_glass_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    patientId: uuid('patient_id')
      .notNull()
      .references(() => patients.id),
    reason: text('reason').notNull(),
    createdAt: tstz('created_at').notNull(),
    expiresAt: tstz('expires_at').notNull(),
  },
  (t) => [index('break_glass_user_idx').on(t.userId, t.expiresAt), index('break_glass_created_idx').on(t.createdAt)],
);
