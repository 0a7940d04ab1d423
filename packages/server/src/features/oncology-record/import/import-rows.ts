import { and, eq, inArray, isNull, or } from 'drizzle-orm';
import type { z } from 'zod';
import { oncologyDiagnoses, operationProcedures, operations, patients, users } from '../../../db/schema/index.js';
import { AppError } from '../../../core/app-error.js';
import type { UseCaseContext } from '../../../core/context.js';
import { zodIssuesToFields } from '../../../core/validation.js';
import { translate, type Locale } from '../../../i18n/messages.js';
import { createPatient } from '../../patients/index.js';
import { CreatePatientSchema } from '@gisurg/contracts/patients';
import { PutPeritonealSchema } from '@gisurg/contracts/oncology-record';
import { putPeritoneal } from '../peritoneal/put-peritoneal.js';
import { createComplication } from '../complications/create-complication.js';
import { createOperation } from '../operations/create-operation.js';
import { CreateComplicationSchema, CreateOperationSchema } from '@gisurg/contracts/oncology-record';
import { createDiagnosis } from '../diagnoses/create-diagnosis.js';
import { putPathology } from '../pathology/put-pathology.js';
import { CreateDiagnosisSchema, PutPathologySchema } from '@gisurg/contracts/oncology-record';
import type { ImportRow } from './read-file.js';

export interface RowError {
  line: number;
  column: string;
  message: string;
}

export interface ImportReport {
  total: number;
  imported: number;
  failed: number;
  dryRun: boolean;
  /** strict: a file with any bad row writes nothing. */
  strict: boolean;
  errors: RowError[];
}

export interface ImportOptions {
  dryRun?: boolean;
  strict?: boolean;
  onProgress?: (done: number, total: number, failed: number) => void;
}

/** API field path → template column, per section (the rest: camelCase → snake_case of the first segment). */
const COLUMN_OF: Record<string, Record<string, string>> = {
  patient: { idNumber: 'id_number', inpatientNo: 'inpatient_no', birthDate: 'birth_date', '': 'inpatient_no' },
  diagnosis: {
    icdO3Morphology: 'icdo3',
    'clinical.t': 'ct',
    'clinical.n': 'cn',
    'clinical.m': 'cm',
    'clinical.grade': 'c_grade',
    clinical: 'ct',
    clinicalStage: 'ct',
    '': 'site',
  },
  operation: { date: 'operation_date', surgeonId: 'surgeon', assistantIds: 'assistants', convertedFrom: 'approach', '': 'operation_date' },
  pathology: { t: 'pt', n: 'pn', m: 'pm', her2Ihc: 'her2_ihc', her2Ish: 'her2_ish', '': 'pt' },
  peritoneal: {
    'pci.timing': 'pci_timing',
    'pci.regions': 'pci_0',
    pciTotal: 'pci_0',
    bsaM2: 'height_cm',
    'hipec.carrierVolumeL': 'hipec_volume_l',
    'hipec.inflowTempC': 'hipec_inflow_c',
    'hipec.outflowTempC': 'hipec_outflow_c',
    'hipec.durationMin': 'hipec_duration_min',
    'hipec.technique': 'hipec_technique',
    '': 'pci_timing',
  },
};

