import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, tstz } from './common.js';

/** Hospitals: the home hospital and external (primary, partner, other) hospitals. Tenants of the platform. */
export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    kind: text('kind', { enum: ['home', 'primary', 'partner', 'other'] }).notNull(),
    /** Administrative region (e.g. 杭州市 / 丽水市), free text. */
    region: text('region'),
    disabledAt: tstz('disabled_at'),
    ...recordColumns,
  },
  (t) => [
    uniqueIndex('organizations_name_uq').on(t.name),
    check('organizations_kind_ck', sql`${t.kind} in ('home','primary','partner','other')`),
  ],
);

/** Departments of an organization (the home hospital's Department of GI and Anal Surgery). */
export const departments = pgTable(
  'departments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    ...recordColumns,
  },
  (t) => [uniqueIndex('departments_org_name_uq').on(t.organizationId, t.name)],
);

/** Wards and their beds. The ward feature (bed board, ADT) builds on these. */
export const wards = pgTable(
  'wards',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    departmentId: uuid('department_id')
      .notNull()
      .references(() => departments.id),
    code: text('code').notNull(),
    name: text('name').notNull(),
    nameEn: text('name_en'),
    kind: text('kind', { enum: ['general', 'icu', 'hdu'] })
      .notNull()
      .default('general'),
    sortOrder: integer('sort_order').notNull().default(0),
    ...recordColumns,
  },
  (t) => [uniqueIndex('wards_dept_code_uq').on(t.departmentId, t.code)],
);

export const beds = pgTable(
  'beds',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    wardId: uuid('ward_id')
      .notNull()
      .references(() => wards.id),
    label: text('label').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    ...recordColumns,
  },
  (t) => [uniqueIndex('beds_ward_label_uq').on(t.wardId, t.label), index('beds_ward_idx').on(t.wardId)],
);
