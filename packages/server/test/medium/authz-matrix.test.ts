import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/permissions.js';
import {
  exchangeVisits,
  fhirClients,
  followUpPlans,
  outreachActivities,
  partnerAgreements,
  proInvitations,
  proResponses,
  researchOutputs,
  researchProjects,
} from '../../src/db/schema/index.js';
import { aComplication, aDiagnosis, aMarker, anOperation, aPatient, aPerformanceStatus } from './support/builders.js';
import { mdtClient } from './support/mdt.js';
import { aWard, wardClient } from './support/ward.js';
import { theatreClient, theatreFixture } from './support/theatre.js';
import { apiCalls, createTestWorld, type TestWorld } from './support/test-app.js';

/**
 * Authorization matrix (STYLE.md habit 5, trust.md S1): every registered route × every role.
 * The expected table is written here by hand, independently of auth/permissions.ts. A route that is
 * registered but missing from this table fails the test (deny-by-default must be visible).
 */
const ALL: readonly Role[] = [
  'admin',
  'department_head',
  'surgeon',
  'resident',
  'nurse',
  'mdt_coordinator',
  'researcher',
  'student',
  'external_doctor',
  'security_admin',
  'audit_admin',
];
/** 三员分立 (issue 17): the system, security and audit administrators read the user directory, no clinical record. */
const ADMINS: readonly Role[] = ['admin', 'security_admin', 'audit_admin'];
const HOME_CLINICAL: readonly Role[] = ['department_head', 'surgeon', 'resident', 'nurse'];
const PATIENT_READERS: readonly Role[] = [...HOME_CLINICAL, 'mdt_coordinator', 'student', 'external_doctor'];
const STAFF_DIRECTORY: readonly Role[] = [...HOME_CLINICAL, 'mdt_coordinator', ...ADMINS];
/** Oncology record (issue 5): surgeons, residents, the department head write; researchers see nothing. */
const ONCOLOGY_WRITERS: readonly Role[] = ['department_head', 'surgeon', 'resident'];
const ONCOLOGY_READERS: readonly Role[] = [...ONCOLOGY_WRITERS, 'nurse', 'mdt_coordinator', 'student', 'external_doctor'];
const MDT_READERS: readonly Role[] = [...HOME_CLINICAL, 'mdt_coordinator', 'student', 'external_doctor'];
const MDT_SUBMITTERS: readonly Role[] = ['department_head', 'surgeon', 'resident', 'mdt_coordinator', 'external_doctor'];
const MDT_MANAGERS: readonly Role[] = ['department_head', 'mdt_coordinator'];
const MDT_TRACKERS: readonly Role[] = ['department_head', 'surgeon', 'mdt_coordinator'];
/** Ward and theatre (issue 6): nurses run the ward and the day's worklist; surgeons, residents, the head book. */
const WARD_WRITERS: readonly Role[] = ['department_head', 'surgeon', 'resident', 'nurse'];
const WARD_READERS: readonly Role[] = [...WARD_WRITERS, 'mdt_coordinator', 'student'];
const THEATRE_BOOKERS: readonly Role[] = ['department_head', 'surgeon', 'resident'];
const THEATRE_RUNNERS: readonly Role[] = [...THEATRE_BOOKERS, 'nurse'];
const THEATRE_READERS: readonly Role[] = WARD_READERS;
/** Follow-up (issue 11): home clinical staff work the list; doctors adjust plans; surgeons, the head and researchers analyse. */
const FOLLOWUP_STAFF: readonly Role[] = HOME_CLINICAL;
const FOLLOWUP_PLANNERS: readonly Role[] = ['department_head', 'surgeon', 'resident'];
const SURVIVAL_ANALYSTS: readonly Role[] = ['department_head', 'surgeon', 'researcher'];
/** Consultation network (issue 10): primary doctors ask, the coordinator assigns, surgeons and the head answer. */
const CONSULT_READERS: readonly Role[] = ['department_head', 'surgeon', 'mdt_coordinator', 'external_doctor'];
const CONSULT_REQUESTERS: readonly Role[] = ['external_doctor'];
const CONSULT_MANAGERS: readonly Role[] = ['department_head', 'mdt_coordinator'];
const CONSULT_ANSWERERS: readonly Role[] = ['department_head', 'surgeon'];
/** Quality (issue 12): the head all surgeons, surgeons their own, researchers department aggregates only. */
const QUALITY_READERS: readonly Role[] = ['department_head', 'surgeon', 'researcher'];
const QUALITY_SURGEONS: readonly Role[] = ['department_head', 'surgeon'];
const QUALITY_HEAD: readonly Role[] = ['department_head'];
/** Research (issue 14): the head does everything; researchers too except enrolling and the identified export. */
const RESEARCH: readonly Role[] = ['department_head', 'researcher'];
const RESEARCH_HEAD: readonly Role[] = ['department_head'];
/**
 * Identifiable routes (patient pages, ID numbers, records, letters, files, enrolment lists, identified exports):
 * a researcher is answered 404, as if the route did not exist (issue 14, acceptance 2); other roles get 403.
 */
