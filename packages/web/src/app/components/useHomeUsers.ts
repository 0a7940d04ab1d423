import { useQuery } from '@tanstack/react-query';
import { get } from '../api';
import { useAuth } from '../auth';
import type { Page, User } from '../types';

/** Active staff of the home hospital (chairs, responsible doctors, invitations); needs user:read. */
export function useHomeUsers() {
  const { me, can } = useAuth();
  const orgId = me?.organization.kind === 'home' ? me.organization.id : null;
  const { data } = useQuery({
    queryKey: ['users', 'home', orgId],
    queryFn: ({ signal }) => get<Page<User>>(`/api/users?organizationId=${orgId}&pageSize=100`, signal),
    enabled: Boolean(orgId) && can('user:read'),
    staleTime: 60_000,
  });
  return (data?.items ?? []).filter((u) => !u.disabled);
}
