import { desc, eq } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { recordAudit } from '../../audit/record.js';
import { bedEvents, patients, users } from '../../db/schema/index.js';
import type { UseCaseContext } from '../../core/context.js';
import { notFound } from '../../core/app-error.js';
import { findVisibleBed } from './bed-lock.js';
import type { BedEventSchema } from '@gisurg/contracts/ward';
import type { z } from 'zod';

/** A bed's history, newest first (at most 200 events). */
export async function getBedEvents(ctx: UseCaseContext, bedId: string): Promise<z.infer<typeof BedEventSchema>[]> {
  const { db, actor, meta } = ctx;
  return db.transaction(async (tx) => {
    if (!(await findVisibleBed(tx, actor, bedId))) throw notFound();
    const actorUser = alias(users, 'actor_user');
    const rows = await tx
      .select({ e: bedEvents, patientName: patients.name, actorName: actorUser.displayName })
      .from(bedEvents)
      .leftJoin(patients, eq(patients.id, bedEvents.patientId))
      .leftJoin(actorUser, eq(actorUser.id, bedEvents.actorId))
      .where(eq(bedEvents.bedId, bedId))
      .orderBy(desc(bedEvents.at), desc(bedEvents.createdAt))
      .limit(200);
    await recordAudit(tx, meta, actor, {
      action: 'ward.bed.history',
      outcome: 'success',
      resourceType: 'bed',
      resourceId: bedId,
      details: { events: rows.length },
    });
    return rows.map(({ e, patientName, actorName }) => ({
      id: e.id,
      type: e.type,
      at: e.at.toISOString(),
      fromState: e.fromState,
      toState: e.toState,
      admissionId: e.admissionId,
      patient: e.patientId ? { id: e.patientId, name: patientName ?? '' } : null,
      reason: e.reason,
      actorName,
    }));
  });
}
