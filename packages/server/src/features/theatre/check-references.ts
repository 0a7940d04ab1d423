import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { Actor } from '../../auth/actor.js';
import { theatreEquipment, users } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { FieldIssue } from '../../core/app-error.js';
import { fieldIssue, validationError } from '../../core/validation.js';
import type { Locale } from '../../i18n/messages.js';
import { findVisiblePatient } from '../patients/index.js';
import { findRoom, type TeamMember } from './queries.js';

/**
 * The things a booking names must exist and be usable: a patient the actor may reach, a room of the
 * hospital, active home staff (each once), enabled equipment. All problems are reported at once (400).
 */
export async function checkReferences(
  db: Db,
  actor: Actor,
  locale: Locale,
  refs: {
    patientId?: string;
    roomId?: string;
    team?: { members: TeamMember[]; fields: Record<string, readonly string[] | undefined> };
    equipmentIds?: readonly string[];
  },
): Promise<void> {
  const problems: FieldIssue[] = [];
  if (refs.patientId && !(await findVisiblePatient(db, actor, refs.patientId)))
    problems.push(fieldIssue(locale, 'patientId', 'theatre.validation.patientUnknown'));
  if (refs.roomId && !(await findRoom(db, actor, refs.roomId)))
    problems.push(fieldIssue(locale, 'roomId', 'theatre.validation.roomUnknown'));
  if (refs.team) {
    const ids = refs.team.members.map((m) => m.userId);
    const found = ids.length
      ? await db
          .select({ id: users.id })
          .from(users)
          .where(and(inArray(users.id, ids), isNull(users.disabledAt), eq(users.organizationId, actor.organizationId)))
      : [];
    const ok = new Set(found.map((u) => u.id));
    const seen = new Set<string>();
    for (const [field, list] of Object.entries(refs.team.fields)) {
      list?.forEach((id, i) => {
        if (!ok.has(id)) problems.push(fieldIssue(locale, `${field}[${i}]`, 'theatre.validation.userUnknown'));
        else if (seen.has(id)) problems.push(fieldIssue(locale, `${field}[${i}]`, 'theatre.validation.duplicateStaff'));
        seen.add(id);
      });
    }
  }
  if (refs.equipmentIds?.length) {
    const found = await db
      .select({ id: theatreEquipment.id })
      .from(theatreEquipment)
      .where(and(inArray(theatreEquipment.id, [...refs.equipmentIds]), isNull(theatreEquipment.disabledAt)));
    const ok = new Set(found.map((e) => e.id));
    refs.equipmentIds.forEach((id, i) => {
      if (!ok.has(id)) problems.push(fieldIssue(locale, `equipmentIds[${i}]`, 'theatre.validation.equipmentUnknown'));
    });
  }
  if (problems.length > 0) throw validationError(problems);
}
