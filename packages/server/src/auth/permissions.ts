/**
 * Roles and permissions: data in one module (STYLE.md habit 5). Every route declares the permission it
 * needs (http/route.ts); the authorization matrix test walks every route × role.
 * Organization scope (which rows a permission reaches) is applied in each query (auth/scope.ts).
 */
import { PERMISSIONS, ROLES, type Permission, type Role } from '@gisurg/contracts/auth';

// The lists live in the contract (shared with the web app); the role → permission map lives here.
export { PERMISSIONS, ROLES, type Permission, type Role };

const clinicalStaff: Permission[] = ['patient:read', 'patient:create', 'patient:update', 'organization:read', 'user:read'];
/**
 * Break-glass (ADR 0015): the home hospital's treating staff — head, surgeons, residents, nurses — may open a patient
 * outside their scope with a reason. Not external doctors (their hospital boundary is the point of their scope), not
 * researchers or students (no treatment need), not the MDT coordinator, not the administrators (三员分立).
 */
const breakGlass: Permission[] = ['patient:break_glass'];
/** Oncology record: surgeons, residents and the department head write; nurses, MDT, students, external doctors read. */
const oncologyWriters: Permission[] = ['oncology:read', 'oncology:write'];
const oncologyReaders: Permission[] = ['oncology:read'];
/** Ward and theatre: surgeons, residents and the head book and run; nurses run the ward and the worklist. */
const wardTheatreAll: Permission[] = ['ward:read', 'ward:write', 'theatre:read', 'theatre:book', 'theatre:run'];
const wardTheatreReaders: Permission[] = ['ward:read', 'theatre:read'];
/** Follow-up (issue 11): nurses and doctors work the list; doctors adjust plans; surgeons, the head and researchers analyse. */
const followUpDoctors: Permission[] = ['followup:read', 'followup:write', 'followup:plan', 'analytics:survival'];
/** Quality: the head sees every surgeon (and has own operations), sets targets and issues the annual report; a surgeon sees their own. */
const qualityHead: Permission[] = ['quality:read', 'quality:own', 'quality:all_surgeons', 'quality:manage', 'quality:report'];
const qualityOwn: Permission[] = ['quality:read', 'quality:own'];
/** Research (issue 14): the head does everything; researchers everything except enrolling and identified exports. */
const researchHead: Permission[] = ['research:read', 'research:manage', 'research:enrol', 'research:export_identified'];
const researchStaff: Permission[] = ['research:read', 'research:manage'];
/** Teaching (issue 14): the head organises events and runs the station; surgeons supervise; students and residents keep case logs. */
const educationHead: Permission[] = ['education:read', 'education:manage', 'education:station', 'education:supervise'];
const educationSupervisor: Permission[] = ['education:read', 'education:station', 'education:supervise'];
const educationTrainee: Permission[] = ['education:read', 'education:station', 'education:log'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // 三员分立 (等保 2.0 level 3, issue 17; supersedes ADR 0004's superuser): the system administrator manages accounts
  // and hospitals, the security administrator roles, lockouts and sessions, the audit administrator reads and verifies
  // the audit log. None of the three reads clinical records; each one's actions are in the audit log the others read.
  admin: ['user:read', 'user:manage', 'organization:read', 'organization:manage', 'fhir_client:manage'],
  security_admin: ['user:read', 'organization:read', 'security:manage'],
  audit_admin: ['audit:read', 'user:read', 'organization:read'],
  department_head: [
    ...clinicalStaff,
    ...breakGlass,
    'patient:read_id',
    'audit:read',
    ...oncologyWriters,
    'mdt:read',
    'mdt:submit',
    'mdt:manage',
    'mdt:track',
    ...wardTheatreAll,
    ...followUpDoctors,
    'followup:settings',
    'consultation:read',
    'consultation:manage',
    'consultation:answer',
    ...qualityHead,
    ...researchHead,
    ...educationHead,
    'fhir:export',
  ],
  surgeon: [
    ...clinicalStaff,
    ...breakGlass,
    'patient:read_id',
    ...oncologyWriters,
    'mdt:read',
    'mdt:submit',
    'mdt:track',
    ...wardTheatreAll,
    ...followUpDoctors,
    'consultation:read',
    'consultation:answer',
    ...qualityOwn,
    ...educationSupervisor,
  ],
  resident: [
    ...clinicalStaff,
    ...breakGlass,
    ...oncologyWriters,
    'mdt:read',
    'mdt:submit',
    ...wardTheatreAll,
    'followup:read',
    'followup:write',
    'followup:plan',
    ...educationTrainee,
  ],
  nurse: [
    ...clinicalStaff,
    ...breakGlass,
    'patient:read_id',
    ...oncologyReaders,
    'mdt:read',
    'ward:read',
    'ward:write',
    'theatre:read',
    'theatre:run',
    'followup:read',
    'followup:write',
    'education:read',
  ],
  mdt_coordinator: [
    'patient:read',
    'organization:read',
    'user:read',
    ...oncologyReaders,
    'mdt:read',
    'mdt:submit',
    'mdt:manage',
    'mdt:track',
    ...wardTheatreReaders,
    'consultation:read',
    'consultation:manage',
    'education:read',
  ],
  // Researchers work on de-identified cohorts (research issue); no identifiable patient routes.
  researcher: ['organization:read', 'analytics:survival', 'quality:read', ...researchStaff],
  student: ['patient:read', 'organization:read', ...oncologyReaders, 'mdt:read', ...wardTheatreReaders, ...educationTrainee],
  // External doctors: only their own organization's patients (auth/scope.ts), the oncology record read-only,
  // and the board cases their hospital submitted (features/mdt/scope.ts).
  external_doctor: [
    'patient:read',
    'patient:create',
    'patient:update',
    'patient:read_id',
    'organization:read',
    ...oncologyReaders,
    'mdt:read',
    'mdt:submit',
    'consultation:read',
    'consultation:request',
  ],
};

