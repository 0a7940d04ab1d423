import { z } from 'zod';
import {
  CC_SCORES,
  HIPEC_CARRIER_OPTIONS,
  HIPEC_DRUG_OPTIONS,
  HIPEC_TECHNIQUE_OPTIONS,
  HIPEC_TIMING_OPTIONS,
  PCI_INDICATIONS,
  PCI_TIMING_OPTIONS,
} from '@gisurg/clinical';
import { VersionSchema } from '@gisurg/contracts';
import { BilingualSchema } from '@gisurg/contracts';

const values = <T extends string>(options: readonly { value: T }[]) => options.map((o) => o.value) as [T, ...T[]];

export const PCI_TIMINGS = values(PCI_TIMING_OPTIONS);
export const HIPEC_TIMINGS = values(HIPEC_TIMING_OPTIONS);
export const HIPEC_TECHNIQUES = values(HIPEC_TECHNIQUE_OPTIONS);
export const HIPEC_CARRIERS = values(HIPEC_CARRIER_OPTIONS);
export const HIPEC_DRUGS = values(HIPEC_DRUG_OPTIONS);

const Fraction = z.strictObject({
  share: z.number().gt(0).max(1),
  atMinute: z
    .number()
    .int()
    .min(0)
    .max(24 * 60),
});

export const HipecDrugInputSchema = z.strictObject({
  drug: z.enum(HIPEC_DRUGS),
  dose: z.number().gt(0).max(5000),
  doseBasis: z.enum(['mg/m2', 'mg/L', 'mg']),
  fractions: z.array(Fraction).min(1).max(6).optional(),
  /** Optional check of the client's own hipecDose result. */
  totalDoseMg: z.number().optional(),
});

export const HipecInputSchema = z.strictObject({
  timing: z.enum(HIPEC_TIMINGS),
  technique: z.enum(HIPEC_TECHNIQUES),
  carrier: z.enum(HIPEC_CARRIERS).nullable().optional(),
  /** Perfusate volume in L, or per m² of BSA (hipecDose: give one, not both). */
  carrierVolumeL: z.number().gt(0).max(30).nullable().optional(),
  carrierLPerM2: z.number().gt(0).max(10).nullable().optional(),
  inflowTempC: z.number().min(37).max(46).nullable().optional(),
  outflowTempC: z.number().min(35).max(46).nullable().optional(),
  durationMin: z.number().int().min(1).max(240).nullable().optional(),
  flowMlMin: z.number().int().min(50).max(3000).nullable().optional(),
  drugs: z.array(HipecDrugInputSchema).min(1).max(4),
});
export type HipecInput = z.output<typeof HipecInputSchema>;

export const PutPeritonealSchema = z.strictObject({
  version: VersionSchema.optional(),
  pci: z.strictObject({
    /** Lesion-size scores of regions 0–12 (peritonealCancerIndex validates them). */
    regions: z.array(z.number()).max(20),
    timing: z.enum(PCI_TIMINGS),
  }),
  /** Which PCI cut-offs apply; default from the operation's diagnosis (pciIndicationForDiagnosis). */
  indication: z.enum(PCI_INDICATIONS).optional(),
  /** Largest residual nodule in mm; null = none visible (CC-0); absent = not assessed. */
  residualMm: z.number().nullable().optional(),
  heightCm: z.number().nullable().optional(),
  weightKg: z.number().nullable().optional(),
  bsaM2: z.number().nullable().optional(),
  hipec: HipecInputSchema.nullable().optional(),
  /** Optional checks of values the client computed with the same functions. */
  pciTotal: z.number().int().optional(),
  cc: z.enum(CC_SCORES).nullable().optional(),
});
export type PutPeritoneal = z.output<typeof PutPeritonealSchema>;

export const HipecDrugSchema = z.object({
  drug: z.string(),
  dose: z.number(),
  doseBasis: z.enum(['mg/m2', 'mg/L', 'mg']),
  totalDoseMg: z.number(),
  volumeL: z.number().nullable(),
  concentrationMgPerL: z.number().nullable(),
  fractions: z.array(z.object({ index: z.number().int(), share: z.number(), doseMg: z.number(), atMinute: z.number().nullable() })),
});

export const HipecSchema = z.object({
  timing: z.string(),
  technique: z.string(),
  carrier: z.string().nullable(),
  carrierVolumeL: z.number().nullable(),
  carrierLPerM2: z.number().nullable(),
  /** Perfusate volume used for the concentrations (L). */
  volumeL: z.number().nullable(),
  inflowTempC: z.number().nullable(),
  outflowTempC: z.number().nullable(),
  durationMin: z.number().nullable(),
  flowMlMin: z.number().nullable(),
  drugs: z.array(HipecDrugSchema),
});
export type HipecRecord = z.infer<typeof HipecSchema>;

export const PciFlagSchema = z.object({
  code: z.string(),
  messageKey: z.string(),
  params: z.record(z.string(), z.number()).optional(),
  message: BilingualSchema,
});

export const PeritonealSchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  operationId: z.uuid(),
  pci: z.object({ regions: z.array(z.number().int()), timing: z.string(), total: z.number().int() }),
  pciTotal: z.number().int(),
  indication: z.enum(PCI_INDICATIONS),
  eligible: z.boolean().nullable(),
  flags: z.array(PciFlagSchema),
  policy: z.record(z.string(), z.unknown()),
  residualMm: z.number().nullable(),
  cc: z.enum(CC_SCORES).nullable(),
  ccBoundary: z.string().nullable(),
  completeCytoreduction: z.boolean().nullable(),
  heightCm: z.number().nullable(),
  weightKg: z.number().nullable(),
  bsaM2: z.number().nullable(),
  bsaFormula: z.string().nullable(),
  hipec: HipecSchema.nullable(),
  updatedAt: z.string(),
});
export type PeritonealDto = z.infer<typeof PeritonealSchema>;
