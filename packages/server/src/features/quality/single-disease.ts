import { ageOn, daysBetween } from '@gisurg/contracts';
import { highestClavienDindo, isMajorComplication, procedureDefinition, singleDiseaseIncluded } from '@gisurg/clinical';
import type { SingleDisease, SingleDiseaseQuery } from '@gisurg/contracts/quality-report';
import { sql } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import type { UseCaseContext } from '../../core/context.js';
import { queryRows } from '../../db/sql.js';
import { boardDecisionDates } from '../mdt/index.js';
import { patientScope } from '../patients/index.js';
import { staysOf } from '../ward/index.js';
import type { ReportFile } from './get-annual-report.js';
import { periodOf } from './get-indicators.js';
import { RADICAL_SITES } from './queries.js';
import { renderSingleDiseaseXlsx } from './report/render-single-disease.js';

/**
 * The single-disease (单病种) export (issue 12, docs/quality.md "Single-disease export"): one row per radical
 * resection of the site (gastric → stomach, colorectal → colorectal, as the indicators classify them) whose
 * operation date falls in [from, to], with the fields the national platform's gastric cancer form asks that
 * the record holds. Operations, procedures, diagnoses, pathology and complications come from the oncology
 * record (read-only, like the indicators); the stay from the ward, the board decision from the MDT feature
 * (their public functions); deaths from the quality feature's own projection.
 */
export interface SingleDiseaseRow {
  operationId: string;
  patientId: string;
  inpatientNo: string | null;
  sex: 'male' | 'female' | 'unknown';
  age: number;
  admittedOn: string | null;
  dischargedOn: string | null;
  lengthOfStay: number | null;
  postoperativeLos: number | null;
  icd10: string | null;
  icd9cm3: string;
  procedure: string;
  operationDate: string;
  approach: string;
  urgency: string;
  lymphadenectomy: string | null;
  cT: string | null;
  cN: string | null;
  cM: string | null;
  clinicalStage: string | null;
  neoadjuvant: boolean | null;
  pT: string | null;
  pN: string | null;
  pM: string | null;
  pathologicalStage: string | null;
  nodesExamined: number | null;
  nodesPositive: number | null;
  margin: string | null;
  mdtBeforeSurgery: boolean;
  mdtDecidedOn: string | null;
  highestCd30: string | null;
  cd3plus: boolean;
  reoperation30: boolean;
  death30: boolean;
  disposition: string | null;
  included: boolean;
}

interface Raw {
  id: string;
  patient_id: string;
  operation_date: string;
  urgency: string;
  approach: string;
  lymphadenectomy: string | null;
  discharge_date: string | null;
  postoperative_los_days: number | null;
  proc_code: string;
  icd9cm3: string;
  inpatient_no: string | null;
  sex: 'male' | 'female' | 'unknown';
  birth_date: string;
  icd10: string | null;
  clinical_t: string | null;
  clinical_n: string | null;
  clinical_m: string | null;
  clinical_stage: string | null;
  neoadjuvant: boolean | null;
  t: string | null;
  n: string | null;
  m: string | null;
  pathological_stage: string | null;
  nodes_examined: number | null;
  nodes_positive: number | null;
  margin: string | null;
  grades: string[] | null;
  reoperation: boolean;
  death30: boolean;
}

const SITE: Record<SingleDisease, 'stomach' | 'colorectal'> = { gastric: 'stomach', colorectal: 'colorectal' };

