import { eq } from 'drizzle-orm';
import { appSettings, users } from '../../db/schema/index.js';
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
  await tx.insert(users).values({
    username: 'newsurgeon',
    displayName: '周新（演示）',
    role: 'surgeon',
    organizationId: ctx.homeOrganizationId,
    departmentId: ctx.departmentId,
    title: '主治医师',
    passwordHash: await ctx.passwordHash(),
  });
  // The learning-curve story (a new surgeon's first gastrectomies) is not seeded yet: it must be built as whole
  // patient stories (gastric cancer diagnosis → MDT → operation → pathology), not as operations added to demo
  // patients with other diagnoses (issue 16 item 8). See issue 12's note.
}
