import { z } from 'zod';
import { OperationSchema } from './operations.js';
import { DiagnosisSchema, MarkerSchema, PerformanceStatusSchema } from './diagnoses.js';

/** JSON of GET /api/patients/:id/oncology-summary: what the (printable) summary page renders. */
export const OncologySummarySchema = z.object({
  patient: z.object({
    id: z.uuid(),
    name: z.string(),
    sex: z.enum(['male', 'female', 'unknown']),
    birthDate: z.string(),
    age: z.number().int(),
    inpatientNo: z.string().nullable(),
    sourceOrganizationName: z.string().nullable(),
  }),
  generatedAt: z.string(),
  diagnoses: z.array(DiagnosisSchema),
  operations: z.array(OperationSchema),
  peritoneal: z.object({
    latest: z
      .object({
        operationId: z.uuid(),
        date: z.string(),
        pciTotal: z.number().int(),
        timing: z.string(),
        cc: z.string().nullable(),
        eligible: z.boolean().nullable(),
        hipec: z.boolean(),
      })
      .nullable(),
  }),
  markers: z.array(MarkerSchema),
  performanceStatus: z.array(PerformanceStatusSchema),
});
export type OncologySummary = z.infer<typeof OncologySummarySchema>;

export const DeletedSchema = z.object({ id: z.uuid(), version: z.number().int(), deleted: z.literal(true) });
