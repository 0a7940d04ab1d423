import { and, eq, isNull } from 'drizzle-orm';
import type { TimelineProvider } from '../../core/patient-timeline.js';
import { complications, oncologyDiagnoses, operations } from '../../db/schema/index.js';

/** Diagnoses (site, clinical stage), operations (approach, intent) and complications (Clavien–Dindo grade, type). */
export const oncologyTimeline: TimelineProvider = async (db, patientId) => {
  const [dx, ops, cx] = [
    await db
      .select({ date: oncologyDiagnoses.diagnosisDate, site: oncologyDiagnoses.site, stage: oncologyDiagnoses.clinicalStage })
      .from(oncologyDiagnoses)
      .where(and(eq(oncologyDiagnoses.patientId, patientId), isNull(oncologyDiagnoses.deletedAt))),
    await db
      .select({ date: operations.operationDate, approach: operations.approach, intent: operations.intent })
      .from(operations)
      .where(and(eq(operations.patientId, patientId), isNull(operations.deletedAt))),
    await db
      .select({ date: complications.occurredOn, grade: complications.grade, type: complications.type, other: complications.typeOther })
      .from(complications)
      .where(and(eq(complications.patientId, patientId), isNull(complications.deletedAt))),
  ];
  return [
    ...dx.map((d) => ({ date: d.date, kind: 'diagnosis' as const, code: d.site, text: d.stage })),
    ...ops.map((o) => ({ date: o.date, kind: 'operation' as const, code: o.approach, text: o.intent })),
    ...cx.map((c) => ({ date: c.date, kind: 'complication' as const, code: c.grade, text: c.other ?? c.type })),
  ];
};
