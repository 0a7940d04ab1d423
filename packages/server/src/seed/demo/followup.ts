import { createHash, randomBytes } from 'node:crypto';
import { and, asc, desc, eq, isNull, sql } from 'drizzle-orm';
import { stageMainGroup } from '@gisurg/clinical';
import { addDays, toInstant } from '@gisurg/contracts';
import { proAlertReasons, type ProAnswersSchema } from '@gisurg/contracts/followup';
import type { z } from 'zod';
import {
  admissions,
  followUpAttempts,
  followUpContacts,
  oncologyDiagnoses,
  operations,
  pathologyReports,
  patients,
  proInvitations,
  proResponses,
  users,
} from '../../db/schema/index.js';
import { ensurePlans } from '../../features/followup/plans.js';
import { queryRows } from '../../db/sql.js';
import type { Rng } from '../random.js';
import type { DemoStepContext } from './index.js';

/** Monthly death hazard by stage main group (5-year OS ≈ 90 / 78 / 55 / 15 %; peritoneal and unstaged ≈ 40 %). */
const DEATH_HAZARD: Record<string, number> = { '0': 0.0012, I: 0.0018, II: 0.0041, III: 0.01, IV: 0.032, other: 0.015 };
const MONTH_DAYS = 30.4375;
const VISIT_MONTHS = [3, 6, 9, 12, 15, 18, 21, 24, 30, 36, 42, 48, 54, 60, 72, 84, 96, 108, 120];
const RECURRENCE_SITES: Record<string, readonly string[]> = {
  stomach: ['peritoneum', 'peritoneum', 'liver', 'distant_nodes', 'local'],
  colon: ['liver', 'liver', 'lung', 'peritoneum', 'local'],
  rectum: ['local', 'lung', 'liver', 'liver', 'other'],
};

const exp = (rng: Rng, rate: number) => -Math.log(1 - rng.next()) / rate;

/**
 * Follow-up demo data (issue 11): plans for every operated colorectal/gastric cancer patient (followUpPlan, as
 * on discharge), several years of contacts with recurrence and death drawn by stage (so the survival curves
 * separate), and a few questionnaire answers after recent discharges, one with an open alert.
 */
