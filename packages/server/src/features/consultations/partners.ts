import { and, desc, eq, gte, lte, or, isNull, type SQL } from 'drizzle-orm';
import { isExternal, type Actor } from '../../auth/actor.js';
import { recordAudit } from '../../audit/record.js';
import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import { validationError } from '../../core/validation.js';
import { exchangeVisits, organizations, partnerAgreements } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { todayIn, type FieldIssue } from '@gisurg/contracts';
import type {
  Agreement,
  AgreementBody,
  ExchangeVisit,
  ExchangeVisitBody,
  ReachListQuery,
  UpdateAgreement,
  UpdateExchangeVisit,
} from '@gisurg/contracts/consultations';
import { checkHospitals, checkRange, stale, yearRange } from './reach-common.js';

/**
 * Partner hospitals (issue 10): agreements (对口支援, 医联体 …) and exchange visits. Home staff see their
 * department's records; a partner or primary hospital's doctor only their own hospital's (else 404).
 */
type AgreementRow = typeof partnerAgreements.$inferSelect;
type VisitRow = typeof exchangeVisits.$inferSelect;

function agreementScope(actor: Actor): SQL {
  return isExternal(actor)
    ? eq(partnerAgreements.organizationId, actor.organizationId)
    : eq(partnerAgreements.ownerOrganizationId, actor.organizationId);
}
function visitScope(actor: Actor): SQL {
  return isExternal(actor)
    ? eq(exchangeVisits.organizationId, actor.organizationId)
    : eq(exchangeVisits.ownerOrganizationId, actor.organizationId);
}

function toAgreement(r: AgreementRow, organizationName: string, today: string): Agreement {
  return {
    id: r.id,
    organizationId: r.organizationId,
    organizationName,
    kind: r.kind,
    startDate: r.startDate,
    endDate: r.endDate,
    scope: r.scope,
    active: r.startDate <= today && (r.endDate === null || r.endDate >= today),
    version: r.version,
  };
}
function toVisit(r: VisitRow, organizationName: string): ExchangeVisit {
  return {
    id: r.id,
    organizationId: r.organizationId,
    organizationName,
    direction: r.direction,
    doctors: r.doctors,
    fromDate: r.fromDate,
    toDate: r.toDate,
    purpose: r.purpose,
    version: r.version,
  };
}

async function orgName(db: Db, id: string): Promise<string> {
  const [o] = await db.select({ name: organizations.name }).from(organizations).where(eq(organizations.id, id));
  return o?.name ?? '';
}

// ——— Agreements ———
export async function listAgreements(ctx: UseCaseContext, q: ReachListQuery): Promise<{ items: Agreement[]; total: number }> {
  const { db, actor, meta, timeZone, clock } = ctx;
  const where: SQL[] = [agreementScope(actor)];
  if (q.year) {
    const r = yearRange(q.year);
    where.push(lte(partnerAgreements.startDate, r.to), or(isNull(partnerAgreements.endDate), gte(partnerAgreements.endDate, r.from))!);
  }
  if (q.organizationId) where.push(eq(partnerAgreements.organizationId, q.organizationId));
  const rows = await db
    .select({ a: partnerAgreements, name: organizations.name })
    .from(partnerAgreements)
    .innerJoin(organizations, eq(organizations.id, partnerAgreements.organizationId))
    .where(and(...where))
    .orderBy(desc(partnerAgreements.startDate));
  await recordAudit(db, meta, actor, { action: 'consultation.agreement.list', outcome: 'success', resourceType: 'partner_agreement' });
  const today = todayIn(timeZone, clock.now());
  return { items: rows.map((r) => toAgreement(r.a, r.name, today)), total: rows.length };
}

async function findAgreement(db: Db, actor: Actor, id: string, lock = false): Promise<AgreementRow | null> {
  const q = db
    .select()
    .from(partnerAgreements)
    .where(and(eq(partnerAgreements.id, id), agreementScope(actor)))
    .limit(1);
  return (lock ? await q.for('update') : await q)[0] ?? null;
}

export async function getAgreement(ctx: UseCaseContext, id: string): Promise<Agreement> {
  const row = await findAgreement(ctx.db, ctx.actor, id);
  if (!row) throw notFound();
  await recordAudit(ctx.db, ctx.meta, ctx.actor, {
    action: 'consultation.agreement.read',
    outcome: 'success',
    resourceType: 'partner_agreement',
    resourceId: id,
  });
  return toAgreement(row, await orgName(ctx.db, row.organizationId), todayIn(ctx.timeZone, ctx.clock.now()));
}

async function validateAgreement(db: Db, ctx: UseCaseContext, input: AgreementBody): Promise<void> {
  const issues: FieldIssue[] = [];
  await checkHospitals(db, ctx.locale, 'organizationId', [input.organizationId], issues);
  checkRange(ctx.locale, 'endDate', input.startDate, input.endDate, issues);
  if (issues.length) throw validationError(issues);
}

const agreementColumns = (i: AgreementBody) => ({
  organizationId: i.organizationId,
  kind: i.kind,
  startDate: i.startDate,
  endDate: i.endDate ?? null,
  scope: i.scope,
});

