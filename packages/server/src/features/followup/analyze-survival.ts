import { sql } from 'drizzle-orm';
import {
  coxProportionalHazards,
  dummyCode,
  isClinicalInputError,
  kaplanMeier,
  logRankTest,
  stageMainGroup,
  survivalAt,
  type KaplanMeierResult,
} from '@gisurg/clinical';
import { daysBetween } from '@gisurg/contracts';
import type { Survival, SurvivalRequestSchema } from '@gisurg/contracts/followup';
import type { z } from 'zod';
import { recordAudit } from '../../audit/record.js';
import type { UseCaseContext } from '../../core/context.js';
import { queryRows } from '../../db/sql.js';

type Request = z.output<typeof SurvivalRequestSchema>;

interface CohortRow {
  patient_id: string;
  diagnosis_date: string;
  sex: string;
  stage: string | null;
  approach: string | null;
  cc: string | null;
  last_alive: string | null;
  death_date: string | null;
  recurrence_date: string | null;
}

/** One patient's observation: time in days from diagnosis, 1 = event. */
export interface Observation {
  time: number;
  event: 0 | 1;
  group: string;
}

const YEAR_DAYS = 365.25;

/**
 * Time zero and censoring (docs/statistics.md): time zero = diagnosisDate of the patient's first diagnosis in
 * the cohort. OS: event = death (any cause) on its date; otherwise censored at the last contact alive.
 * DFS: event = the first recurrence or death, whichever is first; otherwise censored at the last contact
 * alive. 'lost' contacts carry no information of being alive. Patients without any dated follow-up, or
 * whose follow-up ends before time zero, are excluded (counted in `excluded`).
 */
export function observation(r: CohortRow, endpoint: 'os' | 'dfs', groupBy: Request['groupBy']): Observation | null {
  // The first of the event dates (ISO dates compare as strings); one call per cohort patient, so no arrays.
  const recurrence = endpoint === 'dfs' ? r.recurrence_date : null;
  const eventDate = r.death_date === null ? recurrence : recurrence === null || r.death_date <= recurrence ? r.death_date : recurrence;
  const end = eventDate ?? r.last_alive;
  if (end === null) return null;
  const time = daysBetween(r.diagnosis_date, end);
  if (time < 0) return null;
  return { time, event: eventDate !== null ? 1 : 0, group: groupKey(r, groupBy) };
}

function groupKey(r: CohortRow, groupBy: Request['groupBy']): string {
  switch (groupBy) {
    case undefined:
      return 'all';
    case 'sex':
      return r.sex;
    case 'stage':
      return (r.stage && stageMainGroup(r.stage.trim().toUpperCase())) || 'unknown';
    case 'approach':
      return r.approach ?? 'unknown';
    case 'cc':
      return r.cc ?? 'unknown';
  }
}

function kmGroup(key: string, obs: Observation[]): Survival['groups'][number] {
  const km: KaplanMeierResult = kaplanMeier({ time: obs.map((o) => o.time), event: obs.map((o) => o.event) });
  const points: Survival['groups'][number]['km'] = [];
  for (let i = 0; i < km.time.length; i++) {
    if (km.nEvent[i]! > 0)
      points.push({
        time: km.time[i]!,
        survival: km.survival[i]!,
        lower: km.lower[i] ?? null,
        upper: km.upper[i] ?? null,
        atRisk: km.nRisk[i]!,
      });
  }
  const maxTime = km.time.length ? km.time[km.time.length - 1]! : 0;
  const landmarks = [1, 3, 5].map((years) => {
    const t = years * YEAR_DAYS;
    if (t > maxTime) return { years, survival: null, lower: null, upper: null };
    const s = survivalAt(km, t);
    return { years, survival: s.survival, lower: s.lower, upper: s.upper };
  });
  const atRiskByYear = [];
  for (let y = 0; y <= Math.min(10, Math.ceil(maxTime / YEAR_DAYS)); y++)
    atRiskByYear.push({ years: y, atRisk: obs.filter((o) => o.time >= y * YEAR_DAYS).length });
  return {
    key,
    n: km.n,
    events: km.events,
    median: km.median,
    medianLower: km.medianLower,
    medianUpper: km.medianUpper,
    landmarks,
    km: points,
    atRiskByYear,
  };
}

