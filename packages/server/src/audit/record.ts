import { auditLog } from '../db/schema/index.js';
import type { Db } from '../db/types.js';
import type { Actor } from '../auth/actor.js';
import type { RequestMeta } from '../core/context.js';

export type AuditOutcome = 'success' | 'denied' | 'not_found' | 'failure' | 'error';

export interface AuditEntry {
  action: string;
  outcome: AuditOutcome;
  resourceType?: string | null;
  resourceId?: string | null;
  patientId?: string | null;
  /** Ids, field names, old/new values of edits (secrets redacted). Never free clinical text in logs. */
  details?: Record<string, unknown> | null;
}

export interface AuditWho {
  actorId: string | null;
  actorRole: string | null;
  organizationId: string | null;
}

export function who(actor: Actor | null | undefined): AuditWho {
  return actor
    ? { actorId: actor.userId, actorRole: actor.role, organizationId: actor.organizationId }
    : { actorId: null, actorRole: null, organizationId: null };
}

const SECRET_KEYS = /pass(word)?|token|secret|hash|cookie/i;

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, SECRET_KEYS.test(k) ? '[redacted]' : redact(v)]),
    );
  }
  return value;
}

/** The audit_log row for an entry (secrets in details redacted). */
export function auditRow(meta: RequestMeta, actor: Actor | AuditWho | null, entry: AuditEntry): typeof auditLog.$inferInsert {
  const w: AuditWho = actor && 'userId' in actor ? who(actor) : (actor ?? who(null));
  // Break-glass (ADR 0015): every row about a patient the actor reaches only through a live grant names the grant.
  const grant = actor && 'userId' in actor && entry.patientId ? actor.breakGlass?.get(entry.patientId) : undefined;
  const details = grant ? { ...(entry.details ?? {}), breakGlass: grant } : entry.details;
  return {
    actorId: w.actorId,
    actorRole: w.actorRole,
    organizationId: w.organizationId,
    action: entry.action,
    outcome: entry.outcome,
    resourceType: entry.resourceType ?? null,
    resourceId: entry.resourceId ?? null,
    patientId: entry.patientId ?? null,
    clientIp: meta.clientIp,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    requestId: meta.requestId,
    details: details ? redact(details) : null,
  };
}

/**
 * Append one audit row in the caller's transaction (the action and its audit commit or roll back together).
 * The time comes from the database clock; the sealer chains the row after commit (audit/sealer.ts).
 * Reads outside a transaction may use recordReadAudit (audit/writer.ts), which batches commits.
 */
export async function recordAudit(db: Db, meta: RequestMeta, actor: Actor | AuditWho | null, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(auditRow(meta, actor, entry));
}

/** Field-level diff of an edit for the audit row: `{ field: [old, new] }` for changed fields only. */
export function diff(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  fields: readonly string[],
): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const f of fields) {
    const a = before[f] ?? null;
    const b = after[f] ?? null;
    if (JSON.stringify(a) !== JSON.stringify(b)) out[f] = [a, b];
  }
  return out;
}
