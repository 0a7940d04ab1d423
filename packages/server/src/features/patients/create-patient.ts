import { and, eq, isNull, ne } from 'drizzle-orm';
import { organizations, patients } from '../../db/schema/index.js';
import { isExternal } from '../../auth/actor.js';
import { recordAudit } from '../../audit/record.js';
import type { UseCaseContext } from '../../core/context.js';
import { fieldIssue, invalidField } from '../../core/validation.js';
import { AppError } from '../../core/app-error.js';
import type { Actor } from '../../auth/actor.js';
import { todayIn } from '@gisurg/contracts';
import type { Db } from '../../db/types.js';
import { toPatientDto, writeSearchTerms } from './queries.js';
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

export async function createPatient(ctx: UseCaseContext, input: CreatePatient): Promise<PatientDto> {
  const { db, actor, meta, locale, clock } = ctx;
  const today = todayIn(ctx.timeZone, clock.now());
  const idNumber = checkPatientIdentity({ ...input, idNumber: input.idNumber ?? null }, locale, today);
  const sourceOrganizationId = await checkSourceOrganization(ctx, input.sourceOrganizationId);
  const organizationId = await keeperOrganization(db, actor.organizationId, isExternal(actor));
  return db.transaction(async (tx) => {
    await refuseDuplicateId(tx, actor, locale, { organizationId, idType: input.idType, idNumber });
    const now = clock.now();
    const [row] = await tx
      .insert(patients)
      .values({
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
        createdAt: now,
        updatedAt: now,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning();
    await writeSearchTerms(tx, row!);
    await recordAudit(tx, meta, actor, {
      action: 'patient.create',
      outcome: 'success',
      resourceType: 'patient',
      resourceId: row!.id,
      patientId: row!.id,
    });
    return toPatientDto(row!, actor, today);
  });
}