export async function seedFollowUpDemo(ctx: DemoStepContext): Promise<void> {
  const { tx, rng, today, now } = ctx;
  const meta = { requestId: 'demo-seed', clientIp: null, userAgent: null };
  const [nurse] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'nurse')).limit(1);
  const cases = await tx
    .select({
      patientId: oncologyDiagnoses.patientId,
      site: oncologyDiagnoses.site,
      diagnosisDate: oncologyDiagnoses.diagnosisDate,
      clinicalStage: oncologyDiagnoses.clinicalStage,
      opDate: operations.operationDate,
      dischargeDate: operations.dischargeDate,
      pStage: pathologyReports.pathologicalStage,
    })
    .from(oncologyDiagnoses)
    .innerJoin(patients, eq(patients.id, oncologyDiagnoses.patientId))
    .innerJoin(operations, and(eq(operations.diagnosisId, oncologyDiagnoses.id), isNull(operations.deletedAt)))
    .leftJoin(pathologyReports, and(eq(pathologyReports.operationId, operations.id), isNull(pathologyReports.deletedAt)))
    .where(and(eq(patients.organizationId, ctx.homeOrganizationId), isNull(oncologyDiagnoses.deletedAt)))
    .orderBy(asc(patients.inpatientNo), asc(operations.operationDate));
  // Death follows everything else in the record (issue 16 item 8): a death in hospital is the death; otherwise a
  // drawn death before the patient's last admission, operation, theatre booking or tumor board moves after it.
  const activity = await queryRows<{ patient_id: string; last: string }>(
    tx,
    sql`select patient_id, to_char(max(d), 'YYYY-MM-DD') as last from (
          select patient_id, operation_date as d from operations where deleted_at is null
          union all select patient_id, (coalesce(discharged_at, admitted_at) at time zone 'Asia/Shanghai')::date from admissions
          union all select patient_id, (start_at at time zone 'Asia/Shanghai')::date from theatre_bookings where status <> 'cancelled'
          union all select c.patient_id, (m.starts_at at time zone 'Asia/Shanghai')::date from mdt_cases c join mdt_meetings m on m.id = c.meeting_id
        ) x group by patient_id`,
  );
  const lastActivity = new Map(activity.map((r) => [r.patient_id, r.last]));
  const wardDeaths = await queryRows<{ patient_id: string; d: string }>(
    tx,
    sql`select patient_id, to_char(min((discharged_at at time zone 'Asia/Shanghai')::date), 'YYYY-MM-DD') as d
        from admissions where disposition = 'death' group by patient_id`,
  );
  const wardDeath = new Map(wardDeaths.map((r) => [r.patient_id, r.d]));
  const seen = new Set<string>();
  const contacts: (typeof followUpContacts.$inferInsert)[] = [];
  for (const c of cases) {
    if (seen.has(c.patientId)) continue;
    seen.add(c.patientId);
    if (c.dischargeDate === null) continue;
    await ensurePlans({ tx, meta, actor: null, now }, c.patientId);
    const stage = (c.pStage && c.pStage !== 'unknown' ? c.pStage : c.clinicalStage) ?? '';
    const group = stageMainGroup(stage.toUpperCase()) ?? 'other';
    const hazard = ['colon', 'rectum', 'stomach'].includes(c.site) ? (DEATH_HAZARD[group] ?? DEATH_HAZARD.other!) : DEATH_HAZARD.other!;
    // Recurrence comes first for most cancer deaths; other-cause deaths at a low background rate.
    const recurrenceMonths = exp(rng, hazard * 1.4);
    const cancerDeathMonths = recurrenceMonths + exp(rng, 1 / 16);
    const otherDeathMonths = exp(rng, 0.0009);
    const deathMonths = Math.min(cancerDeathMonths, otherDeathMonths);
    const at = (months: number) => addDays(c.opDate, Math.round(months * MONTH_DAYS));
    const recurrenceDate = recurrenceMonths < deathMonths ? at(recurrenceMonths) : null;
    const last = lastActivity.get(c.patientId);
    const drawnDeath = at(deathMonths);
    const deathDate =
      wardDeath.get(c.patientId) ?? (last && drawnDeath <= addDays(last, 14) ? addDays(last, rng.int(30, 400)) : drawnDeath);
    const lost = rng.chance(0.05) ? at(rng.int(6, 48)) : null;
    let recurrenceRecorded = false;
    for (const m of VISIT_MONTHS) {
      const date = addDays(at(m), rng.int(-7, 10));
      if (date > today || date >= deathDate) break;
      if (lost && date >= lost) {
        contacts.push(row(c.patientId, date, 'lost', nurse?.id ?? null, { notes: '多次电话联系未果' }));
        break;
      }
      // Recent visits are sometimes not done yet: they show up as overdue on the worklist.
      if (addDays(date, 60) > today && rng.chance(0.5)) break;
      if (recurrenceDate && recurrenceDate <= date) {
        contacts.push(
          row(c.patientId, date, 'alive_with_disease', nurse?.id ?? null, {
            ...(recurrenceRecorded
              ? {}
              : { recurrenceDate, recurrenceSite: rng.pick(RECURRENCE_SITES[c.site] ?? ['peritoneum', 'liver', 'other']) }),
          }),
        );
        recurrenceRecorded = true;
      } else contacts.push(row(c.patientId, date, 'alive_no_disease', nurse?.id ?? null, {}));
    }
    if (deathDate <= today && !(lost && lost < deathDate)) {
      const reported = addDays(deathDate, rng.int(3, 40));
      contacts.push(
        row(c.patientId, reported > today ? today : reported, 'dead', nurse?.id ?? null, {
          deathDate,
          deathCause: cancerDeathMonths <= otherDeathMonths ? 'cancer' : rng.chance(0.7) ? 'other' : 'unknown',
          ...(recurrenceDate && !recurrenceRecorded
            ? { recurrenceDate, recurrenceSite: rng.pick(RECURRENCE_SITES[c.site] ?? ['other']) }
            : {}),
        }),
      );
    }
  }
  const notSeen = pickNotSeen(contacts, cases, today);
  const kept = notSeen ? contacts.filter((k) => k.patientId !== notSeen.patientId || k.contactDate <= notSeen.lastDate) : contacts;
  for (let i = 0; i < kept.length; i += 500) await tx.insert(followUpContacts).values(kept.slice(i, i + 500));
  // Plan items: done up to 30 days after the last contact alive; cancelled after a death or loss.
  await tx.execute(sql`
    update follow_up_items i set status = 'done'
    from (select patient_id, max(contact_date) as last from follow_up_contacts
          where status in ('alive_no_disease', 'alive_with_disease') group by patient_id) c
    where c.patient_id = i.patient_id and i.status = 'planned' and i.due_date <= c.last + 30`);
  await tx.execute(sql`
    update follow_up_items i set status = 'cancelled'
    where i.status = 'planned' and exists (select 1 from follow_up_contacts c where c.patient_id = i.patient_id and c.status in ('dead', 'lost'))`);
  await seedFailedAttempts(ctx, nurse?.id ?? null, notSeen?.patientId ?? null);
  const recent = await tx
    .select({ patientId: admissions.patientId })
    .from(admissions)
    .where(eq(admissions.status, 'discharged'))
    .orderBy(desc(admissions.dischargedAt))
    .limit(20);
  const byDischarge = cases
    .filter((c) => c.dischargeDate !== null)
    .sort((a, b) => b.dischargeDate!.localeCompare(a.dischargeDate!))
    .map((c) => c.patientId);
  await seedQuestionnaires(ctx, [...recent.map((r) => r.patientId), ...byDischarge]);
}

