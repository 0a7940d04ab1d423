import type {
  Bundle,
  BundleEntry,
  CarePlan,
  Condition,
  Encounter,
  Observation,
  OperationOutcome,
  OperationOutcomeIssue,
  Patient,
  Procedure,
} from '@medplum/fhirtypes';
import { and, eq, or } from 'drizzle-orm';
import { DIAGNOSIS_SITES, TUMOR_MARKER_OPTIONS, hipecDose, type DiagnosisSite } from '@gisurg/clinical';
import { FHIR_EXTENSIONS as EXT, FHIR_PROFILES, FHIR_SYSTEMS as SYS } from '@gisurg/contracts/fhir';
import { todayIn, type FieldIssue } from '@gisurg/contracts';
import type { HipecInput, PutPathology, PutPeritoneal } from '@gisurg/contracts/oncology-record';
import { recordAudit } from '../../audit/record.js';
import { can } from '../../auth/actor.js';
import { AppError, statusOf, type AppErrorCode } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { fieldIssue, invalidField, validationError } from '../../core/validation.js';
import { translate, type Locale } from '../../i18n/messages.js';
import { followUpPlans, patients } from '../../db/schema/index.js';
import { ensurePlans } from '../followup/index.js';
import { recordPastStay } from '../ward/index.js';
import { staysOf } from './queries.js';
import { createPatient } from '../patients/index.js';
import { patientScope } from '../patients/index.js';
import {
  createDiagnosis,
  createMarker,
  createOperation,
  createPerformanceStatus,
  loadOncologyRecord,
  putPathology,
  putPeritoneal,
} from '../oncology-record/index.js';

/**
 * `POST /fhir/R4` with a transaction Bundle (issue 13): Patient, Condition, Observation, Procedure and follow-up
 * CarePlan from another system, mapped into the GISurg record through the record's own use cases (validation,
 * staging by packages/clinical — a stage sent along is ignored and recomputed —, audit): diagnoses, markers,
 * performance status, operations, their pathology report (pTNM) and peritoneal record (PCI, CC, HIPEC). All or
 * nothing: every rejected entry is named (`entry[i]`) in one OperationOutcome and nothing is written.
 * Idempotent: a patient is matched by 住院号 (or ID number) among those the caller may see, and a record already
 * there (same diagnosis code and date, marker and date and value, performance status date, operation date and
 * principal procedure, an operation's pathology or peritoneal record, the follow-up plan of a diagnosis) is
 * not written twice.
 */

type Ref = string;
const C_CATEGORY: Record<string, 't' | 'n' | 'm'> = { '399504009': 't', '399534004': 'n', '399387003': 'm' };
const P_CATEGORY: Record<string, 't' | 'n' | 'm'> = { '384625004': 't', '371494008': 'n', '371497001': 'm' };
const STAGE_GROUP = new Set(['399537006', '399588009', '399390009']);
const PATHOLOGIC_STAGE_GROUP = '399588009';
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

/** An operation's pathology as sent: pT/pN/pM observations (and the ignored stage group). */
interface PathologyIn {
  entries: number[];
  grade?: string;
  t?: string;
  n?: string;
  m?: string;
  neoadjuvant: boolean;
  date?: string;
}
/** An operation's peritoneal record as sent: the PCI and CC observations and the HIPEC Procedure. */
interface PeritonealIn {
  entries: number[];
  pci?: { i: number; regions: number[]; timing: string; total?: number };
  cc?: { code: string; residualMm?: number };
  hipec?: { input: Omit<HipecInput, 'drugs'>; drugs: HipecDrugIn[]; code?: string };
}
interface HipecDrugIn {
  drug: string;
  dose: number;
  doseBasis: string;
  total?: number;
}

/**
 * The BSA (mg/m² doses) or perfusate volume (mg/L doses) a HIPEC's total doses were computed with: FHIR carries the
 * dose and the total, not the BSA; the value that gives every total again with hipecDose (packages/clinical) is
 * taken, else the first candidate (the use case then refuses the totals that do not agree, naming them).
 */
function solveHipecBasis(drugs: HipecDrugIn[], basis: 'mg/m2' | 'mg/L'): number | undefined {
  const these = drugs.filter((d) => d.doseBasis === basis && d.total !== undefined && d.dose > 0);
  const candidates = these.flatMap((d) => [Math.round((d.total! / d.dose) * 100) / 100, d.total! / d.dose]);
  const fits = (x: number) =>
    these.every((d) => {
      try {
        const r = hipecDose({
          drug: d.drug,
          dose: d.dose,
          doseBasis: basis,
          ...(basis === 'mg/m2' ? { bsaM2: x } : { carrierVolumeL: x }),
        });
        return r.totalDoseMg === d.total;
      } catch {
        return false;
      }
    });
  return candidates.find(fits) ?? candidates[0];
}