const HIDDEN_FROM_RESEARCHERS = [
  /^\S+ \/api\/patients(\/|$)/,
  /^\S+ \/api\/(diagnoses|markers|performance-status|operations|complications|procedures)(\/|$)/,
  /^\S+ \/api\/mdt\//,
  /^\S+ \/api\/(wards|ward|admissions|beds|theatre)(\/|$)/,
  /^\S+ \/api\/follow-up\//,
  /^\S+ \/api\/consultations(\/|$)/,
  /^\S+ \/api\/audit(\/|$)/,
  /^GET \/api\/research\/projects\/:id\/candidates$/,
  /^POST \/api\/research\/projects\/:id\/(patients|export-identified)$/,
  /^GET \/api\/quality\/cases$/,
];
const deniedStatus = (role: Role, key: string) => (role === 'researcher' && HIDDEN_FROM_RESEARCHERS.some((r) => r.test(key)) ? 404 : 403);
/** Teaching (issue 14): home staff see events; the head organises; surgeons supervise; students and residents keep case logs. */
const EDU_READERS: readonly Role[] = ['department_head', 'surgeon', 'resident', 'nurse', 'mdt_coordinator', 'student'];
const EDU_MANAGERS: readonly Role[] = ['department_head'];
const EDU_STATION: readonly Role[] = ['department_head', 'surgeon', 'resident', 'student'];
const EDU_SUPERVISORS: readonly Role[] = ['department_head', 'surgeon'];

