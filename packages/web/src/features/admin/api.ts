import type { z } from 'zod';
import type { FindUsersQuerySchema } from '@gisurg/contracts/users';
import { CreateUserSchema, UpdateUserSchema } from '@gisurg/contracts/users';
import { CreateOrganizationSchema, UpdateOrganizationSchema } from '@gisurg/contracts/organizations';
import type { BreakGlassReportItem } from '@gisurg/contracts/audit';
import { get, patch, post, qs } from '../../app/api';
import type {
  AuditVerification,
  CreateOrganizationBody,
  CreateUserBody,
  Organization,
  Page,
  UpdateOrganizationBody,
  UpdateUserBody,
  User,
  UserSecurityChangeBody,
} from '../../app/types';

/** The administration API (users, organizations, the audit chain), typed from @gisurg/contracts. */
export const adminApi = {
  users: (q: Partial<z.output<typeof FindUsersQuerySchema>>, signal?: AbortSignal) => get<Page<User>>(`/api/users${qs(q)}`, signal),
  createUser: (body: CreateUserBody) => post<User>('/api/users', body, CreateUserSchema),
  updateUser: (id: string, body: UpdateUserBody) => patch<User>(`/api/users/${id}`, body, UpdateUserSchema),
  /** The security administrator's changes (三员分立): role, unlock, disable, sign out everywhere. */
  changeUserSecurity: (id: string, body: UserSecurityChangeBody) => patch<User>(`/api/users/${id}/security`, body),
  organizations: (signal?: AbortSignal) => get<Page<Organization>>('/api/organizations?pageSize=500', signal),
  createOrganization: (body: CreateOrganizationBody) => post<Organization>('/api/organizations', body, CreateOrganizationSchema),
  updateOrganization: (id: string, body: UpdateOrganizationBody) =>
    patch<Organization>(`/api/organizations/${id}`, body, UpdateOrganizationSchema),
  verifyAudit: () => post<AuditVerification>('/api/audit/verify'),
  /** Break-glass accesses (issue 17), newest first. */
  breakGlassReport: (q: { from?: string | undefined; to?: string | undefined }, signal?: AbortSignal) =>
    get<{ items: BreakGlassReportItem[] }>(`/api/audit/break-glass${qs(q)}`, signal),
  /** The security administrator: reset a user's MFA (lost authenticator); their sessions end. */
  resetMfa: (id: string) => post<User>(`/api/users/${id}/mfa/reset`),
  /** The security administrator: end every session of a user. */
  endSessions: (id: string) => post<{ revoked: number }>(`/api/users/${id}/sessions/revoke`),
};