/**
 * One patient "not seen for longer than the plan allows" (docs/follow-up.md) for the worklist's third segment:
 * operated more than 800 days ago, alive without recurrence or loss in the drawn follow-up, whose contacts stop
 * after the first 200 days (the later ones are dropped), so the last contact is more than a year ago.
 */
function pickNotSeen(
  contacts: readonly (typeof followUpContacts.$inferInsert)[],
  cases: readonly { patientId: string; site: string; opDate: string; dischargeDate: string | null }[],
  today: string,
): { patientId: string; lastDate: string } | null {
  const byPatient = new Map<string, (typeof followUpContacts.$inferInsert)[]>();
  for (const k of contacts) byPatient.set(k.patientId, [...(byPatient.get(k.patientId) ?? []), k]);
  for (const c of cases) {
    if (c.dischargeDate === null || !['colon', 'rectum', 'stomach'].includes(c.site) || addDays(c.opDate, 800) > today) continue;
    const ks = byPatient.get(c.patientId) ?? [];
    if (!ks.length || ks.some((k) => k.status !== 'alive_no_disease')) continue;
    const early = ks.filter((k) => k.contactDate <= addDays(c.opDate, 200));
    if (!early.length || early.length === ks.length) continue;
    return { patientId: c.patientId, lastDate: early[early.length - 1]!.contactDate };
  }
  return null;
}

/**
 * Two failed phone attempts (below the default three that record "lost") for one patient with an overdue visit,
 * after their last contact, so the worklist shows the attempt count.
 */
async function seedFailedAttempts(ctx: DemoStepContext, nurseId: string | null, skip: string | null): Promise<void> {
  const { tx, today, now } = ctx;
  const [p] = await queryRows<{ patient_id: string; last: string | null }>(
    tx,
    sql`select i.patient_id, to_char(max(c.contact_date), 'YYYY-MM-DD') as last
        from follow_up_items i left join follow_up_contacts c on c.patient_id = i.patient_id
        where i.status = 'planned' and i.due_date < ${today}::date and i.due_date >= ${addDays(today, -60)}::date
          and i.patient_id <> ${skip ?? '00000000-0000-0000-0000-000000000000'}::uuid
          and not exists (select 1 from follow_up_contacts d where d.patient_id = i.patient_id and d.status in ('dead', 'lost'))
        group by i.patient_id order by min(i.due_date), i.patient_id limit 1`,
  );
  if (!p) return;
  const dates = [addDays(today, -4), addDays(today, -1)].filter((d) => p.last === null || d > p.last);
  if (!dates.length) return;
  await tx.insert(followUpAttempts).values(
    dates.map((d, i) => ({
      patientId: p.patient_id,
      attemptDate: d,
      method: 'phone',
      notes: i === 0 ? '电话无人接听' : '电话关机',
      recordedBy: nurseId,
      createdAt: now,
    })),
  );
}