/**
 * Permissions that reach identifiable patient data (names, ID numbers, records, letters, files). A role in
 * DE_IDENTIFIED_ROLES that lacks one is answered 404, not 403: for a researcher those routes do not exist
 * (issue 14, acceptance 2), so a probe learns nothing, not even that a patient page is there.
 */
export const IDENTIFIABLE_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>([
  'patient:read',
  'patient:create',
  'patient:update',
  'patient:read_id',
  'patient:break_glass',
  'audit:read',
  'oncology:read',
  'oncology:write',
  'mdt:read',
  'mdt:submit',
  'mdt:manage',
  'mdt:track',
  'ward:read',
  'ward:write',
  'theatre:read',
  'theatre:book',
  'theatre:run',
  'followup:read',
  'followup:write',
  'followup:plan',
  // Not identifying itself, but the whole follow-up space (/api/follow-up/) is a missing route to researchers.
  'followup:settings',
  'consultation:read',
  'consultation:request',
  'consultation:manage',
  'consultation:answer',
  'research:enrol',
  'research:export_identified',
  'fhir:export',
]);
export const DE_IDENTIFIED_ROLES: ReadonlySet<Role> = new Set<Role>(['researcher']);

/** Whether a denial of `permission` to `role` must look like a missing route (404) rather than a 403. */
export function hidesRoute(role: Role, permission: Permission): boolean {
  return DE_IDENTIFIED_ROLES.has(role) && IDENTIFIABLE_PERMISSIONS.has(permission);
}

/** Roles that belong to the home hospital; external_doctor belongs to an external organization. */
export const HOME_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'external_doctor');

export function permissionsOf(role: Role): ReadonlySet<Permission> {
  return new Set(ROLE_PERMISSIONS[role]);
}

export function isRole(v: string): v is Role {
  return (ROLES as readonly string[]).includes(v);
}
