import { eq, inArray } from 'drizzle-orm';
import { addDays } from '@gisurg/contracts';
import { appSettings, followUpContacts, operations, patients, users } from '../../db/schema/index.js';
import { ensurePlans } from '../../features/followup/plans.js';
import { writeSearchTerms } from '../../features/patients/queries.js';
import { syntheticPerson } from '../people.js';
import { CaseWriter, type Team } from './oncology.js';
import type { DemoStepContext } from './index.js';

/**
 * Demo quality data (issue 12): the historic laparoscopic baseline (4,000 before GISurg), illustrative
 * department targets (demo values, not published standards) and a newly appointed attending surgeon
 * (`newsurgeon`). The indicators are computed from the oncology step's operations.
 */
export async function seedQualityDemo(ctx: DemoStepContext): Promise<void> {
  const { tx } = ctx;
  const settings = {
    laparoscopicBaseline: 4000,
    targets: {
      ln_adequacy: { comparator: '>=', value: 0.9 },
      conversion: { comparator: '<=', value: 0.1 },
      cd3plus: { comparator: '<=', value: 0.1 },
      mortality_30d: { comparator: '<=', value: 0.02 },
      r0: { comparator: '>=', value: 0.95 },
    },
  };
  await tx.insert(appSettings).values({ key: 'quality.settings', value: settings }).onConflictDoNothing();
  const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.username, 'newsurgeon'));
  if (existing) return;
  const [row] = await tx
    .insert(users)
    .values({
      username: 'newsurgeon',
      displayName: '周新（演示）',
      role: 'surgeon',
      organizationId: ctx.homeOrganizationId,
      departmentId: ctx.departmentId,
      title: '主治医师',
      passwordHash: await ctx.passwordHash(),
    })
    .returning({ id: users.id });
  await seedLearningCurve(ctx, row!.id);
}

/** Case numbers (1-based) of the new surgeon's series converted to open: frequent early, rare later. */
const CONVERTED = new Set([1, 2, 3, 4, 6, 7, 9, 11, 12, 15, 23]);
/** Complications of the series by case number (Clavien–Dindo graded; two CD ≥ III early). */
const COMPLICATIONS: Record<number, { type: string; grade: string; day: number }[]> = {
  3: [{ type: 'ileus', grade: 'II', day: 5 }],
  6: [{ type: 'anastomotic_leak', grade: 'IIIb', day: 6 }],
  10: [{ type: 'intra_abdominal_abscess', grade: 'IIIa', day: 8 }],
  13: [{ type: 'ssi_superficial', grade: 'I', day: 6 }],
  19: [{ type: 'urinary_retention', grade: 'I', day: 3 }],
  24: [{ type: 'pneumonia', grade: 'II', day: 4 }],
};
const SERIES = 30;

/**
 * The learning-curve demo (issue 12): the first 30 laparoscopic colorectal cancer resections of a newly
 * appointed surgeon over about 19 months, each a whole patient story of its own — a new patient, colon or
 * rectal adenocarcinoma diagnosed 2–4 weeks before, markers and ECOG, the operation that fits the site
 * (sigmoidectomy for the sigmoid, right hemicolectomy with CME for the ascending colon, anterior resection
 * with TME for the upper rectum), pathology with node count and margin, complications graded, follow-up plans
 * and the visits that are due. Operative time falls from about 290 to about 200 minutes; conversions are
 * frequent in the first 15 cases (as in the early years of laparoscopic colorectal surgery, e.g. 29 % in the
 * CLASICC trial) and rare later, so the risk-adjusted conversion CUSUM crosses its limit and the operative-time
 * CUSUM peaks. Synthetic people; deterministic (the step's own Rng).
 */