const EXPECTED: Record<string, readonly Role[] | 'public'> = {
  'GET /api/health': 'public',
  'POST /api/auth/login': 'public',
  'GET /api/auth/me': ALL,
  'POST /api/auth/logout': ALL,
  'POST /api/auth/password': ALL,
  'POST /api/auth/mfa/verify': ALL,
  'POST /api/auth/mfa/enroll': ALL,
  'POST /api/auth/mfa/enroll/confirm': ALL,
  'POST /api/auth/mfa/recovery-codes': ALL,
  'GET /api/auth/sessions': ALL,
  'DELETE /api/auth/sessions/:id': ALL,
  'POST /api/auth/sessions/revoke-all': ALL,
  'GET /api/audit/break-glass': ['audit_admin', 'department_head'],
  'POST /api/users/:id/mfa/reset': ['security_admin'],
  'POST /api/users/:id/sessions/revoke': ['security_admin'],
  'POST /api/patients/:id/break-glass': HOME_CLINICAL,
  'GET /api/audit': ['audit_admin', 'department_head'],
  'GET /api/audit/export.csv': ['audit_admin', 'department_head'],
  'POST /api/audit/verify': ['audit_admin', 'department_head'],
  'GET /api/organizations': ALL,
  'POST /api/organizations': ['admin'],
  'GET /api/organizations/:id': ALL,
  'PATCH /api/organizations/:id': ['admin'],
  'GET /api/users': STAFF_DIRECTORY,
  'POST /api/users': ['admin'],
  'GET /api/users/:id': STAFF_DIRECTORY,
  'PATCH /api/users/:id': ['admin'],
  'PATCH /api/users/:id/security': ['security_admin'],
  'GET /api/patients': PATIENT_READERS,
  'POST /api/patients': [...HOME_CLINICAL, 'external_doctor'],
  'GET /api/patients/:id': PATIENT_READERS,
  'PATCH /api/patients/:id': [...HOME_CLINICAL, 'external_doctor'],
  'GET /api/patients/:id/oncology-summary': ONCOLOGY_READERS,
  'GET /api/patients/:id/care-checklist': ONCOLOGY_READERS,
  'POST /api/patients/:id/diagnoses': ONCOLOGY_WRITERS,
  'PATCH /api/diagnoses/:id': ONCOLOGY_WRITERS,
  'DELETE /api/diagnoses/:id': ONCOLOGY_WRITERS,
  'POST /api/patients/:id/markers': ONCOLOGY_WRITERS,
  'PATCH /api/markers/:id': ONCOLOGY_WRITERS,
  'DELETE /api/markers/:id': ONCOLOGY_WRITERS,
  'POST /api/patients/:id/performance-status': ONCOLOGY_WRITERS,
  'PATCH /api/performance-status/:id': ONCOLOGY_WRITERS,
  'DELETE /api/performance-status/:id': ONCOLOGY_WRITERS,
  'GET /api/procedures': ONCOLOGY_READERS,
  'POST /api/patients/:id/operations': ONCOLOGY_WRITERS,
  'GET /api/operations/:id': ONCOLOGY_READERS,
  'PATCH /api/operations/:id': ONCOLOGY_WRITERS,
  'DELETE /api/operations/:id': ONCOLOGY_WRITERS,
  'PUT /api/operations/:id/pathology': ONCOLOGY_WRITERS,
  'DELETE /api/operations/:id/pathology': ONCOLOGY_WRITERS,
  'PUT /api/operations/:id/peritoneal': ONCOLOGY_WRITERS,
  'DELETE /api/operations/:id/peritoneal': ONCOLOGY_WRITERS,
  'POST /api/operations/:id/complications': ONCOLOGY_WRITERS,
  'PATCH /api/complications/:id': ONCOLOGY_WRITERS,
  'DELETE /api/complications/:id': ONCOLOGY_WRITERS,
  'GET /api/mdt/meetings': MDT_READERS,
  'POST /api/mdt/meetings': MDT_MANAGERS,
  'GET /api/mdt/meetings/:id': MDT_READERS,
  'PATCH /api/mdt/meetings/:id': MDT_MANAGERS,
  'POST /api/mdt/meetings/:id/status': MDT_MANAGERS,
  'POST /api/mdt/meetings/:id/participants': MDT_MANAGERS,
  'POST /api/mdt/meetings/:id/attendance': MDT_MANAGERS,
  'POST /api/mdt/meetings/:id/agenda': MDT_MANAGERS,
  'POST /api/mdt/meetings/:id/cases': MDT_SUBMITTERS,
  'DELETE /api/mdt/participants/:id': MDT_MANAGERS,
  'GET /api/mdt/cases': MDT_READERS,
  'GET /api/mdt/cases/:id': MDT_READERS,
  'PATCH /api/mdt/cases/:id': MDT_SUBMITTERS,
  'POST /api/mdt/cases/:id/triage': MDT_MANAGERS,
  'POST /api/mdt/cases/:id/snapshot': MDT_SUBMITTERS,
  'POST /api/mdt/cases/:id/attendance': MDT_MANAGERS,
  'POST /api/mdt/cases/:id/recommendation': MDT_MANAGERS,
  'PATCH /api/mdt/cases/:id/recommendation': MDT_MANAGERS,
  'GET /api/mdt/cases/:id/letter.pdf': MDT_READERS,
  'GET /api/mdt/cases/:id/patient-summary.pdf': MDT_READERS,
  'POST /api/mdt/cases/:id/attachments': MDT_SUBMITTERS,
  'GET /api/mdt/attachments/:id': MDT_READERS,
  'DELETE /api/mdt/attachments/:id': MDT_SUBMITTERS,
  'GET /api/mdt/tracking': MDT_TRACKERS,
  'POST /api/mdt/tracking/:id/deliver': MDT_TRACKERS,
  'POST /api/mdt/tracking/:id/not-delivered': MDT_TRACKERS,
  'GET /api/mdt/concordance': MDT_TRACKERS,
  'GET /api/mdt/worklist': MDT_MANAGERS,
  // ward (issue 6)
  'GET /api/wards': WARD_READERS,
  'GET /api/ward/occupancy': WARD_READERS,
  'GET /api/admissions': WARD_READERS,
  'POST /api/admissions': WARD_WRITERS,
  'GET /api/admissions/:id': WARD_READERS,
  'PATCH /api/admissions/:id': WARD_WRITERS,
  'POST /api/admissions/:id/transfer': WARD_WRITERS,
  'POST /api/admissions/:id/discharge': WARD_WRITERS,
  'POST /api/admissions/:id/cancel': WARD_WRITERS,
  'POST /api/admissions/:id/swap': WARD_WRITERS,
  'GET /api/beds/:id/events': WARD_READERS,
  'POST /api/beds/:id/clean': WARD_WRITERS,
  'POST /api/beds/:id/block': WARD_WRITERS,
  'POST /api/beds/:id/unblock': WARD_WRITERS,
  'POST /api/beds/:id/reserve': WARD_WRITERS,
  'POST /api/beds/:id/release': WARD_WRITERS,
  'GET /api/theatre/rooms': THEATRE_READERS,
  'GET /api/theatre/equipment': THEATRE_READERS,
  'GET /api/theatre/bookings': THEATRE_READERS,
  'POST /api/theatre/bookings': THEATRE_BOOKERS,
  'GET /api/theatre/bookings/:id': THEATRE_READERS,
  'PATCH /api/theatre/bookings/:id': THEATRE_BOOKERS,
  'POST /api/theatre/bookings/:id/status': THEATRE_RUNNERS,
  'GET /api/theatre/worklist': THEATRE_READERS,
  // follow-up (issue 11)
  'GET /api/patients/:id/follow-up': FOLLOWUP_STAFF,
  'POST /api/patients/:id/follow-up/contacts': FOLLOWUP_STAFF,
  'PATCH /api/follow-up/plans/:id': FOLLOWUP_PLANNERS,
  'GET /api/follow-up/worklist': FOLLOWUP_STAFF,
  'POST /api/analytics/survival': SURVIVAL_ANALYSTS,
  'POST /api/patients/:id/pro-invitations': FOLLOWUP_STAFF,
  'GET /api/follow-up/alerts': FOLLOWUP_STAFF,
  'POST /api/follow-up/alerts/:id/handle': FOLLOWUP_STAFF,
  'GET /api/follow-up/alerts/:id/link-candidates': FOLLOWUP_STAFF,
  'POST /api/follow-up/alerts/:id/links': FOLLOWUP_STAFF,
  'POST /api/patients/:id/follow-up/attempts': FOLLOWUP_STAFF,
  'GET /api/patients/:id/timeline': FOLLOWUP_STAFF,
  'GET /api/follow-up/settings': FOLLOWUP_STAFF,
  'PUT /api/follow-up/settings': ['department_head'],
  'POST /api/follow-up/import': FOLLOWUP_STAFF,
  'GET /api/follow-up/import/template': FOLLOWUP_STAFF,
  'POST /api/pro/questionnaire': 'public',
  'POST /api/pro/answers': 'public',
  // consultation network (issue 10)
  'POST /api/consultations': CONSULT_REQUESTERS,
  'GET /api/consultations': CONSULT_READERS,
  'GET /api/consultations/figures': CONSULT_READERS,
  'GET /api/consultations/:id': CONSULT_READERS,
  'POST /api/consultations/:id/assign': CONSULT_MANAGERS,
  'POST /api/consultations/:id/request-information': CONSULT_ANSWERERS,
  'POST /api/consultations/:id/reply': CONSULT_REQUESTERS,
  'POST /api/consultations/:id/answer': CONSULT_ANSWERERS,
  'POST /api/consultations/:id/close': CONSULT_REQUESTERS,
  'POST /api/consultations/:id/referral': CONSULT_ANSWERERS,
  'POST /api/consultations/:id/mdt': CONSULT_ANSWERERS,
  'POST /api/consultations/:id/attachments': CONSULT_READERS,
  'GET /api/consultations/attachments/:id': CONSULT_READERS,
  'GET /api/consultations/figures.xlsx': CONSULT_READERS,
  'POST /api/consultations/:id/discharge-note': CONSULT_ANSWERERS,
  'GET /api/consultations/outreach': CONSULT_READERS,
  'GET /api/consultations/outreach/:id': CONSULT_READERS,
  'POST /api/consultations/outreach': CONSULT_MANAGERS,
  'PUT /api/consultations/outreach/:id': CONSULT_MANAGERS,
  'GET /api/consultations/agreements': CONSULT_READERS,
  'GET /api/consultations/agreements/:id': CONSULT_READERS,
  'POST /api/consultations/agreements': CONSULT_MANAGERS,
  'PUT /api/consultations/agreements/:id': CONSULT_MANAGERS,
  'GET /api/consultations/exchange-visits': CONSULT_READERS,
  'GET /api/consultations/exchange-visits/:id': CONSULT_READERS,
  'POST /api/consultations/exchange-visits': CONSULT_MANAGERS,
  'PUT /api/consultations/exchange-visits/:id': CONSULT_MANAGERS,
  'GET /api/consultations/notifications': CONSULT_READERS,
  'GET /api/consultations/notifications/count': CONSULT_READERS,
  'POST /api/consultations/notifications/read': CONSULT_READERS,
  'GET /api/quality/indicators': QUALITY_READERS,
  'GET /api/quality/trend': QUALITY_READERS,
  'GET /api/quality/volumes': QUALITY_READERS,
  'GET /api/quality/surgeons': QUALITY_READERS,
  'GET /api/quality/learning-curve': QUALITY_SURGEONS,
  'GET /api/quality/settings': QUALITY_READERS,
  'PUT /api/quality/settings': QUALITY_HEAD,
  'GET /api/quality/completeness': QUALITY_READERS,
  'GET /api/reports/annual': QUALITY_HEAD,
  'GET /api/quality/single-disease': QUALITY_HEAD,
  'GET /api/quality/digest': QUALITY_HEAD,
  'GET /api/quality/funnel': QUALITY_READERS,
  'GET /api/quality/cases': QUALITY_SURGEONS,
  // research (issue 14)
  'GET /api/research/projects': RESEARCH,
  'POST /api/research/projects': RESEARCH,
  'GET /api/research/projects/:id': RESEARCH,
  'PATCH /api/research/projects/:id': RESEARCH,
  'POST /api/research/projects/:id/outputs': RESEARCH,
  'DELETE /api/research/outputs/:id': RESEARCH,
  'POST /api/research/cohort/preview': RESEARCH,
  'POST /api/research/projects/:id/cohort/freeze': RESEARCH,
  'GET /api/research/projects/:id/candidates': RESEARCH_HEAD,
  'POST /api/research/projects/:id/patients': RESEARCH_HEAD,
  'POST /api/research/projects/:id/patients/:patientId/withdraw': RESEARCH,
  'GET /api/research/projects/:id/k-anonymity': RESEARCH,
  'GET /api/research/projects/:id/export.csv': RESEARCH,
  'GET /api/research/projects/:id/export.xlsx': RESEARCH,
  'POST /api/research/projects/:id/export-identified': RESEARCH_HEAD,
  'GET /api/research/projects/:id/exports': RESEARCH,
  // teaching (issue 14)
  'GET /api/events': EDU_READERS,
  'POST /api/events': EDU_MANAGERS,
  'GET /api/events/:id': EDU_READERS,
  'POST /api/events/:id/sessions': EDU_MANAGERS,
  'POST /api/events/:id/checkin': EDU_MANAGERS,
  'GET /api/events/:id/attendees.csv': EDU_MANAGERS,
  'GET /api/event-registrations/:id/certificate.pdf': EDU_MANAGERS,
  'GET /api/public/events/:id': 'public',
  'POST /api/public/events/:id/registrations': 'public',
  'POST /api/public/checkin/session': 'public',
  'POST /api/public/checkin': 'public',
  'GET /api/education/universities': EDU_STATION,
  'POST /api/education/universities': EDU_MANAGERS,
  'GET /api/education/supervisors': EDU_STATION,
  'POST /api/education/supervisors': EDU_MANAGERS,
  'GET /api/education/trainees': EDU_STATION,
  'POST /api/education/trainees': EDU_MANAGERS,
  'GET /api/education/trainees/:id': EDU_STATION,
  'POST /api/education/trainees/:id/entries': EDU_STATION,
  'POST /api/education/trainees/:id/sign-off': EDU_SUPERVISORS,
  'PUT /api/education/trainees/:id/milestones': EDU_SUPERVISORS,
  'GET /api/education/trainees/:id/summary.pdf': EDU_STATION,
  'GET /api/education/credits/me': EDU_READERS,
  'GET /api/education/settings': EDU_READERS,
  'PUT /api/education/settings': EDU_MANAGERS,
  'GET /api/fhir-clients': ['admin'],
  'POST /api/fhir-clients': ['admin'],
  'POST /api/fhir-clients/:id/revoke': ['admin'],
};

