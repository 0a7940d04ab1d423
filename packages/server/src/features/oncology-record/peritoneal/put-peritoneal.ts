import { and, eq, isNull } from 'drizzle-orm';
import { pciIndicationForDiagnosis, type DiagnosisSite, type PmOrigin } from '@gisurg/clinical';
import { oncologyDiagnoses, peritonealAssessments } from '../../../db/schema/index.js';
import { diff, recordAudit } from '../../../audit/record.js';
import { AppError, notFound } from '../../../core/app-error.js';
import type { UseCaseContext } from '../../../core/context.js';
import { Problems } from '../../../core/problems.js';
import { findVisibleOperation } from '../operations/queries.js';
import { evaluatePeritoneal } from './evaluate-peritoneal.js';
import { toPeritonealDto } from './queries.js';
import type { PeritonealDto, PutPeritoneal } from '@gisurg/contracts/oncology-record';

const AUDITED = [
  'pciRegions',
  'pciTiming',
  'pciTotal',
  'pciIndication',
  'pciEligible',
  'residualMm',
  'cc',
  'heightCm',
  'weightKg',
  'bsaM2',
  'hipec',
] as const;

/**
 * Create or replace the peritoneal record of an operation: PCI (13 regions, timing) with eligibility
 * flags for the diagnosis's indication, CC from the residual nodule, BSA and the HIPEC perfusion with
 * derived doses. One live record per operation; replacing needs the version (as for pathology).
 */
export async function putPeritoneal(ctx: UseCaseContext, operationId: string, input: PutPeritoneal): Promise<PeritonealDto> {
  const { db, actor, meta, locale, clock } = ctx;
  return db.transaction(async (tx) => {
    const found = await findVisibleOperation(tx, actor, operationId);
    if (!found) throw notFound();
    const { operation, patient } = found;
    const [current] = await tx
      .select()
      .from(peritonealAssessments)
      .where(and(eq(peritonealAssessments.operationId, operationId), isNull(peritonealAssessments.deletedAt)));
    if ((current?.version ?? null) !== (input.version ?? null))
      throw new AppError('CONFLICT', 'errors.stale', { currentVersion: current?.version ?? null });
    const [diagnosis] = operation.diagnosisId
      ? await tx
          .select({ site: oncologyDiagnoses.site, pmOrigin: oncologyDiagnoses.pmOrigin, psogiCategory: oncologyDiagnoses.psogiCategory })
          .from(oncologyDiagnoses)
          .where(eq(oncologyDiagnoses.id, operation.diagnosisId))
      : [];
    const indication = diagnosis
      ? pciIndicationForDiagnosis({
          site: diagnosis.site as DiagnosisSite,
          pmOrigin: diagnosis.pmOrigin as PmOrigin | null,
          psogiCategory: diagnosis.psogiCategory,
        })
      : 'other';
    const problems = new Problems(locale);
    const values = evaluatePeritoneal(problems, input, indication);
    problems.throwIfAny();
    const now = clock.now();
    let row: typeof peritonealAssessments.$inferSelect | undefined;
    if (current) {
      [row] = await tx
        .update(peritonealAssessments)
        .set({ ...values, version: current.version + 1, updatedAt: now, updatedBy: actor.userId })
        .where(
          and(
            eq(peritonealAssessments.id, current.id),
            eq(peritonealAssessments.version, current.version),
            isNull(peritonealAssessments.deletedAt),
          ),
        )
        .returning();
      if (!row) throw new AppError('CONFLICT', 'errors.stale', { currentVersion: null });
    } else {
      [row] = await tx
        .insert(peritonealAssessments)
        .values({ operationId, ...values, createdAt: now, updatedAt: now, createdBy: actor.userId, updatedBy: actor.userId })
        .returning();
    }
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, meta, actor, {
      action: current ? 'oncology.peritoneal.update' : 'oncology.peritoneal.create',
      outcome: 'success',
      resourceType: 'peritoneal_assessment',
      resourceId: row.id,
      patientId: patient.id,
      details: {
        version: row.version,
        operationId,
        pciTotal: row.pciTotal,
        cc: row.cc,
        indication: row.pciIndication,
        ccBoundary: row.ccBoundary,
        ...(current ? { changes: diff(current, row, AUDITED) } : {}),
      },
    });
    return toPeritonealDto(row);
  });
}
