import type { CarePlan, CarePlanActivity, CodeableConcept } from '@medplum/fhirtypes';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { FOLLOW_UP_KIND_OPTIONS } from '@gisurg/clinical';
import { FHIR_EXTENSIONS as EXT, FHIR_PROFILES as PROFILE, FHIR_SYSTEMS as SYS } from '@gisurg/contracts/fhir';
import { can, type Actor } from '../../auth/actor.js';
import { followUpItems, followUpPlans, mdtCases, mdtMeetings, mdtPlanItems, mdtRecommendations, patients } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { todayIn } from '@gisurg/contracts';
import { caseScope } from '../mdt/index.js';

/**
 * CarePlans (issue 13): the tumor board's recommendation (one per decided MDT case, its plan items as activities)
 * and the follow-up plan (one per operated diagnosis, its dated items as activities). mCODE has no CarePlan
 * profile, so both are local profiles that follow US Core CarePlan guidance (category `assess-plan`, a generated
 * narrative). Who sees them is the web app's rule: recommendations need `mdt:read` and the case's audience
 * (features/mdt caseScope: an external hospital only its own submitted cases), follow-up plans `followup:read`.
 */

type RecommendationRow = typeof mdtRecommendations.$inferSelect;
type PlanItemRow = typeof mdtPlanItems.$inferSelect;
type FollowUpPlanRow = typeof followUpPlans.$inferSelect;
type FollowUpItemRow = typeof followUpItems.$inferSelect;

const PLAN_ITEM_DISPLAY: Record<PlanItemRow['kind'], string> = {
  surgery: 'Surgery',
  crs_hipec: 'Cytoreductive surgery with HIPEC',
  chemotherapy: 'Chemotherapy',
  radiotherapy: 'Radiotherapy',
  imaging: 'Imaging',
  biopsy: 'Biopsy',
  trial: 'Clinical trial',
  supportive: 'Supportive care',
  follow_up: 'Follow-up',
};
const INTENT: Record<RecommendationRow['intent'], [string, string]> = {
  curative: ['373808002', 'Curative - procedure intent'],
  palliative: ['363676003', 'Palliative - procedure intent'],
};
const TUMOR_GROUP: Record<string, string> = { gastric: 'gastric', colorectal: 'colorectal', peritoneal: 'peritoneal' };

const cc = (system: string, code: string, display?: string): CodeableConcept => ({
  coding: [{ system, code, ...(display ? { display } : {}) }],
});
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const narrative = (lines: string[]): CarePlan['text'] => ({
  status: 'generated',
  div: `<div xmlns="http://www.w3.org/1999/xhtml">${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}</div>`,
});
const category = (code: 'tumor-board-recommendation' | 'follow-up-plan', display: string): CodeableConcept[] => [
  cc(SYS.usCoreCarePlanCategory, 'assess-plan', 'Assessment and Plan of Treatment'),
  cc(SYS.gisurgCarePlanCategory, code, display),
];

export interface RecommendationForFhir {
  r: RecommendationRow;
  patientId: string;
  meeting: { id: string; title: string | null; tumorGroup: string; startsAt: Date };
  items: PlanItemRow[];
}

/** A tumor-board recommendation → CarePlan: intent, meeting date, the board as author, plan items as activities. */
export function toRecommendationCarePlan(x: RecommendationForFhir, timeZone: string): CarePlan {
  const { r, meeting } = x;
  const meetingDay = todayIn(timeZone, meeting.startsAt);
  const allClosed = x.items.length > 0 && x.items.every((i) => i.status !== 'pending');
  const boardName = meeting.title ?? `Tumor board (${TUMOR_GROUP[meeting.tumorGroup] ?? meeting.tumorGroup}) ${meetingDay}`;
  const activity: CarePlanActivity[] = x.items.map((i) => ({
    ...(i.status === 'delivered' && i.evidenceRef && i.deliveredVia !== 'manual'
      ? { outcomeReference: [{ reference: `${i.deliveredVia === 'operation' ? 'Procedure' : 'Encounter'}/${i.evidenceRef}` }] }
      : {}),
    detail: {
      code: cc(SYS.gisurgMdtPlanItem, i.kind, PLAN_ITEM_DISPLAY[i.kind]),
      status: i.status === 'delivered' ? 'completed' : i.status === 'not_delivered' ? 'cancelled' : 'not-started',
      ...(i.status === 'not_delivered' && i.notDeliveredReason
        ? { statusReason: cc(`${SYS.gisurgMdtPlanItem}-not-delivered-reason`, i.notDeliveredReason) }
        : {}),
      // The due date is a deadline: "to be delivered by".
      scheduledPeriod: { end: i.dueDate },
      ...(i.detail || i.approach || i.timing ? { description: [i.detail, i.approach, i.timing].filter(Boolean).join('; ') } : {}),
    },
  }));
  return {
    resourceType: 'CarePlan',
    id: r.id,
    meta: { lastUpdated: r.updatedAt.toISOString(), profile: [PROFILE.tumorBoardCarePlan] },
    text: narrative([
      `${boardName}: ${r.intent} (${r.decidedOn})`,
      ...(r.summary ? [r.summary] : []),
      ...x.items.map((i) => `${PLAN_ITEM_DISPLAY[i.kind]}${i.detail ? ` – ${i.detail}` : ''}, due ${i.dueDate}: ${i.status}`),
    ]),
    extension: [
      { url: EXT.treatmentIntent, valueCodeableConcept: cc(SYS.snomed, INTENT[r.intent][0], INTENT[r.intent][1]) },
      { url: EXT.mdtMeetingDate, valueDate: meetingDay },
    ],
    status: allClosed ? 'completed' : 'active',
    intent: 'plan',
    category: category('tumor-board-recommendation', 'Tumor board recommendation'),
    title: 'Tumor board recommendation / MDT 讨论意见',
    ...(r.summary ? { description: r.summary } : {}),
    subject: { reference: `Patient/${x.patientId}` },
    period: { start: r.decidedOn },
    created: r.decidedAt.toISOString(),
    author: { type: 'CareTeam', identifier: { system: SYS.gisurgMdtMeeting, value: meeting.id }, display: boardName },
    ...(r.guideline ? { note: [{ text: `Guideline: ${r.guideline}${r.guidelineVersion ? ` ${r.guidelineVersion}` : ''}` }] } : {}),
    ...(activity.length ? { activity } : {}),
  };
}

