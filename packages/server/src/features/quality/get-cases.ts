import {
  QUALITY_CASES_LIMIT,
  type CaseGroup,
  type Cases,
  type CasesQuery,
  type QualityCase,
  type QualityIndicatorCode,
} from '@gisurg/contracts/quality';
import { and, asc, between, inArray, isNull, sql } from 'drizzle-orm';
import { can } from '../../auth/actor.js';
import { recordReadAudit } from '../../audit/writer.js';
import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { inSequence } from '../../db/sql.js';
import { complications, operationProcedures, patients, users } from '../../db/schema/index.js';
import { periodOf } from './get-indicators.js';
import { classifiedOperations, INDICATOR_COLUMNS, type CountColumn } from './queries.js';
import { surgeonScope } from './scope.js';

type Query = CasesQuery & { code: QualityIndicatorCode; group: CaseGroup };

/** Which counts of `INDICATOR_COLUMNS` a click on the dashboard opens. */
function columnsOf(query: Query): CountColumn[] {
  const cols = INDICATOR_COLUMNS[query.code];
  if (query.group === 'numerator') return [cols.numerator];
  if (query.group === 'denominator') return [cols.denominator];
  return cols.missing.filter((m) => query.reason === undefined || m.reason === query.reason).map((m) => m.column);
}

/**
 * GET /api/quality/cases (docs/quality.md "Drill-down"): the operations behind one number of the dashboard
 * (an indicator's numerator, denominator or missing group), listed by the same classification SQL as the
 * counts, so the list is as long as the number clicked (`total`; at most QUALITY_CASES_LIMIT rows, newest
 * first). Patient data: the department head any operation, a surgeon only their own (another surgeon → 404),
 * a researcher none (aggregates only → 404). Audited as a read of the listed patients.
 */
export async function getCases(ctx: UseCaseContext, query: Query): Promise<Cases> {
  if (!can(ctx.actor, 'quality:own')) throw notFound();
  const surgeonId = surgeonScope(ctx.actor, query.surgeonId);
  const q = periodOf(ctx, query);
  const rows = await classifiedOperations(ctx.db, { from: q.from, to: q.to, surgeonId }, q.today, columnsOf(query), QUALITY_CASES_LIMIT);
  const opIds = rows.map((r) => r.operation_id);
  const patientIds = [...new Set(rows.map((r) => r.patient_id))];
  const surgeonIds = [...new Set(rows.flatMap((r) => (r.surgeon_id ? [r.surgeon_id] : [])))];
  const none = Promise.resolve([]);
  const [pats, procs, surgeons, severe] = await inSequence([
    () =>
      patientIds.length
        ? ctx.db
            .select({ id: patients.id, name: patients.name, inpatientNo: patients.inpatientNo })
            .from(patients)
            .where(inArray(patients.id, patientIds))
        : none,
    () =>
      opIds.length
        ? ctx.db
            .select({ operationId: operationProcedures.operationId, code: operationProcedures.code })
            .from(operationProcedures)
            .where(inArray(operationProcedures.operationId, opIds))
            .orderBy(asc(operationProcedures.operationId), asc(operationProcedures.position))
        : none,
    () =>
      surgeonIds.length
        ? ctx.db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, surgeonIds))
        : none,
    // The complications that make an operation CD ≥ IIIa within 30 days (the rule of queries.ts).
    () =>
      opIds.length
        ? ctx.db
            .select({
              operationId: complications.operationId,
              grade: complications.grade,
              day: complications.dayAfterOperation,
              type: complications.type,
            })
            .from(complications)
            .where(
              and(
                inArray(complications.operationId, opIds),
                isNull(complications.deletedAt),
                between(complications.dayAfterOperation, 0, 30),
                sql`${complications.grade} ~ '^(III|IV|V)'`,
              ),
            )
            .orderBy(asc(complications.dayAfterOperation))
        : none,
  ]);
  const patientOf = new Map(pats.map((p) => [p.id, p]));
  const nameOf = new Map(surgeons.map((u) => [u.id, u.displayName]));
  const codesOf = group(procs, (p) => p.operationId);
  const severeOf = group(severe, (c) => c.operationId);
  const items: QualityCase[] = rows.map((r) => {
    const p = patientOf.get(r.patient_id);
    return {
      operationId: r.operation_id,
      operationDate: r.operation_date,
      patient: { id: r.patient_id, name: p?.name ?? '', inpatientNo: p?.inpatientNo ?? null },
      procedures: (codesOf.get(r.operation_id) ?? []).map((x) => x.code),
      surgeon: r.surgeon_id ? { id: r.surgeon_id, displayName: nameOf.get(r.surgeon_id) ?? '' } : null,
      approach: r.approach,
      site: r.site,
      hasPathology: r.has_pathology,
      nodesExamined: r.nodes_examined,
      margin: r.margin,
      converted: Boolean(r.converted),
      severeComplications: (severeOf.get(r.operation_id) ?? []).map((c) => ({ grade: c.grade, day: c.day, type: c.type })),
      deathDate: r.death_date,
    };
  });
  await recordReadAudit(ctx.db, ctx.meta, ctx.actor, {
    action: 'quality.cases.read',
    outcome: 'success',
    resourceType: 'patient',
    details: {
      patientIds,
      total: rows[0]?.total ?? 0,
      code: query.code,
      group: query.group,
      reason: query.reason ?? null,
      from: q.from,
      to: q.to,
      surgeonId,
    },
  });
  return {
    code: query.code,
    group: query.group,
    reason: query.reason ?? null,
    from: q.from,
    to: q.to,
    surgeonId,
    total: rows[0]?.total ?? 0,
    items,
  };
}

function group<T>(rows: T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) out.set(key(r), [...(out.get(key(r)) ?? []), r]);
  return out;
}
