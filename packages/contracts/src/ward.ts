import { z } from 'zod';
import { DateTimeSchema, IsoDateSchema, VersionSchema, optionalText } from '@gisurg/contracts';

/** Ward (server: features/ward): coded lists, request and response shapes. */

export const BED_STATES = ['vacant_clean', 'vacant_dirty', 'occupied', 'reserved', 'blocked'] as const;
export type BedState = (typeof BED_STATES)[number];
export const BED_EVENTS = ['assign', 'unassign', 'swap', 'reserve', 'release', 'clean', 'dirty', 'block', 'unblock'] as const;
export type BedEventType = (typeof BED_EVENTS)[number];
/** In the order the admission form offers them (outpatient is the usual way in). */
export const ADMISSION_SOURCES = ['outpatient', 'emergency', 'transfer_in', 'other'] as const;
export type AdmissionSource = (typeof ADMISSION_SOURCES)[number];
export const DISPOSITIONS = ['order', 'transfer_hospital', 'transfer_community', 'against_advice', 'death', 'other'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];
export const DISPOSITIONS_NEEDING_INSTITUTION: readonly Disposition[] = ['transfer_hospital', 'transfer_community'];
export const BLOCK_REASONS = ['maintenance', 'isolation', 'other'] as const;
export type BlockReason = (typeof BLOCK_REASONS)[number];

/** Request and response shapes of the ward (docs/ward.md). Times: ISO 8601, or local `YYYY-MM-DDTHH:mm` (hospital time). */
export const BedStateSchema = z.enum(BED_STATES);
export const AdmissionSourceSchema = z.enum(ADMISSION_SOURCES);
export const DispositionSchema = z.enum(DISPOSITIONS);
export const BlockReasonSchema = z.enum(BLOCK_REASONS);
export const FallRiskSchema = z.enum(['low', 'medium', 'high']);
const optionalUuid = z.uuid().nullable().optional();
const LosDaysSchema = z.number().int().min(0).max(365).nullable().optional();

// ---------- board ----------
export const BoardQuerySchema = z.object({
  wardId: z.uuid().optional(),
  state: BedStateSchema.optional(),
  surgeonId: z.uuid().optional(),
});
export type BoardQuery = z.output<typeof BoardQuerySchema>;

const PersonRefSchema = z.object({ id: z.uuid(), name: z.string() });
export const BedSchema = z.object({
  id: z.uuid(),
  label: z.string(),
  state: BedStateSchema,
  since: z.string(),
  admissionId: z.uuid().optional(),
  patient: z
    .object({ id: z.uuid(), name: z.string(), sex: z.string(), age: z.number().int(), inpatientNo: z.string().nullable() })
    .optional(),
  dayOfStay: z.number().int().optional(),
  admittedAt: z.string().optional(),
  diagnosis: z.string().nullable().optional(),
  plannedProcedure: z.string().nullable().optional(),
  attendingSurgeon: PersonRefSchema.nullable().optional(),
  flags: z.object({ isolation: z.string().nullable(), fallRisk: FallRiskSchema.nullable(), allergy: z.string().nullable() }).optional(),
  reservedFor: PersonRefSchema.nullable().optional(),
  reservedUntil: z.string().nullable().optional(),
  blockReason: BlockReasonSchema.nullable().optional(),
  note: z.string().nullable().optional(),
});
export type BedDto = z.infer<typeof BedSchema>;