function columnOf(section: string, path: string): string {
  if (section === 'complications') return 'complications';
  const map = COLUMN_OF[section] ?? {};
  const pci = /^pci\.regions\[(\d+)\]/.exec(path);
  if (pci) return `pci_${pci[1]}`;
  if (/^hipec\.drugs\[\d+\]\.(\w+)/.test(path)) {
    const f = /^hipec\.drugs\[\d+\]\.(\w+)/.exec(path)![1]!;
    return f === 'doseBasis' ? 'hipec_dose_basis' : f === 'drug' ? 'hipec_drug' : 'hipec_dose';
  }
  const noIndex = path.replace(/\[\d+\]/g, '');
  if (map[noIndex] !== undefined) return map[noIndex];
  const first = noIndex.split('.')[0] ?? noIndex;
  return map[first] ?? first.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`);
}

class RowFailure extends Error {
  constructor(readonly errors: Omit<RowError, 'line'>[]) {
    super('row failed');
  }
}
class DryRunRollback extends Error {}

function fail(section: string, locale: Locale, e: unknown): never {
  if (e instanceof RowFailure) throw e;
  if (e instanceof AppError) {
    const fields = e.details?.fields ?? [];
    if (fields.length > 0) throw new RowFailure(fields.map((f) => ({ column: columnOf(section, f.path), message: f.message })));
    throw new RowFailure([{ column: section, message: translate(locale, e.messageKey, { ...e.params, ...(e.details ?? {}) }) }]);
  }
  throw e;
}

function parse<S extends z.ZodType>(schema: S, section: string, locale: Locale, input: unknown): z.output<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  throw new RowFailure(zodIssuesToFields(r.error.issues, locale).map((f) => ({ column: columnOf(section, f.path), message: f.message })));
}

const empty = (s: string | undefined) => s === undefined || s.trim() === '';
const text = (s: string | undefined) => (empty(s) ? undefined : s!.trim());
const num = (s: string | undefined): number | string | undefined => {
  if (empty(s)) return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : s;
};
const bool = (s: string | undefined): boolean | string | undefined => {
  if (empty(s)) return undefined;
  const v = s!.trim().toLowerCase();
  if (['yes', 'y', 'true', '1', '是', '有'].includes(v)) return true;
  if (['no', 'n', 'false', '0', '否', '无'].includes(v)) return false;
  return s;
};
const list = (s: string | undefined) =>
  empty(s)
    ? []
    : s!
        .split(/[;；,，]/)
        .map((x) => x.trim())
        .filter(Boolean);
const SEX: Record<string, string> = { 男: 'male', 女: 'female', m: 'male', f: 'female' };

/** Import one row: all of it in one transaction (a row is all-or-nothing), through the API's own use cases. */
async function importRow(ctx: UseCaseContext, row: ImportRow, dryRun: boolean): Promise<void> {
  const v = row.values;
  const locale = ctx.locale;
  await ctx.db.transaction(async (tx) => {
    const c: UseCaseContext = { ...ctx, db: tx, meta: { ...ctx.meta, requestId: `${ctx.meta.requestId}:${row.line}` } };
    // Patient: by inpatient number or resident ID; registered when not found and identity is given.
    const inpatientNo = text(v.inpatient_no);
    const idNumber = text(v.id_number)?.toUpperCase();
    if (!inpatientNo && !idNumber)
      throw new RowFailure([{ column: 'inpatient_no', message: translate(locale, 'oncology.import.patientNotFound') }]);
    const [found] = await tx
      .select({ id: patients.id })
      .from(patients)
      .where(
        and(
          isNull(patients.deletedAt),
          eq(patients.organizationId, c.actor.organizationId),
          or(inpatientNo ? eq(patients.inpatientNo, inpatientNo) : undefined, idNumber ? eq(patients.idNumber, idNumber) : undefined),
        ),
      )
      .limit(1);
    let patientId = found?.id;
    if (!patientId) {
      if (empty(v.name) || empty(v.sex) || empty(v.birth_date) || !idNumber)
        throw new RowFailure([{ column: 'inpatient_no', message: translate(locale, 'oncology.import.patientNotFound') }]);
      const input = parse(CreatePatientSchema, 'patient', locale, {
        name: v.name,
        sex: SEX[v.sex!.trim().toLowerCase()] ?? v.sex,
        birthDate: v.birth_date,
        idNumber,
        inpatientNo: inpatientNo ?? null,
      });
      patientId = (await createPatient(c, input).catch((e: unknown) => fail('patient', locale, e))).id;
    }

    // Diagnosis: rows of the same patient, site, ICD-10 and date share one.
    const hasClinical = !empty(v.ct) || !empty(v.cn) || !empty(v.cm);
    const dx = parse(CreateDiagnosisSchema, 'diagnosis', locale, {
      site: text(v.site),
      icd10: text(v.icd10),
      icd10Secondary: text(v.icd10_secondary),
      icdO3Morphology: text(v.icdo3),
      diagnosisDate: text(v.diagnosis_date),
      basis: text(v.basis),
      pmOrigin: text(v.pm_origin),
      psogiCategory: text(v.psogi_category),
      appendicealLesion: text(v.appendiceal_lesion),
      whoCategory: text(v.who_category),
      ...(hasClinical
        ? { clinical: { t: v.ct ?? '', n: v.cn ?? '', m: v.cm ?? '', ...(text(v.c_grade) ? { grade: text(v.c_grade) } : {}) } }
        : {}),
    });
    const [existing] = await tx
      .select({ id: oncologyDiagnoses.id })
      .from(oncologyDiagnoses)
      .where(
        and(
          eq(oncologyDiagnoses.patientId, patientId),
          eq(oncologyDiagnoses.site, dx.site),
          eq(oncologyDiagnoses.icd10, dx.icd10),
          eq(oncologyDiagnoses.diagnosisDate, dx.diagnosisDate),
          isNull(oncologyDiagnoses.deletedAt),
        ),
      );
    const diagnosisId = existing?.id ?? (await createDiagnosis(c, patientId, dx).catch((e: unknown) => fail('diagnosis', locale, e))).id;

    // Staff by username.
    const usernames = [text(v.surgeon), ...list(v.assistants)].filter((x): x is string => Boolean(x));
    const staff = usernames.length
      ? await tx
          .select({ id: users.id, username: users.username })
          .from(users)
          .where(
            and(
              inArray(
                users.username,
                usernames.map((u) => u.toLowerCase()),
              ),
              eq(users.organizationId, c.actor.organizationId),
            ),
          )
      : [];
    const userId = (name: string, column: string) => {
      const u = staff.find((s) => s.username === name.toLowerCase());
      if (!u) throw new RowFailure([{ column, message: translate(locale, 'oncology.import.unknownUser', { username: name }) }]);
      return u.id;
    };

    const op = parse(CreateOperationSchema, 'operation', locale, {
      diagnosisId,
      date: text(v.operation_date),
      urgency: text(v.urgency),
      intent: text(v.intent),
      approach: text(v.approach),
      conversionReason: text(v.conversion_reason),
      incisionLengthCm: num(v.incision_length_cm),
      procedures: list(v.procedures),
      lymphadenectomy: text(v.lymphadenectomy),
      surgeonId: text(v.surgeon) ? userId(v.surgeon!.trim(), 'surgeon') : undefined,
      assistantIds: list(v.assistants).map((a) => userId(a, 'assistants')),
      anesthetistName: text(v.anesthetist_name),
      anesthesiaMethod: text(v.anesthesia_method),
      operationLevel: num(v.operation_level),
      incisionClass: text(v.incision_class),
      healingGrade: text(v.healing_grade),
      startTime: text(v.start_time),
      endTime: text(v.end_time),
      bloodLossMl: num(v.blood_loss_ml),
      transfusion: bool(v.transfusion),
      rbcUnits: num(v.rbc_units),
      anastomosis: text(v.anastomosis),
      anastomosisTechnique: text(v.anastomosis_technique),
      stoma: text(v.stoma),
      stomaIntent: text(v.stoma_intent),
      dischargeDate: text(v.discharge_date),
    });
    const [dup] = await tx
      .select({ id: operations.id })
      .from(operations)
      .innerJoin(operationProcedures, and(eq(operationProcedures.operationId, operations.id), eq(operationProcedures.position, 0)))
      .where(
        and(
          eq(operations.patientId, patientId),
          eq(operations.operationDate, op.date),
          eq(operationProcedures.code, op.procedures[0]!),
          isNull(operations.deletedAt),
        ),
      );
    if (dup) throw new RowFailure([{ column: 'operation_date', message: translate(locale, 'oncology.import.duplicateOperation') }]);
    const operationId = (await createOperation(c, patientId, op).catch((e: unknown) => fail('operation', locale, e))).id;

    const pathologyKeys = [
      'pt',
      'nodes_examined',
      'nodes_positive',
      'pn',
      'pm',
      'margin',
      'grade',
      'mmr',
      'msi',
      'her2_ihc',
      'kras',
      'report_date',
    ];
    if (pathologyKeys.some((k) => !empty(v[k]))) {
      const p = parse(PutPathologySchema, 'pathology', locale, {
        neoadjuvant: bool(v.neoadjuvant),
        t: text(v.pt),
        nodesExamined: num(v.nodes_examined),
        nodesPositive: num(v.nodes_positive),
        tumorDeposits: num(v.tumor_deposits),
        n: text(v.pn),
        m: text(v.pm),
        grade: text(v.grade),
        margin: text(v.margin),
        lvi: bool(v.lvi),
        pni: bool(v.pni),
        mmr: text(v.mmr),
        msi: text(v.msi),
        her2Ihc: text(v.her2_ihc),
        her2Ish: text(v.her2_ish),
        kras: text(v.kras),
        nras: text(v.nras),
        braf: text(v.braf),
        reportDate: text(v.report_date),
      });
      await putPathology(c, operationId, p).catch((e: unknown) => fail('pathology', locale, e));
    }

    const regionKeys = Array.from({ length: 13 }, (_, i) => `pci_${i}`);
    if (regionKeys.some((k) => !empty(v[k])) || !empty(v.pci_timing)) {
      const hipec = !empty(v.hipec_drug)
        ? {
            timing: 'intraoperative-after-crs',
            technique: text(v.hipec_technique) ?? 'open',
            carrierVolumeL: num(v.hipec_volume_l),
            inflowTempC: num(v.hipec_inflow_c),
            outflowTempC: num(v.hipec_outflow_c),
            durationMin: num(v.hipec_duration_min),
            drugs: [{ drug: text(v.hipec_drug), dose: num(v.hipec_dose), doseBasis: text(v.hipec_dose_basis) }],
          }
        : undefined;
      const per = parse(PutPeritonealSchema, 'peritoneal', locale, {
        pci: { regions: regionKeys.map((k) => num(v[k]) ?? 0), timing: text(v.pci_timing) },
        ...(empty(v.residual_mm) ? {} : { residualMm: num(v.residual_mm) }),
        heightCm: num(v.height_cm),
        weightKg: num(v.weight_kg),
        ...(hipec ? { hipec } : {}),
      });
      await putPeritoneal(c, operationId, per).catch((e: unknown) => fail('peritoneal', locale, e));
    }

    for (const entry of list(v.complications?.replace(/,/g, ';'))) {
      const [date, type, grade, ...rest] = entry.split('|').map((s) => s.trim());
      if (!date || !type || !grade || rest.length > 0)
        throw new RowFailure([{ column: 'complications', message: translate(locale, 'oncology.import.complicationFormat') }]);
      const comp = parse(CreateComplicationSchema, 'complications', locale, { date, type, grade });
      await createComplication(c, operationId, comp).catch((e: unknown) => fail('complications', locale, e));
    }
    if (dryRun) throw new DryRunRollback();
  });
}

/**
 * Import historic cases (docs/import-oncology.md): every row goes through the same use cases — and so the
 * same validation, computed stages, audit — as the API, inside one transaction per row, so a bad row
 * writes nothing and is reported with the column and the reason. Default: the good rows are imported and
 * the bad ones reported (fix them and run the file again: rows already imported are refused as
 * duplicates). `strict`: validate the whole file first and write nothing if any row is bad.
 * `dryRun`: validate only.
 */
export async function importOncologyRows(ctx: UseCaseContext, rows: readonly ImportRow[], opts: ImportOptions = {}): Promise<ImportReport> {
  const run = async (dryRun: boolean): Promise<ImportReport> => {
    const errors: RowError[] = [];
    let imported = 0;
    let failed = 0;
    for (const [i, row] of rows.entries()) {
      try {
        await importRow(ctx, row, dryRun);
        imported += 1;
      } catch (e) {
        if (e instanceof DryRunRollback) imported += 1;
        else if (e instanceof RowFailure) {
          failed += 1;
          errors.push(...e.errors.map((x) => ({ line: row.line, ...x })));
        } else {
          failed += 1;
          errors.push({ line: row.line, column: '', message: e instanceof Error ? e.message : String(e) });
        }
      }
      opts.onProgress?.(i + 1, rows.length, failed);
    }
    return { total: rows.length, imported, failed, dryRun, strict: Boolean(opts.strict), errors };
  };
  if (opts.dryRun) return run(true);
  if (opts.strict) {
    const check = await run(true);
    if (check.failed > 0) return { ...check, imported: 0, dryRun: false };
  }
  return run(false);
}