/** Kaplan–Meier per group, log-rank across groups and a Cox model on the grouping, all from @gisurg/clinical. */
export function analyse(observations: Observation[]): Omit<Survival, 'excluded'> {
  const keys = [...new Set(observations.map((o) => o.group))].sort();
  const groups = observations.length
    ? keys.map((k) =>
        kmGroup(
          k,
          observations.filter((o) => o.group === k),
        ),
      )
    : [];
  const out: Omit<Survival, 'excluded'> = {
    n: observations.length,
    events: observations.filter((o) => o.event === 1).length,
    groups,
  };
  const time = observations.map((o) => o.time);
  const event = observations.map((o) => o.event);
  const group = observations.map((o) => o.group);
  if (keys.length >= 2 && out.events > 0) {
    const lr = logRankTest({ time, event, group });
    out.logRank = { chiSquare: lr.chiSquare, df: lr.df, pValue: lr.pValue };
    try {
      const reference = keys[0]!;
      const covariates = dummyCode(group, { reference });
      const cox = coxProportionalHazards({ time, event, covariates });
      out.cox = {
        reference,
        rows: cox.coefficients.map((c) => ({ term: c.name, hr: c.hazardRatio, lower: c.lower95, upper: c.upper95, pValue: c.pValue })),
      };
    } catch (e) {
      // A group without events (complete separation) has no finite hazard ratio: the table is left out.
      if (!isClinicalInputError(e)) throw e;
    }
  }
  return out;
}

/** The cohort's rows: one per patient (their first matching diagnosis), with follow-up summarised. */
export async function survival(ctx: UseCaseContext, req: Request): Promise<Survival> {
  const { actor, meta } = ctx;
  const { site, from, to } = req.cohort;
  return ctx.db.transaction(async (tx) => {
    // Per cohort patient, the first operation of the diagnosis and the follow-up summary are looked up through
    // operations_diagnosis_idx and follow_up_contacts_patient_idx (their fields are in the keys: no table access).
    // Joined as whole sets, they had PostgreSQL read every operation and every contact (1.5 M and 4.3 M rows for a
    // 100,000-patient cohort at 1,000,000 patients: 2.5 s → 1.3 s, issue 18 "Scale"). The first operations are one
    // set (DISTINCT ON over the cohort's diagnoses) joined to their pathology and PCI by the one-per-operation unique
    // indexes, rather than a LATERAL subquery with its joins and LIMIT per patient (~15 % less). work_mem keeps the
    // cohort's sort in memory.
    await tx.execute(sql`set local work_mem = '64MB'`);
    const rows = await queryRows<CohortRow>(
      tx,
      sql`with cohort as materialized (
            select distinct on (d.patient_id) d.id, d.patient_id, d.diagnosis_date::text as diagnosis_date, d.clinical_stage, p.sex
            from oncology_diagnoses d join patients p on p.id = d.patient_id
            where d.deleted_at is null and p.deleted_at is null and p.organization_id = ${actor.organizationId}
              ${site ? sql`and d.site = ${site}` : sql``}
              ${from ? sql`and d.diagnosis_date >= ${from}` : sql``}
              ${to ? sql`and d.diagnosis_date <= ${to}` : sql``}
            order by d.patient_id, d.diagnosis_date, d.created_at
          ),
          first_op as (
            select distinct on (o.diagnosis_id) o.diagnosis_id, o.id, o.approach
            from operations o
            where o.deleted_at is null and o.diagnosis_id in (select id from cohort)
            order by o.diagnosis_id, o.operation_date, o.created_at
          )
          select d.patient_id, d.diagnosis_date, d.sex, coalesce(nullif(pr.pathological_stage, 'unknown'), d.clinical_stage) as stage,
                 op.approach, pa.cc, c.last_alive, c.death_date, c.recurrence_date
          from cohort d
          left join first_op op on op.diagnosis_id = d.id
          left join pathology_reports pr on pr.operation_id = op.id and pr.deleted_at is null
          left join peritoneal_assessments pa on pa.operation_id = op.id and pa.deleted_at is null
          left join lateral (
            select max(f.contact_date) filter (where f.status in ('alive_no_disease', 'alive_with_disease'))::text as last_alive,
                   min(f.death_date)::text as death_date,
                   min(f.recurrence_date)::text as recurrence_date
            from follow_up_contacts f
            where f.patient_id = d.patient_id
          ) c on true`,
    );
    const observations: Observation[] = [];
    for (const r of rows) {
      const o = observation(r, req.endpoint, req.groupBy);
      if (o) observations.push(o);
    }
    await recordAudit(tx, meta, actor, {
      action: 'analytics.survival',
      outcome: 'success',
      resourceType: 'survival_analysis',
      details: { cohort: req.cohort, endpoint: req.endpoint, groupBy: req.groupBy ?? null, n: observations.length },
    });
    return { ...analyse(observations), excluded: rows.length - observations.length };
  });
}
