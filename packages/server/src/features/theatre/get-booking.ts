import { recordAudit } from '../../audit/record.js';
import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { findVisibleBooking, toBookingDtos } from './queries.js';
import type { BookingDto } from '@gisurg/contracts/theatre';

/** Booking anesthesia → the front-page 麻醉方式 code of the operation record. */
const ANESTHESIA_METHOD: Record<BookingDto['anesthesia'], string | null> = {
  general: '1',
  general_epidural: '1',
  spinal: '21',
  regional: '34',
  local: '3',
  sedation: '12',
};

/** The operation record's fields a booking fills in when the case is written up (oncology OperationForm). */
export function prefillOf(b: BookingDto) {
  const anesthetist = b.team.find((m) => m.role === 'anesthetist');
  return {
    bookingId: b.id,
    patientId: b.patient.id,
    date: b.date,
    procedures: b.procedures.flatMap((p) => (p.code ? [p.code] : [])),
    surgeonId: b.surgeons[0]?.id ?? null,
    assistantIds: [...b.surgeons.slice(1), ...b.team.filter((m) => m.role === 'assistant')].map((m) => m.id),
    anesthetistName: anesthetist?.name ?? null,
    anesthesiaMethod: ANESTHESIA_METHOD[b.anesthesia],
    // Actual times when the worklist recorded a plausible case (≥ 10 min between 入室 and 完成), else none.
    ...(b.startedAt && b.completedAt && Date.parse(b.completedAt) - Date.parse(b.startedAt) >= 10 * 60_000
      ? { startTime: b.startedAt, endTime: b.completedAt }
      : { startTime: null, endTime: null }),
  };
}

export async function getBooking(ctx: UseCaseContext, id: string): Promise<BookingDto & { prefill: ReturnType<typeof prefillOf> }> {
  const { db, actor, meta, timeZone } = ctx;
  return db.transaction(async (tx) => {
    const b = await findVisibleBooking(tx, actor, id);
    if (!b) throw notFound();
    const [dto] = await toBookingDtos(tx, [b], timeZone);
    await recordAudit(tx, meta, actor, {
      action: 'theatre.booking.read',
      outcome: 'success',
      resourceType: 'theatre_booking',
      resourceId: id,
      patientId: b.patientId,
    });
    return { ...dto!, prefill: prefillOf(dto!) };
  });
}
