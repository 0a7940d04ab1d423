import type { CohortCriteria } from '@gisurg/contracts/research';
import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { notFound } from '../../core/app-error.js';
import { fieldIssue, validationError } from '../../core/validation.js';
import type { Locale } from '../../i18n/messages.js';
import { researchProjects, users } from '../../db/schema/index.js';
import { queryRows } from '../../db/sql.js';
import type { Db } from '../../db/types.js';

export type ProjectRow = typeof researchProjects.$inferSelect;

/** The actor's organization's project, or 404 (the scope is in the WHERE clause). */
export async function requireProject(db: Db, actor: Actor, id: string, opts: { forUpdate?: boolean } = {}): Promise<ProjectRow> {
  const q = db
    .select()
    .from(researchProjects)
    .where(and(eq(researchProjects.id, id), eq(researchProjects.organizationId, actor.organizationId)));
  const [row] = opts.forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound();
  return row;
}

/** Stage group of a clinical stage ('IIIB' → 'III', 'IVA' → 'IV'); null when not staged. */
export function stageGroup(stage: string | null): string | null {
  if (!stage) return null;
  const m = /^(IV|III|II|I|0)/.exec(stage);
  return m ? m[1]! : null;
}

export interface CohortMatch {
  patientId: string;
  sex: string;
  site: string;
  clinicalStage: string | null;
}

/**
 * Patients of the organization whose first matching diagnosis and (when operation criteria are given) some
 * operation satisfy the saved query. Stage groups are filtered after the query (stageGroup).
 */
