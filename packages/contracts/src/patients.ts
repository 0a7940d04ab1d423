import { z } from 'zod';
import { IsoDateSchema, PageQuerySchema, VersionSchema, optionalText, paged, text } from '@gisurg/contracts';

export const SexSchema = z.enum(['male', 'female', 'unknown']);
export const IdTypeSchema = z.enum(['resident_id', 'passport', 'other']);

const PhoneSchema = z
  .string()
  .trim()
  .max(30)
  .refine((s) => s === '' || /^\+?[0-9][0-9\- ]{5,24}$/.test(s), { message: 'validation.phone.format' })
  .transform((s) => (s === '' ? null : s))
  .nullable()
  .optional();

const fields = {
  name: z.string().trim().min(1, 'validation.required').max(50),
  sex: SexSchema,
  birthDate: IsoDateSchema,
  idType: IdTypeSchema.default('resident_id'),
  idNumber: z
    .string()
    .trim()
    .max(40)
    .transform((s) => (s === '' ? null : s.toUpperCase()))
    .nullable()
    .optional(),
  inpatientNo: z
    .string()
    .trim()
    .max(30)
    .regex(/^[0-9A-Za-z-]*$/)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional(),
  phone: PhoneSchema,
  address: optionalText(200),
  ethnicity: optionalText(20),
  allergies: optionalText(500),
  sourceOrganizationId: z.uuid().nullable().optional(),
};

export const CreatePatientSchema = z.strictObject(fields);
export type CreatePatient = z.output<typeof CreatePatientSchema>;

export const UpdatePatientSchema = z.strictObject({
  version: VersionSchema,
  name: fields.name.optional(),
  sex: SexSchema.optional(),
  birthDate: IsoDateSchema.optional(),
  idType: IdTypeSchema.optional(),
  idNumber: fields.idNumber,
  inpatientNo: fields.inpatientNo,
  phone: fields.phone,
  address: fields.address,
  ethnicity: fields.ethnicity,
  allergies: fields.allergies,
  sourceOrganizationId: fields.sourceOrganizationId,
});
export type UpdatePatient = z.output<typeof UpdatePatientSchema>;

export const PatientSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  name: z.string(),
  sex: SexSchema,
  birthDate: z.string(),
  age: z.number().int(),
  idType: IdTypeSchema,
  idNumber: z.string().nullable(),
  idNumberMasked: z.boolean(),
  inpatientNo: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  ethnicity: z.string().nullable(),
  allergies: z.string().nullable(),
  organizationId: z.uuid(),
  sourceOrganizationId: z.uuid().nullable(),
  sourceOrganizationName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type PatientDto = z.infer<typeof PatientSchema>;

export const FindPatientsQuerySchema = PageQuerySchema.extend({
  q: z.string().trim().max(60).optional(),
  /** `facts`: each row also carries its diagnosis, bed and attending surgeon (the patient list page). */
  with: z.enum(['facts']).optional(),
});

/** What the patient list shows beside the identity, contributed by other features (core/patient-facts.ts). */
export const PatientListFactsSchema = z.object({
  /** The latest cancer diagnosis: ICD-10 code and site (oncology record). */
  diagnosis: z.object({ icd10: z.string(), site: z.string() }).nullable(),
  /** The bed of the current admission, and its ward (ward). */
  bed: z.string().nullable(),
  ward: z.string().nullable(),
  /** The attending surgeon of the current admission (ward). */
  attending: z.string().nullable(),
});
export type PatientListFacts = z.infer<typeof PatientListFactsSchema>;

export const PatientListItemSchema = PatientSchema.extend({ facts: PatientListFactsSchema.optional() });
/**
 * A search counts the patients it matches up to this many and then says "at least" (`totalCapped`): two pinyin
 * initials match ~25,000 of 1,000,000 patients, and counting them exactly cost more than finding the page (issue 18
 * "Scale"; ADR 0022). 1,000 is 50 pages of 20: past it the user types another letter. The list without a query is
 * counted exactly.
 */
export const PATIENT_SEARCH_COUNT_CAP = 1_000;
export const PatientPageSchema = paged(PatientListItemSchema).extend({
  /** `total` is PATIENT_SEARCH_COUNT_CAP and more patients match. */
  totalCapped: z.boolean(),
});

/** Break-glass (issue 17, ADR 0015): the stated reason (at least 10 characters) for opening a patient outside one's scope. */
export const BreakGlassBodySchema = z.strictObject({
  reason: text(500)
    .transform((s) => s.trim())
    .refine((s) => s.length >= 10, { message: 'patients.breakGlass.reasonTooShort' }),
});
export type BreakGlassBody = z.input<typeof BreakGlassBodySchema>;

export const BreakGlassGrantSchema = z.object({ id: z.uuid(), patientId: z.uuid(), expiresAt: z.string() });
export type BreakGlassGrant = z.infer<typeof BreakGlassGrantSchema>;
