import { z } from 'zod';

/** Roles (docs/architecture.md; the server maps each to its permissions in auth/permissions.ts). */
export const ROLES = [
  'admin',
  'department_head',
  'surgeon',
  'resident',
  'nurse',
  'mdt_coordinator',
  'researcher',
  'student',
  'external_doctor',
  /** Security administrator (三员分立, issue 17): roles, lockouts, sessions of every account; no patient data. */
  'security_admin',
  /** Audit administrator (三员分立, issue 17): reads and verifies the audit log; changes nothing else, no patient data. */
  'audit_admin',
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'patient:read',
  'patient:create',
  'patient:update',
  /** See full ID numbers (others see them masked). */
  'patient:read_id',
  'user:read',
  'user:manage',
  'organization:read',
  'organization:manage',
  'audit:read',
  /** Security administration (三员分立): change roles, assign the administrator roles, unlock, disable and sign out accounts. */
  'security:manage',
  /** Oncology record (issue 5): diagnoses, markers, performance status, operations, pathology, PCI/HIPEC, complications. */
  'oncology:read',
  'oncology:write',
  /** Tumor boards (features/mdt): see boards and cases (external doctors: their own hospital's cases only). */
  'mdt:read',
  /** Submit a case to a board (surgeons; external doctors for their own hospital's patients). */
  'mdt:submit',
  /** Run boards: meetings, participants, triage and agenda, attendance, recommendations. */
  'mdt:manage',
  /** Decision-to-delivery tracking: the worklist, delivered / not delivered, concordance. */
  'mdt:track',
  /** Ward (features/ward): the bed board, admissions, occupancy and length of stay. */
  'ward:read',
  /** Admit, transfer, discharge, cancel an admission; reserve, release, clean and block beds. */
  'ward:write',
  /** Theatre (features/theatre): rooms, schedule, surgical worklist. */
  'theatre:read',
  /** Book, move, postpone and cancel operations. */
  'theatre:book',
  /** Run the day's worklist: in theatre, completed. */
  'theatre:run',
  /** Follow-up (features/followup): plans, contacts, the due worklist and questionnaire alerts. */
  'followup:read',
  /** Record contacts, send questionnaire links, handle alerts. */
  'followup:write',
  /** Adjust a patient's follow-up plan (doctors), with a reason. */
  'followup:plan',
  /** Set the questionnaire's alert thresholds and days (department head). */
  'followup:settings',
  /** Survival analysis on the department's cohorts (aggregate results only). */
  'analytics:survival',
  /** Consultation network (features/consultations): see consultations (external doctors: their own hospital's only). */
  'consultation:read',
  /** Ask: open a consultation for an own patient, reply to requests for information, close with the survey. */
  'consultation:request',
  /** Coordinate: assign and reassign experts, see the queue and what is overdue. */
  'consultation:manage',
  /** Answer as expert: request more information, answer, book the referral. */
  'consultation:answer',
  /** Quality (features/quality): indicators, volumes, learning curves; researchers see department aggregates only. */
  'quality:read',
  /** Any surgeon's figures (department head); without it a surgeon sees only their own. */
  'quality:all_surgeons',
  /** Learning curves; without quality:all_surgeons only one's own figures (forced to one's own operations). */
  'quality:own',
  /** Targets and the historic laparoscopic baseline. */
  'quality:manage',
  /** The annual discipline report (PDF, Excel). */
  'quality:report',
  /** Research (features/research): projects, ethics, members, outputs, cohort aggregates, de-identified exports. */
  'research:read',
  /** Create and edit projects, save and freeze cohorts, record withdrawals and outputs, export de-identified. */
  'research:manage',
  /** Enrol patients of the frozen cohort with their consent (sees the list with names: department head). */
  'research:enrol',
  /** Export a cohort with identities, with a stated reason (department head; audited as such). */
  'research:export_identified',
  /** Teaching (features/education): see forums and teaching classes, one's own CME credits. */
  'education:read',
  /** Organise events (programme, registrations, check-in desk, certificates) and run the master's station. */
  'education:manage',
  /** The master's station: supervisors and the head see every trainee, a trainee their own case log. */
  'education:station',
  /** Supervise: sign case-log entries off and set milestones of one's own trainees. */
  'education:supervise',
  /** Keep a case log: add one's own entries (trainees). */
  'education:log',
  /** FHIR API clients (issue 13): issue and revoke client ids and secrets for other systems. */
  'fhir_client:manage',
  /** Break-glass (issue 17, ADR 0015): open a patient outside one's scope for a limited time, with a stated reason. */
  'patient:break_glass',
  /** FHIR bulk export (`$export`, issue 13): every record the actor may see as NDJSON files (department head). */
  'fhir:export',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * The three administrator roles of 等保 2.0 三员分立. Assigning one of them (creating an account with it or changing a
 * role to or from it) and changing such an account need `security:manage`: no administrator can make themselves another.
 */
export const ADMIN_ROLES = ['admin', 'security_admin', 'audit_admin'] as const satisfies readonly Role[];
export function isAdminRole(role: string): boolean {
  return (ADMIN_ROLES as readonly string[]).includes(role);
}

export const ORGANIZATION_KINDS = ['home', 'primary', 'partner', 'other'] as const;
export type OrgKind = (typeof ORGANIZATION_KINDS)[number];

export const LoginBodySchema = z.strictObject({
  username: z.string().trim().min(1, 'validation.required').max(64),
  password: z.string().min(1, 'validation.required').max(256),
});
export type LoginBody = z.input<typeof LoginBodySchema>;

export const ChangePasswordBodySchema = z.strictObject({
  currentPassword: z.string().min(1, 'validation.required').max(256),
  newPassword: z.string().max(256),
});
export type ChangePasswordBody = z.input<typeof ChangePasswordBodySchema>;

export const OrganizationRefSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  nameEn: z.string().nullable(),
  kind: z.enum(ORGANIZATION_KINDS),
});