let w: TestWorld;
type Owned = { diagnosis: string; marker: string; ps: string; operation: string; complication: string };
let ids: { ownPatientOfA: string; patientOfB: string; homePatient: string; home: Owned; ofA: Owned; ofB: Owned };
/** One of each oncology record for a patient (fixtures for the object routes). */
async function oncologyRecords(patientId: string): Promise<Owned> {
  const operation = await anOperation(patientId).build(w.db);
  return {
    diagnosis: (await aDiagnosis(patientId).build(w.db)).id,
    marker: (await aMarker(patientId).build(w.db)).id,
    ps: (await aPerformanceStatus(patientId).build(w.db)).id,
    operation: operation.id,
    complication: (await aComplication(operation).build(w.db)).id,
  };
}
/** Tumor-board fixtures: an inter-hospital board (A and B each submitted a decided case with a file) and an intra-hospital one. */
/** A theatre booking of a home patient (theatre object routes). */
let theatreBooking: string;
let mdt: {
  interMeeting: string;
  intraMeeting: string;
  caseA: string;
  caseB: string;
  attachmentA: string;
  attachmentB: string;
  deletableAttachment: string;
  itemA: string;
  participant: string;
};
/** Ward fixtures: a bed and an admission of a home patient (external doctors have no ward access). */
let ward: { bed: string; admission: string };
/** Follow-up fixtures: a plan and an alert of a home patient (external doctors have no follow-up access). */
let followUp: { plan: string; alert: string };
/** Consultation fixtures: one of hospital A's (with a file), one of hospital B's (with a file). */
let consult: { ofA: string; ofB: string; fileA: string; fileB: string };
/** Outreach, agreement and exchange visit with hospital A and with hospital B (issue 10). */
let reach: Record<'outreach' | 'agreements' | 'exchange-visits', { a: string; b: string }>;
/** Research fixtures: a project of the home hospital and one output of it. */
let research: { project: string; output: string };
/** Teaching fixtures: an event with a checked-in registration; the student's and the resident's trainee records (supervisor: the surgeon). */
let edu: { event: string; registration: string; traineeStudent: string; traineeResident: string };
/** A FHIR API client (issue 13) for the revoke route. */
let fhirClient: string;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
beforeAll(async () => {
  w = await createTestWorld();
  const ownPatientOfA = (await aPatient(w.homeOrgId, { sourceOrganizationId: w.orgA }).build(w.db)).id;
  const patientOfB = (await aPatient(w.homeOrgId, { sourceOrganizationId: w.orgB }).build(w.db)).id;
  const homePatient = (await aPatient(w.homeOrgId).build(w.db)).id;
  ids = {
    ownPatientOfA,
    patientOfB,
    homePatient,
    home: await oncologyRecords(homePatient),
    ofA: await oncologyRecords(ownPatientOfA),
    ofB: await oncologyRecords(patientOfB),
  };
  const theatre = await theatreFixture(w);
  const tc = theatreClient(w);
  theatreBooking = tc.ok<{ id: string }>(
    await tc.call('surgeon', 'POST', '/api/theatre/bookings', {
      patientId: homePatient,
      roomId: theatre.rooms.or1,
      start: '2026-11-26T08:00',
      durationMin: 120,
      surgeonIds: [w.users.surgeon.id],
      procedures: ['appendectomy'],
    }),
    201,
  ).id;
  const m = mdtClient(w);
  const interMeeting = (await m.meeting({ kind: 'inter' })).id;
  const intraMeeting = (await m.meeting({ kind: 'intra' })).id;
  const caseA = (await m.submit(interMeeting, ids.ownPatientOfA, 'external_doctor')).id;
  const caseB = (await m.submit(interMeeting, ids.patientOfB, 'extB')).id;
  const upload = async (who: 'external_doctor' | 'extB', caseId: string) =>
    m.ok<{ id: string }>(
      await w.app.inject({
        method: 'POST',
        url: `/api/mdt/cases/${caseId}/attachments?fileName=ct.pdf`,
        headers: { cookie: await w.as(who), 'content-type': 'application/pdf' },
        payload: PDF,
      }),
      201,
    ).id;
  const attachmentA = await upload('external_doctor', caseA);
  const deletableAttachment = await upload('external_doctor', caseA);
  const attachmentB = await upload('extB', caseB);
  const itemA = (await m.recommend(caseA)).items[0]!.id;
  await m.recommend(caseB);
  const invited = m.ok<{ participants: { id: string; name: string }[] }>(
    await m.call('mdt_coordinator', 'POST', `/api/mdt/meetings/${interMeeting}/participants`, { name: '特邀专家', specialty: 'radiology' }),
    201,
  );
  const wardBeds = await aWard(w.homeOrgId, { beds: 1 }).build(w.db);
  ward = {
    bed: wardBeds.bedIds[0]!,
    admission: await wardClient(w).admit((await aPatient(w.homeOrgId).build(w.db)).id, wardBeds.bedIds[0]!),
  };
  const [plan] = await w.db
    .insert(followUpPlans)
    .values({
      patientId: homePatient,
      diagnosisId: ids.home.diagnosis,
      operationId: ids.home.operation,
      site: 'stomach',
      stage: 'III',
      guideline: 'csco-gastric',
      intervalChoice: 'lower',
      startDate: '2026-02-01',
    })
    .returning();
  const [invitation] = await w.db
    .insert(proInvitations)
    .values({ patientId: homePatient, tokenHash: 'x'.repeat(64), expiresAt: new Date('2027-01-01T00:00:00Z') })
    .returning();
  const [alert] = await w.db
    .insert(proResponses)
    .values({
      invitationId: invitation!.id,
      patientId: homePatient,
      submittedAt: new Date(),
      answers: { pain: 9 },
      alertReasons: ['pain'],
      alertStatus: 'open',
    })
    .returning();
  followUp = { plan: plan!.id, alert: alert!.id };
  const { call: ccall, ok: cok } = apiCalls(w);
  const consultOf = async (who: 'external_doctor' | 'extB', patientId: string) => {
    const id = cok<{ id: string }>(
      await ccall(who, 'POST', '/api/consultations', {
        patientId,
        question: '能否手术？',
        urgency: 'routine',
        consent: { obtainedOn: '2026-11-25', method: 'written' },
      }),
      201,
    ).id;
    const file = cok<{ id: string }>(
      await w.app.inject({
        method: 'POST',
        url: `/api/consultations/${id}/attachments?fileName=ct.pdf`,
        headers: { cookie: await w.as(who), 'content-type': 'application/pdf' },
        payload: PDF,
      }),
      201,
    ).id;
    return { id, file };
  };
  const cA = await consultOf('external_doctor', ids.ownPatientOfA);
  const cB = await consultOf('extB', ids.patientOfB);
  consult = { ofA: cA.id, ofB: cB.id, fileA: cA.file, fileB: cB.file };
  const reachOf = async (org: string) => {
    const owner = { ownerOrganizationId: w.homeOrgId };
    const [o] = await w.db
      .insert(outreachActivities)
      .values({
        ...owner,
        kind: 'visit',
        date: '2026-11-01',
        organizationIds: [org],
        surgeonIds: [w.users.surgeon.id],
        activity: 'lecture',
      })
      .returning();
    const [a] = await w.db
      .insert(partnerAgreements)
      .values({ ...owner, organizationId: org, kind: 'medical_alliance', startDate: '2026-01-01', scope: '医联体' })
      .returning();
    const [e] = await w.db
      .insert(exchangeVisits)
      .values({
        ...owner,
        organizationId: org,
        direction: 'in',
        doctors: '进修医生',
        fromDate: '2026-10-01',
        toDate: '2026-10-31',
        purpose: '进修',
      })
      .returning();
    return { outreach: o!.id, agreements: a!.id, 'exchange-visits': e!.id };
  };
  const [rA, rB] = [await reachOf(w.orgA), await reachOf(w.orgB)];
  reach = {
    outreach: { a: rA.outreach, b: rB.outreach },
    agreements: { a: rA.agreements, b: rB.agreements },
    'exchange-visits': { a: rA['exchange-visits'], b: rB['exchange-visits'] },
  };
  const [rp] = await w.db
    .insert(researchProjects)
    .values({
      organizationId: w.homeOrgId,
      title: '矩阵测试项目',
      funder: 'nsfc',
      grantNo: 'M-1',
      startDate: '2026-01-01',
      endDate: '2028-12-31',
      exportSecret: 'f'.repeat(64),
    })
    .returning();
  const [ro] = await w.db.insert(researchOutputs).values({ projectId: rp!.id, kind: 'paper', title: '论文', year: 2026 }).returning();
  research = { project: rp!.id, output: ro!.id };
  const event = cok<{ id: string }>(
    await ccall('department_head', 'POST', '/api/events', { kind: 'forum', title: '年会', startDate: '2026-11-26', endDate: '2026-11-26' }),
    201,
  ).id;
  const session = cok<{ id: string }>(
    await ccall('department_head', 'POST', `/api/events/${event}/sessions`, {
      startsAt: '2026-11-26T09:00',
      endsAt: '2026-11-26T12:00',
      title: '开幕',
    }),
    201,
  ).id;
  const { code } = (
    await w.app.inject({
      method: 'POST',
      url: `/api/public/events/${event}/registrations`,
      payload: { name: '王医生', hospital: '县医院', title: '主治医师', phone: '13800001111' },
    })
  ).json<{ code: string }>();
  cok(await ccall('department_head', 'POST', `/api/events/${event}/checkin`, { sessionId: session, code }));
  const university = cok<{ id: string }>(
    await ccall('department_head', 'POST', '/api/education/universities', { name: '浙江大学' }),
    201,
  ).id;
  const supervisor = cok<{ id: string }>(
    await ccall('department_head', 'POST', '/api/education/supervisors', { userId: w.users.surgeon.id, universityId: university }),
    201,
  ).id;
  const trainee = async (userId: string) =>
    cok<{ id: string }>(
      await ccall('department_head', 'POST', '/api/education/trainees', {
        userId,
        supervisorId: supervisor,
        degree: 'academic',
        enrolmentYear: 2025,
        yearOfStudy: 2,
      }),
      201,
    ).id;
  const registration = (await ccall('department_head', 'GET', `/api/events/${event}`)).json<{ registrations: { id: string }[] }>()
    .registrations[0]!.id;
  edu = { event, registration, traineeStudent: await trainee(w.users.student.id), traineeResident: await trainee(w.users.resident.id) };
  fhirClient = (
    await w.db
      .insert(fhirClients)
      .values({ clientId: 'matrix-client', name: 'matrix', organizationId: w.orgA, scopes: ['system/*.rs'], secretHash: 'x'.repeat(64) })
      .returning()
  )[0]!.id;
  mdt = {
    interMeeting,
    intraMeeting,
    caseA,
    caseB,
    attachmentA,
    attachmentB,
    deletableAttachment,
    itemA,
    participant: invited.participants.find((p) => p.name === '特邀专家')!.id,
  };
});
afterAll(async () => w.close());

