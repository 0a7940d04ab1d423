import { randomUUID } from 'node:crypto';
import { addDays, toInstant } from '@gisurg/contracts';
import { procedureDefinition } from '@gisurg/clinical';
import { and, asc, eq, isNull, min } from 'drizzle-orm';
import {
  mdtCaseEvents,
  mdtCases,
  mdtMeetings,
  mdtPlanItems,
  mdtRecommendations,
  oncologyDiagnoses,
  operationProcedures,
  operations,
  users,
} from '../../db/schema/index.js';
import { loadSnapshotRecords, snapshotOf, type SnapshotRecord } from '../../features/mdt/clinical-snapshot.js';
import type { DemoStepContext } from './index.js';

/** Weekday (0 = Sunday) of each board: gastric Tuesday, colorectal Wednesday, peritoneal Thursday. */
const BOARD_DAY = { gastric: 2, colorectal: 3, peritoneal: 4 } as const;
type Group = keyof typeof BOARD_DAY;
const GROUP_OF: Record<string, Group> = { stomach: 'gastric', colon: 'colorectal', rectum: 'colorectal', anus: 'colorectal' };
/** Share of the elective resections whose pre-operative discussion was recorded (the rest are the gaps the
 *  standardized-care checklist shows; issue 12). */
const RECORDED = 0.93;

/**
 * The tumor boards' history before the live boards of `seedMdtDemo` (issue 12, standardized care): the
 * department discussed its elective cancer resections at the weekly board of the tumor group before the
 * operation. For each elective radical or cytoreductive operation dated before the first live board, a closed
 * weekly board 3–9 days earlier (not before the diagnosis), a completed case with what the board saw (the
 * record as it stood that day), a recommendation and its surgery item delivered by the operation. About 7 %
 * were not recorded: the checklist's "MDT before surgery" gaps. Direct inserts (history, not live use), a few multi-row
 * statements at the end.
 */
