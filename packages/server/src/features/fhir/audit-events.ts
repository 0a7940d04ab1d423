import type { AuditEvent, AuditEventEntity, Bundle } from '@medplum/fhirtypes';
import { and, desc, eq, isNotNull, notInArray, inArray, sql, type SQL } from 'drizzle-orm';
import { FHIR_PROFILES as PROFILE, FHIR_SYSTEMS as SYS, type FhirAuditEventSearch } from '@gisurg/contracts/fhir';
import { recordAudit } from '../../audit/record.js';
import { isExternal, type Actor } from '../../auth/actor.js';
import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { auditLog, fhirClients, patients, users } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { patientScope } from '../patients/index.js';
import { searchset } from './bundle.js';
import { dateWhere, dayOf } from './queries.js';

/**
 * AuditEvent (issue 13): who accessed which patient's record, from the audit log (only rows about a patient).
 * Visible to the roles that read the audit log (`audit:read`: audit administrator, department head) and to API
 * clients issued with the `system/AuditEvent.rs` scope (never through `system/*.rs`); a client, or an external
 * hospital's caller, sees only the rows of patients it may see. Reading them is audited in turn.
 */

type AuditRow = typeof auditLog.$inferSelect;
export type AuditAction = 'C' | 'R' | 'U' | 'D' | 'E';

/** The last segment of a GISurg audit action (`oncology.diagnosis.create` → `create`) → the FHIR action code. */
const ACTION_VERBS: Record<Exclude<AuditAction, 'E'>, readonly string[]> = {
  C: ['create', 'record', 'submit', 'add', 'upload', 'invite', 'enrol', 'issue', 'import', 'transfer_in'],
  R: ['read', 'everything', 'export', 'export_identified', 'print', 'history'],
  U: [
    'update',
    'edit',
    'amend_recommendation',
    'refresh_snapshot',
    'reorder',
    'discharge',
    'transfer',
    'swap',
    'handle',
    'signoff',
    'freeze',
  ],
  D: ['delete', 'remove', 'withdraw', 'revoke', 'cancel', 'release'],
};
/** Everything else (search, list, login, access.denied …) is E (execute), as FHIR does for queries. */
export function auditActionCode(action: string): AuditAction {
  const verb = action.slice(action.lastIndexOf('.') + 1);
  for (const [code, verbs] of Object.entries(ACTION_VERBS) as [AuditAction, readonly string[]][]) if (verbs.includes(verb)) return code;
  return 'E';
}

const OUTCOME: Record<AuditRow['outcome'], NonNullable<AuditEvent['outcome']>> = {
  success: '0',
  denied: '4',
  not_found: '4',
  failure: '8',
  error: '12',
};

/** FHIR resource types of the facade: an audit row about one of them names it as a reference. */
const FHIR_TYPES = new Set(['Patient', 'Condition', 'Observation', 'Procedure', 'Encounter', 'CarePlan', 'AuditEvent']);

interface Row {
  a: AuditRow;
  userName: string | null;
  clientId: string | null;
  clientName: string | null;
}

export function toFhirAuditEvent({ a, userName, clientId, clientName }: Row): AuditEvent {
  const isClient = a.actorRole === 'api_client';
  const who = !a.actorId
    ? { display: 'anonymous' }
    : isClient
      ? { identifier: { system: SYS.gisurgApiClient, value: clientId ?? a.actorId }, ...(clientName ? { display: clientName } : {}) }
      : { identifier: { system: SYS.gisurgUser, value: a.actorId }, ...(userName ? { display: userName } : {}) };
  const entity: AuditEventEntity[] = [
    {
      what: { reference: `Patient/${a.patientId}` },
      type: { system: SYS.auditEntityType, code: '1', display: 'Person' },
      role: { system: SYS.objectRole, code: '1', display: 'Patient' },
    },
  ];
  const samePatient = a.resourceType?.toLowerCase() === 'patient' && a.resourceId === a.patientId;
  if (a.resourceType && !samePatient) {
    entity.push({
      what:
        a.resourceId && FHIR_TYPES.has(a.resourceType)
          ? { reference: `${a.resourceType}/${a.resourceId}` }
          : { identifier: { system: SYS.gisurgRecord, value: a.resourceId ? `${a.resourceType}/${a.resourceId}` : a.resourceType } },
      type: { system: SYS.auditEntityType, code: '2', display: 'System Object' },
    });
  }
  return {
    resourceType: 'AuditEvent',
    id: String(a.id),
    meta: { lastUpdated: a.at.toISOString(), profile: [PROFILE.patientRecordAccess] },
    type: { system: SYS.dicom, code: '110110', display: 'Patient Record' },
    subtype: [{ system: SYS.gisurgAuditAction, code: a.action }],
    action: auditActionCode(a.action),
    recorded: a.at.toISOString(),
    outcome: OUTCOME[a.outcome],
    outcomeDesc: a.outcome,
    agent: [
      {
        type: {
          coding: [
            isClient
              ? { system: SYS.dicom, code: '110150', display: 'Application' }
              : { system: SYS.dicom, code: '110153', display: 'Source Role ID' },
          ],
        },
        who,
        ...(a.actorRole ? { role: [{ coding: [{ system: SYS.gisurgRole, code: a.actorRole }] }] } : {}),
        requestor: true,
        ...(a.clientIp ? { network: { address: a.clientIp, type: '2' as const } } : {}),
      },
    ],
    source: {
      site: 'GISurg',
      observer: { display: 'GISurg' },
      type: [{ system: SYS.securitySourceType, code: '4', display: 'Application Server' }],
    },
    entity,
  };
}

