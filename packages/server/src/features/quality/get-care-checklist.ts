import { careChecklist } from '@gisurg/clinical';
import type { CareChecklist } from '@gisurg/contracts/quality-completeness';
import { recordAudit } from '../../audit/record.js';
import type { UseCaseContext } from '../../core/context.js';
import { requireVisiblePatient } from '../patients/index.js';
import { loadCareFacts } from './care-facts.js';

/**
 * GET /api/patients/:id/care-checklist (issue 12): what the rules require of this cancer patient's record and
 * what is still missing, with the completeness score. Whoever may read the oncology record may read it;
 * a patient the actor may not see is a 404. Audited as a read of the patient.
 */
export async function getCareChecklist(ctx: UseCaseContext, patientId: string): Promise<CareChecklist> {
  const { actor, meta } = ctx;
  return ctx.db.transaction(async (tx) => {
    await requireVisiblePatient(tx, actor, patientId);
    const facts = (await loadCareFacts(tx, actor, [patientId])).get(patientId)!;
    const checklist = careChecklist(facts);
    await recordAudit(tx, meta, actor, {
      action: 'quality.care_checklist.read',
      outcome: 'success',
      resourceType: 'patient',
      resourceId: patientId,
      patientId,
    });
    return { patientId, ...checklist, items: checklist.items.map((i) => ({ ...i, reasons: [...i.reasons] })) };
  });
}