/** The rows of a period, without authorization or audit (the route and the tests use it). */
export async function singleDiseaseRows(
  ctx: Pick<UseCaseContext, 'db' | 'actor' | 'timeZone'>,
  q: { from: string; to: string; disease: SingleDisease },
): Promise<SingleDiseaseRow[]> {
  const codes = RADICAL_SITES.filter((r) => r.site === SITE[q.disease]).map((r) => r.code);
  const sites = sql.join(
    RADICAL_SITES.map((r) => sql`(${r.code}, ${r.site})`),
    sql`, `,
  );
  const raw = await queryRows<Raw>(
    ctx.db,
    sql`
    select o.id, o.patient_id, to_char(o.operation_date, 'YYYY-MM-DD') as operation_date, o.urgency, o.approach, o.lymphadenectomy,
      to_char(o.discharge_date, 'YYYY-MM-DD') as discharge_date, o.postoperative_los_days,
      pp.code as proc_code, pp.icd9cm3,
      patients.inpatient_no, patients.sex, to_char(patients.birth_date, 'YYYY-MM-DD') as birth_date,
      d.icd10, d.clinical_t, d.clinical_n, d.clinical_m, d.clinical_stage,
      pr.neoadjuvant, pr.t, pr.n, pr.m, pr.pathological_stage, pr.nodes_examined, pr.nodes_positive, pr.margin,
      (select array_agg(x.grade) from complications x where x.operation_id = o.id and x.deleted_at is null
        and x.day_after_operation between 0 and 30) as grades,
      exists (select 1 from operations o2 where o2.patient_id = o.patient_id and o2.id <> o.id and o2.deleted_at is null
        and o2.urgency <> 'elective' and o2.operation_date <= o.operation_date + 30
        and (o2.operation_date > o.operation_date or (o2.operation_date = o.operation_date and o2.start_time > o.start_time))) as reoperation,
      exists (select 1 from quality_deaths qd where qd.patient_id = o.patient_id
        and qd.death_date between o.operation_date and o.operation_date + 30) as death30
    from operations o
    join patients on patients.id = o.patient_id
    join lateral (select x.code, x.icd9cm3 from operation_procedures x join (values ${sites}) as s(code, site) on s.code = x.code
      where x.operation_id = o.id order by x.position limit 1) pp on true
    left join lateral (select * from oncology_diagnoses dd where dd.deleted_at is null
      and (dd.id = o.diagnosis_id or (o.diagnosis_id is null and dd.patient_id = o.patient_id and dd.diagnosis_date <= o.operation_date))
      order by (dd.id = o.diagnosis_id) is true desc, dd.diagnosis_date desc limit 1) d on true
    left join pathology_reports pr on pr.operation_id = o.id and pr.deleted_at is null
    where o.deleted_at is null and o.operation_date between ${q.from}::date and ${q.to}::date
      and pp.code in (${sql.join(
        codes.map((c) => sql`${c}`),
        sql`, `,
      )})
      and ${patientScope(ctx.actor)}
    order by o.operation_date, o.start_time nulls last, o.id`,
  );
  const patientIds = [...new Set(raw.map((r) => r.patient_id))];
  const stays = await staysOf(ctx.db, patientIds, ctx.timeZone);
  const decisions = await boardDecisionDates(ctx.db, ctx.actor, patientIds);
  const entry = q.disease === 'gastric' ? 'GC' : 'CoC';
  return raw.map((r) => {
    const stay = stays.find(
      (s) =>
        s.patientId === r.patient_id && s.admittedOn <= r.operation_date && (s.dischargedOn === null || s.dischargedOn >= r.operation_date),
    );
    const dischargedOn = stay?.dischargedOn ?? r.discharge_date;
    const mdt = (decisions.get(r.patient_id) ?? []).filter((d) => d <= r.operation_date).at(-1) ?? null;
    const grades = r.grades ?? [];
    return {
      operationId: r.id,
      patientId: r.patient_id,
      inpatientNo: r.inpatient_no,
      sex: r.sex,
      age: ageOn(r.birth_date, r.operation_date),
      admittedOn: stay?.admittedOn ?? null,
      dischargedOn,
      lengthOfStay: stay && dischargedOn ? daysBetween(stay.admittedOn, dischargedOn) : null,
      postoperativeLos: r.postoperative_los_days ?? (dischargedOn ? daysBetween(r.operation_date, dischargedOn) : null),
      icd10: r.icd10,
      icd9cm3: r.icd9cm3,
      procedure: procedureDefinition(r.proc_code)?.label.zh ?? r.proc_code,
      operationDate: r.operation_date,
      approach: r.approach,
      urgency: r.urgency,
      lymphadenectomy: r.lymphadenectomy,
      cT: r.clinical_t,
      cN: r.clinical_n,
      cM: r.clinical_m,
      clinicalStage: r.clinical_stage,
      neoadjuvant: r.neoadjuvant,
      pT: r.t,
      pN: r.n,
      pM: r.m,
      pathologicalStage: r.pathological_stage,
      nodesExamined: r.nodes_examined === null ? null : Number(r.nodes_examined),
      nodesPositive: r.nodes_positive === null ? null : Number(r.nodes_positive),
      margin: r.margin,
      mdtBeforeSurgery: mdt !== null,
      mdtDecidedOn: mdt,
      highestCd30: highestClavienDindo(grades),
      cd3plus: grades.some((g) => isMajorComplication(g)),
      reoperation30: r.reoperation,
      death30: r.death30,
      disposition: stay?.dischargedOn ? stay.disposition : null,
      included: singleDiseaseIncluded(entry, r.icd10, r.icd9cm3),
    };
  });
}

/** GET /api/quality/single-disease: the workbook, audited as a read of the patients it lists. */
export async function getSingleDiseaseExport(
  ctx: UseCaseContext,
  query: SingleDiseaseQuery & { disease: SingleDisease },
): Promise<ReportFile> {
  const { from, to } = periodOf(ctx, query);
  const q = { from, to, disease: query.disease };
  const rows = await singleDiseaseRows(ctx, q);
  const body = await renderSingleDiseaseXlsx(rows, { ...q, generatedAt: ctx.clock.now() });
  const patients = new Set(rows.map((r) => r.patientId)).size;
  await recordAudit(ctx.db, ctx.meta, ctx.actor, {
    action: 'quality.single_disease.export',
    outcome: 'success',
    resourceType: 'patient',
    details: { ...q, rows: rows.length, patients },
  });
  return {
    body,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    fileName: `single-disease-${q.disease}-${q.from}-${q.to}.xlsx`,
  };
}
