import type { ReactNode } from 'react';
import {
  AlertOutlined,
  ApartmentOutlined,
  ApiOutlined,
  AreaChartOutlined,
  AuditOutlined,
  BankOutlined,
  BookOutlined,
  CalendarOutlined,
  CommentOutlined,
  ExperimentOutlined,
  HddOutlined,
  HomeOutlined,
  LineChartOutlined,
  ReadOutlined,
  ScheduleOutlined,
  TeamOutlined,
  UserOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import type { Permission } from './types';

/**
 * The navigation, by permission. Capabilities that do not exist yet have no entry (no dead links);
 * each feature issue adds its own entry here with the permission it needs.
 */
export interface MenuEntry {
  key: string;
  path: string;
  labelKey: string;
  icon: ReactNode;
  permission: Permission | null;
  group: 'clinical' | 'admin';
}

export const MENU: MenuEntry[] = [
  { key: 'home', path: '/', labelKey: 'nav.home', icon: <HomeOutlined />, permission: null, group: 'clinical' },
  { key: 'patients', path: '/patients', labelKey: 'nav.patients', icon: <UserOutlined />, permission: 'patient:read', group: 'clinical' },
  { key: 'mdt', path: '/mdt', labelKey: 'mdt.nav.title', icon: <VideoCameraOutlined />, permission: 'mdt:read', group: 'clinical' },
  { key: 'ward', path: '/ward', labelKey: 'ward.nav.title', icon: <HddOutlined />, permission: 'ward:read', group: 'clinical' },
  {
    key: 'theatre',
    path: '/theatre',
    labelKey: 'theatre.nav.title',
    icon: <ScheduleOutlined />,
    permission: 'theatre:read',
    group: 'clinical',
  },
  {
    key: 'followup',
    path: '/follow-up',
    labelKey: 'followup.nav.worklist',
    icon: <CalendarOutlined />,
    permission: 'followup:read',
    group: 'clinical',
  },
  {
    key: 'survival',
    path: '/analytics/survival',
    labelKey: 'followup.nav.survival',
    icon: <AreaChartOutlined />,
    permission: 'analytics:survival',
    group: 'clinical',
  },
  {
    key: 'consultations',
    path: '/consultations',
    labelKey: 'consultations.nav.title',
    icon: <CommentOutlined />,
    permission: 'consultation:read',
    group: 'clinical',
  },
  {
    key: 'consultation-partners',
    path: '/consultations/partners',
    labelKey: 'consultations.nav.partners',
    icon: <ApartmentOutlined />,
    permission: 'consultation:read',
    group: 'clinical',
  },
  {
    key: 'quality',
    path: '/quality',
    labelKey: 'quality.nav.title',
    icon: <LineChartOutlined />,
    permission: 'quality:read',
    group: 'clinical',
  },
  {
    key: 'research',
    path: '/research',
    labelKey: 'research.nav.title',
    icon: <ExperimentOutlined />,
    permission: 'research:read',
    group: 'clinical',
  },
  {
    key: 'events',
    path: '/events',
    labelKey: 'education.nav.events',
    icon: <ReadOutlined />,
    permission: 'education:read',
    group: 'clinical',
  },
  {
    key: 'station',
    path: '/station',
    labelKey: 'education.nav.station',
    icon: <BookOutlined />,
    permission: 'education:station',
    group: 'clinical',
  },
  { key: 'users', path: '/admin/users', labelKey: 'nav.users', icon: <TeamOutlined />, permission: 'user:manage', group: 'admin' },
  // 三员分立: the security administrator reaches the same page for roles, lockouts and sessions.
  {
    key: 'users-security',
    path: '/admin/users',
    labelKey: 'nav.users',
    icon: <TeamOutlined />,
    permission: 'security:manage',
    group: 'admin',
  },
  {
    key: 'organizations',
    path: '/admin/organizations',
    labelKey: 'nav.organizations',
    icon: <BankOutlined />,
    permission: 'organization:manage',
    group: 'admin',
  },
  { key: 'audit', path: '/admin/audit', labelKey: 'nav.audit', icon: <AuditOutlined />, permission: 'audit:read', group: 'admin' },
  // Break-glass accesses (issue 17): the department head reviews who opened which patient outside their scope, and why.
  {
    key: 'breakGlass',
    path: '/admin/break-glass',
    labelKey: 'nav.breakGlass',
    icon: <AlertOutlined />,
    permission: 'audit:read',
    group: 'admin',
  },
  {
    key: 'fhirClients',
    path: '/admin/fhir-clients',
    labelKey: 'fhir.clients.title',
    icon: <ApiOutlined />,
    permission: 'fhir_client:manage',
    group: 'admin',
  },
];

export function visibleMenu(can: (p: Permission) => boolean): MenuEntry[] {
  return MENU.filter((m) => m.permission === null || can(m.permission));
}