/** An id the role may legitimately reach for an object route (own tenant), and one it may not (other tenant). */
function objectIds(key: string, role: Role): { own: string; other: string | null } {
  const external = role === 'external_doctor';
  const url = key.slice(key.indexOf(' ') + 1);
  if (url.startsWith('/api/patients/'))
    return { own: external ? ids.ownPatientOfA : ids.homePatient, other: external ? ids.patientOfB : null };
  if (url.startsWith('/api/organizations/')) return { own: external ? w.orgA : w.homeOrgId, other: external ? w.orgB : null };
  if (url.startsWith('/api/users/')) return { own: w.users.nurse.id, other: null };
  // Another user's session (or none): 404 for everyone, only one's own sessions can be ended.
  if (url.startsWith('/api/auth/sessions/')) return { own: '00000000-0000-4000-8000-000000000001', other: null };
  const owned = (k: keyof Owned) => ({ own: external ? ids.ofA[k] : ids.home[k], other: external ? ids.ofB[k] : null });
  if (url.startsWith('/api/diagnoses/')) return owned('diagnosis');
  if (url.startsWith('/api/markers/')) return owned('marker');
  if (url.startsWith('/api/performance-status/')) return owned('ps');
  if (url.startsWith('/api/operations/')) return owned('operation');
  if (url.startsWith('/api/complications/')) return owned('complication');
  // External doctors reach inter-hospital boards only, and only their own hospital's cases and files.
  if (url.startsWith('/api/mdt/meetings/')) return { own: mdt.interMeeting, other: external ? mdt.intraMeeting : null };
  if (url.startsWith('/api/mdt/cases/')) return { own: mdt.caseA, other: external ? mdt.caseB : null };
  if (key === 'DELETE /api/mdt/attachments/:id') return { own: mdt.deletableAttachment, other: external ? mdt.attachmentB : null };
  if (url.startsWith('/api/mdt/attachments/')) return { own: mdt.attachmentA, other: external ? mdt.attachmentB : null };
  if (url.startsWith('/api/mdt/tracking/')) return { own: mdt.itemA, other: null };
  if (url.startsWith('/api/mdt/participants/')) return { own: mdt.participant, other: null };
  if (url.startsWith('/api/admissions/')) return { own: ward.admission, other: null };
  if (url.startsWith('/api/beds/')) return { own: ward.bed, other: null };
  if (url.startsWith('/api/theatre/bookings/')) return { own: theatreBooking, other: null };
  if (url.startsWith('/api/follow-up/plans/')) return { own: followUp.plan, other: null };
  if (url.startsWith('/api/follow-up/alerts/')) return { own: followUp.alert, other: null };
  // Outreach, agreements and exchange visits: external doctors reach their own hospital's only.
  for (const k of ['outreach', 'agreements', 'exchange-visits'] as const)
    if (url.startsWith(`/api/consultations/${k}/`)) return { own: reach[k].a, other: external ? reach[k].b : null };
  // External doctors reach their own hospital's consultations and files only.
  if (url.startsWith('/api/consultations/attachments/')) return { own: consult.fileA, other: external ? consult.fileB : null };
  if (url.startsWith('/api/consultations/')) return { own: consult.ofA, other: external ? consult.ofB : null };
  if (url.startsWith('/api/research/projects/')) return { own: research.project, other: null };
  if (url.startsWith('/api/research/outputs/')) return { own: research.output, other: null };
  if (url.startsWith('/api/events/')) return { own: edu.event, other: null };
  if (url.startsWith('/api/event-registrations/')) return { own: edu.registration, other: null };
  // A trainee reaches only their own record.
  if (url.startsWith('/api/education/trainees/')) {
    if (role === 'resident') return { own: edu.traineeResident, other: edu.traineeStudent };
    if (role === 'student') return { own: edu.traineeStudent, other: edu.traineeResident };
    return { own: edu.traineeStudent, other: null };
  }
  if (url.startsWith('/api/fhir-clients/')) return { own: fhirClient, other: null };
  throw new Error(`no fixture id for ${url}`);
}

