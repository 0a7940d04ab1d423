import { QUALITY_INDICATOR_CODES, type QualitySettings, type Target, type UpdateQualitySettings } from '@gisurg/contracts/quality';
import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../audit/record.js';
import type { UseCaseContext } from '../../core/context.js';
import { appSettings } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';

const KEY = 'quality.settings';

/**
 * Targets are department settings (docs/quality.md): no retrieved source gives a numeric target for these
 * indicators (packages/clinical QUALITY_INDICATORS keeps `target: null`), so each is null until the
 * department head sets one. The laparoscopic baseline is the count performed before GISurg (entered once).
 */
export const DEFAULT_SETTINGS: QualitySettings = {
  laparoscopicBaseline: 0,
  targets: Object.fromEntries(QUALITY_INDICATOR_CODES.map((c) => [c, null])) as Record<
    (typeof QUALITY_INDICATOR_CODES)[number],
    Target | null
  >,
};

export async function loadSettings(db: Db): Promise<QualitySettings> {
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, KEY));
  const v = (row?.value ?? {}) as Partial<QualitySettings>;
  return {
    laparoscopicBaseline: typeof v.laparoscopicBaseline === 'number' ? v.laparoscopicBaseline : DEFAULT_SETTINGS.laparoscopicBaseline,
    targets: { ...DEFAULT_SETTINGS.targets, ...(v.targets ?? {}) },
  };
}

export async function getSettings(ctx: UseCaseContext): Promise<QualitySettings> {
  return loadSettings(ctx.db);
}

/** Write the settings (department head); audited with the old and new values. */
export async function updateSettings(ctx: UseCaseContext, input: UpdateQualitySettings): Promise<QualitySettings> {
  return ctx.db.transaction(async (tx) => {
    const before = await loadSettings(tx);
    const next: QualitySettings = {
      laparoscopicBaseline: input.laparoscopicBaseline ?? before.laparoscopicBaseline,
      targets: { ...before.targets, ...(input.targets ?? {}) },
    };
    await tx
      .insert(appSettings)
      .values({ key: KEY, value: next })
      .onConflictDoUpdate({ target: appSettings.key, set: { value: next, updatedAt: sql`now()` } });
    await recordAudit(tx, ctx.meta, ctx.actor, {
      action: 'quality.settings.update',
      outcome: 'success',
      resourceType: 'quality_settings',
      details: { before, after: next },
    });
    return next;
  });
}
