import { z } from 'zod';
import {
  ANASTOMOSES,
  ANASTOMOSIS_TECHNIQUES,
  ANESTHESIA_METHODS,
  COMPLICATION_TYPES,
  CONVERSION_REASONS,
  INCISION_CLASSES,
  INCISION_HEALING_GRADES,
  LYMPHADENECTOMY_EXTENTS,
  OPERATION_APPROACHES,
  OPERATION_INTENTS,
  OPERATION_URGENCIES,
  STOMA_INTENTS,
  STOMA_TYPES,
} from '@gisurg/clinical';
import { IsoDateSchema, VersionSchema, optionalText } from '@gisurg/contracts';
import { PathologySchema } from './diagnoses.js';
import { BilingualSchema, nullableEnum } from '@gisurg/contracts';
import { PeritonealSchema } from './peritoneal.js';

/** Start/end: an ISO instant with offset, a local `YYYY-MM-DDTHH:mm` (hospital time zone) or `HH:mm` on the operation date. */
const TimeInput = z.string().trim().max(40).nullable().optional();

const operationFields = {
  diagnosisId: z.uuid().nullable().optional(),
  date: IsoDateSchema,
  urgency: z.enum(OPERATION_URGENCIES).optional(),
  intent: z.enum(OPERATION_INTENTS).optional(),
  approach: z.enum(OPERATION_APPROACHES),
  convertedFrom: nullableEnum(['laparoscopic', 'robotic'] as const),
  conversionReason: nullableEnum(CONVERSION_REASONS),
  incisionLengthCm: z.number().nullable().optional(),
  lymphadenectomy: nullableEnum(LYMPHADENECTOMY_EXTENTS),
  /** Codes of the curated list (GET /api/procedures); the first is the principal operation. */
  procedures: z.array(z.string().trim().min(1).max(60)).min(1, 'validation.required').max(20),
  surgeonId: z.uuid().nullable().optional(),
  assistantIds: z.array(z.uuid()).max(6).optional(),
  anesthetistId: z.uuid().nullable().optional(),
  anesthetistName: optionalText(50),
  anesthesiaMethod: z
    .string()
    .refine((v) => ANESTHESIA_METHODS.includes(v), { message: 'validation.required' })
    .nullable()
    .optional(),
  operationLevel: z.number().int().min(1).max(4).nullable().optional(),
  incisionClass: nullableEnum(INCISION_CLASSES),
  healingGrade: nullableEnum(INCISION_HEALING_GRADES),
  startTime: TimeInput,
  endTime: TimeInput,
  bloodLossMl: z.number().int().min(0).max(30_000).nullable().optional(),
  transfusion: z.boolean().nullable().optional(),
  rbcUnits: z.number().min(0).max(100).nullable().optional(),
  plasmaMl: z.number().int().min(0).max(20_000).nullable().optional(),
  anastomosis: nullableEnum(ANASTOMOSES),
  anastomosisTechnique: nullableEnum(ANASTOMOSIS_TECHNIQUES),
  stoma: nullableEnum(STOMA_TYPES),
  stomaIntent: nullableEnum(STOMA_INTENTS),
  dischargeDate: IsoDateSchema.nullable().optional(),
  notes: optionalText(2000),
};

export const CreateOperationSchema = z.strictObject({
  ...operationFields,
  /** The theatre booking this operation records (a completed booking of the same patient): linked in the same transaction. */
  bookingId: z.uuid().nullable().optional(),
});
export type CreateOperation = z.output<typeof CreateOperationSchema>;

export const UpdateOperationSchema = z.strictObject({
  version: VersionSchema,
  ...operationFields,
  date: IsoDateSchema.optional(),
  approach: operationFields.approach.optional(),
  procedures: operationFields.procedures.optional(),
});
export type UpdateOperation = z.output<typeof UpdateOperationSchema>;

const Person = z.object({ id: z.uuid(), displayName: z.string() });

