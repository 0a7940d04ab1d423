import { recordAudit } from '../../audit/record.js';
import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { checkSurgeon, findVisibleAdmission, requireActive, toAdmissionDtos, updateAdmissionRow } from './queries.js';
import type { AdmissionDto, UpdateAdmission } from '@gisurg/contracts/ward';

const FIELDS = ['diagnosis', 'attendingSurgeonId', 'expectedLosDays', 'plannedProcedure', 'isolation', 'fallRisk'] as const;

/** Edit an active admission's diagnosis, surgeon, expected stay and flags (optimistic `version`). */
export async function updateAdmission(ctx: UseCaseContext, id: string, input: UpdateAdmission): Promise<AdmissionDto> {
  const { actor, meta, locale, clock, timeZone } = ctx;
  const now = clock.now();
  return ctx.db.transaction(async (tx) => {
    const a = await findVisibleAdmission(tx, actor, id, true);
    if (!a) throw notFound();
    requireActive(a);
    await checkSurgeon(tx, actor, locale, input.attendingSurgeonId);
    const changes: Record<string, unknown> = {};
    for (const f of FIELDS) if (input[f] !== undefined && input[f] !== a[f]) changes[f] = input[f];
    const row = await updateAdmissionRow(tx, a, changes, { now, actor, expectedVersion: input.version });
    await recordAudit(tx, meta, actor, {
      action: 'ward.admission.update',
      outcome: 'success',
      resourceType: 'admission',
      resourceId: a.id,
      patientId: a.patientId,
      details: { fields: Object.keys(changes) },
    });
    return (await toAdmissionDtos(tx, [row], now, timeZone))[0]!;
  });
}