export async function seedMdtHistoryDemo(ctx: DemoStepContext): Promise<void> {
  const { tx, rng, timeZone, homeOrganizationId } = ctx;
  const [first] = await tx.select({ at: min(mdtMeetings.startsAt) }).from(mdtMeetings);
  const [head] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'department_head'));
  if (!first?.at || !head) return;
  const liveFrom = first.at.toISOString().slice(0, 10);
  const ops = await tx
    .select({ op: operations, site: oncologyDiagnoses.site, diagnosisDate: oncologyDiagnoses.diagnosisDate })
    .from(operations)
    .innerJoin(oncologyDiagnoses, eq(oncologyDiagnoses.id, operations.diagnosisId))
    .where(and(isNull(operations.deletedAt), eq(operations.urgency, 'elective')))
    .orderBy(asc(operations.operationDate), asc(operations.createdAt));
  const procs = await tx.select().from(operationProcedures).orderBy(asc(operationProcedures.position));
  // The records of every patient the history may snapshot, read once (nothing below writes until the end).
  const records = await loadSnapshotRecords(
    tx,
    ops.map((o) => o.op.patientId),
  );
  const boards = new Map<string, string>();
  // Rows collected in the loop and written in a few multi-row INSERTs at the end (ids made here): ~1,000 single-row
  // statements were ~40 % of this step's round trips to the database (issue 18, start-up).
  const rows = {
    meetings: [] as (typeof mdtMeetings.$inferInsert)[],
    cases: [] as (typeof mdtCases.$inferInsert)[],
    recommendations: [] as (typeof mdtRecommendations.$inferInsert)[],
    items: [] as (typeof mdtPlanItems.$inferInsert)[],
    events: [] as (typeof mdtCaseEvents.$inferInsert)[],
  };
  for (const { op, site, diagnosisDate } of ops) {
    const defs = procs.filter((p) => p.operationId === op.id).map((p) => procedureDefinition(p.code));
    const crs = defs.some((d) => d?.cytoreductive);
    if (op.operationDate >= liveFrom || !defs.some((d) => d?.radical || d?.cytoreductive)) continue;
    if (!rng.chance(RECORDED)) continue;
    const group: Group = GROUP_OF[site] ?? 'peritoneal';
    let day = addDays(op.operationDate, -rng.int(3, 9));
    while (new Date(`${day}T00:00:00Z`).getUTCDay() !== BOARD_DAY[group]) day = addDays(day, -1);
    if (day < diagnosisDate) continue;
    const startsAt = toInstant(`${day}T16:00`, timeZone);
    let meetingId = boards.get(`${group} ${day}`);
    if (!meetingId) {
      meetingId = randomUUID();
      rows.meetings.push({
        id: meetingId,
        tumorGroup: group,
        kind: 'intra',
        startsAt,
        place: '外科楼 6 楼示教室',
        chairUserId: head.id,
        status: 'closed',
        startedAt: startsAt,
        closedAt: new Date(startsAt.getTime() + 90 * 60_000),
        createdBy: head.id,
        createdAt: new Date(startsAt.getTime() - 7 * 86_400_000),
        updatedAt: new Date(startsAt.getTime() + 90 * 60_000),
      });
      boards.set(`${group} ${day}`, meetingId);
    }
    const loaded = records.get(op.patientId);
    if (!loaded) throw new Error(`demo MDT history: patient ${op.patientId} of operation ${op.id} not found`);
    const snapshot = boardSnapshot(ctx, loaded, day, startsAt);
    const by = op.surgeonId ?? head.id;
    const decidedAt = new Date(startsAt.getTime() + 30 * 60_000);
    const done = toInstant(`${op.operationDate}T18:00`, timeZone);
    const caseId = randomUUID();
    const recommendationId = randomUUID();
    rows.cases.push({
      id: caseId,
      meetingId,
      patientId: op.patientId,
      submittingOrganizationId: homeOrganizationId,
      submittedBy: by,
      question: '术前讨论：手术方案',
      presentingSpecialty: 'surgery',
      status: 'completed',
      snapshot,
      snapshotAt: startsAt,
      decidedAt,
      completedAt: done,
      createdBy: by,
      createdAt: new Date(startsAt.getTime() - 2 * 86_400_000),
      updatedAt: done,
    });
    rows.recommendations.push({
      id: recommendationId,
      caseId,
      intent: op.intent === 'palliative' ? 'palliative' : 'curative',
      summary: crs ? '建议行肿瘤细胞减灭术 + HIPEC' : '建议行根治性手术',
      consensus: true,
      executingSpecialty: 'surgery',
      responsibleUserId: by,
      patientSummary: '多学科讨论建议手术治疗，术后根据病理决定辅助治疗。',
      decidedAt,
      decidedOn: day,
      decidedBy: head.id,
      createdBy: head.id,
      createdAt: decidedAt,
      updatedAt: decidedAt,
    });
    rows.items.push({
      recommendationId,
      caseId,
      patientId: op.patientId,
      position: 0,
      kind: crs ? 'crs_hipec' : 'surgery',
      requiresAdmission: true,
      dueDate: op.operationDate,
      status: 'delivered',
      deliveredVia: 'operation',
      deliveredOn: op.operationDate,
      evidenceRef: op.id,
      closedAt: done,
      closedBy: by,
      createdAt: decidedAt,
      updatedAt: done,
    });
    rows.events.push(
      { caseId, at: new Date(startsAt.getTime() - 2 * 86_400_000), action: 'submit', toStatus: 'submitted', actorId: by },
      {
        caseId,
        at: new Date(startsAt.getTime() - 86_400_000),
        action: 'schedule',
        fromStatus: 'submitted',
        toStatus: 'scheduled',
        actorId: head.id,
      },
      { caseId, at: decidedAt, action: 'decide', fromStatus: 'scheduled', toStatus: 'decided', actorId: head.id },
      { caseId, at: done, action: 'complete', fromStatus: 'decided', toStatus: 'completed', actorId: null },
    );
  }
  // Parents before children (foreign keys), 200 rows a statement.
  const insertAll = async <T>(rowsOf: T[], write: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rowsOf.length; i += 200) await write(rowsOf.slice(i, i + 200));
  };
  await insertAll(rows.meetings, (c) => tx.insert(mdtMeetings).values(c));
  await insertAll(rows.cases, (c) => tx.insert(mdtCases).values(c));
  await insertAll(rows.recommendations, (c) => tx.insert(mdtRecommendations).values(c));
  await insertAll(rows.items, (c) => tx.insert(mdtPlanItems).values(c));
  await insertAll(rows.events, (c) => tx.insert(mdtCaseEvents).values(c));
}

/** What the board saw on `day`: the record without what came after (later operations, their pathology and PCI). */
function boardSnapshot(ctx: DemoStepContext, loaded: SnapshotRecord, day: string, at: Date) {
  const s = snapshotOf(loaded.row, loaded.record, { now: at, timeZone: ctx.timeZone });
  const before = (d: string | null) => d !== null && d.slice(0, 10) <= day;
  return {
    ...s,
    diagnoses: s.diagnoses.filter((d) => before(d.diagnosedOn)).map((d) => ({ ...d, pathologicalStage: null })),
    operations: s.operations.filter((o) => before(o.date)),
    pathology: s.pathology && before(s.pathology.reportedOn) ? s.pathology : null,
    pci: s.pci && before(s.pci.assessedOn) ? s.pci : null,
  };
}
