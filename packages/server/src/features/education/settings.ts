import { DEFAULT_EDUCATION_SETTINGS, EducationSettingsSchema, type EducationSettings } from '@gisurg/contracts/education';
import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import type { UseCaseContext } from '../../core/context.js';
import { appSettings } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';

const KEY = 'education.settings';

/** The department's teaching settings (the CME points a tumor-board attendance earns); defaults when never set. */
export async function loadEducationSettings(db: Db): Promise<EducationSettings> {
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, KEY));
  const parsed = EducationSettingsSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_EDUCATION_SETTINGS;
}

export async function getEducationSettings(ctx: UseCaseContext): Promise<EducationSettings> {
  return loadEducationSettings(ctx.db);
}

export async function putEducationSettings(ctx: UseCaseContext, next: EducationSettings): Promise<EducationSettings> {
  return ctx.db.transaction(async (tx) => {
    const before = await loadEducationSettings(tx);
    await tx
      .insert(appSettings)
      .values({ key: KEY, value: next })
      .onConflictDoUpdate({ target: appSettings.key, set: { value: next, updatedAt: sql`now()` } });
    await recordAudit(tx, ctx.meta, ctx.actor, {
      action: 'education.settings.update',
      outcome: 'success',
      resourceType: 'education_settings',
      details: { before, after: next },
    });
    return next;
  });
}
