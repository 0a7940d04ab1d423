import { z } from 'zod';
import { PageQuerySchema } from '@gisurg/contracts';

/** The audit viewer (server: audit/routes.ts): filters, rows and the chain check. */
export const AUDIT_OUTCOMES = ['success', 'denied', 'not_found', 'failure', 'error'] as const;
export const AuditOutcomeSchema = z.enum(AUDIT_OUTCOMES);

export const AuditQuerySchema = PageQuerySchema.extend({
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
  resourceType: z.string().max(50).optional(),
  resourceId: z.string().max(100).optional(),
  actorId: z.uuid().optional(),
  patientId: z.uuid().optional(),
  action: z.string().max(60).optional(),
  outcome: AuditOutcomeSchema.optional(),
  from: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  to: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  sort: z.enum(['at', 'actor', 'action', 'resourceType', 'outcome']).default('at'),
  order: z.enum(['asc', 'desc']).default('desc'),
});

export const AuditItemSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRole: z.string().nullable(),
  organizationId: z.string().nullable(),
  action: z.string(),
  resourceType: z.string().nullable(),
  resourceId: z.string().nullable(),
  patientId: z.string().nullable(),
  /** The patient's name, for a viewer who may read patient data (issue 16 item 5); otherwise null. */
  patientName: z.string().nullable().optional(),
  outcome: z.string(),
  clientIp: z.string().nullable(),
  requestId: z.string().nullable(),
  details: z.unknown(),
  sealed: z.boolean(),
});

export const AuditVerifySchema = z.object({
  ok: z.boolean(),
  sealedRows: z.number().int(),
  unsealedRows: z.number().int(),
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
  problem: z
    .object({ seq: z.number().int().nullable(), id: z.number().int().nullable(), reason: z.string(), message: z.string() })
    .nullable(),
});

/** The department head's report of break-glass accesses (issue 17): who opened which patient, why, when, and how often they read it. */
export const BreakGlassReportQuerySchema = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
});
export const BreakGlassReportItemSchema = z.object({
  id: z.uuid(),
  at: z.string(),
  expiresAt: z.string(),
  active: z.boolean(),
  userId: z.uuid(),
  userName: z.string(),
  userRole: z.string(),
  patientId: z.uuid(),
  /** Null for a viewer who may not read patient data (the audit administrator) or the patient is outside their own scope. */
  patientName: z.string().nullable(),
  /** The hospital that keeps the patient's record. */
  patientOrganizationName: z.string(),
  reason: z.string(),
  /** Audit rows of the patient written under this grant (reads and changes). */
  accesses: z.number().int(),
});
export type BreakGlassReportItem = z.infer<typeof BreakGlassReportItemSchema>;
export const BreakGlassReportSchema = z.object({ items: z.array(BreakGlassReportItemSchema) });
