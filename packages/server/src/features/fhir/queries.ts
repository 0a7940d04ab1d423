import { and, asc, eq, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import {
  admissions,
  oncologyDiagnoses,
  operations,
  patients,
  patientSearchTerms,
  performanceStatus,
  tumorMarkers,
} from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { Actor } from '../../auth/actor.js';
import { can, isExternal } from '../../auth/actor.js';
import { prepared } from '../../db/prepared.js';
import { patientScope, preparedPatientScope } from '../patients/index.js';
import { boundPlaceholder, normalizeQuery, prefixRange, termInRange } from '../patients/index.js';
import { FHIR_SYSTEMS, type FhirDateParam, type FhirPatientSearch } from '@gisurg/contracts/fhir';
import type { PatientRowForFhir, StayRow } from './mappers.js';

/**
 * Reads of the FHIR facade. Patient visibility is the patients feature's rule (`patientScope`) in every WHERE
 * clause: an external hospital's caller cannot select another hospital's rows, in a read or inside a search.
 */

const DATE_OPS = { eq: sql.raw('='), ge: sql.raw('>='), gt: sql.raw('>'), le: sql.raw('<='), lt: sql.raw('<') } as const;

/** A date search parameter on a date column (or a day expression). */
export function dateWhere(column: PgColumn | SQL, params: FhirDateParam | undefined): SQL | undefined {
  if (!params?.length) return undefined;
  return and(...params.map(({ prefix, date }) => sql`${column} ${DATE_OPS[prefix]} ${date}::date`));
}

/** Timestamp columns compared by the calendar day in the hospital's time zone (`_lastUpdated`). */
export function dayOf(column: PgColumn, timeZone: string): SQL {
  return sql`(${column} at time zone ${timeZone})::date`;
}

/** `identifier` = `system|value` or `value`: 住院号, and the ID number only for callers who may read it. */
function identifierWhere(actor: Actor, identifier: string): SQL {
  const bar = identifier.indexOf('|');
  const system = bar >= 0 ? identifier.slice(0, bar) : null;
  const value = bar >= 0 ? identifier.slice(bar + 1) : identifier;
  const byInpatient = eq(patients.inpatientNo, value);
  const idKind =
    system === FHIR_SYSTEMS.residentId
      ? 'resident_id'
      : system === FHIR_SYSTEMS.passport
        ? 'passport'
        : system === FHIR_SYSTEMS.otherId
          ? 'other'
          : null;
  const byId = can(actor, 'patient:read_id')
    ? idKind
      ? and(eq(patients.idType, idKind), eq(patients.idNumber, value.toUpperCase()))
      : eq(patients.idNumber, value.toUpperCase())
    : undefined;
  if (system === FHIR_SYSTEMS.inpatientNo) return byInpatient;
  if (idKind) return byId ?? sql`false`;
  if (system) return sql`false`;
  return byId ? or(byInpatient, byId)! : byInpatient;
}

/** The kinds of search term a FHIR `name` matches (no numbers: those are `identifier`). */
const NAME_KINDS = sql.raw(`('name','pinyin','initials','given_name','given_pinyin','given_initials')`);

/**
 * The patients with a name term in [lo, hi). The matching ids as an array, so the patients are fetched by primary key:
 * `id in (subquery)` let the planner hash-join a scan of every patient, or worse before statistics exist (8× slower on
 * a fresh embedded database; issue 18: plans must not depend on statistics being current). The same shape as the REST
 * search; the prefix is a range on the terms' text_pattern_ops index (termInRange), as there.
 */
function nameTermsIn(lo: string | SQL, hi: string | SQL): SQL {
  const t = patientSearchTerms;
  return sql`${patients.id} = any(array(select ${t.patientId} from ${t} where ${termInRange(t.term, lo, hi)} and ${t.kind} in ${NAME_KINDS}))`;
}

/** `name`: name characters, full pinyin or initials (also of the given name), as a prefix, like the patient search. */
function nameWhere(name: string): SQL {
  const q = normalizeQuery(name);
  const { lo, hi } = prefixRange(q);
  if (!q || hi === null) return sql`false`;
  return nameTermsIn(lo, hi);
}

export const patientColumns = {
  id: patients.id,
  name: patients.name,
  sex: patients.sex,
  birthDate: patients.birthDate,
  idType: patients.idType,
  idNumber: patients.idNumber,
  inpatientNo: patients.inpatientNo,
  phone: patients.phone,
  address: patients.address,
  organizationId: patients.organizationId,
  updatedAt: patients.updatedAt,
};

/** One page of the visible patients matching the search, and the total. */
export async function searchPatientRows(
  db: Db,
  actor: Actor,
  q: FhirPatientSearch,
  timeZone: string,
): Promise<{ rows: PatientRowForFhir[]; total: number }> {
  // The common search — a name, paged — as a named prepared statement per kind of actor (issue 13 point 5): built
  // and planned once per connection. Actors holding a break-glass grant take the general query (the grant adds
  // its patient to the scope, which a shared statement cannot hold).
  const onlyName = q.name !== undefined && !q._id && !q.identifier && !q.birthdate?.length && !q._lastUpdated?.length;
  if (onlyName && q._count > 0 && !actor.breakGlass?.size) {
    const { lo, hi } = prefixRange(normalizeQuery(q.name!));
    if (lo !== '' && hi !== null) {
      const rows = await patientsByName(db, isExternal(actor)).execute({
        lo,
        hi,
        org: actor.organizationId,
        limit: q._count,
        offset: (q._page - 1) * q._count,
      });
      const total = rows[0]?.total ?? (q._page > 1 ? await countWhere(db, and(patientScope(actor), nameWhere(q.name!))) : 0);
      return { rows: rows.map(({ total: _t, ...r }) => r), total };
    }
  }
  const where = and(
    patientScope(actor),
    q._id ? eq(sql`${patients.id}::text`, q._id) : undefined,
    q.identifier ? identifierWhere(actor, q.identifier) : undefined,
    q.name ? nameWhere(q.name) : undefined,
    dateWhere(patients.birthDate, q.birthdate),
    dateWhere(dayOf(patients.updatedAt, timeZone), q._lastUpdated),
  );
  const rows = await db
    .select({ ...patientColumns, total: sql<number>`count(*) over ()`.mapWith(Number) })
    .from(patients)
    .where(where)
    .orderBy(asc(patients.name), asc(patients.id))
    .limit(Math.max(q._count, 1))
    .offset((q._page - 1) * q._count);
  const total = rows[0]?.total ?? (rows.length === 0 || q._count === 0 ? await countWhere(db, where) : 0);
  return { rows: q._count === 0 ? [] : rows.map(({ total: _t, ...r }) => r), total };
}

/** How many patients a condition (with the actor's scope in it) selects: a page past the end, or `_count=0`. */
async function countWhere(db: Db, where: SQL | undefined): Promise<number> {
  const [c] = await db
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(patients)
    .where(where);
  return c?.n ?? 0;
}

/** searchPatientRows's `name`-only query, prepared (placeholders lo, hi, org, limit, offset; the bounds as InitPlans so
 * that the generic plan is chosen, as in the REST search). */
function patientsByName(db: Db, external: boolean) {
  return prepared(db, external ? 'fhir_patient_by_name_external' : 'fhir_patient_by_name_home', (d, name) =>
    d
      .select({ ...patientColumns, total: sql<number>`count(*) over ()`.mapWith(Number) })
      .from(patients)
      .where(and(nameTermsIn(boundPlaceholder('lo'), boundPlaceholder('hi')), preparedPatientScope(external)))
      .orderBy(asc(patients.name), asc(patients.id))
      .limit(sql.placeholder('limit'))
      .offset(sql.placeholder('offset'))
      .prepare(name),
  );
}

const PATIENT_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function findVisiblePatientRow(db: Db, actor: Actor, id: string): Promise<PatientRowForFhir | null> {
  if (!PATIENT_ID.test(id)) return null;
  const [row] = await db
    .select(patientColumns)
    .from(patients)
    .where(and(eq(patients.id, id), patientScope(actor)))
    .limit(1);
  return row ?? null;
}

/**
 * `Patient/:id` on the root handle: patientScope's query prepared once per handle for each kind of actor (issue 13
 * point 5, as the REST read in patients/get-patient.ts); a patient reached only through a break-glass grant falls
 * back to the general query. Not for a transaction (prepared statements belong to the root handle).
 */
export async function readVisiblePatientRow(db: Db, actor: Actor, id: string): Promise<PatientRowForFhir | null> {
  if (!PATIENT_ID.test(id)) return null;
  const external = isExternal(actor);
  const stmt = prepared(db, external ? 'fhir_patient_read_external' : 'fhir_patient_read_home', (d, name) =>
    d
      .select(patientColumns)
      .from(patients)
      .where(and(eq(patients.id, sql.placeholder('id')), preparedPatientScope(external)))
      .limit(1)
      .prepare(name),
  );
  const [row] = await stmt.execute({ id, org: actor.organizationId });
  if (row) return row;
  return actor.breakGlass?.has(id.toLowerCase()) ? findVisiblePatientRow(db, actor, id) : null;
}

export async function staysOf(db: Db, patientId: string): Promise<StayRow[]> {
  return db
    .select({
      id: admissions.id,
      patientId: admissions.patientId,
      status: admissions.status,
      admittedAt: admissions.admittedAt,
      dischargedAt: admissions.dischargedAt,
      source: admissions.source,
      disposition: admissions.disposition,
      updatedAt: admissions.updatedAt,
    })
    .from(admissions)
    .where(eq(admissions.patientId, patientId))
    .orderBy(asc(admissions.admittedAt));
}

const UUID = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(-[a-z0-9]+)?$/i;

/**
 * The patient a clinical resource id belongs to (the row's uuid is the id's first 36 characters), or null.
 * Only live rows; visibility is checked by the caller on the returned patient.
 */
export async function patientOfResource(db: Db, type: string, id: string): Promise<string | null> {
  const m = UUID.exec(id);
  if (!m) return null;
  const rowId = m[1]!.toLowerCase();
  const first = async (q: Promise<{ patientId: string }[]>) => (await q)[0]?.patientId ?? null;
  const opPatient = () =>
    first(
      db
        .select({ patientId: operations.patientId })
        .from(operations)
        .where(and(eq(operations.id, rowId), isNull(operations.deletedAt)))
        .limit(1),
    );
  switch (type) {
    case 'Condition':
      return first(
        db
          .select({ patientId: oncologyDiagnoses.patientId })
          .from(oncologyDiagnoses)
          .where(and(eq(oncologyDiagnoses.id, rowId), isNull(oncologyDiagnoses.deletedAt)))
          .limit(1),
      );
    case 'Procedure':
      return opPatient();
    case 'Encounter':
      return first(db.select({ patientId: admissions.patientId }).from(admissions).where(eq(admissions.id, rowId)).limit(1));
    case 'Observation': {
      const candidates = [
        () =>
          first(
            db
              .select({ patientId: oncologyDiagnoses.patientId })
              .from(oncologyDiagnoses)
              .where(and(eq(oncologyDiagnoses.id, rowId), isNull(oncologyDiagnoses.deletedAt)))
              .limit(1),
          ),
        () =>
          first(
            db
              .select({ patientId: tumorMarkers.patientId })
              .from(tumorMarkers)
              .where(and(eq(tumorMarkers.id, rowId), isNull(tumorMarkers.deletedAt)))
              .limit(1),
          ),
        () =>
          first(
            db
              .select({ patientId: performanceStatus.patientId })
              .from(performanceStatus)
              .where(and(eq(performanceStatus.id, rowId), isNull(performanceStatus.deletedAt)))
              .limit(1),
          ),
        opPatient,
      ];
      for (const c of candidates) {
        const p = await c();
        if (p) return p;
      }
      return null;
    }
    default:
      return null;
  }
}
