/** Shapes of the server's JSON responses the web app reads (see the OpenAPI document at /api/docs). */
export type Role =
  'admin' | 'department_head' | 'surgeon' | 'resident' | 'nurse' | 'mdt_coordinator' | 'researcher' | 'student' | 'external_doctor';

export const ROLES: Role[] = [
  'admin',
  'department_head',
  'surgeon',
  'resident',
  'nurse',
  'mdt_coordinator',
  'researcher',
  'student',
  'external_doctor',
];

export type Permission =
  | 'patient:read'
  | 'patient:create'
  | 'patient:update'
  | 'patient:read_id'
  | 'user:read'
  | 'user:manage'
  | 'organization:read'
  | 'organization:manage'
  | 'audit:read'
  | 'oncology:read'
  | 'oncology:write'
  | 'mdt:read'
  | 'mdt:submit'
  | 'mdt:manage'
  | 'mdt:track'
  | 'ward:read'
  | 'ward:write'
  | 'theatre:read'
  | 'theatre:book'
  | 'theatre:run';

export interface Me {
  user: { id: string; username: string; displayName: string; role: Role; title: string | null };
  role: Role;
  organization: { id: string; name: string; nameEn: string | null; kind: OrgKind };
  permissions: Permission[];
  session: { idleTimeoutSeconds: number; expiresAt: string };
}

export type OrgKind = 'home' | 'primary' | 'partner' | 'other';

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface Patient {
  id: string;
  version: number;
  name: string;
  sex: 'male' | 'female' | 'unknown';
  birthDate: string;
  age: number;
  idType: 'resident_id' | 'passport' | 'other';
  idNumber: string | null;
  idNumberMasked: boolean;
  inpatientNo: string | null;
  phone: string | null;
  address: string | null;
  ethnicity: string | null;
  allergies: string | null;
  organizationId: string;
  sourceOrganizationId: string | null;
  sourceOrganizationName: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface Organization {
  id: string;
  version: number;
  name: string;
  nameEn: string | null;
  kind: OrgKind;
  region: string | null;
  disabled: boolean;
  userCount: number;
  createdAt: string;
}

export interface User {
  id: string;
  version: number;
  username: string;
  displayName: string;
  role: Role;
  organizationId: string;
  organizationName: string;
  title: string | null;
  specialty: string | null;
  phone: string | null;
  disabled: boolean;
  locked: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  organizationId: string | null;
  action: string;
  resourceType: string | null;
  resourceId: string | null;
  patientId: string | null;
  outcome: string;
  clientIp: string | null;
  requestId: string | null;
  details: unknown;
  sealed: boolean;
}