function row(
  patientId: string,
  date: string,
  status: string,
  by: string | null,
  extra: Partial<typeof followUpContacts.$inferInsert>,
): typeof followUpContacts.$inferInsert {
  return {
    patientId,
    contactDate: date,
    method: status === 'lost' ? 'phone' : 'clinic',
    status,
    recordedBy: by,
    createdBy: by,
    updatedBy: by,
    ...extra,
  };
}

type Answers = z.output<typeof ProAnswersSchema>;
const CALM: Answers = {
  pain: 2,
  fever: false,
  vomiting: false,
  eating: 'less',
  stool: 'normal',
  wound: false,
  breathless: false,
  comment: null,
};

/**
 * The token of one demo questionnaire link that expired yesterday (the browser tests open it and expect the plain
 * 404 page). Public on purpose: an expired link opens nothing, and only demo installations have it.
 */
export const DEMO_EXPIRED_PRO_TOKEN = 'demo-expired-questionnaire-link-00000000000';

/** Questionnaire links for recent discharges: calm answers, one handled alert and one open alert (pain 8, wound). */
async function seedQuestionnaires(ctx: DemoStepContext, recent: string[]): Promise<void> {
  const { tx, now, rng, timeZone, today } = ctx;
  const patientsAnswering = [...new Set(recent)].slice(0, 4);
  const [nurse] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'nurse')).limit(1);
  const answers: Answers[] = [
    { ...CALM, pain: 3 },
    { ...CALM, pain: 1, eating: 'normal' },
    { ...CALM, pain: 5, fever: true, comment: '昨晚体温38.4℃，今天已退' },
    { ...CALM, pain: 8, wound: true, comment: '伤口下端红肿，有少量渗液' },
  ];
  if (patientsAnswering[0]) {
    await tx.insert(proInvitations).values({
      patientId: patientsAnswering[0],
      tokenHash: createHash('sha256').update(DEMO_EXPIRED_PRO_TOKEN, 'utf8').digest('hex'),
      expiresAt: new Date(now.getTime() - 86_400_000),
      createdBy: nurse?.id ?? null,
      createdAt: new Date(now.getTime() - 46 * 86_400_000),
    });
  }
  for (const [i, patientId] of patientsAnswering.entries()) {
    const [inv] = await tx
      .insert(proInvitations)
      .values({
        patientId,
        tokenHash: createHash('sha256').update(randomBytes(32)).digest('hex'),
        expiresAt: new Date(now.getTime() + 40 * 86_400_000),
        createdBy: nurse?.id ?? null,
        createdAt: new Date(now.getTime() - 5 * 86_400_000),
      })
      .returning({ id: proInvitations.id });
    const a = answers[i]!;
    const reasons = proAlertReasons(a);
    const handled = i === 2;
    await tx.insert(proResponses).values({
      invitationId: inv!.id,
      patientId,
      submittedAt: new Date(
        Math.min(
          now.getTime() - 600_000,
          toInstant(`${addDays(today, i === 3 ? 0 : -rng.int(1, 3))}T${String(8 + i).padStart(2, '0')}:15`, timeZone).getTime(),
        ),
      ),
      answers: a as Record<string, unknown>,
      alertReasons: reasons,
      alertStatus: reasons.length ? (handled ? 'handled' : 'open') : null,
      ...(handled && reasons.length
        ? { alertAction: 'phone_advice', alertNote: '电话随访：体温已正常，嘱继续观察', handledBy: nurse?.id ?? null, handledAt: now }
        : {}),
    });
  }
}
