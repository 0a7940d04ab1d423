import type { FastifyInstance } from 'fastify';
import { and, asc, desc, eq, gte, lt, sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { alias } from 'drizzle-orm/pg-core';
import { auditLog, breakGlassGrants, organizations, patients, users } from '../db/schema/index.js';
import { defineRoute } from '../http/route.js';
import { paged } from '@gisurg/contracts';
import {
  AuditItemSchema,
  AuditQuerySchema,
  AuditVerifySchema,
  BreakGlassReportQuerySchema,
  BreakGlassReportSchema,
} from '@gisurg/contracts/audit';
import { recordAudit } from './record.js';
import type { AnchorFile } from './anchor.js';
import type { AuditSealer } from './sealer.js';
import { verifyAuditChain } from './verify.js';
import { contentDisposition } from '../core/content-disposition.js';

/** `to` as a date means the whole day. */
function upperBound(to: string): Date {
  return /^\d{4}-\d{2}-\d{2}$/.test(to) ? new Date(new Date(`${to}T00:00:00Z`).getTime() + 86_400_000) : new Date(to);
}

type AuditQuery = z.output<typeof AuditQuerySchema>;

/** The WHERE clause of the audit filters (list and CSV alike). */
function auditWhere(q: Partial<AuditQuery>): SQL | undefined {
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
  return and(...conds);
}

/** Patient names are shown only to a viewer who may read patient data; others see the patient's id. */
function mayReadPatients(permissions: ReadonlySet<string>): boolean {
  return permissions.has('patient:read');
}

/** One CSV field: quoted, quotes doubled; a leading =, +, - or @ is neutralised (spreadsheet formula injection). */
function csvField(v: unknown): string {
  let s = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return `"${s.replace(/"/g, '""')}"`;
}

/** Rows in one CSV download at most (a longer period is exported in parts). */
export const AUDIT_CSV_MAX_ROWS = 20_000;

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
      const where = auditWhere(q);
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
          .select({ a: auditLog, actorName: users.displayName, patientName: patients.name })
          .from(auditLog)
          .leftJoin(users, eq(users.id, auditLog.actorId))
          .leftJoin(patients, eq(patients.id, auditLog.patientId))
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
          items: rows.map(({ a, actorName, patientName }) => ({
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
            patientName: mayReadPatients(ctx.actor.permissions) ? patientName : null,
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
    method: 'GET',
    url: '/api/audit/export.csv',
    access: 'audit:read',
    schema: {
      querystring: AuditQuerySchema,
      summary: 'The filtered audit log as CSV (UTF-8 with BOM, newest first, at most 20,000 rows)',
      tags: ['audit'],
    },
    handler: async (req, reply, ctx) => {
      const q = req.query;
      const where = auditWhere(q);
      const names = mayReadPatients(ctx.actor.permissions);
      const csv = await ctx.db.transaction(async (tx) => {
        const rows = await tx
          .select({ a: auditLog, actorName: users.displayName, actorUsername: users.username, patientName: patients.name })
          .from(auditLog)
          .leftJoin(users, eq(users.id, auditLog.actorId))
          .leftJoin(patients, eq(patients.id, auditLog.patientId))
          .where(where)
          .orderBy(desc(auditLog.at), desc(auditLog.id))
          .limit(AUDIT_CSV_MAX_ROWS);
        await recordAudit(tx, ctx.meta, ctx.actor, {
          action: 'audit.export',
          outcome: 'success',
          resourceType: 'audit_log',
          details: {
            filters: Object.fromEntries(
              Object.entries(q).filter(([k, v]) => v !== undefined && !['page', 'pageSize', 'sort', 'order'].includes(k)),
            ),
            rows: rows.length,
          },
        });
        const header = [
          'at',
          'actor',
          'username',
          'role',
          'action',
          'resource_type',
          'resource_id',
          'patient_id',
          'patient_name',
          'outcome',
          'client_ip',
          'request_id',
          'details',
        ];
        const lines = rows.map(({ a, actorName, actorUsername, patientName }) =>
          [
            a.at.toISOString(),
            actorName,
            actorUsername,
            a.actorRole,
            a.action,
            a.resourceType,
            a.resourceId,
            a.patientId,
            names ? patientName : null,
            a.outcome,
            a.clientIp,
            a.requestId,
            a.details,
          ]
            .map(csvField)
            .join(','),
        );
        return `\uFEFF${[header.join(','), ...lines].join('\r\n')}\r\n`;
      });
      const day = new Date().toISOString().slice(0, 10);
      void reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', contentDisposition(`audit-${day}.csv`))
        .header('cache-control', 'no-store');
      return csv;
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

  // Break-glass report (issue 17, ADR 0015): every grant with its reason, who, which patient, when, and how many audit
  // rows the user wrote about the patient under it. The department head reviews it; reading it is audited.
  defineRoute(app, {
    method: 'GET',
    url: '/api/audit/break-glass',
    access: 'audit:read',
    schema: {
      querystring: BreakGlassReportQuerySchema,
      response: { 200: BreakGlassReportSchema },
      summary: 'Break-glass accesses: user, patient, reason, time, accesses under each grant',
      tags: ['audit'],
    },
    handler: async (req, _reply, ctx) => {
      const { from, to } = req.query;
      const now = ctx.clock.now();
      const patientOrg = alias(organizations, 'patient_org');
      return ctx.db.transaction(async (tx) => {
        const rows = await tx
          .select({
            g: breakGlassGrants,
            userName: users.displayName,
            userRole: users.role,
            patientName: patients.name,
            patientOrganizationId: patients.organizationId,
            patientOrganizationName: patientOrg.name,
            accesses: sql<number>`(select count(*)::int from audit_log a where a.patient_id = ${breakGlassGrants.patientId}
              and a.actor_id = ${breakGlassGrants.userId} and a.details->>'breakGlass' = ${breakGlassGrants.id}::text
              and a.action <> 'patient.break_glass')`,
          })
          .from(breakGlassGrants)
          .innerJoin(users, eq(users.id, breakGlassGrants.userId))
          .innerJoin(patients, eq(patients.id, breakGlassGrants.patientId))
          .innerJoin(patientOrg, eq(patientOrg.id, patients.organizationId))
          .where(
            and(
              from ? gte(breakGlassGrants.createdAt, new Date(`${from}T00:00:00Z`)) : undefined,
              to ? lt(breakGlassGrants.createdAt, upperBound(to)) : undefined,
            ),
          )
          .orderBy(desc(breakGlassGrants.createdAt))
          .limit(1000);
        await recordAudit(tx, ctx.meta, ctx.actor, {
          action: 'audit.break_glass_report',
          outcome: 'success',
          resourceType: 'audit_log',
          details: { from: from ?? null, to: to ?? null, rows: rows.length },
        });
        const names = mayReadPatients(ctx.actor.permissions);
        return {
          items: rows.map((r) => ({
            id: r.g.id,
            at: r.g.createdAt.toISOString(),
            expiresAt: r.g.expiresAt.toISOString(),
            active: r.g.expiresAt.getTime() > now.getTime(),
            userId: r.g.userId,
            userName: r.userName,
            userRole: r.userRole,
            patientId: r.g.patientId,
            // Only a viewer who may read this patient anyway sees the name (not another hospital's patient).
            patientName: names && r.patientOrganizationId === ctx.actor.organizationId ? r.patientName : null,
            patientOrganizationName: r.patientOrganizationName,
            reason: r.g.reason,
            accesses: r.accesses,
          })),
        };
      });
    },
  });
}