export async function createAgreement(ctx: UseCaseContext, input: AgreementBody): Promise<Agreement> {
  const { actor, meta, clock, timeZone } = ctx;
  return ctx.db.transaction(async (tx) => {
    await validateAgreement(tx, ctx, input);
    const now = clock.now();
    const [row] = await tx
      .insert(partnerAgreements)
      .values({
        ...agreementColumns(input),
        ownerOrganizationId: actor.organizationId,
        createdBy: actor.userId,
        updatedBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, meta, actor, {
      action: 'consultation.agreement.create',
      outcome: 'success',
      resourceType: 'partner_agreement',
      resourceId: row!.id,
      details: { organizationId: input.organizationId, kind: input.kind },
    });
    return toAgreement(row!, await orgName(tx, row!.organizationId), todayIn(timeZone, now));
  });
}

export async function updateAgreement(ctx: UseCaseContext, id: string, input: UpdateAgreement): Promise<Agreement> {
  const { actor, meta, clock, timeZone } = ctx;
  return ctx.db.transaction(async (tx) => {
    const current = await findAgreement(tx, actor, id, true);
    if (!current) throw notFound();
    if (current.version !== input.version) throw stale(current.version);
    await validateAgreement(tx, ctx, input);
    const now = clock.now();
    const [row] = await tx
      .update(partnerAgreements)
      .set({ ...agreementColumns(input), version: current.version + 1, updatedAt: now, updatedBy: actor.userId })
      .where(and(eq(partnerAgreements.id, id), eq(partnerAgreements.version, input.version)))
      .returning();
    if (!row) throw stale(current.version);
    await recordAudit(tx, meta, actor, {
      action: 'consultation.agreement.update',
      outcome: 'success',
      resourceType: 'partner_agreement',
      resourceId: id,
      details: { version: row.version },
    });
    return toAgreement(row, await orgName(tx, row.organizationId), todayIn(timeZone, now));
  });
}

// ——— Exchange visits ———
export async function listExchangeVisits(ctx: UseCaseContext, q: ReachListQuery): Promise<{ items: ExchangeVisit[]; total: number }> {
  const { db, actor, meta } = ctx;
  const where: SQL[] = [visitScope(actor)];
  if (q.year) {
    const r = yearRange(q.year);
    where.push(lte(exchangeVisits.fromDate, r.to), gte(exchangeVisits.toDate, r.from));
  }
  if (q.organizationId) where.push(eq(exchangeVisits.organizationId, q.organizationId));
  const rows = await db
    .select({ v: exchangeVisits, name: organizations.name })
    .from(exchangeVisits)
    .innerJoin(organizations, eq(organizations.id, exchangeVisits.organizationId))
    .where(and(...where))
    .orderBy(desc(exchangeVisits.fromDate));
  await recordAudit(db, meta, actor, { action: 'consultation.exchange.list', outcome: 'success', resourceType: 'exchange_visit' });
  return { items: rows.map((r) => toVisit(r.v, r.name)), total: rows.length };
}

async function findVisit(db: Db, actor: Actor, id: string, lock = false): Promise<VisitRow | null> {
  const q = db
    .select()
    .from(exchangeVisits)
    .where(and(eq(exchangeVisits.id, id), visitScope(actor)))
    .limit(1);
  return (lock ? await q.for('update') : await q)[0] ?? null;
}

export async function getExchangeVisit(ctx: UseCaseContext, id: string): Promise<ExchangeVisit> {
  const row = await findVisit(ctx.db, ctx.actor, id);
  if (!row) throw notFound();
  await recordAudit(ctx.db, ctx.meta, ctx.actor, {
    action: 'consultation.exchange.read',
    outcome: 'success',
    resourceType: 'exchange_visit',
    resourceId: id,
  });
  return toVisit(row, await orgName(ctx.db, row.organizationId));
}

async function validateVisit(db: Db, ctx: UseCaseContext, input: ExchangeVisitBody): Promise<void> {
  const issues: FieldIssue[] = [];
  await checkHospitals(db, ctx.locale, 'organizationId', [input.organizationId], issues);
  checkRange(ctx.locale, 'toDate', input.fromDate, input.toDate, issues);
  if (issues.length) throw validationError(issues);
}

const visitColumns = (i: ExchangeVisitBody) => ({
  organizationId: i.organizationId,
  direction: i.direction,
  doctors: i.doctors,
  fromDate: i.fromDate,
  toDate: i.toDate,
  purpose: i.purpose,
});

export async function createExchangeVisit(ctx: UseCaseContext, input: ExchangeVisitBody): Promise<ExchangeVisit> {
  const { actor, meta, clock } = ctx;
  return ctx.db.transaction(async (tx) => {
    await validateVisit(tx, ctx, input);
    const now = clock.now();
    const [row] = await tx
      .insert(exchangeVisits)
      .values({
        ...visitColumns(input),
        ownerOrganizationId: actor.organizationId,
        createdBy: actor.userId,
        updatedBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await recordAudit(tx, meta, actor, {
      action: 'consultation.exchange.create',
      outcome: 'success',
      resourceType: 'exchange_visit',
      resourceId: row!.id,
      details: { organizationId: input.organizationId, direction: input.direction },
    });
    return toVisit(row!, await orgName(tx, row!.organizationId));
  });
}

export async function updateExchangeVisit(ctx: UseCaseContext, id: string, input: UpdateExchangeVisit): Promise<ExchangeVisit> {
  const { actor, meta, clock } = ctx;
  return ctx.db.transaction(async (tx) => {
    const current = await findVisit(tx, actor, id, true);
    if (!current) throw notFound();
    if (current.version !== input.version) throw stale(current.version);
    await validateVisit(tx, ctx, input);
    const [row] = await tx
      .update(exchangeVisits)
      .set({ ...visitColumns(input), version: current.version + 1, updatedAt: clock.now(), updatedBy: actor.userId })
      .where(and(eq(exchangeVisits.id, id), eq(exchangeVisits.version, input.version)))
      .returning();
    if (!row) throw stale(current.version);
    await recordAudit(tx, meta, actor, {
      action: 'consultation.exchange.update',
      outcome: 'success',
      resourceType: 'exchange_visit',
      resourceId: id,
      details: { version: row.version },
    });
    return toVisit(row, await orgName(tx, row.organizationId));
  });
}
