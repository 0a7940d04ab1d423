import { oncologyDiagnoses } from '../../../db/schema/index.js';
import { recordAudit } from '../../../audit/record.js';
import type { UseCaseContext } from '../../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { evaluateDiagnosis } from './evaluate-diagnosis.js';
import { requireVisiblePatient } from '../../patients/index.js';
import { toDiagnosisDto } from './queries.js';
import type { CreateDiagnosis, DiagnosisDto } from '@gisurg/contracts/oncology-record';
import { Problems } from '../../../core/problems.js';

/** Record a diagnosis; the clinical stage is computed here (stageAjcc8) and stored with the edition. */
export async function createDiagnosis(ctx: UseCaseContext, patientId: string, input: CreateDiagnosis): Promise<DiagnosisDto> {
  const { db, actor, meta, locale, clock } = ctx;
  const today = todayIn(ctx.timeZone, clock.now());
  return db.transaction(async (tx) => {
    const patient = await requireVisiblePatient(tx, actor, patientId);
    const problems = new Problems(locale);
    const staged = evaluateDiagnosis(problems, input, patient.birthDate, today);
    problems.throwIfAny();
    const now = clock.now();
    const [row] = await tx
      .insert(oncologyDiagnoses)
      .values({
        patientId,
        site: input.site,
        icd10: input.icd10,
        icd10Secondary: input.icd10Secondary ?? null,
        icdO3Morphology: input.icdO3Morphology ?? null,
        diagnosisDate: input.diagnosisDate,
        basis: input.basis ?? null,
        pmOrigin: input.pmOrigin ?? null,
        psogiCategory: input.psogiCategory ?? null,
        appendicealLesion: input.appendicealLesion ?? null,
        whoCategory: input.whoCategory ?? null,
        ...staged,
        notes: input.notes ?? null,
        createdAt: now,
        updatedAt: now,
        createdBy: actor.userId,
        updatedBy: actor.userId,
      })
      .returning();
    await recordAudit(tx, meta, actor, {
      action: 'oncology.diagnosis.create',
      outcome: 'success',
      resourceType: 'diagnosis',
      resourceId: row!.id,
      patientId,
      details: { version: 1, site: row!.site, icd10: row!.icd10, clinicalStage: row!.clinicalStage, stagingEdition: row!.stagingEdition },
    });
    return toDiagnosisDto(row!, undefined);
  });
}