interface Failure {
  code: AppErrorCode;
  issues: FieldIssue[];
}

function fail(failures: Map<number, Failure>, i: number, issues: FieldIssue[], code: AppErrorCode = 'VALIDATION'): void {
  const f = failures.get(i);
  if (f) f.issues.push(...issues);
  else failures.set(i, { code, issues });
}

/** Every rejected entry's issues, in entry order (the transaction's one OperationOutcome). */
function allIssues(failures: Map<number, Failure>): FieldIssue[] {
  return [...failures.entries()].sort(([a], [b]) => a - b).flatMap(([, f]) => f.issues);
}

const STATUS_TEXT: Record<AppErrorCode, string> = {
  NOT_FOUND: 'Not Found',
  FORBIDDEN: 'Forbidden',
  VALIDATION: 'Bad Request',
  CONFLICT: 'Conflict',
  INVALID_STATE: 'Conflict',
  UNAUTHENTICATED: 'Unauthorized',
  RATE_LIMITED: 'Too Many Requests',
  PAYLOAD_TOO_LARGE: 'Payload Too Large',
  UNAVAILABLE: 'Service Unavailable',
};
const OUTCOME_CODE: Record<AppErrorCode, OperationOutcomeIssue['code']> = {
  NOT_FOUND: 'not-found',
  FORBIDDEN: 'forbidden',
  VALIDATION: 'invalid',
  CONFLICT: 'conflict',
  INVALID_STATE: 'business-rule',
  UNAUTHENTICATED: 'login',
  RATE_LIMITED: 'throttled',
  PAYLOAD_TOO_LARGE: 'too-costly',
  UNAVAILABLE: 'transient',
};

/** A failed batch entry's OperationOutcome: like the API's errors (routes.ts), one issue per problem in both languages. */
function entryOutcome(locale: Locale, f: Failure): OperationOutcome {
  const code = OUTCOME_CODE[f.code];
  const details = (text: string) => ({ coding: [{ system: SYS.gisurgError, code: f.code }], text });
  return {
    resourceType: 'OperationOutcome',
    issue: [
      {
        severity: 'error',
        code,
        details: details(f.code === 'VALIDATION' ? translate(locale, 'errors.validation') : (f.issues[0]?.message ?? f.code)),
      },
      ...f.issues.map((x) => ({
        severity: 'error' as const,
        code,
        details: details(x.message),
        diagnostics: `${x.messageZh} / ${x.messageEn}`,
        ...(x.path ? { expression: [x.path] } : {}),
      })),
    ],
  };
}

/**
 * A transaction or batch Bundle. Both are classified and mapped the same way; a transaction is written in one
 * database transaction (all or nothing, 400 naming every rejected entry), a batch entry by entry, each entry
 * (with the entries derived from it: T/N/M, secondary conditions, further procedures) in its own transaction,
 * answered by a `batch-response` with each entry's status and, for a failed one, its OperationOutcome.
 */
