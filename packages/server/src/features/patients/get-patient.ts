import { and, eq, sql } from 'drizzle-orm';
import { recordReadAudit } from '../../audit/writer.js';
import { isExternal } from '../../auth/actor.js';
import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { organizations, patients } from '../../db/schema/index.js';
import { prepared } from '../../db/prepared.js';
import type { Db } from '../../db/types.js';
import { todayIn } from '@gisurg/contracts';
import { toPatientDto } from './queries.js';
import { findVisiblePatient, preparedPatientScope } from './visibility.js';
import type { PatientDto } from '@gisurg/contracts/patients';

/** The visible-patient query of visibility.ts (patientScope), prepared once per handle for each kind of actor. */
function readQuery(db: Db, external: boolean) {
  return prepared(db, external ? 'patient_read_external' : 'patient_read_home', (d, name) =>
    d
      .select({ p: patients, sourceOrganizationName: organizations.name })
      .from(patients)
      .leftJoin(organizations, eq(organizations.id, patients.sourceOrganizationId))
      .where(and(eq(patients.id, sql.placeholder('id')), preparedPatientScope(external)))
      .limit(1)
      .prepare(name),
  );
}

/**
 * One patient, or NOT_FOUND (also when it belongs to another organization). Every read is audited: the
 * audit row is committed (batched with other requests' rows, audit/writer.ts) before the patient is returned.
 */
export async function getPatient(ctx: UseCaseContext, id: string): Promise<PatientDto> {
  const { db, actor, meta, clock } = ctx;
  let [row] = await readQuery(db, isExternal(actor)).execute({ id, org: actor.organizationId });
  // Outside the normal scope only through a live break-glass grant (ADR 0015); the audit row then names the grant.
  if (!row && actor.breakGlass?.has(id.toLowerCase())) {
    const p = await findVisiblePatient(db, actor, id);
    if (p) {
      const { sourceOrganizationName, ...rest } = p;
      row = { p: rest, sourceOrganizationName };
    }
  }
  if (!row) throw notFound();
  await recordReadAudit(db, meta, actor, {
    action: 'patient.read',
    outcome: 'success',
    resourceType: 'patient',
    // The stored id (the URL's may differ in case): also what names a break-glass grant in the audit row.
    resourceId: row.p.id,
    patientId: row.p.id,
  });
  return toPatientDto({ ...row.p, sourceOrganizationName: row.sourceOrganizationName }, actor, todayIn(ctx.timeZone, clock.now()));
}
