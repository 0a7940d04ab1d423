import { and, eq, isNull } from 'drizzle-orm';
import { oncologyDiagnoses, pathologyReports } from '../../../db/schema/index.js';
import { diff, recordAudit } from '../../../audit/record.js';
import { publish } from '../../../core/events.js';
import { AppError, notFound } from '../../../core/app-error.js';
import type { UseCaseContext } from '../../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { findVisibleOperation } from '../operations/queries.js';
import { evaluatePathology } from './evaluate-pathology.js';
import { toPathologyDto } from './queries.js';
import type { PathologyDto, PutPathology } from '@gisurg/contracts/oncology-record';
import { Problems } from '../../../core/problems.js';

const AUDITED = [
  'reportDate',
  'neoadjuvant',
  'classification',
  't',
  'nodesExamined',
  'nodesPositive',
  'tumorDeposits',
  'n',
  'm',
  'grade',
  'pathologicalStage',
  'lymphNodesAdequate',
  'margin',
  'lvi',
  'pni',
  'mmr',
  'msi',
  'her2Ihc',
  'her2Ish',
  'kras',
  'nras',
  'braf',
] as const;

/**
 * Create or replace the pathology report of an operation (one live report per operation). Replacing needs
 * the version being replaced; sending none means "there is no report yet", so a stale writer gets 409.
 * N, the p/yp stage and the lymph-node adequacy are computed here and stored with the edition.
 */
export async function putPathology(ctx: UseCaseContext, operationId: string, input: PutPathology): Promise<PathologyDto> {
  const { db, actor, meta, locale, clock } = ctx;
  const today = todayIn(ctx.timeZone, clock.now());
  return db.transaction(async (tx) => {
    const found = await findVisibleOperation(tx, actor, operationId);
    if (!found) throw notFound();
    const { operation, patient } = found;
    const [current] = await tx
      .select()
      .from(pathologyReports)
      .where(and(eq(pathologyReports.operationId, operationId), isNull(pathologyReports.deletedAt)));
    if ((current?.version ?? null) !== (input.version ?? null))
      throw new AppError('CONFLICT', 'errors.stale', { currentVersion: current?.version ?? null });
    const diagnosis = operation.diagnosisId
      ? (
          await tx
            .select({ stagingSite: oncologyDiagnoses.stagingSite })
            .from(oncologyDiagnoses)
            .where(and(eq(oncologyDiagnoses.id, operation.diagnosisId), isNull(oncologyDiagnoses.deletedAt)))
        )[0]
      : undefined;
    const problems = new Problems(locale);
    const staged = evaluatePathology(problems, input, {
      stagingSite: (diagnosis?.stagingSite ?? null) as PathologyDto['stagingSite'],
      operationDate: operation.operationDate,
      today,
      hasDiagnosis: Boolean(diagnosis),
    });
    problems.throwIfAny();
    const now = clock.now();
    const values = {
      reportDate: input.reportDate ?? null,
      pathologyNo: input.pathologyNo ?? null,
      neoadjuvant: input.neoadjuvant ?? false,
      ...staged,
      nodesExamined: input.nodesExamined ?? null,
      nodesPositive: input.nodesPositive ?? null,
      tumorDeposits: input.tumorDeposits ?? null,
      grade: input.grade ?? null,
      margin: input.margin ?? null,
      lvi: input.lvi ?? null,
      pni: input.pni ?? null,
      tumorSizeMm: input.tumorSizeMm ?? null,
      histology: input.histology ?? null,
      mmr: input.mmr ?? null,
      msi: input.msi ?? null,
      her2Ihc: input.her2Ihc ?? null,
      her2Ish: input.her2Ish ?? null,
      kras: input.kras ?? null,
      nras: input.nras ?? null,
      braf: input.braf ?? null,
      updatedAt: now,
      updatedBy: actor.userId,
    };
    let row: typeof pathologyReports.$inferSelect | undefined;
    if (current) {
      [row] = await tx
        .update(pathologyReports)
        .set({ ...values, version: current.version + 1 })
        .where(and(eq(pathologyReports.id, current.id), eq(pathologyReports.version, current.version), isNull(pathologyReports.deletedAt)))
        .returning();
      if (!row) throw new AppError('CONFLICT', 'errors.stale', { currentVersion: null });
    } else {
      [row] = await tx
        .insert(pathologyReports)
        .values({ operationId, ...values, createdAt: now, createdBy: actor.userId })
        .returning();
    }
    if (!row) throw new Error('insert returned no row');
    await recordAudit(tx, meta, actor, {
      action: current ? 'oncology.pathology.update' : 'oncology.pathology.create',
      outcome: 'success',
      resourceType: 'pathology_report',
      resourceId: row.id,
      patientId: patient.id,
      details: {
        version: row.version,
        operationId,
        classification: row.classification,
        pathologicalStage: row.pathologicalStage,
        stagingEdition: row.stagingEdition,
        ...(current ? { changes: diff(current, row, AUDITED) } : {}),
      },
    });
    await publish(
      { tx, meta, actor, now: clock.now(), timeZone: ctx.timeZone },
      { type: 'pathology_recorded', patientId: patient.id, operationId, pathologyId: row.id },
    );
    return toPathologyDto(row);
  });
}
