import { randomUUID } from 'node:crypto';
import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import { auditLog, organizations, patients, patientSearchTerms } from '../../db/schema/index.js';
import { isExternal } from '../../auth/actor.js';
import { auditRow } from '../../audit/record.js';
import { queryRows } from '../../db/sql.js';
import type { UseCaseContext } from '../../core/context.js';
import { fieldIssue, invalidField } from '../../core/validation.js';
import { AppError } from '../../core/app-error.js';
import type { Actor } from '../../auth/actor.js';
import { todayIn } from '@gisurg/contracts';
import type { Db } from '../../db/types.js';
import { toPatientDto } from './queries.js';
import type { PatientRow } from './visibility.js';
import { patientSearchTerms as termsFor } from './search-terms.js';
import type { CreatePatient, PatientDto } from '@gisurg/contracts/patients';
import { checkPatientIdentity } from './validate-patient.js';

/** The home organization that keeps patient records (the actor's own, or the home hospital for external doctors). */
async function keeperOrganization(db: Db, orgId: string, external: boolean): Promise<string> {
  if (!external) return orgId;
  const [home] = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.kind, 'home')).limit(1);
  if (!home) throw new Error('no home organization configured');
  return home.id;
}

/** A source organization must exist and be external; external doctors can only name their own. */
export async function checkSourceOrganization(
  ctx: UseCaseContext,
  sourceOrganizationId: string | null | undefined,
): Promise<string | null> {
  const { db, actor, locale } = ctx;
  if (isExternal(actor)) {
    if (sourceOrganizationId && sourceOrganizationId !== actor.organizationId) {
      throw invalidField(locale, 'sourceOrganizationId', 'validation.organization.unknown');
    }
    return actor.organizationId;
  }
  if (!sourceOrganizationId) return null;
  const [org] = await db.select({ kind: organizations.kind }).from(organizations).where(eq(organizations.id, sourceOrganizationId));
  if (!org) throw invalidField(locale, 'sourceOrganizationId', 'validation.organization.unknown');
  if (org.kind === 'home') throw invalidField(locale, 'sourceOrganizationId', 'validation.organization.notExternal');
  return sourceOrganizationId;
}

/**
 * Home staff keep one record per person: a second record with the same ID number (whichever hospital
 * referred the first) is refused on the ID field. External doctors are not asked: they may not learn who is
 * a patient here, and the unique index lets each referring hospital keep its own record of the person
 * (docs/external-doctors.md); a second registration by the same hospital fails on that index, on the field.
 */
export async function refuseDuplicateId(
  db: Db,
  actor: Actor,
  locale: UseCaseContext['locale'],
  p: { organizationId: string; idType: string; idNumber: string | null; exceptId?: string },
): Promise<void> {
  if (isExternal(actor) || !p.idNumber) return;
  const [hit] = await db
    .select({ id: patients.id })
    .from(patients)
    .where(
      and(
        eq(patients.organizationId, p.organizationId),
        eq(patients.idType, p.idType as typeof patients.$inferSelect.idType),
        eq(patients.idNumber, p.idNumber),
        isNull(patients.deletedAt),
        p.exceptId ? ne(patients.id, p.exceptId) : undefined,
      ),
    )
    .limit(1);
  if (hit) throw new AppError('CONFLICT', 'errors.duplicateField', { fields: [fieldIssue(locale, 'idNumber', 'validation.duplicate')] });
}

/**
 * Register a patient in ONE statement (issue 18): the duplicate-ID check, the patient row, its search terms
 * and the audit row are data-modifying CTEs of a single INSERT, so they commit or roll back together (a
 * statement is its own transaction) in one round trip instead of seven (BEGIN, check, insert, delete
 * terms, insert terms, audit, COMMIT). A duplicate ID (home staff) inserts nothing and answers 409 on the field.
 */
export async function createPatient(ctx: UseCaseContext, input: CreatePatient): Promise<PatientDto> {
  const { db, actor, meta, locale, clock } = ctx;
  const today = todayIn(ctx.timeZone, clock.now());
  const idNumber = checkPatientIdentity({ ...input, idNumber: input.idNumber ?? null }, locale, today);
  const sourceOrganizationId = await checkSourceOrganization(ctx, input.sourceOrganizationId);
  const organizationId = await keeperOrganization(db, actor.organizationId, isExternal(actor));
  const now = clock.now();
  const row: PatientRow = {
    id: randomUUID(),
    organizationId,
    sourceOrganizationId,
    name: input.name,
    sex: input.sex,
    birthDate: input.birthDate,
    idType: input.idType,
    idNumber,
    inpatientNo: input.inpatientNo ?? null,
    phone: input.phone ?? null,
    address: input.address ?? null,
    ethnicity: input.ethnicity ?? null,
    allergies: input.allergies ?? null,
    deletedAt: null,
    createdAt: now,
    updatedAt: now,
    createdBy: actor.userId,
    updatedBy: actor.userId,
    version: 1,
  };
  const terms = termsFor(row);
  const a = auditRow(meta, actor, {
    action: 'patient.create',
    outcome: 'success',
    resourceType: 'patient',
    resourceId: row.id,
    patientId: row.id,
  });
  // Home staff keep one record per person (refuseDuplicateId); external doctors are not asked.
  const checkDuplicate = !isExternal(actor) && idNumber !== null;
  const at = sql`${now.toISOString()}::timestamptz`;
  const [r] = await queryRows<{ n: number }>(
    db,
    sql`with dup as (
      select 1 from ${patients}
      where ${checkDuplicate}::boolean and organization_id = ${organizationId} and id_type = ${row.idType}
        and id_number = ${idNumber} and deleted_at is null
      limit 1
    ), p as (
      insert into ${patients} (id, organization_id, source_organization_id, name, sex, birth_date, id_type, id_number,
        inpatient_no, phone, address, ethnicity, allergies, created_at, updated_at, created_by, updated_by, version)
      select ${row.id}::uuid, ${organizationId}::uuid, ${sourceOrganizationId}::uuid, ${row.name}, ${row.sex}, ${row.birthDate}::date,
        ${row.idType}, ${idNumber}, ${row.inpatientNo}, ${row.phone}, ${row.address}, ${row.ethnicity}, ${row.allergies},
        ${at}, ${at}, ${actor.userId}::uuid, ${actor.userId}::uuid, 1
      where not exists (select 1 from dup)
      returning id
    ), t as (
      insert into ${patientSearchTerms} (patient_id, kind, term)
      select p.id, x.kind, x.term from p cross join unnest(${sql.param(terms.map((x) => x.kind))}::text[], ${sql.param(terms.map((x) => x.term))}::text[]) as x(kind, term)
      on conflict do nothing
    ), a as (
      insert into ${auditLog} (actor_id, actor_role, organization_id, action, outcome, resource_type, resource_id, patient_id,
        client_ip, user_agent, request_id, details)
      select ${a.actorId}::uuid, ${a.actorRole}, ${a.organizationId}::uuid, ${a.action}, ${a.outcome}, ${a.resourceType}, ${a.resourceId},
        p.id, ${a.clientIp}, ${a.userAgent}, ${a.requestId}, null from p
    )
    select count(*)::int as n from p`,
  );
  if (!r || Number(r.n) !== 1) {
    throw new AppError('CONFLICT', 'errors.duplicateField', { fields: [fieldIssue(locale, 'idNumber', 'validation.duplicate')] });
  }
  return toPatientDto(row, actor, today);
}
