import { and, eq, isNull, type SQL } from 'drizzle-orm';
import { isExternal, type Actor } from '../../auth/actor.js';
import { mdtCases, mdtMeetings, patients } from '../../db/schema/index.js';

/**
 * Who may reach a board case (authorize in the use case AND in the WHERE clause, docs/architecture.md).
 *
 * The audience of a case — its record, attachments, recommendation and letter — is:
 * - the home hospital's staff holding the MDT permission of the route (the boards are the home hospital's);
 * - doctors of the submitting external hospital, for their own hospital's patient.
 * Doctors of other hospitals invited to an inter-hospital board take part in the meeting itself (video,
 * shared screen) but get no access to other hospitals' cases in GISurg: their own patients only (trust.md
 * P1). Anything outside the audience reads as missing (404, same body as a wrong id).
 * The query must join `patients` on `mdt_cases.patient_id`.
 */
export function caseScope(actor: Actor): SQL {
  const alive = isNull(patients.deletedAt);
  return isExternal(actor)
    ? and(alive, eq(mdtCases.submittingOrganizationId, actor.organizationId), eq(patients.sourceOrganizationId, actor.organizationId))!
    : and(alive, eq(patients.organizationId, actor.organizationId))!;
}

/** External doctors see inter-hospital boards only (to submit their cases to); home staff see every board. */
export function meetingScope(actor: Actor): SQL | undefined {
  return isExternal(actor) ? eq(mdtMeetings.kind, 'inter') : undefined;
}
