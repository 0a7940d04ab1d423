import type { Bundle, BundleEntry, Condition, Patient, Procedure } from '@medplum/fhirtypes';
import { and, eq, or } from 'drizzle-orm';
import { DIAGNOSIS_SITES, TUMOR_MARKER_OPTIONS, type DiagnosisSite } from '@gisurg/clinical';
import { FHIR_EXTENSIONS as EXT, FHIR_PROFILES, FHIR_SYSTEMS as SYS } from '@gisurg/contracts/fhir';
import type { FieldIssue } from '@gisurg/contracts';
import { recordAudit } from '../../audit/record.js';
import { can } from '../../auth/actor.js';
import { AppError } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { fieldIssue, validationError } from '../../core/validation.js';
import { patients } from '../../db/schema/index.js';
import { createPatient } from '../patients/index.js';
import { patientScope } from '../patients/index.js';
import { createDiagnosis, createMarker, createOperation, createPerformanceStatus, loadOncologyRecord } from '../oncology-record/index.js';

/**
 * `POST /fhir/R4` with a transaction Bundle (issue 13): Patient, Condition, Observation and Procedure from
 * another system, mapped into the GISurg record through the record's own use cases (validation, staging by
 * packages/clinical — a stage sent along is ignored and recomputed —, audit). All or nothing: every rejected
 * entry is named (`entry[i]`) in one OperationOutcome and nothing is written. Idempotent: a patient is matched
 * by 住院号 (or ID number) among those the caller may see, and a record already there (same diagnosis code and
 * date, marker and date and value, performance status date, operation date and principal procedure) is not
 * written twice.
 */

type Ref = string;
const C_CATEGORY: Record<string, 't' | 'n' | 'm'> = { '399504009': 't', '399534004': 'n', '399387003': 'm' };
const STAGE_GROUP = new Set(['399537006', '399588009', '399390009']);
const INTENT: Record<string, 'curative' | 'palliative' | 'diagnostic'> = {
  '373808002': 'curative',
  '363676003': 'palliative',
  '261004008': 'diagnostic',
};

function codeOf(r: { code?: { coding?: { system?: string; code?: string }[] } }, system: string): string | undefined {
  return r.code?.coding?.find((c) => c.system === system)?.code;
}

/** Site of a primary diagnosis: the GISurg site coding, else from the ICD-10 code. */
function siteOf(c: Condition, icd10: string): DiagnosisSite | null {
  const coded = c.bodySite?.flatMap((b) => b.coding ?? []).find((x) => x.system === SYS.gisurgDiagnosisSite)?.code;
  if (coded && (DIAGNOSIS_SITES as readonly string[]).includes(coded)) return coded as DiagnosisSite;
  if (icd10.startsWith('C16')) return 'stomach';
  if (icd10 === 'C18.1') return 'appendix';
  if (icd10.startsWith('C18') || icd10.startsWith('C19')) return 'colon';
  if (icd10.startsWith('C20')) return 'rectum';
  if (icd10.startsWith('C21')) return 'anus';
  if (icd10.startsWith('C45.1')) return 'mesothelioma';
  if (icd10.startsWith('C48')) return 'peritoneum';
  return null;
}

const dayOf = (s: string | undefined) => (s && /^\d{4}-\d{2}-\d{2}/.test(s) ? s.slice(0, 10) : undefined);

export interface ImportResult {
  bundle: Bundle;
}

