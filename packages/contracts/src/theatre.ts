import { procedureDefinition } from '@gisurg/clinical';
import { z } from 'zod';
import { DateTimeSchema, IsoDateSchema, VersionSchema, optionalText } from '@gisurg/contracts';

export const BOOKING_STATUSES = ['scheduled', 'in_theatre', 'completed', 'postponed', 'cancelled'] as const;
export type BookingStatus = (typeof BOOKING_STATUSES)[number];
export type StatusAction = Exclude<BookingStatus, 'scheduled'>;

/** The states a status action may lead to, and from where. */
export const TRANSITIONS: Record<StatusAction, readonly BookingStatus[]> = {
  in_theatre: ['scheduled'],
  completed: ['in_theatre'],
  postponed: ['scheduled'],
  cancelled: ['scheduled', 'postponed'],
};

export function canTransition(from: BookingStatus, to: StatusAction): boolean {
  return TRANSITIONS[to].includes(from);
}

/** The actions offered on the worklist for a booking in `status`. */
export function nextStatuses(status: BookingStatus): StatusAction[] {
  return (Object.keys(TRANSITIONS) as StatusAction[]).filter((to) => canTransition(status, to));
}

/** A 409 CONFLICT's `details.collisions`: the room, person or equipment two bookings both need. */
export const CollisionSchema = z.object({
  kind: z.enum(['room', 'staff', 'equipment']),
  /** The room, user or piece of equipment both bookings need. */
  resourceId: z.string(),
  /** Its name. */
  name: z.string(),
  /** The other booking. */
  bookingId: z.string(),
  start: z.string(),
  end: z.string(),
});
export type Collision = z.output<typeof CollisionSchema>;

export const ANESTHESIA_KINDS = ['general', 'general_epidural', 'spinal', 'regional', 'local', 'sedation'] as const;
export const EQUIPMENT_KINDS = ['hipec_machine', 'laparoscopic_tower', 'robot', 'ultrasound', 'other'] as const;
export const STAFF_ROLES = ['surgeon', 'assistant', 'anesthetist', 'scrub_nurse', 'circulating_nurse'] as const;

/**
 * A planned procedure: a catalogue code (`@gisurg/clinical` PROCEDURES, e.g. 'gastrectomy_distal_d2') or a
 * free-text name. Accepted as `{ code }`, `{ name }`, or a plain string (a catalogue code if it is one,
 * otherwise a free-text name). Stored and returned as `{ code, name }` with the other one null.
 */
const ProcedureInput = z
  .union([
    z.string().trim().min(1).max(200),
    z.strictObject({ code: z.string().trim().min(1).max(60) }),
    z.strictObject({ name: z.string().trim().min(1).max(200) }),
  ])
  .transform((v, ctx): { code: string | null; name: string | null } => {
    if (typeof v === 'string') return procedureDefinition(v) ? { code: v, name: null } : { code: null, name: v };
    if ('code' in v) {
      if (!procedureDefinition(v.code)) ctx.addIssue({ code: 'custom', message: 'theatre.validation.procedure' });
      return { code: v.code, name: null };
    }
    return { code: null, name: v.name };
  });

const ids = (max: number) => z.array(z.uuid()).max(max);

const bookingFields = {
  patientId: z.uuid(),
  roomId: z.uuid(),
  /** Planned start: hospital wall-clock `YYYY-MM-DDTHH:mm` or an ISO instant with a zone. */
  start: DateTimeSchema.refine((s) => s >= '2000' && s < '2101', { message: 'theatre.validation.datetime' }),
  durationMin: z.number().int().min(10).max(2880),
  /** The operating surgeon first, then co-surgeons. */
  surgeonIds: ids(4).min(1, 'validation.required'),
  assistantIds: ids(6).optional(),
  anesthetistIds: ids(3).optional(),
  /** The first is the scrub nurse (器械护士), the others circulating nurses (巡回护士). */
  nurseIds: ids(4).optional(),
  procedures: z.array(ProcedureInput).min(1, 'validation.required').max(10),
  anesthesia: z.enum(ANESTHESIA_KINDS).optional(),
  equipmentIds: ids(10).optional(),
  diagnosis: optionalText(200),
  notes: optionalText(2000),
  crsHipec: z.boolean().optional(),
  /** ICU/HDU nights after a CRS+HIPEC case (default 1). */
  icuDays: z.number().int().min(0).max(30).optional(),
  /** Expected post-operative stay in days (CRS+HIPEC default 14). */
  expectedStayDays: z.number().int().min(1).max(90).nullable().optional(),
};

export const CreateBookingSchema = z.strictObject(bookingFields);
export type CreateBooking = z.output<typeof CreateBookingSchema>;

export const UpdateBookingSchema = z.strictObject({
  version: VersionSchema,
  roomId: bookingFields.roomId.optional(),
  start: bookingFields.start.optional(),
  durationMin: bookingFields.durationMin.optional(),
  surgeonIds: bookingFields.surgeonIds.optional(),
  assistantIds: bookingFields.assistantIds,
  anesthetistIds: bookingFields.anesthetistIds,
  nurseIds: bookingFields.nurseIds,
  procedures: bookingFields.procedures.optional(),
  anesthesia: bookingFields.anesthesia,
  equipmentIds: bookingFields.equipmentIds,
  diagnosis: bookingFields.diagnosis,
  notes: bookingFields.notes,
  crsHipec: bookingFields.crsHipec,
  icuDays: bookingFields.icuDays,
  expectedStayDays: bookingFields.expectedStayDays,
  /** 'scheduled' rebooks a postponed case (with its new time). */
  status: z.literal('scheduled', { error: 'theatre.validation.statusOnlyScheduled' }).optional(),
});
export type UpdateBooking = z.output<typeof UpdateBookingSchema>;