/** A body that passes validation, so an other-hospital answer is about the object and not the input. */
function wellFormedBody(key: string): object {
  if (key === 'POST /api/mdt/meetings/:id/cases') return { patientId: ids.ownPatientOfA, question: '能否手术？' };
  if (key.startsWith('PATCH ')) return { version: 1 };
  if (key === 'POST /api/consultations/:id/assign') return { expertId: w.users.surgeon.id };
  if (key === 'POST /api/consultations/:id/request-information' || key === 'POST /api/consultations/:id/reply')
    return { body: '请补充CT报告' };
  if (key === 'POST /api/consultations/:id/answer') return { advice: '建议手术', recommendation: 'manage_locally' };
  if (key === 'POST /api/consultations/:id/close') return { survey: { referralAvoided: true, willFollowAdvice: true, educational: true } };
  if (key === 'POST /api/consultations/:id/referral') return { expectedAdmissionDate: '2026-12-01' };
  if (key === 'POST /api/education/trainees/:id/entries') return { kind: 'ward_round', date: '2026-11-20', description: '查房' };
  return {};
}

describe('authorization matrix', () => {
  it('covers every registered route, and every row names a registered route', () => {
    const registered = w.app.routeRegistry.map((r) => `${r.method} ${r.url}`).sort();
    expect(registered.filter((r) => !(r in EXPECTED))).toEqual([]);
    expect(Object.keys(EXPECTED).filter((k) => !registered.includes(k))).toEqual([]);
  });

  it('declares the same access in code as in this table for public routes', () => {
    for (const r of w.app.routeRegistry) {
      expect(EXPECTED[`${r.method} ${r.url}`] === 'public', `${r.method} ${r.url}`).toBe(r.access === 'public');
    }
  });

  it('answers every protected route with 401 without a session', async () => {
    for (const r of w.app.routeRegistry.filter((x) => x.access !== 'public')) {
      const url = r.url.replace(':id', '00000000-0000-4000-8000-000000000000');
      const res = await w.app.inject({ method: r.method as 'GET', url, ...(r.method !== 'GET' ? { payload: {} } : {}) });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  for (const role of ALL) {
    it(`gives ${role} exactly the access of the table (allowed / 403 / other hospital → 404)`, async () => {
      const mismatches: string[] = [];
      for (const r of w.app.routeRegistry) {
        const key = `${r.method} ${r.url}`;
        const expected = EXPECTED[key];
        if (expected === 'public' || expected === undefined) continue;
        const allowed = expected.includes(role);
        // Logout and password change end sessions: use a fresh one for them.
        const cookie = r.url === '/api/auth/logout' ? await w.login(w.users[role].username) : await w.as(role);
        const withId = r.url.includes(':id');
        const { own, other } = withId ? objectIds(key, role) : { own: '', other: null };
        const res = await w.app.inject({
          method: r.method as 'GET',
          url: r.url.replace(':id', own),
          headers: { cookie },
          ...(r.method !== 'GET' ? { payload: {} } : {}),
        });
        const status = res.statusCode;
        const denied = deniedStatus(role, key);
        const ok = allowed ? status !== 401 && status !== 403 && status < 500 : status === denied;
        if (!ok) mismatches.push(`${key}: expected ${allowed ? 'allowed' : denied}, got ${status}`);
        if (allowed && r.method === 'GET' && status !== 200) mismatches.push(`${key}: allowed GET gave ${status}`);
        if (allowed && other) {
          // A well-formed body, so the answer is about the object and not the input.
          const payload = wellFormedBody(key);
          const cross = await w.app.inject({
            method: r.method as 'GET',
            url: r.url.replace(':id', other),
            headers: { cookie },
            ...(r.method !== 'GET' ? { payload } : {}),
          });
          if (cross.statusCode !== 404) mismatches.push(`${key} (other hospital): expected 404, got ${cross.statusCode}`);
        }
      }
      expect(mismatches).toEqual([]);
    });
  }
});
