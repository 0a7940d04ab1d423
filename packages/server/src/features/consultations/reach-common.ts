import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { AppError } from '../../core/app-error.js';
import type { Locale } from '../../i18n/messages.js';
import { fieldIssue } from '../../core/validation.js';
import { organizations, users } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { FieldIssue } from '@gisurg/contracts';
import { EXPERT_ROLES } from './assign-expert.js';

/**
 * What outreach, agreements and exchange visits share (issue 10): the hospitals they reach must be partner or
 * primary hospitals (not the home one), the surgeons active home surgeons or the department head.
 */
export async function checkHospitals(
  db: Db,
  locale: Locale,
  path: string,
  ids: readonly string[],
  issues: FieldIssue[],
): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  const rows = unique.length
    ? await db
        .select({ id: organizations.id, name: organizations.name })
        .from(organizations)
        .where(and(inArray(organizations.id, unique), ne(organizations.kind, 'home')))
    : [];
  const names = new Map(rows.map((r) => [r.id, r.name]));
  if (unique.some((id) => !names.has(id))) issues.push(fieldIssue(locale, path, 'consultations.validation.hospitalUnknown'));
  return names;
}

export async function checkSurgeons(db: Db, actor: Actor, locale: Locale, ids: readonly string[], issues: FieldIssue[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const rows = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        inArray(users.id, unique),
        eq(users.organizationId, actor.organizationId),
        inArray(users.role, [...EXPERT_ROLES]),
        isNull(users.disabledAt),
      ),
    );
  if (rows.length !== unique.length) issues.push(fieldIssue(locale, 'surgeonIds', 'consultations.validation.surgeonUnknown'));
}

/** The end of a date range is not before its start. */
export function checkRange(locale: Locale, path: string, from: string, to: string | null | undefined, issues: FieldIssue[]): void {
  if (to && to < from) issues.push(fieldIssue(locale, path, 'consultations.validation.endBeforeStart'));
}

/** A stale version (someone else saved first): 409 with the current version. */
export function stale(currentVersion: number): AppError {
  return new AppError('CONFLICT', 'errors.stale', { currentVersion });
}

/** `YYYY-01-01` … `YYYY-12-31` of a year, for date columns. */
export function yearRange(year: number): { from: string; to: string } {
  return { from: `${year}-01-01`, to: `${year}-12-31` };
}