export async function importTransaction(ctx: UseCaseContext, bundle: Bundle, base: string): Promise<Bundle> {
  const { locale } = ctx;
  const issues: FieldIssue[] = [];
  const reject = (i: number, key: string, params?: Record<string, unknown>) => issues.push(fieldIssue(locale, `entry[${i}]`, key, params));
  if (bundle?.resourceType !== 'Bundle' || bundle.type !== 'transaction') {
    throw validationError([fieldIssue(locale, 'type', 'fhir.import.notTransaction')]);
  }
  const entries: BundleEntry[] = bundle.entry ?? [];
  if (entries.length === 0 || entries.length > 2000) throw validationError([fieldIssue(locale, 'entry', 'fhir.import.entries')]);

  // References between entries: fullUrl, Type/id, or the absolute URL of Type/id.
  const index = new Map<Ref, number>();
  entries.forEach((e, i) => {
    const r = e.resource;
    if (e.fullUrl) index.set(e.fullUrl, i);
    if (r?.id) index.set(`${r.resourceType}/${r.id}`, i);
  });
  const target = (ref: string | undefined): number | undefined => {
    if (!ref) return undefined;
    if (index.has(ref)) return index.get(ref);
    const m = /([A-Za-z]+\/[A-Za-z0-9\-.]{1,64})$/.exec(ref);
    return m ? index.get(m[1]!) : undefined;
  };

  // Classify every entry before writing anything.
  const patientsIdx: number[] = [];
  const primaries: number[] = [];
  const secondaryOf = new Map<number, string>();
  const cTnm = new Map<number, { t?: string; n?: string; m?: string }>();
  const markers: { i: number; patient: number; body: Parameters<typeof createMarker>[2] }[] = [];
  const ps = new Map<string, { patient: number; date: string; ecog?: number; kps?: number; entries: number[] }>();
  const operations: number[] = [];
  const childProcedures = new Map<number, { i: number; code: string }[]>();
  const subjectOf = (i: number, r: { subject?: { reference?: string } }): number | undefined => {
    const p = target(r.subject?.reference);
    if (p === undefined || entries[p]?.resource?.resourceType !== 'Patient') {
      reject(i, 'fhir.import.subject');
      return undefined;
    }
    return p;
  };

  entries.forEach((e, i) => {
    const r = e.resource;
    if (!r) return reject(i, 'fhir.import.noResource');
    if (e.request && e.request.method !== 'POST' && e.request.method !== 'PUT') return reject(i, 'fhir.import.method');
    // eslint-disable-next-line @typescript-eslint/switch-exhaustiveness-check -- four types are importable; default rejects the rest
    switch (r.resourceType) {
      case 'Patient':
        if (!r.birthDate || !(r.name?.[0]?.text || r.name?.[0]?.family)) return reject(i, 'fhir.import.patientFields');
        return void patientsIdx.push(i);
      case 'Condition': {
        if (subjectOf(i, r) === undefined) return;
        const icd10 = codeOf(r, SYS.icd10);
        if (!icd10) return reject(i, 'fhir.import.icd10');
        const related = r.extension?.find((x) => x.url === EXT.relatedPrimaryCancerCondition)?.valueReference?.reference;
        if (related || r.meta?.profile?.includes(FHIR_PROFILES.secondaryCancerCondition)) {
          const p = target(related);
          if (p === undefined) return reject(i, 'fhir.import.relatedPrimary');
          return void secondaryOf.set(p, icd10);
        }
        if (!siteOf(r, icd10)) return reject(i, 'fhir.import.site', { code: icd10 });
        return void primaries.push(i);
      }
      case 'Observation': {
        const patient = subjectOf(i, r);
        if (patient === undefined) return;
        const snomed = codeOf(r, SYS.snomed);
        const loinc = codeOf(r, SYS.loinc);
        if (snomed && STAGE_GROUP.has(snomed)) return; // recomputed from T/N/M by packages/clinical
        if (snomed && C_CATEGORY[snomed]) {
          const focus = target(r.focus?.[0]?.reference);
          const value = r.valueCodeableConcept?.coding?.[0]?.code ?? r.valueCodeableConcept?.text;
          if (focus === undefined || !value) return reject(i, 'fhir.import.tnm');
          const tnm = cTnm.get(focus) ?? {};
          tnm[C_CATEGORY[snomed]] = value.replace(/^c/, '');
          return void cTnm.set(focus, tnm);
        }
        const marker = TUMOR_MARKER_OPTIONS.find((o) => o.loinc === loinc);
        const date = dayOf(r.effectiveDateTime);
        if (marker) {
          if (r.valueQuantity?.value === undefined || !date) return reject(i, 'fhir.import.marker');
          const high = r.referenceRange?.[0]?.high?.value;
          return void markers.push({
            i,
            patient,
            body: {
              marker: marker.value,
              value: r.valueQuantity.value,
              unit: r.valueQuantity.unit ?? marker.unit,
              upperLimit: high ?? null,
              date,
            },
          });
        }
        if (loinc === '89247-1' || loinc === '89243-0') {
          if (r.valueInteger === undefined || !date) return reject(i, 'fhir.import.performance');
          const key = `${patient}|${date}`;
          const row = ps.get(key) ?? { patient, date, entries: [] };
          if (loinc === '89247-1') row.ecog = r.valueInteger;
          else row.kps = r.valueInteger;
          row.entries.push(i);
          return void ps.set(key, row);
        }
        return reject(i, 'fhir.import.unsupportedObservation');
      }
      case 'Procedure': {
        if (subjectOf(i, r) === undefined) return;
        const code = codeOf(r, SYS.gisurgProcedure);
        if (!code || r.meta?.profile?.includes(FHIR_PROFILES.hipec)) return reject(i, 'fhir.import.procedure');
        const parent = target(r.partOf?.[0]?.reference);
        if (r.partOf?.length) {
          if (parent === undefined) return reject(i, 'fhir.import.partOf');
          const list = childProcedures.get(parent) ?? [];
          list.push({ i, code });
          return void childProcedures.set(parent, list);
        }
        return void operations.push(i);
      }
      default:
        return reject(i, 'fhir.import.unsupportedType', { type: r.resourceType });
    }
  });
  if (issues.length) throw validationError(issues);

  const created: Record<number, { status: string; location: string }> = {};
  return ctx.db.transaction(async (tx) => {
    const c: UseCaseContext = { ...ctx, db: tx };
    const attempt = async <T>(i: number, fn: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await fn();
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const fields = err.details?.fields ?? [];
        if (fields.length) for (const f of fields) issues.push({ ...f, path: `entry[${i}]${f.path ? `.${f.path}` : ''}` });
        else reject(i, err.messageKey, { ...(err.params ?? {}) });
        return undefined;
      }
    };

    // Patients: matched by 住院号 / ID number among those the caller may see, else registered.
    const patientIdOf = new Map<number, string>();
    const existing = new Set<number>();
    for (const i of patientsIdx) {
      const p = entries[i]!.resource as Patient;
      const inpatientNo = p.identifier?.find((x) => x.system === SYS.inpatientNo)?.value ?? null;
      const resident = p.identifier?.find((x) => x.system === SYS.residentId)?.value ?? null;
      const match = [
        inpatientNo ? eq(patients.inpatientNo, inpatientNo) : undefined,
        resident && can(c.actor, 'patient:read_id') ? eq(patients.idNumber, resident.toUpperCase()) : undefined,
      ].filter(Boolean);
      const [found] = match.length
        ? await tx
            .select({ id: patients.id })
            .from(patients)
            .where(and(patientScope(c.actor), or(...match)))
            .limit(1)
        : [];
      if (found) {
        patientIdOf.set(i, found.id);
        existing.add(i);
        created[i] = { status: '200 OK', location: `Patient/${found.id}` };
        continue;
      }
      const name = p.name?.[0]?.text ?? `${p.name?.[0]?.family ?? ''}${(p.name?.[0]?.given ?? []).join('')}`;
      const dto = await attempt(i, () =>
        createPatient(c, {
          name,
          sex: p.gender === 'male' || p.gender === 'female' ? p.gender : 'unknown',
          birthDate: p.birthDate!,
          idType: 'resident_id',
          idNumber: resident,
          inpatientNo,
        }),
      );
      if (dto) {
        patientIdOf.set(i, dto.id);
        created[i] = { status: '201 Created', location: `Patient/${dto.id}` };
      }
    }
    const pid = (i: number) => patientIdOf.get(target((entries[i]!.resource as Condition).subject?.reference)!);
    const records = new Map<string, Awaited<ReturnType<typeof loadOncologyRecord>>>();
    const recordOf = async (patientId: string) => {
      if (!records.has(patientId)) records.set(patientId, await loadOncologyRecord(tx, patientId));
      return records.get(patientId)!;
    };

    const diagnosisIdOf = new Map<number, string>();
    for (const i of primaries) {
      const r = entries[i]!.resource as Condition;
      const patientId = pid(i);
      if (!patientId) continue;
      const icd10 = codeOf(r, SYS.icd10)!;
      const date = r.recordedDate?.slice(0, 10) ?? dayOf(r.onsetDateTime);
      if (!date) {
        reject(i, 'fhir.import.date');
        continue;
      }
      const same = (await recordOf(patientId)).diagnoses.find((d) => d.icd10 === icd10 && d.diagnosisDate === date);
      if (same) {
        diagnosisIdOf.set(i, same.id);
        created[i] = { status: '200 OK', location: `Condition/${same.id}` };
        continue;
      }
      const tnm = cTnm.get(i);
      const morphology =
        r.extension?.find((x) => x.url === EXT.histologyMorphologyBehavior)?.valueCodeableConcept?.coding?.[0]?.code ?? null;
      const dto = await attempt(i, () =>
        createDiagnosis(c, patientId, {
          site: siteOf(r, icd10)!,
          icd10,
          icd10Secondary: secondaryOf.get(i) ?? null,
          icdO3Morphology: morphology,
          diagnosisDate: date,
          clinical: tnm?.t && tnm.n && tnm.m ? { t: tnm.t, n: tnm.n, m: tnm.m } : null,
        }),
      );
      if (dto) {
        diagnosisIdOf.set(i, dto.id);
        created[i] = { status: '201 Created', location: `Condition/${dto.id}` };
      }
    }

    for (const m of markers) {
      const patientId = patientIdOf.get(m.patient);
      if (!patientId) continue;
      const same = (await recordOf(patientId)).markers.find(
        (x) => x.marker === m.body.marker && x.date === m.body.date && x.value === m.body.value,
      );
      if (same) {
        created[m.i] = { status: '200 OK', location: `Observation/${same.id}` };
        continue;
      }
      const dto = await attempt(m.i, () => createMarker(c, patientId, m.body));
      if (dto) created[m.i] = { status: '201 Created', location: `Observation/${dto.id}` };
    }

    for (const row of ps.values()) {
      const patientId = patientIdOf.get(row.patient);
      if (!patientId) continue;
      const same = (await recordOf(patientId)).performanceStatus.find((x) => x.date === row.date);
      const dto =
        same ??
        (await attempt(row.entries[0]!, () =>
          createPerformanceStatus(c, patientId, { date: row.date, ecog: row.ecog ?? null, kps: row.kps ?? null }),
        ));
      if (dto) for (const i of row.entries) created[i] = { status: same ? '200 OK' : '201 Created', location: `Observation/${dto.id}` };
    }

    for (const i of operations) {
      const r = entries[i]!.resource as Procedure;
      const patientId = pid(i);
      if (!patientId) continue;
      const date = dayOf(r.performedDateTime ?? r.performedPeriod?.start);
      const approach = r.extension?.find((x) => x.url === EXT.approach)?.valueCodeableConcept?.coding?.[0]?.code;
      if (!date || !approach) {
        reject(i, 'fhir.import.operation');
        continue;
      }
      const principal = codeOf(r, SYS.gisurgProcedure)!;
      const children = (childProcedures.get(i) ?? []).sort((a, b) => a.i - b.i).map((x) => x.code);
      const same = (await recordOf(patientId)).operations.find((o) => o.date === date && o.procedures[0]?.code === principal);
      if (same) {
        created[i] = { status: '200 OK', location: `Procedure/${same.id}` };
        continue;
      }
      const reason = target(r.reasonReference?.[0]?.reference);
      const intentCode = r.extension?.find((x) => x.url === EXT.procedureIntent)?.valueCodeableConcept?.coding?.[0]?.code;
      const convertedFrom = r.extension?.find((x) => x.url === EXT.convertedFrom)?.valueCodeableConcept?.coding?.[0]?.code ?? null;
      const dto = await attempt(i, () =>
        createOperation(c, patientId, {
          date,
          approach,
          convertedFrom,
          ...(intentCode && INTENT[intentCode] ? { intent: INTENT[intentCode] } : {}),
          diagnosisId: reason !== undefined ? (diagnosisIdOf.get(reason) ?? null) : null,
          procedures: [principal, ...children],
        } as Parameters<typeof createOperation>[2]),
      );
      if (dto) created[i] = { status: '201 Created', location: `Procedure/${dto.id}` };
    }

    // Derived entries (stage groups, T/N/M, secondary conditions, further procedures) follow their parent.
    entries.forEach((_e, i) => {
      if (!created[i]) created[i] = { status: '200 OK', location: '' };
    });
    if (issues.length) throw validationError(issues);
    await recordAudit(tx, c.meta, c.actor, {
      action: 'fhir.import',
      outcome: 'success',
      resourceType: 'Bundle',
      details: {
        entries: entries.length,
        patientIds: [...patientIdOf.values()],
        created: Object.values(created).filter((x) => x.status.startsWith('201')).length,
        matchedPatients: existing.size,
      },
    });
    return {
      resourceType: 'Bundle',
      type: 'transaction-response',
      entry: entries.map((_e, i) => ({
        response: { status: created[i]!.status, ...(created[i]!.location ? { location: `${base}/${created[i]!.location}` } : {}) },
      })),
    };
  });
}