export const ComplicationSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  operationId: z.uuid(),
  date: z.string(),
  dayAfterOperation: z.number().int(),
  type: z.enum(COMPLICATION_TYPES),
  typeOther: z.string().nullable(),
  isrecGrade: z.enum(['A', 'B', 'C']).nullable(),
  /** Clavien–Dindo grade as recorded, with the d suffix (e.g. 'IIIb', 'IId'). */
  grade: z.string(),
  disability: z.boolean(),
  treatment: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
});
export type ComplicationDto = z.infer<typeof ComplicationSchema>;

export const OperationSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  patientId: z.uuid(),
  diagnosisId: z.uuid().nullable(),
  diagnosis: z.object({ id: z.uuid(), site: z.string(), icd10: z.string(), stagingSite: z.string().nullable() }).nullable(),
  date: z.string(),
  urgency: z.enum(OPERATION_URGENCIES),
  intent: z.enum(OPERATION_INTENTS),
  approach: z.enum(OPERATION_APPROACHES),
  convertedFrom: z.string().nullable(),
  conversionReason: z.string().nullable(),
  incisionLengthCm: z.number().nullable(),
  converted: z.boolean(),
  lymphadenectomy: z.string().nullable(),
  procedures: z.array(z.object({ code: z.string(), icd9cm3: z.string(), label: BilingualSchema })),
  surgeon: Person.nullable(),
  assistants: z.array(Person),
  anesthetist: Person.nullable(),
  anesthetistName: z.string().nullable(),
  anesthesiaMethod: z.string().nullable(),
  operationLevel: z.number().int().nullable(),
  incisionClass: z.string().nullable(),
  healingGrade: z.string().nullable(),
  startTime: z.string().nullable(),
  endTime: z.string().nullable(),
  durationMin: z.number().int().nullable(),
  bloodLossMl: z.number().int().nullable(),
  transfusion: z.boolean().nullable(),
  rbcUnits: z.number().nullable(),
  plasmaMl: z.number().int().nullable(),
  anastomosis: z.string().nullable(),
  anastomosisTechnique: z.string().nullable(),
  stoma: z.string().nullable(),
  stomaIntent: z.string().nullable(),
  dischargeDate: z.string().nullable(),
  postoperativeLosDays: z.number().int().nullable(),
  notes: z.string().nullable(),
  /** CCI within 30 days (the headline value), and within 90 days; highest Clavien–Dindo within 30 days. */
  cci: z.number(),
  cci30: z.number(),
  cci90: z.number(),
  highestClavienDindo: z.string().nullable(),
  complications: z.array(ComplicationSchema),
  pathology: PathologySchema.nullable(),
  peritoneal: PeritonealSchema.nullable(),
  pciTotal: z.number().int().nullable(),
  cc: z.string().nullable(),
  updatedAt: z.string(),
});
export type OperationDto = z.infer<typeof OperationSchema>;

export const CreateComplicationSchema = z.strictObject({
  date: IsoDateSchema,
  type: z.enum(COMPLICATION_TYPES),
  typeOther: optionalText(100),
  isrecGrade: nullableEnum(['A', 'B', 'C'] as const),
  /** Clavien–Dindo: I, II, IIIa, IIIb, IVa, IVb, V, optional d suffix (parseClavienDindo). */
  grade: z.string().trim().min(1, 'validation.required').max(12),
  treatment: optionalText(500),
  notes: optionalText(1000),
});
export type CreateComplication = z.output<typeof CreateComplicationSchema>;

export const UpdateComplicationSchema = z.strictObject({
  version: VersionSchema,
  date: IsoDateSchema.optional(),
  type: z.enum(COMPLICATION_TYPES).optional(),
  typeOther: CreateComplicationSchema.shape.typeOther,
  isrecGrade: CreateComplicationSchema.shape.isrecGrade,
  grade: CreateComplicationSchema.shape.grade.optional(),
  treatment: CreateComplicationSchema.shape.treatment,
  notes: CreateComplicationSchema.shape.notes,
});
export type UpdateComplication = z.output<typeof UpdateComplicationSchema>;

export const ProcedureListSchema = z.object({
  items: z.array(
    z.object({
      code: z.string(),
      group: z.string(),
      label: BilingualSchema,
      icd9cm3: z.object({ open: z.string(), laparoscopic: z.string() }),
      radical: z.boolean(),
      cytoreductive: z.boolean(),
      verified: z.boolean(),
    }),
  ),
});
