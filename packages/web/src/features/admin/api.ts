import type { z } from 'zod';
import type { FindUsersQuerySchema } from '@gisurg/contracts/users';
import { CreateUserSchema, UpdateUserSchema } from '@gisurg/contracts/users';
import { CreateOrganizationSchema, UpdateOrganizationSchema } from '@gisurg/contracts/organizations';
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
};