async function seedLearningCurve(ctx: DemoStepContext, surgeonId: string): Promise<void> {
  const { tx, rng, today, now } = ctx;
  const staff = await tx
    .select({ id: users.id, username: users.username })
    .from(users)
    .where(inArray(users.username, ['resident', 'student']));
  const team: Team = {
    surgeons: [surgeonId],
    resident: staff.find((u) => u.username === 'resident')?.id ?? null,
    student: staff.find((u) => u.username === 'student')?.id ?? null,
  };
  const meta = { requestId: 'demo-seed', clientIp: null, userAgent: null };
  const year = today.slice(0, 4);
  let date = addDays(today, -620);
  for (let n = 1; n <= SERIES; n += 1) {
    date = addDays(date, rng.int(16, 22));
    if (date > addDays(today, -21)) break;
    const person = syntheticPerson(rng, today, { meanAge: 62 });
    const [patient] = await tx
      .insert(patients)
      .values({
        organizationId: ctx.homeOrganizationId,
        name: person.name,
        sex: person.sex,
        birthDate: person.birthDate,
        idType: 'resident_id',
        idNumber: person.idNumber,
        inpatientNo: `${year}${String(900_001 + n * 7).padStart(6, '0')}`,
        phone: person.phone,
        address: person.address,
        ethnicity: '汉族',
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (!patient) continue;
    await writeSearchTerms(tx, patient);
    const w = new CaseWriter(tx, rng, team, patient.id, today, now);
    const kind = n % 3 === 0 ? 'rectum' : n % 3 === 1 ? 'sigmoid' : 'right';
    const t = rng.pick(['T2', 'T3', 'T3', 'T3']);
    const positive = rng.chance(0.55) ? 0 : rng.int(1, 3);
    const diagnosisDate = addDays(date, -rng.int(14, 28));
    const dx = await w.diagnosis({
      site: kind === 'rectum' ? 'rectum' : 'colon',
      icd10: kind === 'rectum' ? 'C20' : kind === 'sigmoid' ? 'C18.7' : 'C18.2',
      morphology: '8140/3',
      date: diagnosisDate,
      clinical: { t, n: positive === 0 ? 'N0' : 'N1', m: 'M0' },
    });
    await w.markers(addDays(diagnosisDate, 1), ['CEA', 'CA19-9'], positive > 0);
    await w.performance(addDays(date, -1), false);
    const converted = CONVERTED.has(n);
    const complications = COMPLICATIONS[n] ?? [];
    // Operative time: about 290 min at the start, levelling at about 200 (+35 when converted, +30 for TME).
    const minutes =
      Math.round(
        (290 - 95 * (1 - Math.exp(-(n - 1) / 9)) + rng.normal(0, 15, -30, 30) + (converted ? 35 : 0) + (kind === 'rectum' ? 30 : 0)) / 5,
      ) * 5;
    const ileostomy = kind === 'rectum' && rng.chance(0.5);
    const op = await w.operation({
      diagnosisId: dx.id,
      date,
      approach: converted ? 'converted' : 'laparoscopic',
      procedures:
        kind === 'rectum'
          ? ['anterior_resection_tme', ...(ileostomy ? ['loop_ileostomy'] : [])]
          : [kind === 'sigmoid' ? 'sigmoidectomy' : 'right_hemicolectomy_cme'],
      minutes: [minutes, minutes],
      durationMin: minutes,
      bloodLoss: converted ? [150, 400] : [30, 150],
      lymphadenectomy: 'D3',
      anastomosis: kind === 'rectum' ? 'colorectal' : kind === 'sigmoid' ? 'colorectal' : 'ileocolic',
      stoma: ileostomy ? { type: 'loop_ileostomy', intent: 'temporary' } : null,
      complicationRate: 0,
      complicationTypes: [],
      complications,
      surgeonId,
      los: complications.some((c) => c.grade.startsWith('III')) ? [16, 22] : complications.length ? [9, 12] : [6, 9],
    });
    await w.pathology(op, 'colorectal', {
      t,
      // The first cases yield fewer nodes (two below the 12-node standard).
      examined: n === 2 || n === 5 ? rng.int(9, 11) : rng.int(13, 28),
      positive,
      m: 'M0',
      grade: rng.pick(['G1', 'G2', 'G2']),
      margin: 'R0',
      extra: { kras: rng.chance(0.45) ? 'mutant' : 'wild_type', nras: 'wild_type', braf: 'wild_type', mmr: 'pMMR', histology: '8140/3' },
    });
    // Follow-up: plans from the pathology, and the visits due so far (alive, no recurrence: early stages).
    await ensurePlans({ tx, meta, actor: null, now }, patient.id);
    const [discharge] = await tx.select({ d: operations.dischargeDate }).from(operations).where(eq(operations.id, op.id));
    if (!discharge?.d) continue;
    for (const months of [3, 6, 12]) {
      const visit = addDays(date, Math.round(months * 30.44) + rng.int(-5, 7));
      if (visit >= today) break;
      await tx.insert(followUpContacts).values({
        patientId: patient.id,
        contactDate: visit,
        method: rng.pick(['clinic', 'phone']),
        status: 'alive_no_disease',
        recordedBy: surgeonId,
        createdBy: surgeonId,
        updatedBy: surgeonId,
        createdAt: now,
        updatedAt: now,
      });
    }
  }
}
