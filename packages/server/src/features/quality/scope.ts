import { can, type Actor } from '../../auth/actor.js';
import { notFound } from '../../core/app-error.js';

/**
 * Whose operations a quality request covers (issue 12): the department head (and admin) the department or
 * any one surgeon; a surgeon only their own operations (always); a researcher only department aggregates
 * (no surgeon). A surgeon the actor may not see is a 404, like any record they may not see.
 */
export function surgeonScope(actor: Actor, requested: string | undefined): string | null {
  if (can(actor, 'quality:all_surgeons')) return requested ?? null;
  if (can(actor, 'quality:own')) {
    if (requested !== undefined && requested !== actor.userId) throw notFound();
    return actor.userId;
  }
  if (requested !== undefined) throw notFound();
  return null;
}