export async function importBundle(ctx: UseCaseContext, bundle: Bundle, base: string): Promise<Bundle> {
  const { locale } = ctx;
  if (bundle?.resourceType !== 'Bundle' || (bundle.type !== 'transaction' && bundle.type !== 'batch')) {
    throw validationError([fieldIssue(locale, 'type', 'fhir.import.notTransaction')]);
  }
  const batch = bundle.type === 'batch';
  const failures = new Map<number, Failure>();
  const reject = (i: number, key: string, params?: Record<string, unknown>) =>
    fail(failures, i, [fieldIssue(locale, `entry[${i}]`, key, params)]);
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
  const cTnm = new Map<number, { t?: string; n?: string; m?: string; grade?: string }>();
  /** The histologic grade carried by a stage group observation (component `histologic-grade`, value `grade-G1` …). */
  const gradeOf = (r: Observation): string | undefined =>
    r.component
      ?.find((x) => x.code.coding?.some((y) => y.system === SYS.gisurgObservation && y.code === 'histologic-grade'))
      ?.valueCodeableConcept?.coding?.find((y) => y.system === SYS.gisurgObservation)
      ?.code?.replace(/^grade-/, '');
  /** Entries written with another one (its T/N/M, secondary condition, further procedure, ECOG with KPS): i → parent. */
  const parentOf = new Map<number, number>();
  const markers: { i: number; patient: number; body: Parameters<typeof createMarker>[2] }[] = [];
  const ps = new Map<string, { patient: number; date: string; ecog?: number; kps?: number; entries: number[] }>();
  const operations: number[] = [];
  /** Operation entry → its pathology / peritoneal record as sent; follow-up CarePlans (entry → Condition entry). */
  const pathology = new Map<number, PathologyIn>();
  const peritoneal = new Map<number, PeritonealIn>();
  const followUpPlansIn = new Map<number, number>();
  const encounters: { i: number; patient: number; start: Date; end: Date | null; status: 'discharged' | 'cancelled' }[] = [];
  const childProcedures = new Map<number, { i: number; code: string }[]>();
  const subjectOf = (i: number, r: { subject?: { reference?: string } }): number | undefined => {
    const p = target(r.subject?.reference);
    if (p === undefined || entries[p]?.resource?.resourceType !== 'Patient') {
      reject(i, 'fhir.import.subject');
      return undefined;
    }
    return p;
  };

  const isPrincipalProcedure = (j: number | undefined): j is number => {
    const x = j === undefined ? undefined : entries[j]?.resource;
    return x?.resourceType === 'Procedure' && !x.partOf?.length && !x.meta?.profile?.includes(FHIR_PROFILES.hipec);
  };
  /**
   * The operation (principal Procedure entry) an operation's record belongs to: `partOf`, else the one principal
   * Procedure whose `reasonReference` is the observation's `focus` Condition.
   */
  const operationOf = (r: { partOf?: { reference?: string }[]; focus?: { reference?: string }[] }): number | undefined => {
    if (r.partOf?.length) {
      const j = target(r.partOf[0]?.reference);
      return isPrincipalProcedure(j) ? j : undefined;
    }
    const focus = target(r.focus?.[0]?.reference);
    if (focus === undefined) return undefined;
    const candidates = entries
      .map((_x, j) => j)
      .filter((j) => isPrincipalProcedure(j) && target((entries[j]!.resource as Procedure).reasonReference?.[0]?.reference) === focus);
    return candidates.length === 1 ? candidates[0] : undefined;
  };
  const peritonealOf = (op: number): PeritonealIn => {
    const x = peritoneal.get(op) ?? { entries: [] };
    peritoneal.set(op, x);
    return x;
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
          parentOf.set(i, p);
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
        const pCategory = snomed ? P_CATEGORY[snomed] : undefined;
        if (pCategory || snomed === PATHOLOGIC_STAGE_GROUP) {
          // pT/pN/pM of an operation's pathology report (the stage group is recomputed, like the clinical one).
          const op = operationOf(r);
          if (op === undefined) {
            if (pCategory) return reject(i, 'fhir.import.operationRef');
          } else {
            const p = pathology.get(op) ?? { entries: [], neoadjuvant: false };
            pathology.set(op, p);
            if (p.entries.length) parentOf.set(i, p.entries[0]!);
            else parentOf.set(i, op);
            p.entries.push(i);
            if (!pCategory) {
              const grade = gradeOf(r);
              if (grade) p.grade = grade;
              return;
            }
            const value = r.valueCodeableConcept?.coding?.[0]?.code ?? r.valueCodeableConcept?.text;
            if (!value) return reject(i, 'fhir.import.tnm');
            const m = /^(yp|p)?(.+)$/.exec(value.trim())!;
            if (m[1] === 'yp') p.neoadjuvant = true;
            p[pCategory] = m[2]!;
            p.date ??= dayOf(r.effectiveDateTime);
            return;
          }
        }
        if (snomed && STAGE_GROUP.has(snomed)) {
          // Recomputed from T/N/M (and the grade it names) by packages/clinical; it follows its Condition.
          const focus = target(r.focus?.[0]?.reference);
          if (focus !== undefined) parentOf.set(i, focus);
          const grade = gradeOf(r);
          if (focus !== undefined && grade) cTnm.set(focus, { ...(cTnm.get(focus) ?? {}), grade });
          return;
        }
        if (snomed && C_CATEGORY[snomed]) {
          const focus = target(r.focus?.[0]?.reference);
          const value = r.valueCodeableConcept?.coding?.[0]?.code ?? r.valueCodeableConcept?.text;
          if (focus === undefined || !value) return reject(i, 'fhir.import.tnm');
          const tnm = cTnm.get(focus) ?? {};
          tnm[C_CATEGORY[snomed]] = value.replace(/^c/, '');
          parentOf.set(i, focus);
          return void cTnm.set(focus, tnm);
        }
        const local = codeOf(r, SYS.gisurgObservation);
        if (local === 'pci' || local === 'cc-score') {
          const op = operationOf(r);
          if (op === undefined) return reject(i, 'fhir.import.operationRef');
          const per = peritonealOf(op);
          per.entries.push(i);
          if (local === 'pci') return readPci(i, r, per);
          const code = r.valueCodeableConcept?.coding?.find((x) => x.system === SYS.gisurgCcScore)?.code;
          if (!code) return reject(i, 'fhir.import.cc');
          const residual = r.component?.find((x) => x.code.coding?.some((y) => y.code === 'residual-nodule'))?.valueQuantity?.value;
          return void (per.cc = { code, ...(residual !== undefined ? { residualMm: residual } : {}) });
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
          if (row.entries.length) parentOf.set(i, row.entries[0]!);
          row.entries.push(i);
          return void ps.set(key, row);
        }
        return reject(i, 'fhir.import.unsupportedObservation');
      }
      case 'Procedure': {
        if (subjectOf(i, r) === undefined) return;
        const code = codeOf(r, SYS.gisurgProcedure);
        if (r.meta?.profile?.includes(FHIR_PROFILES.hipec) || r.extension?.some((x) => x.url === EXT.hipecDrug)) {
          const op = operationOf(r);
          if (op === undefined) return reject(i, 'fhir.import.operationRef');
          const per = peritonealOf(op);
          per.entries.push(i);
          return readHipec(i, r, per);
        }
        if (!code) return reject(i, 'fhir.import.procedure');
        const parent = target(r.partOf?.[0]?.reference);
        if (r.partOf?.length) {
          if (parent === undefined) return reject(i, 'fhir.import.partOf');
          const list = childProcedures.get(parent) ?? [];
          list.push({ i, code });
          parentOf.set(i, parent);
          return void childProcedures.set(parent, list);
        }
        return void operations.push(i);
      }
      case 'Encounter': {
        // A stay that is over (finished, or an admission cancelled); an ongoing one is admitted into a bed on the ward.
        const patient = subjectOf(i, r);
        if (patient === undefined) return;
        const start = r.period?.start ? new Date(r.period.start) : null;
        const end = r.period?.end ? new Date(r.period.end) : null;
        const ok = (d: Date | null) => d !== null && !Number.isNaN(d.getTime());
        if (!ok(start) || (r.status === 'finished' && !ok(end)) || (r.status !== 'finished' && r.status !== 'cancelled'))
          return reject(i, 'fhir.import.encounter');
        return void encounters.push({
          i,
          patient,
          start: start!,
          end: r.status === 'finished' ? end : null,
          status: r.status === 'finished' ? 'discharged' : 'cancelled',
        });
      }
      case 'CarePlan': {
        if (subjectOf(i, r) === undefined) return;
        const kind = r.category?.flatMap((c) => c.coding ?? []).find((c) => c.system === SYS.gisurgCarePlanCategory)?.code;
        if (kind !== 'follow-up-plan') return reject(i, 'fhir.import.carePlan');
        // Built by the follow-up feature from the diagnosis, its curative operation and the stage (checked after the writes).
        return void followUpPlansIn.set(i, target(r.addresses?.[0]?.reference) ?? -1);
      }
      default:
        return reject(i, 'fhir.import.unsupportedType', { type: r.resourceType });
    }
  });
  for (const [i, condition] of followUpPlansIn) {
    if (!primaries.includes(condition)) reject(i, 'fhir.import.carePlanCondition');
    else parentOf.set(i, condition);
  }
  // A CC or HIPEC needs the PCI of the same operation (one peritoneal record); the others follow the PCI entry.
  for (const [op, per] of peritoneal) {
    if (!per.pci) {
      for (const i of per.entries) if (!failures.has(i)) reject(i, 'fhir.import.pciRequired');
      continue;
    }
    parentOf.set(per.pci.i, op);
    for (const i of per.entries) if (i !== per.pci.i) parentOf.set(i, per.pci.i);
  }

  function readPci(i: number, r: Observation, per: PeritonealIn): void {
    const regions: number[] = [];
    for (const c of r.component ?? []) {
      const k = /^pci-region-(\d{1,2})$/.exec(c.code.coding?.find((x) => x.system === SYS.gisurgObservation)?.code ?? '');
      if (k && c.valueInteger !== undefined) regions[Number(k[1])] = c.valueInteger;
    }
    const timing =
      /^pci-timing-(.+)$/.exec(r.method?.coding?.find((x) => x.system === SYS.gisurgObservation)?.code ?? '')?.[1] ?? r.method?.text;
    if (!timing || regions.length === 0 || regions.some((x) => x === undefined)) return reject(i, 'fhir.import.pci');
    if (per.pci) return reject(i, 'fhir.import.pci');
    per.pci = { i, regions, timing, ...(r.valueInteger !== undefined ? { total: r.valueInteger } : {}) };
  }

  function readHipec(i: number, r: Procedure, per: PeritonealIn): void {
    const drugs: HipecDrugIn[] = [];
    for (const x of r.extension ?? []) {
      if (x.url !== EXT.hipecDrug) continue;
      const part = (url: string) => x.extension?.find((y) => y.url === url);
      const drug = part('drug')?.valueCodeableConcept?.coding?.find((y) => y.system === SYS.gisurgHipecDrug)?.code;
      const dose = part('dose')?.valueQuantity;
      if (!drug || dose?.value === undefined) return reject(i, 'fhir.import.hipec');
      const total = part('totalDose')?.valueQuantity?.value;
      drugs.push({ drug, dose: dose.value, doseBasis: dose.unit ?? dose.code ?? '', ...(total !== undefined ? { total } : {}) });
    }
    // technique; timing (the export's note), as GISurg codes.
    const [technique, timing] = (r.note?.[0]?.text ?? '').split(';').map((x) => x.trim());
    if (!drugs.length || !technique || !timing || per.hipec) return reject(i, 'fhir.import.hipec');
    const q = (url: string) => r.extension?.find((x) => x.url === url)?.valueQuantity?.value;
    const inflow = q(EXT.hipecTemperature);
    const duration = q(EXT.hipecDuration);
    per.hipec = {
      input: {
        technique,
        timing,
        ...(inflow !== undefined ? { inflowTempC: inflow } : {}),
        ...(duration !== undefined ? { durationMin: duration } : {}),
      } as Omit<HipecInput, 'drugs'>,
      drugs,
      ...(codeOf(r, SYS.gisurgProcedure) ? { code: codeOf(r, SYS.gisurgProcedure) } : {}),
    };
  }
  // A transaction writes nothing when an entry is rejected; a batch writes the others.
  if (!batch && failures.size) throw validationError(allIssues(failures));

  type Done = { status: '200 OK' | '201 Created'; location: string };
  const done = new Map<number, Done>();
  const dependencyFailed = (i: number, on: number) => {
    if (failures.has(i)) return;
    const parent = failures.get(on);
    if (batch || !parent) reject(i, 'fhir.import.dependency', { entry: on });
  };
  /**
   * One entry's write: in a transaction Bundle inside the Bundle's database transaction (errors collected, the
   * whole Bundle refused at the end), in a batch in a transaction of its own (errors become its outcome).
   */
  const unitIn =
    (outer: UseCaseContext | null) =>
    async (i: number, fn: (c: UseCaseContext) => Promise<Done | undefined>): Promise<Done | undefined> => {
      if (failures.has(i)) return undefined;
      try {
        const r = outer ? await fn(outer) : await ctx.db.transaction((tx) => fn({ ...ctx, db: tx }));
        if (r) done.set(i, r);
        return r;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        const fields = err.details?.fields ?? [];
        if (fields.length)
          fail(
            failures,
            i,
            fields.map((f) => ({ ...f, path: `entry[${i}]${f.path ? `.${f.path}` : ''}` })),
            err.code,
          );
        else fail(failures, i, [fieldIssue(locale, `entry[${i}]`, err.messageKey, { ...(err.params ?? {}) })], err.code);
        return undefined;
      }
    };

  const write = async (unit: ReturnType<typeof unitIn>) => {
    const records = new Map<string, Awaited<ReturnType<typeof loadOncologyRecord>>>();
    const recordOf = async (c: UseCaseContext, patientId: string) => {
      if (!records.has(patientId)) records.set(patientId, await loadOncologyRecord(c.db, patientId));
      return records.get(patientId)!;
    };

    // Patients: matched by 住院号 / ID number among those the caller may see, else registered.
    for (const i of patientsIdx) {
      const p = entries[i]!.resource as Patient;
      await unit(i, async (c) => {
        const inpatientNo = p.identifier?.find((x) => x.system === SYS.inpatientNo)?.value ?? null;
        const resident = p.identifier?.find((x) => x.system === SYS.residentId)?.value ?? null;
        const match = [
          inpatientNo ? eq(patients.inpatientNo, inpatientNo) : undefined,
          resident && can(c.actor, 'patient:read_id') ? eq(patients.idNumber, resident.toUpperCase()) : undefined,
        ].filter(Boolean);
        const [found] = match.length
          ? await c.db
              .select({ id: patients.id })
              .from(patients)
              .where(and(patientScope(c.actor), or(...match)))
              .limit(1)
          : [];
        if (found) {
          patientIdOf.set(i, found.id);
          existing.add(i);
          return { status: '200 OK', location: `Patient/${found.id}` };
        }
        const name = p.name?.[0]?.text ?? `${p.name?.[0]?.family ?? ''}${(p.name?.[0]?.given ?? []).join('')}`;
        const dto = await createPatient(c, {
          name,
          sex: p.gender === 'male' || p.gender === 'female' ? p.gender : 'unknown',
          birthDate: p.birthDate!,
          idType: 'resident_id',
          idNumber: resident,
          inpatientNo,
        });
        patientIdOf.set(i, dto.id);
        return { status: '201 Created', location: `Patient/${dto.id}` };
      });
    }
    /** The GISurg patient of an entry's subject, or null (its Patient entry failed: so does this one). */
    const pid = (i: number): string | null => {
      const p = target((entries[i]!.resource as Condition).subject?.reference)!;
      const id = patientIdOf.get(p);
      if (!id) dependencyFailed(i, p);
      return id ?? null;
    };

    for (const i of primaries) {
      const r = entries[i]!.resource as Condition;
      const patientId = pid(i);
      if (!patientId) continue;
      await unit(i, async (c) => {
        const icd10 = codeOf(r, SYS.icd10)!;
        const date = r.recordedDate?.slice(0, 10) ?? dayOf(r.onsetDateTime);
        if (!date) throw invalidField(locale, '', 'fhir.import.date');
        const same = (await recordOf(c, patientId)).diagnoses.find((d) => d.icd10 === icd10 && d.diagnosisDate === date);
        if (same) {
          diagnosisIdOf.set(i, same.id);
          return { status: '200 OK', location: `Condition/${same.id}` };
        }
        const tnm = cTnm.get(i);
        const morphology =
          r.extension?.find((x) => x.url === EXT.histologyMorphologyBehavior)?.valueCodeableConcept?.coding?.[0]?.code ?? null;
        const dto = await createDiagnosis(c, patientId, {
          site: siteOf(r, icd10)!,
          icd10,
          icd10Secondary: secondaryOf.get(i) ?? null,
          icdO3Morphology: morphology,
          diagnosisDate: date,
          clinical:
            tnm?.t && tnm.n && tnm.m
              ? { t: tnm.t, n: tnm.n, m: tnm.m, ...(tnm.grade ? { grade: tnm.grade as NonNullable<PutPathology['grade']> } : {}) }
              : null,
        });
        diagnosisIdOf.set(i, dto.id);
        return { status: '201 Created', location: `Condition/${dto.id}` };
      });
    }

    for (const m of markers) {
      const patientId = patientIdOf.get(m.patient);
      if (!patientId) {
        dependencyFailed(m.i, m.patient);
        continue;
      }
      await unit(m.i, async (c) => {
        const same = (await recordOf(c, patientId)).markers.find(
          (x) => x.marker === m.body.marker && x.date === m.body.date && x.value === m.body.value,
        );
        if (same) return { status: '200 OK', location: `Observation/${same.id}` };
        const dto = await createMarker(c, patientId, m.body);
        return { status: '201 Created', location: `Observation/${dto.id}` };
      });
    }

    for (const row of ps.values()) {
      const patientId = patientIdOf.get(row.patient);
      if (!patientId) {
        dependencyFailed(row.entries[0]!, row.patient);
        continue;
      }
      await unit(row.entries[0]!, async (c) => {
        const same = (await recordOf(c, patientId)).performanceStatus.find((x) => x.date === row.date);
        if (same) return { status: '200 OK', location: `Observation/${same.id}` };
        const dto = await createPerformanceStatus(c, patientId, { date: row.date, ecog: row.ecog ?? null, kps: row.kps ?? null });
        return { status: '201 Created', location: `Observation/${dto.id}` };
      });
    }

    for (const i of operations) {
      const r = entries[i]!.resource as Procedure;
      const patientId = pid(i);
      if (!patientId) continue;
      const reason = target(r.reasonReference?.[0]?.reference);
      if (reason !== undefined && entries[reason]?.resource?.resourceType === 'Condition' && !diagnosisIdOf.has(reason)) {
        dependencyFailed(i, reason);
        continue;
      }
      await unit(i, async (c) => {
        // A period is the operation's start and end (instants); its day is the start's in the hospital's time zone.
        const period = r.performedPeriod?.start && !Number.isNaN(Date.parse(r.performedPeriod.start)) ? r.performedPeriod : undefined;
        const date = r.performedDateTime ? dayOf(r.performedDateTime) : period ? todayIn(c.timeZone, new Date(period.start!)) : undefined;
        const approach = r.extension?.find((x) => x.url === EXT.approach)?.valueCodeableConcept?.coding?.[0]?.code;
        if (!date || !approach) throw invalidField(locale, '', 'fhir.import.operation');
        const principal = codeOf(r, SYS.gisurgProcedure)!;
        const hipecCode = peritoneal.get(i)?.hipec?.code;
        const children = [
          ...(childProcedures.get(i) ?? []).sort((a, b) => a.i - b.i).map((x) => x.code),
          ...(hipecCode ? [hipecCode] : []),
        ];
        const same = (await recordOf(c, patientId)).operations.find((o) => o.date === date && o.procedures[0]?.code === principal);
        if (same) {
          operationIdOf.set(i, { id: same.id, patientId });
          return { status: '200 OK', location: `Procedure/${same.id}` };
        }
        const intentCode = r.extension?.find((x) => x.url === EXT.procedureIntent)?.valueCodeableConcept?.coding?.[0]?.code;
        const convertedFrom = r.extension?.find((x) => x.url === EXT.convertedFrom)?.valueCodeableConcept?.coding?.[0]?.code ?? null;
        const dto = await createOperation(c, patientId, {
          date,
          approach,
          convertedFrom,
          ...(period ? { startTime: period.start, endTime: period.end ?? null } : {}),
          ...(intentCode && INTENT[intentCode] ? { intent: INTENT[intentCode] } : {}),
          diagnosisId: reason !== undefined ? (diagnosisIdOf.get(reason) ?? null) : null,
          procedures: [principal, ...children],
        } as Parameters<typeof createOperation>[2]);
        operationIdOf.set(i, { id: dto.id, patientId });
        return { status: '201 Created', location: `Procedure/${dto.id}` };
      });
    }

    // An operation's pathology report (pTNM; N and stage recomputed by putPathology), once.
    for (const [opEntry, p] of pathology) {
      const first = p.entries[0]!;
      const op = operationIdOf.get(opEntry);
      if (!op) {
        dependencyFailed(first, opEntry);
        continue;
      }
      await unit(first, async (c) => {
        const there = (await recordOf(c, op.patientId)).operations.find((o) => o.id === op.id)?.pathology;
        const staged = (stage: string | null | undefined) => `Observation/${op.id}-${stage && stage !== 'unknown' ? 'ptnm' : 'pt'}`;
        if (there) return { status: '200 OK', location: staged(there.pathologicalStage) };
        const dto = await putPathology(c, op.id, {
          reportDate: p.date ?? null,
          neoadjuvant: p.neoadjuvant,
          t: p.t ?? null,
          n: p.n ?? null,
          m: p.m ?? null,
          ...(p.grade ? { grade: p.grade as NonNullable<PutPathology['grade']> } : {}),
        });
        return { status: '201 Created', location: staged(dto.pathologicalStage) };
      });
    }

    // An operation's peritoneal record: PCI, CC from the residual nodule, HIPEC doses recomputed by putPeritoneal, once.
    for (const [opEntry, per] of peritoneal) {
      if (!per.pci) continue;
      const first = per.pci.i;
      const op = operationIdOf.get(opEntry);
      if (!op) {
        dependencyFailed(first, opEntry);
        continue;
      }
      await unit(first, async (c) => {
        const there = (await recordOf(c, op.patientId)).operations.find((o) => o.id === op.id)?.peritoneal;
        if (there) return { status: '200 OK', location: `Observation/${op.id}-pci` };
        const h = per.hipec;
        const bsaM2 = h ? solveHipecBasis(h.drugs, 'mg/m2') : undefined;
        const carrierVolumeL = h ? solveHipecBasis(h.drugs, 'mg/L') : undefined;
        const input: PutPeritoneal = {
          pci: { regions: per.pci!.regions, timing: per.pci!.timing as PutPeritoneal['pci']['timing'] },
          ...(per.pci!.total !== undefined ? { pciTotal: per.pci!.total } : {}),
          // Absent = not assessed; CC-0 without a nodule = none visible; CC-1…3 need the nodule's size.
          ...(per.cc
            ? {
                cc: per.cc.code as NonNullable<PutPeritoneal['cc']>,
                ...(per.cc.residualMm !== undefined
                  ? { residualMm: per.cc.residualMm }
                  : per.cc.code === 'CC-0'
                    ? { residualMm: null }
                    : {}),
              }
            : {}),
          ...(bsaM2 !== undefined ? { bsaM2 } : {}),
          ...(h
            ? {
                hipec: {
                  ...h.input,
                  ...(carrierVolumeL !== undefined ? { carrierVolumeL } : {}),
                  drugs: h.drugs.map((d) => ({
                    drug: d.drug,
                    dose: d.dose,
                    doseBasis: d.doseBasis,
                    ...(d.total !== undefined ? { totalDoseMg: d.total } : {}),
                  })),
                } as HipecInput,
              }
            : {}),
        };
        await putPeritoneal(c, op.id, input);
        return { status: '201 Created', location: `Observation/${op.id}-pci` };
      });
    }

    // Stays that are over: recorded without a bed by the ward (recordPastStay), once (same admission time).
    for (const e of encounters) {
      const patientId = patientIdOf.get(e.patient);
      if (!patientId) {
        dependencyFailed(e.i, e.patient);
        continue;
      }
      const r = entries[e.i]!.resource as Encounter;
      await unit(e.i, async (c) => {
        const same = (await staysOf(c.db, patientId)).find((s) => s.admittedAt.getTime() === e.start.getTime());
        if (same) return { status: '200 OK', location: `Encounter/${same.id}` };
        const dto = await recordPastStay(c, patientId, {
          admittedAt: e.start,
          dischargedAt: e.end,
          status: e.status,
          source: r.hospitalization?.admitSource?.coding?.find((x) => x.system === SYS.gisurgAdmissionSource)?.code ?? 'other',
          disposition:
            e.status === 'discharged'
              ? (r.hospitalization?.dischargeDisposition?.coding?.find((x) => x.system === SYS.gisurgDischargeDisposition)?.code ?? null)
              : null,
          origin: 'fhir.import',
        });
        return { status: '201 Created', location: `Encounter/${dto.id}` };
      });
    }

    // Follow-up plans are built by the follow-up feature from the imported record (as after a discharge or a
    // pathology report); a follow-up CarePlan sent along is answered with the plan GISurg holds for its diagnosis.
    for (const [i, conditionEntry] of followUpPlansIn) {
      const diagnosisId = diagnosisIdOf.get(conditionEntry);
      const patientId = target((entries[i]!.resource as CarePlan).subject?.reference);
      const patient = patientId === undefined ? undefined : patientIdOf.get(patientId);
      if (!diagnosisId || !patient) {
        dependencyFailed(i, conditionEntry);
        continue;
      }
      await unit(i, async (c) => {
        const find = async () =>
          (await c.db.select({ id: followUpPlans.id }).from(followUpPlans).where(eq(followUpPlans.diagnosisId, diagnosisId)).limit(1))[0];
        const before = await find();
        if (before) return { status: '200 OK', location: `CarePlan/${before.id}` };
        await ensurePlans({ tx: c.db, meta: c.meta, actor: c.actor, now: c.clock.now() }, patient);
        const after = await find();
        if (!after) throw invalidField(locale, '', 'fhir.import.followUpPlan');
        return { status: '201 Created', location: `CarePlan/${after.id}` };
      });
    }

    // Derived entries (stage groups, T/N/M, secondary conditions, further procedures) follow their parent.
    entries.forEach((_e, i) => {
      if (done.has(i) || failures.has(i)) return;
      let root = i;
      while (parentOf.has(root) && !done.has(root) && !failures.has(root)) root = parentOf.get(root)!;
      if (failures.has(root) && root !== i) dependencyFailed(i, root);
      else done.set(i, { status: '200 OK', location: '' });
    });
  };

  const patientIdOf = new Map<number, string>();
  const existing = new Set<number>();
  const diagnosisIdOf = new Map<number, string>();
  const operationIdOf = new Map<number, { id: string; patientId: string }>();
  const summary = () => ({
    type: bundle.type,
    entries: entries.length,
    patientIds: [...new Set(patientIdOf.values())],
    created: [...done.values()].filter((x) => x.status.startsWith('201')).length,
    matchedPatients: existing.size,
    ...(batch ? { failed: [...failures.keys()].sort((a, b) => a - b) } : {}),
  });
  const responseOf = (i: number) => {
    const d = done.get(i);
    if (d) return { status: d.status, ...(d.location ? { location: `${base}/${d.location}` } : {}) };
    const f = failures.get(i)!;
    return { status: `${statusOf[f.code]} ${STATUS_TEXT[f.code]}`, outcome: entryOutcome(locale, f) };
  };

  if (batch) {
    await write(unitIn(null));
    await ctx.db.transaction((tx) =>
      recordAudit(tx, ctx.meta, ctx.actor, {
        action: 'fhir.import',
        outcome: failures.size === 0 ? 'success' : done.size === 0 ? 'failure' : 'success',
        resourceType: 'Bundle',
        details: summary(),
      }),
    );
    return { resourceType: 'Bundle', type: 'batch-response', entry: entries.map((_e, i) => ({ response: responseOf(i) })) };
  }
  return ctx.db.transaction(async (tx) => {
    await write(unitIn({ ...ctx, db: tx }));
    if (failures.size) throw validationError(allIssues(failures));
    await recordAudit(tx, ctx.meta, ctx.actor, { action: 'fhir.import', outcome: 'success', resourceType: 'Bundle', details: summary() });
    return { resourceType: 'Bundle', type: 'transaction-response', entry: entries.map((_e, i) => ({ response: responseOf(i) })) };
  });
}