/**
 * Where a session stands (issue 17): `full`; `mfa_pending` — the password was right, the second factor not yet given
 * (the session can only submit the code, read `me` and sign out); `mfa_enrolment` — the role must use MFA and the user
 * has not enrolled (only enrolment, `me`, the password change and sign-out work until then).
 */
export const SESSION_STAGES = ['full', 'mfa_pending', 'mfa_enrolment'] as const;
export type SessionStage = (typeof SESSION_STAGES)[number];

export const MeSchema = z.object({
  user: z.object({ id: z.uuid(), username: z.string(), displayName: z.string(), role: z.enum(ROLES), title: z.string().nullable() }),
  role: z.enum(ROLES),
  organization: OrganizationRefSchema,
  permissions: z.array(z.enum(PERMISSIONS)),
  session: z.object({ idleTimeoutSeconds: z.number().int(), expiresAt: z.string() }),
  stage: z.enum(SESSION_STAGES),
  mfa: z.object({ enrolled: z.boolean(), required: z.boolean(), recoveryCodesLeft: z.number().int() }),
  /** The hospital's time zone (GISURG_TIMEZONE): the web app shows dates and times in it. */
  timeZone: z.string(),
});
export type Me = z.infer<typeof MeSchema>;

/** A TOTP code (6 digits) or a recovery code (`XXXX-XXXX-XXXX-XXXX`): the second sign-in step, enrolment, new codes. */
export const MfaCodeBodySchema = z.strictObject({
  code: z
    .string()
    .trim()
    .min(1, 'validation.required')
    .max(32)
    .regex(/^[0-9A-Za-z -]+$/, 'auth.mfa.codeFormat'),
});
export type MfaCodeBody = z.input<typeof MfaCodeBodySchema>;

/** Enrolment started: the new secret, shown once, as text and as the otpauth:// URI an authenticator app scans. */
export const MfaEnrolmentSchema = z.object({ secret: z.string(), otpauthUri: z.string() });
export type MfaEnrolment = z.infer<typeof MfaEnrolmentSchema>;

/** Ten single-use recovery codes, shown once (only their hashes are stored). */
export const RecoveryCodesSchema = z.object({ recoveryCodes: z.array(z.string()) });
export type RecoveryCodes = z.infer<typeof RecoveryCodesSchema>;

/** One of the signed-in user's live sessions. */
export const SessionItemSchema = z.object({
  id: z.uuid(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  clientIp: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type SessionItem = z.infer<typeof SessionItemSchema>;
export const SessionListSchema = z.object({ items: z.array(SessionItemSchema) });

/** "Sign out everywhere": every other session, or every one including this one. */
export const RevokeSessionsBodySchema = z.strictObject({ includeCurrent: z.boolean().default(false) });
export type RevokeSessionsBody = z.input<typeof RevokeSessionsBodySchema>;
export const RevokedSessionsSchema = z.object({ revoked: z.number().int() });
