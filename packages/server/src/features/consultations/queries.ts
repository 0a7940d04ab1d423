import { and, asc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { isExternal, type Actor } from '../../auth/actor.js';
import {
  beds,
  consultationAttachments,
  consultationMessages,
  consultationReferrals,
  consultations,
  organizations,
  patients,
  users,
} from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { ConsultationDetail, ConsultationListItem } from '@gisurg/contracts/consultations';
import { OPEN_STATES } from './workflow.js';

export type ConsultationRow = typeof consultations.$inferSelect;

/**
 * Who may reach a consultation (authorize in the use case AND in the WHERE clause): the home hospital's
 * staff for patients the hospital keeps; an external doctor for their own hospital's consultations of their
 * own hospital's patients. Anything else reads as missing (404). The query must join `patients`.
 */
export function consultationScope(actor: Actor): SQL {
  const alive = isNull(patients.deletedAt);
  return isExternal(actor)
    ? and(alive, eq(consultations.organizationId, actor.organizationId), eq(patients.sourceOrganizationId, actor.organizationId))!
    : and(alive, eq(patients.organizationId, actor.organizationId))!;
}

/** A consultation the actor may reach, optionally locked FOR UPDATE (transitions), or null. */
export async function findVisibleConsultation(
  db: Db,
  actor: Actor,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<ConsultationRow | null> {
  const q = db
    .select({ c: consultations })
    .from(consultations)
    .innerJoin(patients, eq(patients.id, consultations.patientId))
    .where(and(eq(consultations.id, id), consultationScope(actor)))
    .limit(1);
  const rows = opts.lock ? await q.for('update', { of: consultations }) : await q;
  return rows[0]?.c ?? null;
}

export function isOverdue(c: { status: string; dueAt: Date }, now: Date): boolean {
  return (OPEN_STATES as readonly string[]).includes(c.status) && c.dueAt.getTime() < now.getTime();
}

const expert = alias(users, 'expert');
const requester = alias(users, 'requester');

/** The list columns (joins patients, organizations, expert). */
export function listSelection() {
  return {
    c: consultations,
    patientName: patients.name,
    organizationName: organizations.name,
    expertName: expert.displayName,
    requestedByName: requester.displayName,
  };
}

export function listFrom(db: Db) {
  return db
    .select(listSelection())
    .from(consultations)
    .innerJoin(patients, eq(patients.id, consultations.patientId))
    .innerJoin(organizations, eq(organizations.id, consultations.organizationId))
    .innerJoin(requester, eq(requester.id, consultations.requestedBy))
    .leftJoin(expert, eq(expert.id, consultations.expertId));
}

type ListRow = { c: ConsultationRow; patientName: string; organizationName: string; expertName: string | null };

export function toListItem(r: ListRow, now: Date): ConsultationListItem {
  const c = r.c;
  return {
    id: c.id,
    patientId: c.patientId,
    patientName: r.patientName,
    status: c.status,
    urgency: c.urgency,
    question: c.question,
    submittedAt: c.submittedAt.toISOString(),
    dueAt: c.dueAt.toISOString(),
    answeredAt: c.answeredAt?.toISOString() ?? null,
    overdue: isOverdue(c, now),
    organizationId: c.organizationId,
    organizationName: r.organizationName,
    expertId: c.expertId,
    expertName: r.expertName,
    recommendation: c.recommendation,
  };
}

/** The whole consultation for the screen: thread, attachments, referral. */
export async function buildDetail(db: Db, actor: Actor, id: string, now: Date): Promise<ConsultationDetail | null> {
  const [r] = await listFrom(db)
    .where(and(eq(consultations.id, id), consultationScope(actor)))
    .limit(1);
  if (!r) return null;
  const author = alias(users, 'author');
  const messages = await db
    .select({ m: consultationMessages, authorName: author.displayName })
    .from(consultationMessages)
    .leftJoin(author, eq(author.id, consultationMessages.authorId))
    .where(eq(consultationMessages.consultationId, id))
    .orderBy(asc(consultationMessages.seq));
  const attachments = await db
    .select()
    .from(consultationAttachments)
    .where(eq(consultationAttachments.consultationId, id))
    .orderBy(asc(consultationAttachments.createdAt));
  const [ref] = await db
    .select({ r: consultationReferrals, bedLabel: beds.label })
    .from(consultationReferrals)
    .leftJoin(beds, eq(beds.id, consultationReferrals.bedId))
    .where(and(eq(consultationReferrals.consultationId, id), inArray(consultationReferrals.status, ['reserved', 'admitted'])));
  const c = r.c;
  const surveyed = c.surveyReferralAvoided !== null && c.surveyWillFollowAdvice !== null && c.surveyEducational !== null;
  return {
    ...toListItem(r, now),
    version: c.version,
    history: c.history,
    stage: c.stage,
    specialty: c.specialty,
    consent: { obtainedOn: c.consentObtainedOn, method: c.consentMethod },
    requestedByName: r.requestedByName,
    assignedAt: c.assignedAt?.toISOString() ?? null,
    advice: c.advice,
    closedAt: c.closedAt?.toISOString() ?? null,
    survey: surveyed
      ? { referralAvoided: c.surveyReferralAvoided!, willFollowAdvice: c.surveyWillFollowAdvice!, educational: c.surveyEducational! }
      : null,
    mdtCaseId: c.mdtCaseId,
    messages: messages.map((m) => ({
      id: m.m.id,
      kind: m.m.kind,
      body: m.m.body,
      authorName: m.authorName,
      at: m.m.at.toISOString(),
    })),
    attachments: attachments.map((a) => ({
      id: a.id,
      fileName: a.fileName,
      contentType: a.contentType,
      sizeBytes: a.sizeBytes,
      createdAt: a.createdAt.toISOString(),
    })),
    referral: ref
      ? {
          id: ref.r.id,
          expectedAdmissionDate: ref.r.expectedAdmissionDate,
          status: ref.r.status,
          bedReservation: { id: ref.r.bedReservationId, bedId: ref.r.bedId, bedLabel: ref.bedLabel },
          admissionId: ref.r.admissionId,
          admittedAt: ref.r.admittedAt?.toISOString() ?? null,
          sentBack: ref.r.dischargedAt
            ? {
                dischargedAt: ref.r.dischargedAt.toISOString(),
                disposition: ref.r.dischargeDisposition ?? '',
                institution: ref.r.dischargeInstitution,
                diagnosis: ref.r.dischargeDiagnosis,
                procedure: ref.r.dischargeProcedure,
                note: ref.r.dischargeNote,
              }
            : null,
        }
      : null,
  };
}