/** Rows a caller reaches: audit rows about a patient; a client or an external caller only its visible patients. */
function visibleWhere(actor: Actor): SQL {
  const client = (actor.role as string) === 'api_client';
  return client || isExternal(actor) ? and(isNotNull(auditLog.patientId), patientScope(actor))! : isNotNull(auditLog.patientId);
}

function selectRows(db: Db, where: SQL | undefined) {
  return db
    .select({
      a: auditLog,
      userName: users.displayName,
      clientId: fhirClients.clientId,
      clientName: fhirClients.name,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(auditLog)
    .leftJoin(patients, eq(patients.id, auditLog.patientId))
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .leftJoin(fhirClients, eq(fhirClients.id, auditLog.actorId))
    .where(where);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const stripPrefix = (v: string, prefix: string) => (v.startsWith(prefix) ? v.slice(prefix.length) : v);
const verb = sql`substring(${auditLog.action} from '[^.]*$')`;

function searchWhere(db: Db, actor: Actor, q: FhirAuditEventSearch, timeZone: string): SQL | undefined {
  const conds: (SQL | undefined)[] = [visibleWhere(actor)];
  if (q._id) conds.push(/^\d{1,18}$/.test(q._id) ? eq(auditLog.id, Number(q._id)) : sql`false`);
  if (q.patient) {
    const id = stripPrefix(q.patient, 'Patient/');
    conds.push(UUID.test(id) ? eq(auditLog.patientId, id) : sql`false`);
  }
  if (q.agent) {
    const bar = q.agent.indexOf('|');
    const system = bar >= 0 ? q.agent.slice(0, bar) : null;
    const value = bar >= 0 ? q.agent.slice(bar + 1) : q.agent;
    const byUser = UUID.test(value) ? eq(auditLog.actorId, value) : undefined;
    const byClient = inArray(auditLog.actorId, db.select({ id: fhirClients.id }).from(fhirClients).where(eq(fhirClients.clientId, value)));
    conds.push(
      system === SYS.gisurgApiClient
        ? byClient
        : system === SYS.gisurgUser
          ? (byUser ?? sql`false`)
          : system
            ? sql`false`
            : byUser
              ? sql`(${byUser} or ${byClient})`
              : byClient,
    );
  }
  if (q.entity) {
    const slash = q.entity.indexOf('/');
    const type = slash > 0 ? q.entity.slice(0, slash) : null;
    const id = slash > 0 ? q.entity.slice(slash + 1) : q.entity;
    if (type === 'Patient') conds.push(UUID.test(id) ? eq(auditLog.patientId, id) : sql`false`);
    else if (type) conds.push(and(eq(auditLog.resourceType, type), eq(auditLog.resourceId, id)));
    else conds.push(eq(auditLog.resourceId, id));
  }
  if (q.action) {
    const all = Object.values(ACTION_VERBS).flat();
    conds.push(q.action === 'E' ? notInArray(verb, all) : inArray(verb, [...ACTION_VERBS[q.action]]));
  }
  conds.push(dateWhere(dayOf(auditLog.at, timeZone), q.date));
  return and(...conds);
}

export async function searchAuditEvents(
  ctx: UseCaseContext,
  q: FhirAuditEventSearch,
  base: string,
  raw: Record<string, string | string[] | undefined>,
): Promise<Bundle> {
  const { db, actor, meta } = ctx;
  return db.transaction(async (tx) => {
    const where = searchWhere(tx, actor, q, ctx.timeZone);
    const rows = await selectRows(tx, where)
      .orderBy(desc(auditLog.at), desc(auditLog.id))
      .limit(Math.max(q._count, 1))
      .offset((q._page - 1) * q._count);
    let total = rows[0]?.total ?? 0;
    if (rows.length === 0 || q._count === 0) {
      const [c] = await tx
        .select({ n: sql<number>`count(*)`.mapWith(Number) })
        .from(auditLog)
        .leftJoin(patients, eq(patients.id, auditLog.patientId))
        .where(where);
      total = c?.n ?? 0;
    }
    const page = q._count === 0 ? [] : rows;
    await recordAudit(tx, meta, actor, {
      action: 'fhir.search',
      outcome: 'success',
      resourceType: 'AuditEvent',
      details: {
        total,
        page: q._page,
        resourceIds: page.map((r) => String(r.a.id)),
        params: Object.keys(raw).filter((k) => raw[k] !== undefined),
      },
    });
    return searchset({
      base,
      path: 'AuditEvent',
      params: raw,
      page: q._page,
      count: q._count,
      total,
      resources: page.map(toFhirAuditEvent),
    });
  });
}

export async function readAuditEvent(ctx: UseCaseContext, id: string): Promise<AuditEvent> {
  const { db, actor, meta } = ctx;
  return db.transaction(async (tx) => {
    const [row] = /^\d{1,18}$/.test(id) ? await selectRows(tx, and(visibleWhere(actor), eq(auditLog.id, Number(id)))).limit(1) : [];
    if (!row) throw notFound();
    await recordAudit(tx, meta, actor, { action: 'fhir.read', outcome: 'success', resourceType: 'AuditEvent', resourceId: id });
    return toFhirAuditEvent(row);
  });
}
