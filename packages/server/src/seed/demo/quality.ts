import { addDays } from '@gisurg/contracts';
import { and, asc, eq, notExists, sql } from 'drizzle-orm';
import { appSettings, complications, operationProcedures, operations, pathologyReports, patients, users } from '../../db/schema/index.js';
import type { DemoStepContext } from './index.js';

/**
 * Demo quality data (issue 12): the historic laparoscopic baseline (4,000 before GISurg), illustrative
 * department targets (demo values, not published standards), and a new attending surgeon's first 52
 * laparoscopic distal gastrectomies over the last year, on demo patients the oncology step did not operate
 * on: 9 conversions in the first 22 cases (the
 * risk-adjusted conversion CUSUM crosses h = 4.5), then one in 30, with operative times falling from about
 * 300 to 200 minutes (the operative-time CUSUM peaks near case 20). Synthetic patients only.
 */
export async function seedQualityDemo(ctx: DemoStepContext): Promise<void> {
  const { tx, rng, today, now } = ctx;
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
  const [surgeon] = await tx
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
    .returning();
  // The demo patients without an operation (the oncology step operates on about 60 %) become this surgeon's.
  const free = await tx
    .select({ id: patients.id })
    .from(patients)
    .where(
      and(
        eq(patients.organizationId, ctx.homeOrganizationId),
        notExists(
          tx
            .select({ x: sql`1` })
            .from(operations)
            .where(eq(operations.patientId, patients.id)),
        ),
      ),
    )
    .orderBy(asc(patients.inpatientNo));
  const cases = Math.min(52, free.length);
  for (let i = 0; i < cases; i += 1) {
    const date = addDays(today, -360 + Math.round((i * 330) / cases));
    const p = free[i]!;
    const early = i < 22;
    const converted = early ? [1, 3, 4, 7, 9, 12, 14, 17, 20].includes(i) : i === 40;
    const duration = Math.round(rng.normal(early ? 300 - i * 3 : 205, 25, 120, 420));
    const [o] = await tx
      .insert(operations)
      .values({
        patientId: p.id,
        operationDate: date,
        urgency: 'elective',
        intent: 'curative',
        approach: converted ? 'converted' : 'laparoscopic',
        convertedFrom: converted ? 'laparoscopic' : null,
        conversionReason: converted ? rng.pick(['adhesions', 'bleeding', 'oncological_extent']) : null,
        converted,
        lymphadenectomy: 'D2',
        surgeonId: surgeon!.id,
        durationMin: duration,
        dischargeDate: addDays(date, rng.int(6, 11)),
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    await tx.insert(operationProcedures).values({ operationId: o!.id, position: 0, code: 'gastrectomy_distal_d2', icd9cm3: '43.7' });
    const nodes = rng.int(14, 38);
    await tx.insert(pathologyReports).values({
      operationId: o!.id,
      reportDate: addDays(date, 7),
      nodesExamined: nodes,
      nodesPositive: rng.int(0, Math.min(6, nodes)),
      lymphNodesAdequate: nodes >= 16,
      lymphNodeThreshold: 16,
      margin: rng.chance(0.97) ? 'R0' : 'R1',
      createdAt: now,
      updatedAt: now,
    });
    if (rng.chance(early ? 0.12 : 0.06)) {
      const day = rng.int(3, 12);
      await tx.insert(complications).values({
        operationId: o!.id,
        patientId: p.id,
        occurredOn: addDays(date, day),
        dayAfterOperation: day,
        type: 'anastomotic_leak',
        grade: rng.pick(['II', 'IIIa']),
        createdAt: now,
        updatedAt: now,
      });
    }
  }
}
