import { and, eq, inArray, isNull } from 'drizzle-orm';
import { oncologyDiagnoses } from '../../../db/schema/index.js';
import { diff, recordAudit } from '../../../audit/record.js';
import { AppError, notFound } from '../../../core/app-error.js';
import type { UseCaseContext } from '../../../core/context.js';
import { todayIn } from '@gisurg/contracts';
import { evaluateDiagnosis } from './evaluate-diagnosis.js';
import { diagnosisHasStagedPathology, findVisibleDiagnosis, pathologicalStagesByDiagnosis, toDiagnosisDto } from './queries.js';
import { visiblePatientIds } from '../../patients/index.js';
import { throwStaleOrMissing } from '../records.js';
import type { DiagnosisDto, UpdateDiagnosis } from '@gisurg/contracts/oncology-record';
import { Problems, pick } from '../../../core/problems.js';

const AUDITED = [
  'site',
  'icd10',
  'icd10Secondary',
  'icdO3Morphology',
  'diagnosisDate',
  'basis',
  'pmOrigin',
  'psogiCategory',
  'appendicealLesion',
  'whoCategory',
  'stagingSite',
  'clinicalT',
  'clinicalN',
  'clinicalM',
  'clinicalGrade',
  'clinicalStage',
  'notes',
] as const;

/** Edit a diagnosis (send the version edited); the stage is recomputed from the merged record. */
export async function updateDiagnosis(ctx: UseCaseContext, id: string, input: UpdateDiagnosis): Promise<DiagnosisDto> {
  const { db, actor, meta, locale, clock } = ctx;
  const today = todayIn(ctx.timeZone, clock.now());
  return db.transaction(async (tx) => {
    const found = await findVisibleDiagnosis(tx, actor, id);
    if (!found) throw notFound();
    const { diagnosis: cur, patient } = found;
    const merged = {
      site: input.site ?? (cur.site as DiagnosisDto['site']),
      icd10: input.icd10 ?? cur.icd10,
      icd10Secondary: pick(input.icd10Secondary, cur.icd10Secondary),
      icdO3Morphology: pick(input.icdO3Morphology, cur.icdO3Morphology),
      diagnosisDate: input.diagnosisDate ?? cur.diagnosisDate,
      basis: pick(input.basis, cur.basis as DiagnosisDto['basis']),
      pmOrigin: pick(input.pmOrigin, cur.pmOrigin as DiagnosisDto['pmOrigin']),
      psogiCategory: pick(input.psogiCategory, cur.psogiCategory),
      appendicealLesion: pick(input.appendicealLesion, cur.appendicealLesion),
      whoCategory: pick(input.whoCategory, cur.whoCategory),
      clinical:
        input.clinical !== undefined
          ? input.clinical
          : cur.clinicalT !== null
            ? { t: cur.clinicalT, n: cur.clinicalN ?? '', m: cur.clinicalM ?? '', grade: (cur.clinicalGrade ?? null) as 'G1' | null }
            : null,
      clinicalStage: input.clinicalStage,
      notes: pick(input.notes, cur.notes),
    };
    const problems = new Problems(locale);
    const staged = evaluateDiagnosis(problems, merged, patient.birthDate, today);
    problems.throwIfAny();
    if ((merged.site !== cur.site || staged.stagingSite !== cur.stagingSite) && (await diagnosisHasStagedPathology(tx, id))) {
      throw new AppError('INVALID_STATE', 'oncology.errors.stagingLocked');
    }
    const now = clock.now();
    const { clinicalStage: _client, clinical: _c, ...fields } = merged;
    const [row] = await tx
      .update(oncologyDiagnoses)
      .set({ ...fields, ...staged, version: input.version + 1, updatedAt: now, updatedBy: actor.userId })
      .where(
        and(
          eq(oncologyDiagnoses.id, id),
          eq(oncologyDiagnoses.version, input.version),
          isNull(oncologyDiagnoses.deletedAt),
          inArray(oncologyDiagnoses.patientId, visiblePatientIds(tx, actor)),
        ),
      )
      .returning();
    if (!row) return throwStaleOrMissing(tx, oncologyDiagnoses, id);
    await recordAudit(tx, meta, actor, {
      action: 'oncology.diagnosis.update',
      outcome: 'success',
      resourceType: 'diagnosis',
      resourceId: id,
      patientId: row.patientId,
      details: { version: row.version, stagingEdition: row.stagingEdition, changes: diff(cur, row, AUDITED) },
    });
    const path = await pathologicalStagesByDiagnosis(tx, [id]);
    return toDiagnosisDto(row, path.get(id));
  });
}
