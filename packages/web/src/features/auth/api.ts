import { MfaCodeBodySchema, RevokeSessionsBodySchema } from '@gisurg/contracts/auth';
import type { MfaEnrolment, RecoveryCodes, SessionItem } from '@gisurg/contracts/auth';
import { api, get, post } from '../../app/api';

/** The signed-in user's own security (issue 17): MFA enrolment, recovery codes, sessions. */
export const accountApi = {
  startEnrolment: () => post<MfaEnrolment>('/api/auth/mfa/enroll'),
  confirmEnrolment: (code: string) => post<RecoveryCodes>('/api/auth/mfa/enroll/confirm', { code }, MfaCodeBodySchema),
  newRecoveryCodes: (code: string) => post<RecoveryCodes>('/api/auth/mfa/recovery-codes', { code }, MfaCodeBodySchema),
  sessions: (signal?: AbortSignal) => get<{ items: SessionItem[] }>('/api/auth/sessions', signal),
  revokeSession: (id: string) => api<{ revoked: number }>('DELETE', `/api/auth/sessions/${id}`),
  revokeAll: (includeCurrent: boolean) =>
    post<{ revoked: number }>('/api/auth/sessions/revoke-all', { includeCurrent }, RevokeSessionsBodySchema),
};
