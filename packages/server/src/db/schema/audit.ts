import { bigint, index, jsonb, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { tstz } from './common.js';

/**
 * Append-only audit trail (trust.md S11/S12). Rows are inserted in the request's transaction; the sealer
 * assigns chain_seq, prev_hash and hash shortly after commit (ARCHITECTURE.md "Audit without a bottleneck").
 * A trigger (migration 0001) refuses DELETE/TRUNCATE and any change to a sealed row or to non-chain columns.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: tstz('at')
      .notNull()
      .default(sql`clock_timestamp()`),
    actorId: uuid('actor_id'),
    actorRole: text('actor_role'),
    organizationId: uuid('organization_id'),
    action: text('action').notNull(),
    resourceType: text('resource_type'),
    resourceId: text('resource_id'),
    patientId: uuid('patient_id'),
    outcome: text('outcome', { enum: ['success', 'denied', 'not_found', 'failure', 'error'] }).notNull(),
    clientIp: text('client_ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    details: jsonb('details'),
    chainSeq: bigint('chain_seq', { mode: 'number' }),
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    uniqueIndex('audit_log_chain_seq_uq').on(t.chainSeq),
    index('audit_log_at_idx').on(t.at),
    index('audit_log_actor_idx').on(t.actorId, t.at),
    index('audit_log_patient_idx').on(t.patientId, t.at),
    index('audit_log_resource_idx').on(t.resourceType, t.resourceId),
    index('audit_log_unsealed_idx')
      .on(t.id)
      .where(sql`${t.chainSeq} is null`),
  ],
);
