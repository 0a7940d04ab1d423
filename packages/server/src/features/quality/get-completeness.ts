import { CARE_ITEM_CODES, careChecklist, operationCareItems, type CareItemCode } from '@gisurg/clinical';
import type { Completeness, CompletenessQuery } from '@gisurg/contracts/quality-completeness';
import { and, asc, between, eq, isNotNull, isNull } from 'drizzle-orm';
import { can } from '../../auth/actor.js';
import { recordReadAudit } from '../../audit/writer.js';
import type { UseCaseContext } from '../../core/context.js';
import { operations, patients, users } from '../../db/schema/index.js';
import { patientScope } from '../patients/index.js';
import { loadCareFacts } from './care-facts.js';
import { periodOf } from './get-indicators.js';
import { surgeonScope } from './scope.js';

/**
 * GET /api/quality/completeness (issue 12, docs/quality.md): over the cancer operations (linked to a cancer
 * diagnosis) dated in [from, to], the share whose record is complete — every checklist item about the
 * operation and its diagnosis's clinical stage done (`operationCareItems`). The department head sees every
 * surgeon, a surgeon their own operations; both get the worklist of incomplete records with the patients'
 * names. A researcher gets department aggregates only: no surgeon breakdown, no worklist.
 */
export async function getCompleteness(ctx: UseCaseContext, query: CompletenessQuery): Promise<Completeness> {
  const { actor } = ctx;
  const surgeonId = surgeonScope(actor, query.surgeonId);
  const q = periodOf(ctx, query);
  const named = can(actor, 'quality:own');
  const ops = await ctx.db
    .select({
      id: operations.id,
      patientId: operations.patientId,
      diagnosisId: operations.diagnosisId,
      date: operations.operationDate,
      surgeonId: operations.surgeonId,
      surgeonName: users.displayName,
      name: patients.name,
      inpatientNo: patients.inpatientNo,
    })
    .from(operations)
    .innerJoin(patients, eq(patients.id, operations.patientId))
    .leftJoin(users, eq(users.id, operations.surgeonId))
    .where(
      and(
        isNull(operations.deletedAt),
        isNotNull(operations.diagnosisId),
        between(operations.operationDate, q.from, q.to),
        patientScope(actor),
        surgeonId ? eq(operations.surgeonId, surgeonId) : undefined,
      ),
    )
    .orderBy(asc(operations.operationDate), asc(operations.createdAt));
  const facts = await loadCareFacts(
    ctx.db,
    actor,
    ops.map((o) => o.patientId),
  );
  const checklists = new Map([...facts].map(([id, f]) => [id, careChecklist(f)]));
  const missingByCode = new Map<CareItemCode, number>(CARE_ITEM_CODES.map((c) => [c, 0]));
  const bySurgeon = new Map<string | null, Completeness['bySurgeon'][number]>();
  const worklist: Completeness['worklist'] = [];
  let complete = 0;
  for (const o of ops) {
    const items = operationCareItems(checklists.get(o.patientId)!, o);
    const missing = [...new Set(items.filter((i) => i.status === 'missing').map((i) => i.code))];
    for (const c of missing) missingByCode.set(c, missingByCode.get(c)! + 1);
    const s = bySurgeon.get(o.surgeonId) ?? { surgeonId: o.surgeonId, displayName: o.surgeonName, complete: 0, total: 0 };
    s.total += 1;
    if (missing.length === 0) {
      complete += 1;
      s.complete += 1;
    } else
      worklist.push({
        patientId: o.patientId,
        name: o.name,
        inpatientNo: o.inpatientNo,
        surgeonId: o.surgeonId,
        operationId: o.id,
        operationDate: o.date,
        missing,
      });
    bySurgeon.set(o.surgeonId, s);
  }
  // The worklist names patients: audited as a read of them; a researcher's answer holds aggregates only.
  await recordReadAudit(ctx.db, ctx.meta, actor, {
    action: 'quality.completeness.read',
    outcome: 'success',
    resourceType: named ? 'patient' : 'quality_completeness',
    details: { from: q.from, to: q.to, surgeonId, ...(named ? { patientIds: [...new Set(worklist.map((w) => w.patientId))] } : {}) },
  });
  return {
    from: q.from,
    to: q.to,
    surgeonId,
    rate: ops.length > 0 ? complete / ops.length : null,
    complete,
    total: ops.length,
    missingByCode: [...missingByCode].map(([code, count]) => ({ code, count })),
    bySurgeon: named ? [...bySurgeon.values()].sort((a, b) => (a.displayName ?? '').localeCompare(b.displayName ?? '', 'zh-CN')) : [],
    worklist: named ? worklist : [],
  };
}
