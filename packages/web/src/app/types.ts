/** Shapes of the server's JSON responses the web app reads (see the OpenAPI document at /api/docs). */
import type { z } from 'zod';
import type { Paged } from '@gisurg/contracts';
import type { PatientListItemSchema, PatientPageSchema, PatientSchema } from '@gisurg/contracts/patients';

// Roles, permissions and the signed-in user come from the contract shared with the server.
export { ROLES, type Me, type OrgKind, type Permission, type Role } from '@gisurg/contracts/auth';
import type { AuditItemSchema, AuditVerifySchema } from '@gisurg/contracts/audit';
import type { CreateOrganizationSchema, OrganizationSchema, UpdateOrganizationSchema } from '@gisurg/contracts/organizations';
import type { CreateUserSchema, UpdateUserSchema, UserSchema, UserSecurityChangeSchema } from '@gisurg/contracts/users';

export type Page<T> = Paged<T>;

export type Patient = z.output<typeof PatientSchema>;
/** A row of the patient list, with its diagnosis, bed and attending surgeon when asked (`with=facts`). */
export type ListedPatient = z.output<typeof PatientListItemSchema>;
/** A page of the patient list; `totalCapped`: a search matched more than PATIENT_SEARCH_COUNT_CAP patients. */
export type PatientPage = z.output<typeof PatientPageSchema>;

export type Organization = z.output<typeof OrganizationSchema>;
export type User = z.output<typeof UserSchema>;
export type AuditEntry = z.output<typeof AuditItemSchema>;
export type CreateOrganizationBody = z.input<typeof CreateOrganizationSchema>;
export type UpdateOrganizationBody = z.input<typeof UpdateOrganizationSchema>;
export type CreateUserBody = z.input<typeof CreateUserSchema>;
export type UpdateUserBody = z.input<typeof UpdateUserSchema>;
export type UserSecurityChangeBody = z.input<typeof UserSecurityChangeSchema>;
export type AuditVerification = z.output<typeof AuditVerifySchema>;
