import type { Bundle, CarePlan, Patient, Resource } from '@medplum/fhirtypes';
import { recordReadAudit } from '../../audit/writer.js';
import { can } from '../../auth/actor.js';
import { AppError, notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { invalidField } from '../../core/validation.js';
import type { Db } from '../../db/types.js';
import { todayIn } from '@gisurg/contracts';
import type { FhirClinicalSearch, FhirDateParam, FhirPatientSearch, FhirResourceType } from '@gisurg/contracts/fhir';
import { loadOncologyRecord } from '../oncology-record/index.js';
import { searchset } from './bundle.js';
import { clinicalResources, toFhirPatient, type ClinicalResource, type PatientRowForFhir } from './mappers.js';
import { findVisiblePatientRow, patientOfResource, readVisiblePatientRow, searchPatientRows, staysOf } from './queries.js';
import { carePlansOf, patientOfCarePlan } from './careplans.js';
import { requireScope, scopeAllows } from './clients.js';

/**
 * FHIR read, search and $everything (issue 13). Each use case checks visibility through the patients
 * feature's scope (what the caller may not see is 404, or simply absent from a searchset) and writes one
 * audit row through the read writer (audit/writer.ts), committed before the answer is sent, like the web app's
 * reads. Reads of a whole record run in one transaction (one snapshot); the audit row is not part of it.
 */

export type ClinicalType = Exclude<FhirResourceType, 'Patient' | 'AuditEvent'>;
type RecordResource = ClinicalResource | CarePlan;
type Raw = Record<string, string | string[] | undefined>;

function asFhirPatient(ctx: UseCaseContext, row: PatientRowForFhir): Patient {
  return toFhirPatient(row, { includeIdNumber: can(ctx.actor, 'patient:read_id') });
}

/**
 * The record of one visible patient as resources; CarePlans only when asked (they cost their own queries) and
 * only those the actor may see (careplans.ts).
 */
async function recordOf(ctx: UseCaseContext, db: Db, patientId: string, withCarePlans = false): Promise<RecordResource[]> {
  const record = await loadOncologyRecord(db, patientId);
  const stays = await staysOf(db, patientId);
  const out: RecordResource[] = clinicalResources({ ...record, stays });
  if (withCarePlans) out.push(...(await carePlansOf(db, ctx.actor, patientId, ctx.timeZone)));
  return out;
}

/** Whether the caller may have `type` resources added to a searchset (_include/_revinclude): 403 otherwise. */
function requireIncluded(ctx: UseCaseContext, type: FhirResourceType): void {
  requireScope(ctx.actor, type, 'r');
  const permission = type === 'Patient' ? 'patient:read' : 'oncology:read';
  if (!can(ctx.actor, permission)) throw new AppError('FORBIDDEN', 'errors.forbidden', { permission });
}

/** `Condition:subject` → 'Condition'. */
const sourceType = (include: string) => include.slice(0, include.indexOf(':')) as ClinicalType;

export async function readPatient(ctx: UseCaseContext, id: string): Promise<Patient> {
  const { db, actor, meta } = ctx;
  const row = await readVisiblePatientRow(db, actor, id);
  if (!row) throw notFound();
  await recordReadAudit(db, meta, actor, {
    action: 'fhir.read',
    outcome: 'success',
    resourceType: 'Patient',
    // The stored id (the URL's may differ in case): also what names a break-glass grant in the audit row.
    resourceId: row.id,
    patientId: row.id,
  });
  return asFhirPatient(ctx, row);
}

export async function searchPatients(ctx: UseCaseContext, q: FhirPatientSearch, base: string, raw: Raw): Promise<Bundle> {
  const { db, actor, meta } = ctx;
  const revTypes = [...new Set((q._revinclude ?? []).map(sourceType))];
  for (const t of revTypes) requireIncluded(ctx, t);
  // One query unless resources are included: then the page and its patients' records are read in one transaction
  // (one snapshot). Either way the audit row goes through the read writer (committed before the answer), as the
  // REST reads do, instead of an INSERT inside a transaction of its own.
  const read = async (d: Db) => {
    const { rows, total } = await searchPatientRows(d, actor, q, ctx.timeZone);
    // _revinclude: the clinical resources of the patients on this page (each one visible: they are in the page).
    const included: Resource[] = [];
    for (const row of revTypes.length ? rows : []) {
      const resources = await recordOf(ctx, d, row.id, revTypes.includes('CarePlan'));
      included.push(...resources.filter((r) => (revTypes as string[]).includes(r.resourceType)));
    }
    return { rows, total, included };
  };
  const { rows, total, included } = revTypes.length ? await db.transaction(read) : await read(db);
  await recordReadAudit(db, meta, actor, {
    action: 'fhir.search',
    outcome: 'success',
    resourceType: 'Patient',
    details: {
      patientIds: rows.map((r) => r.id),
      total,
      page: q._page,
      params: Object.keys(raw).filter((k) => raw[k] !== undefined),
      ...(included.length ? { included: included.map((r) => `${r.resourceType}/${r.id}`) } : {}),
    },
  });
  return searchset({
    base,
    path: 'Patient',
    params: raw,
    page: q._page,
    count: q._count,
    total,
    resources: rows.map((r) => asFhirPatient(ctx, r)),
    included,
  });
}

export async function readClinical(ctx: UseCaseContext, type: ClinicalType, id: string): Promise<Resource> {
  const { db, actor, meta } = ctx;
  // The record is read in one transaction (one snapshot); its audit row is committed by the read writer after it.
  const { found, patientId } = await db.transaction(async (tx) => {
    const owner = type === 'CarePlan' ? await patientOfCarePlan(tx, id) : await patientOfResource(tx, type, id);
    const patient = owner ? await findVisiblePatientRow(tx, actor, owner) : null;
    if (!patient) throw notFound();
    const resource = (await recordOf(ctx, tx, patient.id, type === 'CarePlan')).find((r) => r.resourceType === type && r.id === id);
    if (!resource) throw notFound();
    return { found: resource, patientId: patient.id };
  });
  await recordReadAudit(db, meta, actor, { action: 'fhir.read', outcome: 'success', resourceType: type, resourceId: id, patientId });
  return found;
}

/** The clinical date a `date` search compares: effective, recorded or performed date, the stay's or plan's start. */
function clinicalDate(r: RecordResource): string | null {
  switch (r.resourceType) {
    case 'Condition':
      return r.recordedDate ?? null;
    case 'Observation':
      return r.effectiveDateTime ?? null;
    case 'Procedure':
      return r.performedDateTime ?? r.performedPeriod?.start ?? null;
    case 'Encounter':
    case 'CarePlan':
      return r.period?.start ?? null;
  }
}

function matchesDate(value: string | null, params: FhirDateParam | undefined, timeZone: string): boolean {
  if (!params?.length) return true;
  if (!value) return false;
  const day = value.length > 10 ? todayIn(timeZone, new Date(value)) : value;
  return params.every(({ prefix, date }) =>
    prefix === 'ge'
      ? day >= date
      : prefix === 'gt'
        ? day > date
        : prefix === 'le'
          ? day <= date
          : prefix === 'lt'
            ? day < date
            : day === date,
  );
}

/** `code`: `system|code`, `|code` (no system) or `code` (any system), against every coding of `code`. */
function matchesCode(r: RecordResource, code: string | undefined): boolean {
  if (!code) return true;
  const codings =
    'code' in r && r.code
      ? (r.code.coding ?? [])
      : r.resourceType === 'Encounter'
        ? [r.class]
        : r.resourceType === 'CarePlan'
          ? (r.category ?? []).flatMap((c) => c.coding ?? [])
          : [];
  const bar = code.indexOf('|');
  if (bar < 0) return codings.some((c) => c.code === code);
  const system = code.slice(0, bar);
  const value = code.slice(bar + 1);
  return codings.some((c) => c.code === value && (system === '' ? !c.system : c.system === system));
}

/** `patient=<id>`, `patient=Patient/<id>` or `subject=Patient/<id>`. */
function patientParam(ctx: UseCaseContext, q: FhirClinicalSearch): string {
  const raw = q.patient ?? q.subject;
  if (!raw) throw invalidField(ctx.locale, 'patient', 'fhir.validation.patientRequired');
  return raw.startsWith('Patient/') ? raw.slice('Patient/'.length) : raw;
}

export async function searchClinical(
  ctx: UseCaseContext,
  type: ClinicalType,
  q: FhirClinicalSearch,
  base: string,
  raw: Raw,
): Promise<Bundle> {
  const { db, actor, meta } = ctx;
  const patientId = patientParam(ctx, q);
  // _include of the subject Patient (`<type>:subject` / `<type>:patient`); includes of other types are ignored.
  const includePatient = (q._include ?? []).some((i) => sourceType(i) === type);
  if (includePatient) requireIncluded(ctx, 'Patient');
  // The record in one transaction (one snapshot); the audit row through the read writer once it is read.
  const { patient, all } = await db.transaction(async (tx) => {
    const found = await findVisiblePatientRow(tx, actor, patientId);
    // A patient the caller may not see has no resources for them: an empty searchset, audited as such.
    return { patient: found, all: found ? await recordOf(ctx, tx, found.id, type === 'CarePlan') : [] };
  });
  const matches = all.filter(
    (r) =>
      r.resourceType === type &&
      (!q._id || r.id === q._id) &&
      matchesCode(r, type === 'CarePlan' ? q.category : q.code) &&
      matchesDate(clinicalDate(r), q.date, ctx.timeZone) &&
      matchesDate(r.meta?.lastUpdated ?? null, q._lastUpdated, ctx.timeZone),
  );
  const page = q._count === 0 ? [] : matches.slice((q._page - 1) * q._count, q._page * q._count);
  const included = includePatient && patient && page.length ? [asFhirPatient(ctx, patient)] : [];
  await recordReadAudit(db, meta, actor, {
    action: 'fhir.search',
    outcome: patient ? 'success' : 'not_found',
    resourceType: type,
    patientId: patient?.id ?? null,
    details: {
      total: matches.length,
      page: q._page,
      resourceIds: page.map((r) => r.id),
      ...(included.length ? { included: included.map((r) => `Patient/${r.id}`) } : {}),
    },
  });
  return searchset({
    base,
    path: type,
    params: raw,
    page: q._page,
    count: q._count,
    total: matches.length,
    resources: page,
    included,
  });
}

/** `Patient/:id/$everything`: the patient and every resource of their record, paged. */
export async function patientEverything(
  ctx: UseCaseContext,
  id: string,
  q: { _count: number; _page: number },
  base: string,
): Promise<Bundle> {
  const { db, actor, meta } = ctx;
  const { patientId, all } = await db.transaction(async (tx) => {
    const row = await findVisiblePatientRow(tx, actor, id);
    if (!row) throw notFound();
    // CarePlans when the client's scopes cover them (users: those their permissions reach, careplans.ts).
    const resources: Resource[] = [asFhirPatient(ctx, row), ...(await recordOf(ctx, tx, row.id, scopeAllows(actor, 'CarePlan', 'r')))];
    return { patientId: row.id, all: resources };
  });
  const page = all.slice((q._page - 1) * q._count, q._page * q._count);
  await recordReadAudit(db, meta, actor, {
    action: 'fhir.everything',
    outcome: 'success',
    resourceType: 'Patient',
    resourceId: patientId,
    patientId,
    details: { total: all.length, page: q._page },
  });
  return searchset({
    base,
    path: `Patient/${id}/$everything`,
    params: {},
    page: q._page,
    count: q._count,
    total: all.length,
    resources: page,
  });
}
