import { and, desc, eq, isNull } from 'drizzle-orm';
import { oncologyDiagnoses, operations, performanceStatus, tumorMarkers } from '../../db/schema/index.js';
import { recordAudit } from '../../audit/record.js';
import type { UseCaseContext } from '../../http/context.js';
import { ageOn, todayIn } from '../../shared/dates.js';
import { loadOperationDtos } from '../surgery/queries.js';
import { pathologicalStagesByDiagnosis, requireVisiblePatient, toDiagnosisDto, toMarkerDto, toPerformanceStatusDto } from './queries.js';
import type { OncologySummary } from './summary-schema.js';

/**
 * Everything the oncology summary page shows, in one read (audited): diagnoses with clinical and
 * pathological stage, operations with procedures, pathology, PCI/CC/HIPEC, complications and CCI,
 * the latest peritoneal assessment, tumour markers and performance status over time. Every computed value
 * is the one stored at write time, with its edition/options.
 */
export async function getOncologySummary(ctx: UseCaseContext, patientId: string): Promise<OncologySummary> {
  const { db, actor, meta, clock } = ctx;
  return db.transaction(async (tx) => {
    const patient = await requireVisiblePatient(tx, actor, patientId);
    const diagnoses = await tx
      .select()
      .from(oncologyDiagnoses)
      .where(and(eq(oncologyDiagnoses.patientId, patientId), isNull(oncologyDiagnoses.deletedAt)))
      .orderBy(desc(oncologyDiagnoses.diagnosisDate), desc(oncologyDiagnoses.createdAt));
    const ops = await tx
      .select()
      .from(operations)
      .where(and(eq(operations.patientId, patientId), isNull(operations.deletedAt)))
      .orderBy(desc(operations.operationDate), desc(operations.createdAt));
    const markers = await tx
      .select()
      .from(tumorMarkers)
      .where(and(eq(tumorMarkers.patientId, patientId), isNull(tumorMarkers.deletedAt)))
      .orderBy(desc(tumorMarkers.sampledOn), desc(tumorMarkers.createdAt));
    const ps = await tx
      .select()
      .from(performanceStatus)
      .where(and(eq(performanceStatus.patientId, patientId), isNull(performanceStatus.deletedAt)))
      .orderBy(desc(performanceStatus.assessedOn), desc(performanceStatus.createdAt));
    const stages = await pathologicalStagesByDiagnosis(
      tx,
      diagnoses.map((d) => d.id),
    );
    const operationDtos = await loadOperationDtos(tx, ops);
    const latestPeritoneal = operationDtos.find((o) => o.peritoneal !== null);
    await recordAudit(tx, meta, actor, { action: 'oncology.summary.read', outcome: 'success', resourceType: 'patient', resourceId: patientId, patientId });
    const now = clock.now();
    return {
      patient: {
        id: patient.id,
        name: patient.name,
        sex: patient.sex,
        birthDate: patient.birthDate,
        age: ageOn(patient.birthDate, todayIn(ctx.timeZone, now)),
        inpatientNo: patient.inpatientNo,
        sourceOrganizationName: patient.sourceOrganizationName,
      },
      generatedAt: now.toISOString(),
      diagnoses: diagnoses.map((d) => toDiagnosisDto(d, stages.get(d.id))),
      operations: operationDtos,
      peritoneal: {
        latest: latestPeritoneal?.peritoneal
          ? {
              operationId: latestPeritoneal.id,
              date: latestPeritoneal.date,
              pciTotal: latestPeritoneal.peritoneal.pciTotal,
              timing: latestPeritoneal.peritoneal.pci.timing,
              cc: latestPeritoneal.peritoneal.cc,
              eligible: latestPeritoneal.peritoneal.eligible,
              hipec: latestPeritoneal.peritoneal.hipec !== null,
            }
          : null,
      },
      markers: markers.map(toMarkerDto),
      performanceStatus: ps.map(toPerformanceStatusDto),
    };
  });
}
