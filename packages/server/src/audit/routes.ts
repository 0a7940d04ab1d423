import type { FastifyInstance } from 'fastify';
import { and, asc, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import { auditLog, users } from '../db/schema/index.js';
import { defineRoute } from '../http/route.js';
import { paged } from '@gisurg/contracts';
import { AuditItemSchema, AuditQuerySchema, AuditVerifySchema } from '@gisurg/contracts/audit';
import { recordAudit } from './record.js';
import type { AnchorFile } from './anchor.js';
import type { AuditSealer } from './sealer.js';
import { verifyAuditChain } from './verify.js';

/** `to` as a date means the whole day. */
function upperBound(to: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(to) ? new Date(new Date(`${to}T00:00:00Z`).getTime() + 86_400_000) : new Date(to);
}

export function auditRoutes(app: FastifyInstance, deps: { anchors: AnchorFile; sealer: AuditSealer | null }): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/audit',
    access: 'audit:read',
    schema: {
      querystring: AuditQuerySchema,
      response: { 200: paged(AuditItemSchema) },
      summary: 'Audit log, filtered and sorted',
      tags: ['audit'],
    },
    handler: async (req, _reply, ctx) => {
      const q = req.query;
      const conds: (SQL | undefined)[] = [
        q.resourceType ? eq(auditLog.resourceType, q.resourceType) : undefined,
        q.resourceId ? eq(auditLog.resourceId, q.resourceId) : undefined,
        q.actorId ? eq(auditLog.actorId, q.actorId) : undefined,
        q.patientId ? eq(auditLog.patientId, q.patientId) : undefined,
        q.action
          ? q.action.endsWith('*')
            ? sql`${auditLog.action} like ${`${q.action.slice(0, -1).replace(/[\\%_]/g, '\\$&')}%`}`
            : eq(auditLog.action, q.action)
          : undefined,
        q.outcome ? eq(auditLog.outcome, q.outcome) : undefined,
        q.from ? gte(auditLog.at, new Date(q.from)) : undefined,
        q.to ? lt(auditLog.at, upperBound(q.to)) : undefined,
      ];
      const where = and(...conds);
      const sortCol = {
        at: auditLog.at,
        actor: users.username,
        action: auditLog.action,
        resourceType: auditLog.resourceType,
        outcome: auditLog.outcome,
      }[q.sort];
      const dir = q.order === 'asc' ? asc : desc;
      return ctx.db.transaction(async (tx) => {
        const [{ total } = { total: 0 }] = await tx
          .select({ total: sql<number>`count(*)::int` })
          .from(auditLog)
          .where(where);
        const rows = await tx
          .select({ a: auditLog, actorName: users.displayName })
          .from(auditLog)
          .leftJoin(users, eq(users.id, auditLog.actorId))
          .where(where)
          .orderBy(dir(sortCol), dir(auditLog.id))
          .limit(q.pageSize)
          .offset((q.page - 1) * q.pageSize);
        await recordAudit(tx, ctx.meta, ctx.actor, {
          action: 'audit.read',
          outcome: 'success',
          resourceType: 'audit_log',
          details: {
            filters: Object.fromEntries(
              Object.entries(q).filter(([k, v]) => v !== undefined && !['page', 'pageSize', 'sort', 'order'].includes(k)),
            ),
            total,
          },
        });
        return {
          items: rows.map(({ a, actorName }) => ({
            id: a.id,
            at: a.at.toISOString(),
            actorId: a.actorId,
            actorName,
            actorRole: a.actorRole,
            organizationId: a.organizationId,
            action: a.action,
            resourceType: a.resourceType,
            resourceId: a.resourceId,
            patientId: a.patientId,
            outcome: a.outcome,
            clientIp: a.clientIp,
            requestId: a.requestId,
            details: a.details,
            sealed: a.chainSeq !== null,
          })),
          total,
          page: q.page,
          pageSize: q.pageSize,
        };
      });
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/audit/verify',
    access: 'audit:read',
    schema: {
      response: { 200: AuditVerifySchema },
      summary: 'Seal pending entries and verify the whole hash chain against the anchors',
      tags: ['audit'],
    },
    handler: async (_req, _reply, ctx) => {
      if (deps.sealer) await deps.sealer.tick(true);
      const result = await verifyAuditChain(ctx.db, deps.anchors.readAll());
      await ctx.db.transaction((tx) =>
        recordAudit(tx, ctx.meta, ctx.actor, {
          action: 'audit.verify',
          outcome: result.ok ? 'success' : 'failure',
          resourceType: 'audit_log',
          details: { sealedRows: result.sealedRows, problem: result.problem?.reason ?? null },
        }),
      );
      return result;
    },
  });
}
