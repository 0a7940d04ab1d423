import { eq, sql } from 'drizzle-orm';
import {
  DEFAULT_LOST_AFTER_ATTEMPTS,
  DEFAULT_PRO_DAYS,
  LostAfterAttemptsSchema,
  DEFAULT_PRO_THRESHOLDS,
  PRO_LINK_GRACE_DAYS,
  ProDaysSchema,
  ProThresholdsSchema,
  type FollowUpSettings,
  type UpdateFollowUpSettings,
} from '@gisurg/contracts/followup';
import { recordAudit } from '../../audit/record.js';
import type { UseCaseContext } from '../../core/context.js';
import { appSettings } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';

const KEY = 'followup.settings';

export const DEFAULT_FOLLOW_UP_SETTINGS: FollowUpSettings = {
  thresholds: DEFAULT_PRO_THRESHOLDS,
  proDays: [...DEFAULT_PRO_DAYS],
  lostAfterAttempts: DEFAULT_LOST_AFTER_ATTEMPTS,
};

/** The questionnaire's thresholds and days and the failed attempts before "lost" (docs/follow-up.md); a stored value that no longer validates falls back to the default. */
export async function loadFollowUpSettings(db: Db): Promise<FollowUpSettings> {
  const [row] = await db.select().from(appSettings).where(eq(appSettings.key, KEY));
  const v = (row?.value ?? {}) as Partial<FollowUpSettings>;
  const th = ProThresholdsSchema.safeParse(v.thresholds);
  const days = ProDaysSchema.safeParse(v.proDays);
  const lost = LostAfterAttemptsSchema.safeParse(v.lostAfterAttempts);
  return {
    thresholds: th.success ? th.data : DEFAULT_FOLLOW_UP_SETTINGS.thresholds,
    proDays: days.success ? days.data : DEFAULT_FOLLOW_UP_SETTINGS.proDays,
    lostAfterAttempts: lost.success ? lost.data : DEFAULT_FOLLOW_UP_SETTINGS.lostAfterAttempts,
  };
}

/** How long a new questionnaire link works: until PRO_LINK_GRACE_DAYS after the last questionnaire day. */
export function linkDays(s: FollowUpSettings): number {
  return s.proDays[s.proDays.length - 1]! + PRO_LINK_GRACE_DAYS;
}

export async function getFollowUpSettings(ctx: UseCaseContext): Promise<FollowUpSettings> {
  return loadFollowUpSettings(ctx.db);
}

/** Write the settings (department head); audited with the old and new values. */
export async function updateFollowUpSettings(ctx: UseCaseContext, input: UpdateFollowUpSettings): Promise<FollowUpSettings> {
  return ctx.db.transaction(async (tx) => {
    const before = await loadFollowUpSettings(tx);
    const next: FollowUpSettings = {
      thresholds: input.thresholds ?? before.thresholds,
      proDays: input.proDays ?? before.proDays,
      lostAfterAttempts: input.lostAfterAttempts ?? before.lostAfterAttempts,
    };
    await tx
      .insert(appSettings)
      .values({ key: KEY, value: next })
      .onConflictDoUpdate({ target: appSettings.key, set: { value: next, updatedAt: sql`now()` } });
    await recordAudit(tx, ctx.meta, ctx.actor, {
      action: 'followup.settings.update',
      outcome: 'success',
      resourceType: 'followup_settings',
      details: { before, after: next },
    });
    return next;
  });
}
