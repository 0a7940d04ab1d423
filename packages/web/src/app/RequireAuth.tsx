import { lazy, type ReactNode } from 'react';
import { Result, Skeleton } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation } from 'react-router';
import { useAuth } from './auth';
import type { Permission } from './types';

// Loaded only for a user who must enrol (the QR code widget stays out of the first load).
const MfaEnrolmentGate = lazy(() => import('../features/auth/MfaEnrolmentGate').then((m) => ({ default: m.MfaEnrolmentGate })));

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
  // Without a session, or with one that still waits for the second factor (MFA): the sign-in page.
  if (!me || me.stage === 'mfa_pending')
    return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />;
  // A role that must use MFA and has not enrolled: nothing else until enrolled (the server refuses the rest too).
  if (me.stage === 'mfa_enrolment') return <MfaEnrolmentGate />;
  if ((permission && !can(permission)) || (anyOf && !anyOf.some(can)))
    return <Result status="403" title="403" subTitle={t('errors.forbidden')} />;
  return <>{children}</>;
}
