import type { ReactNode } from 'react';
import { Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from './auth';
import type { Permission } from './types';

/** Signed-in pages: without a session go to sign-in and come back afterwards; without the permission, say so. */
export function RequireAuth({
  children,
  permission,
  anyOf,
}: {
  children: ReactNode;
  permission?: Permission;
  /** Any one of these permissions is enough (a page two roles use differently, e.g. users: accounts or security). */
  anyOf?: Permission[];
}) {
  const { me, loading, can } = useAuth();
  const location = useLocation();
  const { t } = useTranslation();
  if (loading) return <Skeleton active style={{ padding: 40 }} />;
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  if ((permission && !can(permission)) || (anyOf && !anyOf.some(can)))
    return <Result status="403" title="403" subTitle={t('errors.forbidden')} />;
  return <>{children}</>;
}
