import { and, eq, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { organizations, patients } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { Actor } from '../../auth/actor.js';
import { isExternal } from '../../auth/actor.js';
import { notFound } from '../../core/app-error.js';

/**
 * Patient visibility, owned by the patients feature (issue 15): every feature that reads or writes patient
 * data asks here which patients the actor may reach, so the rule is written once.
 */

export type PatientRow = typeof patients.$inferSelect;
export type VisiblePatient = PatientRow & { sourceOrganizationName: string | null };

/**
 * Which patients an actor may reach (ARCHITECTURE.md: authorize in the use case AND in the WHERE clause).
 * Home-hospital staff: the patients their hospital keeps. External doctors: the patients their own
 * organization referred or shared (sourceOrganizationId). Anything else reads as missing (404).
 */
export function patientScope(actor: Actor): SQL {
  const base = isNull(patients.deletedAt);
  const own = isExternal(actor)
    ? eq(patients.sourceOrganizationId, actor.organizationId)
    : eq(patients.organizationId, actor.organizationId);
  // Break-glass (ADR 0015): a live grant adds that one patient to the actor's scope until it ends.
  const granted = actor.breakGlass && actor.breakGlass.size > 0 ? inArray(patients.id, [...actor.breakGlass.keys()]) : undefined;
  return and(base, granted ? or(own, granted) : own)!;
}

/**
 * patientScope for a prepared statement (db/prepared.ts): the organization is the placeholder `org`, so one
 * statement per kind of actor serves every actor of that kind. Without the break-glass grants (they vary per
 * actor): a caller whose prepared read finds nothing falls back to patientScope when the actor holds a grant.
 */
export function preparedPatientScope(external: boolean): SQL {
  return and(isNull(patients.deletedAt), eq(external ? patients.sourceOrganizationId : patients.organizationId, sql.placeholder('org')))!;
}

export async function findVisiblePatient(
  db: Db,
  actor: Actor,
  id: string,
): Promise<(PatientRow & { sourceOrganizationName: string | null }) | null> {
  const rows = await db
    .select({ p: patients, sourceOrganizationName: organizations.name })
    .from(patients)
    .leftJoin(organizations, eq(organizations.id, patients.sourceOrganizationId))
    .where(and(eq(patients.id, id), patientScope(actor)))
    .limit(1);
  const r = rows[0];
  return r ? { ...r.p, sourceOrganizationName: r.sourceOrganizationName } : null;
}

/** The patient, or 404 (also for another hospital's patient: the scope is in the WHERE clause). */
export async function requireVisiblePatient(db: Db, actor: Actor, patientId: string): Promise<VisiblePatient> {
  const p = await findVisiblePatient(db, actor, patientId);
  if (!p) throw notFound();
  return p;
}

/** Ids of the patients the actor may reach, as a subquery for UPDATE … WHERE patient_id IN (…). */
export function visiblePatientIds(db: Db, actor: Actor) {
  return db.select({ id: patients.id }).from(patients).where(patientScope(actor));
}
