import { and, eq, type SQL } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { recordAudit } from '../../audit/record.js';
import { notFound } from '../../core/app-error.js';
import type { UseCaseContext } from '../../core/context.js';
import type { exchangeVisits, outreachActivities, partnerAgreements } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { stale } from './reach-common.js';

/**
 * Outreach, agreements and exchange visits (issue 10) are the same kind of record: owned by the department's
 * hospital, scoped per reader (home staff their department's, a partner's doctor their own hospital's, else
 * 404), validated by the use case, edited with the version (stale → 409), every read and write audited.
 * This is that pattern once; each kind gives its table, scope, checks, columns and how it is presented.
 */
export type ReachTable = typeof outreachActivities | typeof partnerAgreements | typeof exchangeVisits;
export type ReachRow<T extends ReachTable> = T['$inferSelect'];
type SystemColumn = 'id' | 'ownerOrganizationId' | 'version' | 'createdAt' | 'updatedAt' | 'createdBy' | 'updatedBy';
export type ReachColumns<T extends ReachTable> = Omit<T['$inferInsert'], SystemColumn>;

export interface ReachKind<T extends ReachTable, Body, Out> {
  table: T;
  /** Audit actions are `consultation.<audit>.list|read|create|update` on `resourceType`. */
  audit: 'outreach' | 'agreement' | 'exchange';
  resourceType: 'outreach' | 'partner_agreement' | 'exchange_visit';
  /** What the actor may see (the same condition guards reads and edits). */
  scope: (actor: Actor) => SQL;
  /** Checks beyond the contract's schema (400 per field), inside the write's transaction. */
  validate: (tx: Db, ctx: UseCaseContext, input: Body) => Promise<void>;
  columns: (input: Body) => ReachColumns<T>;
  present: (db: Db, ctx: UseCaseContext, rows: ReachRow<T>[]) => Promise<Out[]>;
  /** What the create's audit row names besides the id. */
  createDetails: (row: ReachRow<T>) => Record<string, unknown>;
}

// The three tables share these columns, so one statement typed on one of them serves all (as in
// oncology-record/records.ts); the kind's own `columns` keep each table's values typed.
type AnyTable = typeof partnerAgreements;
const tableOf = (kind: ReachKind<ReachTable, unknown, unknown>): AnyTable => kind.table as AnyTable;
const erase = <T extends ReachTable, Body, Out>(kind: ReachKind<T, Body, Out>) =>
  kind as unknown as ReachKind<ReachTable, unknown, unknown>;

async function findRow<T extends ReachTable>(
  db: Db,
  kind: ReachKind<ReachTable, unknown, unknown>,
  actor: Actor,
  id: string,
  lock: boolean,
): Promise<ReachRow<T> | null> {
  const t = tableOf(kind);
  const q = db
    .select()
    .from(t)
    .where(and(eq(t.id, id), kind.scope(actor)))
    .limit(1);
  const rows = lock ? await q.for('update') : await q;
  return (rows[0] as ReachRow<T> | undefined) ?? null;
}

/** The records the actor may see matching `where`, in `orderBy`; the list is audited. */
export async function listReach<T extends ReachTable, Body, Out>(
  kind: ReachKind<T, Body, Out>,
  ctx: UseCaseContext,
  q: { where: SQL[]; orderBy: SQL[]; details?: Record<string, unknown> },
): Promise<{ items: Out[]; total: number }> {
  const { db, actor, meta } = ctx;
  const rows = (await db
    .select()
    .from(tableOf(erase(kind)))
    .where(and(kind.scope(actor), ...q.where))
    .orderBy(...q.orderBy)) as ReachRow<T>[];
  await recordAudit(db, meta, actor, {
    action: `consultation.${kind.audit}.list`,
    outcome: 'success',
    resourceType: kind.resourceType,
    ...(q.details ? { details: q.details } : {}),
  });
  const items = await kind.present(db, ctx, rows);
  return { items, total: items.length };
}

/** One record the actor may see (else 404); audited. */
export async function getReach<T extends ReachTable, Body, Out>(
  kind: ReachKind<T, Body, Out>,
  ctx: UseCaseContext,
  id: string,
): Promise<Out> {
  const row = await findRow<T>(ctx.db, erase(kind), ctx.actor, id, false);
  if (!row) throw notFound();
  await recordAudit(ctx.db, ctx.meta, ctx.actor, {
    action: `consultation.${kind.audit}.read`,
    outcome: 'success',
    resourceType: kind.resourceType,
    resourceId: id,
  });
  return (await kind.present(ctx.db, ctx, [row]))[0]!;
}

/** Validate and insert in one transaction, owned by the actor's hospital; audited. */
export async function createReach<T extends ReachTable, Body, Out>(
  kind: ReachKind<T, Body, Out>,
  ctx: UseCaseContext,
  input: Body,
): Promise<Out> {
  const { actor, meta, clock } = ctx;
  return ctx.db.transaction(async (tx) => {
    await kind.validate(tx, ctx, input);
    const now = clock.now();
    const [inserted] = await tx
      .insert(tableOf(erase(kind)))
      .values({
        ...(kind.columns(input) as ReachColumns<AnyTable>),
        ownerOrganizationId: actor.organizationId,
        createdBy: actor.userId,
        updatedBy: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    const row = inserted as ReachRow<T>;
    await recordAudit(tx, meta, actor, {
      action: `consultation.${kind.audit}.create`,
      outcome: 'success',
      resourceType: kind.resourceType,
      resourceId: row.id,
      details: kind.createDetails(row),
    });
    return (await kind.present(tx, ctx, [row]))[0]!;
  });
}

/**
 * The versioned edit: lock the record in the actor's scope (404), compare the version the user saw (409 with
 * the current one), validate, then UPDATE … WHERE version = seen; audited — all in one transaction.
 */
export async function updateReach<T extends ReachTable, Body, Out>(
  kind: ReachKind<T, Body, Out>,
  ctx: UseCaseContext,
  id: string,
  input: Body & { version: number },
): Promise<Out> {
  const { actor, meta, clock } = ctx;
  return ctx.db.transaction(async (tx) => {
    const current = await findRow<T>(tx, erase(kind), actor, id, true);
    if (!current) throw notFound();
    if (current.version !== input.version) throw stale(current.version);
    await kind.validate(tx, ctx, input);
    const t = tableOf(erase(kind));
    const [updated] = await tx
      .update(t)
      .set({
        ...(kind.columns(input) as ReachColumns<AnyTable>),
        version: current.version + 1,
        updatedAt: clock.now(),
        updatedBy: actor.userId,
      })
      .where(and(eq(t.id, id), eq(t.version, input.version)))
      .returning();
    if (!updated) throw stale(current.version);
    const row = updated as ReachRow<T>;
    await recordAudit(tx, meta, actor, {
      action: `consultation.${kind.audit}.update`,
      outcome: 'success',
      resourceType: kind.resourceType,
      resourceId: id,
      details: { version: row.version },
    });
    return (await kind.present(tx, ctx, [row]))[0]!;
  });
}