export const WardSchema = z.object({
  id: z.uuid(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: z.enum(['general', 'icu', 'hdu']),
  counts: z.record(z.string(), z.number().int()),
  beds: z.array(BedSchema),
});
export type WardDto = z.infer<typeof WardSchema>;
export const BoardSchema = z.array(WardSchema);

// ---------- admissions ----------
export const AdmitSchema = z.strictObject({
  patientId: z.uuid(),
  bedId: z.uuid(),
  admittedAt: DateTimeSchema,
  source: AdmissionSourceSchema,
  sourceInstitution: optionalText(200),
  diagnosis: optionalText(500),
  attendingSurgeonId: optionalUuid,
  expectedLosDays: LosDaysSchema,
  plannedProcedure: optionalText(200),
  isolation: optionalText(100),
  fallRisk: FallRiskSchema.nullable().optional(),
});
export type Admit = z.output<typeof AdmitSchema>;

export const TransferSchema = z.strictObject({ bedId: z.uuid(), at: DateTimeSchema, version: VersionSchema.optional() });
export type Transfer = z.output<typeof TransferSchema>;

export const DischargeSchema = z.strictObject({
  at: DateTimeSchema,
  disposition: DispositionSchema,
  dispositionInstitution: optionalText(200),
  version: VersionSchema.optional(),
});
export type Discharge = z.output<typeof DischargeSchema>;

export const CancelAdmissionSchema = z.strictObject({
  reason: z.string().trim().min(1, 'ward.validation.reasonRequired').max(500),
  version: VersionSchema.optional(),
});
export type CancelAdmission = z.output<typeof CancelAdmissionSchema>;

export const SwapSchema = z.strictObject({ otherAdmissionId: z.uuid(), at: DateTimeSchema.optional() });
export type Swap = z.output<typeof SwapSchema>;

export const UpdateAdmissionSchema = z.strictObject({
  version: VersionSchema,
  diagnosis: optionalText(500),
  attendingSurgeonId: optionalUuid,
  expectedLosDays: LosDaysSchema,
  plannedProcedure: optionalText(200),
  isolation: optionalText(100),
  fallRisk: FallRiskSchema.nullable().optional(),
});
export type UpdateAdmission = z.output<typeof UpdateAdmissionSchema>;

export const AdmissionsQuerySchema = z.object({
  patientId: z.uuid().optional(),
  status: z.enum(['active', 'discharged', 'cancelled']).optional(),
});
export type AdmissionsQuery = z.output<typeof AdmissionsQuerySchema>;

export const StaySchema = z.object({
  bedId: z.uuid(),
  bedLabel: z.string(),
  wardId: z.uuid(),
  wardName: z.string(),
  fromAt: z.string(),
  toAt: z.string().nullable(),
});
export const AdmissionSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  status: z.enum(['active', 'discharged', 'cancelled']),
  patient: z.object({
    id: z.uuid(),
    name: z.string(),
    sex: z.string(),
    age: z.number().int(),
    inpatientNo: z.string().nullable(),
    allergies: z.string().nullable(),
  }),
  admittedAt: z.string(),
  source: AdmissionSourceSchema,
  sourceInstitution: z.string().nullable(),
  diagnosis: z.string().nullable(),
  attendingSurgeon: PersonRefSchema.nullable(),
  expectedLosDays: z.number().int().nullable(),
  plannedProcedure: z.string().nullable(),
  isolation: z.string().nullable(),
  fallRisk: FallRiskSchema.nullable(),
  dischargedAt: z.string().nullable(),
  disposition: DispositionSchema.nullable(),
  dispositionInstitution: z.string().nullable(),
  cancelledAt: z.string().nullable(),
  cancelReason: z.string().nullable(),
  /** Current bed (active admissions). */
  bed: StaySchema.nullable(),
  /** Days of stay so far (active) or the stay's length (discharged), admission day = day 1. */
  dayOfStay: z.number().int(),
  stays: z.array(StaySchema),
});
export type AdmissionDto = z.infer<typeof AdmissionSchema>;
export const CreatedSchema = z.object({ id: z.uuid() });

// ---------- beds ----------
export const BedNoteSchema = z.strictObject({ note: optionalText(500) });
export type BedNote = z.output<typeof BedNoteSchema>;
export const BlockBedSchema = z.strictObject({ reason: BlockReasonSchema, note: optionalText(500) });
export type BlockBed = z.output<typeof BlockBedSchema>;
export const ReserveBedSchema = z.strictObject({ patientId: z.uuid(), until: DateTimeSchema, note: optionalText(500) });
export type ReserveBed = z.output<typeof ReserveBedSchema>;

export const BedEventSchema = z.object({
  id: z.uuid(),
  type: z.enum(BED_EVENTS),
  at: z.string(),
  fromState: z.string(),
  toState: z.string(),
  admissionId: z.uuid().nullable(),
  patient: PersonRefSchema.nullable(),
  reason: z.string().nullable(),
  actorName: z.string().nullable(),
});
export const BedEventsSchema = z.array(BedEventSchema);

// ---------- occupancy ----------
export const OccupancyQuerySchema = z.object({
  from: IsoDateSchema.optional(),
  to: IsoDateSchema.optional(),
  wardId: z.uuid().optional(),
  /** Length-of-stay counting (docs/ward.md): `midnights` (算入不算出, default) or `inclusive`. */
  losCounting: z.enum(['midnights', 'inclusive']).default('midnights'),
  /** A same-day admission and discharge counts as one bed-day and one day of stay (default true). */
  sameDayCountsOne: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});
export type OccupancyQuery = z.output<typeof OccupancyQuerySchema>;

const DaySchema = z.object({
  date: z.string(),
  occupied: z.number().int(),
  open: z.number().int(),
  rate: z.number().nullable(),
  admissions: z.number().int(),
  discharges: z.number().int(),
});
export const OccupancySchema = z.object({
  from: z.string(),
  to: z.string(),
  wardId: z.uuid().nullable(),
  settings: z.object({ losCounting: z.enum(['midnights', 'inclusive']), sameDayCountsOne: z.boolean() }),
  today: z.array(
    z.object({
      wardId: z.uuid(),
      code: z.string(),
      name: z.string(),
      nameEn: z.string().nullable(),
      kind: z.string(),
      beds: z.number().int(),
      occupied: z.number().int(),
      rate: z.number().nullable(),
    }),
  ),
  days: z.array(DaySchema),
  totals: z.object({ occupiedBedDays: z.number().int(), openBedDays: z.number().int(), rate: z.number().nullable() }),
  los: z.object({
    discharged: z.number().int(),
    averageLos: z.number().nullable(),
    medianLos: z.number().nullable(),
    postOpCount: z.number().int(),
    averagePostOpLos: z.number().nullable(),
    medianPostOpLos: z.number().nullable(),
  }),
});
export type OccupancyDto = z.infer<typeof OccupancySchema>;