const FOLLOW_UP_LABEL = new Map(FOLLOW_UP_KIND_OPTIONS.map((o) => [o.value as string, o.label]));

/** A follow-up plan → CarePlan addressing the diagnosis, based on the operation; items as dated activities. */
export function toFollowUpCarePlan(p: FollowUpPlanRow, items: FollowUpItemRow[]): CarePlan {
  const open = items.some((i) => i.status === 'planned');
  const activity: CarePlanActivity[] = items.map((i) => {
    const label = FOLLOW_UP_LABEL.get(i.kind);
    return {
      detail: {
        code: { ...cc(SYS.gisurgFollowUpItem, i.kind, label?.en), ...(label ? { text: label.zh } : {}) },
        status: i.status === 'done' ? 'completed' : i.status === 'cancelled' ? 'cancelled' : 'scheduled',
        // The due day of the visit or test.
        scheduledTiming: { event: [i.dueDate] },
        ...(i.note ? { description: `${i.note.zh} / ${i.note.en}` } : {}),
      },
    };
  });
  return {
    resourceType: 'CarePlan',
    id: p.id,
    meta: { lastUpdated: p.updatedAt.toISOString(), profile: [PROFILE.followUpCarePlan] },
    text: narrative([
      `Follow-up plan (${p.guideline}, stage ${p.stage}) from ${p.startDate}`,
      ...items.map((i) => `${FOLLOW_UP_LABEL.get(i.kind)?.en ?? i.kind}, due ${i.dueDate}: ${i.status}`),
    ]),
    status: open ? 'active' : 'completed',
    intent: 'plan',
    category: category('follow-up-plan', 'Follow-up plan'),
    title: 'Follow-up plan / 随访计划',
    ...(p.adjustReason ? { note: [{ text: `Adjusted: ${p.adjustReason}` }] } : {}),
    subject: { reference: `Patient/${p.patientId}` },
    period: { start: p.startDate },
    created: p.createdAt.toISOString(),
    addresses: [{ reference: `Condition/${p.diagnosisId}` }],
    supportingInfo: [{ reference: `Procedure/${p.operationId}` }],
    ...(activity.length ? { activity } : {}),
  };
}

/**
 * The CarePlans of one (already visible) patient the actor may see: recommendations with `mdt:read` inside the
 * case audience, follow-up plans with `followup:read`.
 */
export async function carePlansOf(db: Db, actor: Actor, patientId: string, timeZone: string): Promise<CarePlan[]> {
  const out: CarePlan[] = [];
  if (can(actor, 'mdt:read')) {
    const recs = await db
      .select({ r: mdtRecommendations, m: mdtMeetings })
      .from(mdtRecommendations)
      .innerJoin(mdtCases, eq(mdtCases.id, mdtRecommendations.caseId))
      .innerJoin(patients, eq(patients.id, mdtCases.patientId))
      .innerJoin(mdtMeetings, eq(mdtMeetings.id, mdtCases.meetingId))
      .where(and(eq(mdtCases.patientId, patientId), caseScope(actor)))
      .orderBy(asc(mdtRecommendations.decidedAt));
    const items = recs.length
      ? await db
          .select()
          .from(mdtPlanItems)
          .where(
            inArray(
              mdtPlanItems.recommendationId,
              recs.map((x) => x.r.id),
            ),
          )
          .orderBy(asc(mdtPlanItems.position))
      : [];
    for (const { r, m } of recs) {
      out.push(
        toRecommendationCarePlan(
          {
            r,
            patientId,
            meeting: { id: m.id, title: m.title, tumorGroup: m.tumorGroup, startsAt: m.startsAt },
            items: items.filter((i) => i.recommendationId === r.id),
          },
          timeZone,
        ),
      );
    }
  }
  if (can(actor, 'followup:read')) {
    const plans = await db.select().from(followUpPlans).where(eq(followUpPlans.patientId, patientId)).orderBy(asc(followUpPlans.startDate));
    const items = plans.length
      ? await db
          .select()
          .from(followUpItems)
          .where(
            inArray(
              followUpItems.planId,
              plans.map((p) => p.id),
            ),
          )
          .orderBy(asc(followUpItems.dueDate), asc(followUpItems.kind))
      : [];
    for (const p of plans)
      out.push(
        toFollowUpCarePlan(
          p,
          items.filter((i) => i.planId === p.id),
        ),
      );
  }
  return out;
}

/** The patient of a CarePlan id (a recommendation or a follow-up plan), or null; visibility is the caller's check. */
export async function patientOfCarePlan(db: Db, id: string): Promise<string | null> {
  const [rec] = await db
    .select({ patientId: mdtCases.patientId })
    .from(mdtRecommendations)
    .innerJoin(mdtCases, eq(mdtCases.id, mdtRecommendations.caseId))
    .where(eq(mdtRecommendations.id, id))
    .limit(1);
  if (rec) return rec.patientId;
  const [plan] = await db.select({ patientId: followUpPlans.patientId }).from(followUpPlans).where(eq(followUpPlans.id, id)).limit(1);
  return plan?.patientId ?? null;
}