export const BookingStatusActionSchema = z
  .strictObject({
    status: z.enum(['in_theatre', 'completed', 'postponed', 'cancelled']),
    reason: optionalText(500),
    version: VersionSchema,
  })
  .superRefine((v, ctx) => {
    if ((v.status === 'postponed' || v.status === 'cancelled') && !v.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'theatre.validation.reasonRequired' });
  });
export type BookingStatusAction = z.output<typeof BookingStatusActionSchema>;

/**
 * `from`/`to`: hospital dates YYYY-MM-DD, both inclusive (default: today and the six days after); a date-time
 * (as `start`) is taken as that instant instead (`to` then exclusive).
 */
const PlanningDate = IsoDateSchema.refine((s) => s >= '2000' && s < '2101', { message: 'theatre.validation.period' });
/** A hospital date, or (for `from`/`to` of the bookings list) an instant / wall-clock time as for `start`. */
const PlanningDateOrTime = z
  .string()
  .refine((s) => s >= '2000' && s < '2101' && (IsoDateSchema.safeParse(s).success || DateTimeSchema.safeParse(s).success), {
    message: 'theatre.validation.period',
  });

export const FindBookingsQuerySchema = z
  .object({
    from: PlanningDateOrTime.optional(),
    to: PlanningDateOrTime.optional(),
    roomId: z.uuid().optional(),
    surgeonId: z.uuid().optional(),
    status: z.enum(BOOKING_STATUSES).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.from || !v.to) return;
    const days = (Date.parse(v.to.slice(0, 10)) - Date.parse(v.from.slice(0, 10))) / 86_400_000;
    if (!(days >= 0 && days <= 62)) ctx.addIssue({ code: 'custom', path: ['to'], message: 'theatre.validation.period' });
  });
export type FindBookingsQuery = z.output<typeof FindBookingsQuerySchema>;

export const WorklistQuerySchema = z.object({ date: PlanningDate.optional() });

const Person = z.object({ id: z.uuid(), name: z.string() });

export const RoomSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  sessions: z.array(z.object({ label: z.string(), start: z.string(), end: z.string() })),
  sortOrder: z.number().int(),
});
export type RoomDto = z.infer<typeof RoomSchema>;

export const EquipmentSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: z.enum(EQUIPMENT_KINDS),
});
export type EquipmentDto = z.infer<typeof EquipmentSchema>;

export const ReservationSchema = z.object({
  id: z.uuid(),
  wardKind: z.enum(['general', 'icu', 'hdu']),
  bedId: z.uuid().nullable(),
  bedLabel: z.string().nullable(),
  wardName: z.string().nullable(),
  fromDate: z.string(),
  toDate: z.string(),
  status: z.enum(['active', 'used', 'released']),
});

export const BookingSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  patient: z.object({
    id: z.uuid(),
    name: z.string(),
    sex: z.string(),
    birthDate: z.string().nullable(),
    inpatientNo: z.string().nullable(),
  }),
  room: z.object({ id: z.uuid(), code: z.string(), name: z.string(), nameEn: z.string().nullable() }),
  start: z.string(),
  end: z.string(),
  /** Hospital wall clock `YYYY-MM-DDTHH:mm` of start and end (the calendar draws with these). */
  startLocal: z.string(),
  endLocal: z.string(),
  /** The hospital date the case starts on. */
  date: z.string(),
  durationMin: z.number().int(),
  procedures: z.array(z.object({ code: z.string().nullable(), name: z.string().nullable() })),
  diagnosis: z.string().nullable(),
  anesthesia: z.enum(ANESTHESIA_KINDS),
  crsHipec: z.boolean(),
  icuDays: z.number().int(),
  expectedStayDays: z.number().int().nullable(),
  status: z.enum(BOOKING_STATUSES),
  statusReason: z.string().nullable(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  operationId: z.uuid().nullable(),
  notes: z.string().nullable(),
  surgeons: z.array(Person),
  team: z.array(Person.extend({ role: z.enum(STAFF_ROLES) })),
  equipment: z.array(EquipmentSchema),
  reservations: z.array(ReservationSchema),
  createdAt: z.string(),
});
export type BookingDto = z.infer<typeof BookingSchema>;

export const WarningSchema = z.object({
  code: z.enum(['no_icu_bed', 'no_ward_bed']),
  dates: z.object({ from: z.string(), to: z.string() }),
});
export type BookingWarning = z.infer<typeof WarningSchema>;

export const BookingWithWarningsSchema = BookingSchema.extend({ warnings: z.array(WarningSchema) });

/** What the oncology operation form takes from a booking when the case is recorded. */
export const PrefillSchema = z.object({
  bookingId: z.uuid(),
  patientId: z.uuid(),
  date: z.string(),
  procedures: z.array(z.string()),
  surgeonId: z.uuid().nullable(),
  assistantIds: z.array(z.uuid()),
  anesthetistName: z.string().nullable(),
  anesthesiaMethod: z.string().nullable(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
});

export type Prefill = z.output<typeof PrefillSchema>;
export const BookingDetailSchema = BookingWithWarningsSchema.omit({ warnings: true }).extend({ prefill: PrefillSchema });

export const WorklistSchema = z.object({ date: z.string(), items: z.array(BookingSchema) });
