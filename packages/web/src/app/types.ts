/** Shapes of the server's JSON responses the web app reads (see the OpenAPI document at /api/docs). */
import type { z } from 'zod';
import type { Paged } from '@gisurg/contracts';
import type { PatientSchema } from '@gisurg/contracts/patients';

// Roles, permissions and the signed-in user come from the contract shared with the server.
export { ROLES, type Me, type OrgKind, type Permission, type Role } from '@gisurg/contracts/auth';
import type { OrgKind, Role } from '@gisurg/contracts/auth';

export type Page<T> = Paged<T>;

export type Patient = z.output<typeof PatientSchema>;

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
