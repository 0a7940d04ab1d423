import { z } from 'zod';
import type { FhirResourceType } from './fhir.js';

/**
 * FHIR Bulk Data `$export` (Bulk Data Access IG 2.0, issue 13; docs/fhir.md "Bulk export"): the kick-off
 * parameters and the completion manifest. Files are NDJSON, one per resource type.
 */

/**
 * Resource types an export writes, in the order of the manifest: the patient record. CarePlan and AuditEvent are
 * served by read and search but not exported yet (the exporter has no mapping for them), so `_type` refuses them.
 */
export const FHIR_EXPORT_TYPES = [
  'Patient',
  'Condition',
  'Observation',
  'Procedure',
  'Encounter',
] as const satisfies readonly FhirResourceType[];

/** `_outputFormat` values accepted (all mean NDJSON of FHIR JSON resources). */
export const FHIR_EXPORT_FORMATS = ['application/fhir+ndjson', 'application/ndjson', 'ndjson'] as const;

const lastOf = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v[v.length - 1]! : v));

/** A FHIR `instant`: date, time with seconds and a zone (`2026-11-01T00:00:00Z`, `2026-11-01T08:00:00+08:00`). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

/** Parameters of the kick-off request this server does not support: refused (400) rather than silently ignored. */
export const FHIR_EXPORT_UNSUPPORTED_PARAMS = ['_typeFilter', '_elements', 'patient', 'includeAssociatedData'] as const;

const unsupported = z.never({ error: 'validation.fhir.exportUnsupported' }).optional();

export const FhirExportQuerySchema = z.object({
  /** Comma-separated resource types (repeatable); default every type the caller may read. */
  _type: z
    .union([z.string(), z.array(z.string())])
    .transform((v) => (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(',')).map((s) => s.trim()))
    .pipe(
      z
        .array(z.enum(FHIR_EXPORT_TYPES, { error: 'validation.fhir.exportType' }))
        .min(1, 'validation.fhir.exportType')
        .max(20, 'validation.fhir.exportType'),
    )
    .transform((list): FhirResourceType[] => FHIR_EXPORT_TYPES.filter((t) => list.includes(t)))
    .optional(),
  /** Only resources changed after this instant. */
  _since: lastOf
    .pipe(z.string().trim().max(40))
    .refine((s) => INSTANT.test(s) && !Number.isNaN(Date.parse(s)), { message: 'validation.fhir.since' })
    .transform((s) => new Date(s))
    .optional(),
  _outputFormat: lastOf.pipe(z.enum(FHIR_EXPORT_FORMATS, { error: 'validation.fhir.outputFormat' })).optional(),
  _typeFilter: unsupported,
  _elements: unsupported,
  patient: unsupported,
  includeAssociatedData: unsupported,
});
export type FhirExportQuery = z.output<typeof FhirExportQuerySchema>;

/** Export ids in status and file URLs. */
export const FhirExportIdParamSchema = z.object({ id: z.uuid({ error: 'validation.fhir.id' }) });
export const FhirExportFileParamSchema = z.object({
  id: z.uuid({ error: 'validation.fhir.id' }),
  file: z.string().regex(/^[A-Za-z]{1,40}\.ndjson$/, 'validation.fhir.id'),
});

/** The completion manifest (Bulk Data IG 2.0 "Response - Complete Status"). */
export interface FhirExportManifest {
  transactionTime: string;
  request: string;
  requiresAccessToken: true;
  output: { type: FhirResourceType; url: string; count: number }[];
  error: { type: 'OperationOutcome'; url: string }[];
}