export async function matchCohort(db: Db, organizationId: string, c: CohortCriteria): Promise<CohortMatch[]> {
  const diag: SQL[] = [sql`d.patient_id = p.id`, sql`d.deleted_at is null`];
  if (c.sites?.length)
    diag.push(
      sql`d.site in (${sql.join(
        c.sites.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  if (c.icd10Prefix) diag.push(sql`d.icd10 like ${c.icd10Prefix.replace(/[%_\\]/g, '') + '%'}`);
  if (c.diagnosedFrom) diag.push(sql`d.diagnosis_date >= ${c.diagnosedFrom}::date`);
  if (c.diagnosedTo) diag.push(sql`d.diagnosis_date <= ${c.diagnosedTo}::date`);
  const op: SQL[] = [sql`o.patient_id = p.id`, sql`o.deleted_at is null`];
  const hasOp = Boolean(c.procedures?.length || c.approaches?.length || c.hipec !== undefined || c.operatedFrom || c.operatedTo);
  if (c.approaches?.length)
    op.push(
      sql`o.approach in (${sql.join(
        c.approaches.map((s) => sql`${s}`),
        sql`, `,
      )})`,
    );
  if (c.operatedFrom) op.push(sql`o.operation_date >= ${c.operatedFrom}::date`);
  if (c.operatedTo) op.push(sql`o.operation_date <= ${c.operatedTo}::date`);
  if (c.procedures?.length)
    op.push(
      sql`exists (select 1 from operation_procedures op where op.operation_id = o.id and op.code in (${sql.join(
        c.procedures.map((s) => sql`${s}`),
        sql`, `,
      )}))`,
    );
  if (c.hipec !== undefined)
    op.push(
      sql`${c.hipec ? sql`` : sql`not`} exists (select 1 from peritoneal_assessments pa where pa.operation_id = o.id and pa.deleted_at is null and pa.hipec is not null and pa.hipec <> 'null'::jsonb)`,
    );
  const rows = await queryRows<{ patient_id: string; sex: string; site: string; clinical_stage: string | null }>(
    db,
    sql`select p.id as patient_id, p.sex, d.site, d.clinical_stage
      from patients p
      join lateral (select d.site, d.clinical_stage from oncology_diagnoses d where ${sql.join(diag, sql` and `)}
        order by d.diagnosis_date, d.created_at limit 1) d on true
      where p.organization_id = ${organizationId} and p.deleted_at is null
        ${hasOp ? sql`and exists (select 1 from operations o where ${sql.join(op, sql` and `)})` : sql``}
      order by p.id`,
  );
  const stages = c.stages?.length ? new Set<string>(c.stages) : null;
  return rows
    .filter((r) => !stages || stages.has(stageGroup(r.clinical_stage) ?? ''))
    .map((r) => ({ patientId: r.patient_id, sex: r.sex, site: r.site, clinicalStage: r.clinical_stage }));
}

/** What one exported row is built from (identifiers are read only for the identified export). */
export interface ExportSource {
  patient_id: string;
  date_offset_days: number;
  name: string;
  id_number: string | null;
  inpatient_no: string | null;
  phone: string | null;
  address: string | null;
  sex: string;
  birth_date: string;
  diagnosis_site: string | null;
  icd10: string | null;
  morphology: string | null;
  diagnosis_date: string | null;
  clinical_stage: string | null;
  operation_date: string | null;
  procedures: string | null;
  approach: string | null;
  converted: boolean | null;
  pathological_stage: string | null;
  nodes_examined: number | null;
  nodes_positive: number | null;
  margin: string | null;
  pci: number | null;
  cc: string | null;
  hipec: boolean | null;
  highest_clavien_dindo: string | null;
  cci_30: number | null;
  follow_up_status: string | null;
  last_contact_date: string | null;
  recurrence_date: string | null;
  death_date: string | null;
}

/**
 * The consenting participants of a project (withdrawn consent excluded) with their first diagnosis, the
 * operation for it (else their first operation), its pathology and peritoneal record, and follow-up.
 */
export async function exportSources(db: Db, projectId: string): Promise<ExportSource[]> {
  const rows = await queryRows<ExportSource>(
    db,
    sql`select rp.patient_id, rp.date_offset_days, p.name, p.id_number, p.inpatient_no, p.phone, p.address, p.sex,
        to_char(p.birth_date, 'YYYY-MM-DD') as birth_date,
        d.site as diagnosis_site, d.icd10, d.icdo3_morphology as morphology,
        to_char(d.diagnosis_date, 'YYYY-MM-DD') as diagnosis_date, d.clinical_stage,
        to_char(o.operation_date, 'YYYY-MM-DD') as operation_date,
        (select string_agg(x.code, '+' order by x.position) from operation_procedures x where x.operation_id = o.id) as procedures,
        o.approach, o.converted,
        case when pr.id is null then null else coalesce(pr.classification, 'p') || coalesce(pr.pathological_stage, '') end as pathological_stage,
        pr.nodes_examined, pr.nodes_positive, pr.margin,
        pa.pci_total as pci, pa.cc,
        case when pa.id is null then null else (pa.hipec is not null and pa.hipec <> 'null'::jsonb) end as hipec,
        o.highest_clavien_dindo_30 as highest_clavien_dindo, o.cci_30,
        lc.status as follow_up_status, to_char(lc.contact_date, 'YYYY-MM-DD') as last_contact_date,
        (select to_char(min(c.recurrence_date), 'YYYY-MM-DD') from follow_up_contacts c where c.patient_id = p.id) as recurrence_date,
        (select to_char(min(c.death_date), 'YYYY-MM-DD') from follow_up_contacts c where c.patient_id = p.id) as death_date
      from research_participants rp
      join patients p on p.id = rp.patient_id and p.deleted_at is null
      left join lateral (select * from oncology_diagnoses d where d.patient_id = p.id and d.deleted_at is null
        order by d.diagnosis_date, d.created_at limit 1) d on true
      left join lateral (select * from operations o where o.patient_id = p.id and o.deleted_at is null
        order by (o.diagnosis_id is not distinct from d.id) desc, o.operation_date, o.created_at limit 1) o on true
      left join pathology_reports pr on pr.operation_id = o.id and pr.deleted_at is null
      left join peritoneal_assessments pa on pa.operation_id = o.id and pa.deleted_at is null
      left join lateral (select c.status, c.contact_date from follow_up_contacts c where c.patient_id = p.id
        order by c.contact_date desc, c.created_at desc limit 1) lc on true
      where rp.project_id = ${projectId} and rp.withdrawn_on is null
      order by rp.created_at, rp.patient_id`,
  );
  return rows.map((r) => ({
    ...r,
    date_offset_days: Number(r.date_offset_days),
    nodes_examined: r.nodes_examined === null ? null : Number(r.nodes_examined),
    nodes_positive: r.nodes_positive === null ? null : Number(r.nodes_positive),
    pci: r.pci === null ? null : Number(r.pci),
    cci_30: r.cci_30 === null ? null : Number(r.cci_30),
  }));
}

/** The PI, when given as a user, must be a user of the actor's hospital (else 400, never a foreign-key error). */
export async function checkPiUser(db: Db, actor: Actor, locale: Locale, piUserId: string | null | undefined): Promise<void> {
  if (!piUserId) return;
  const [u] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, piUserId), eq(users.organizationId, actor.organizationId)));
  if (!u) throw validationError([fieldIssue(locale, 'piUserId', 'research.validation.piUser')]);
}
