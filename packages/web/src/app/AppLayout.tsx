import { Suspense, useState } from 'react';
import { Avatar, Button, Dropdown, Layout, Menu, Skeleton, Space, Typography } from 'antd';
import { KeyOutlined, LogoutOutlined, MenuFoldOutlined, MenuUnfoldOutlined, SafetyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useAuth } from './auth';
import { visibleMenu } from './menu';
import { LanguageSwitch } from './LanguageSwitch';
import { NotificationBell } from './components/NotificationBell';
import { PatientSearchBox } from './PatientSearchBox';
import { ChangePasswordModal } from '../features/auth/ChangePasswordModal';

const { Header, Sider, Content } = Layout;

/** The shell (UX.md): collapsible left navigation by role, top bar with hospital, search, user, language. */
export function AppLayout() {
  const { t, i18n } = useTranslation();
  const { me, logout, can } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [collapsed, setCollapsed] = useState(false);
  const [changingPassword, setChangingPassword] = useState(false);
  if (!me) return null;
  const entries = visibleMenu(can);
  // The longest matching entry (e.g. /consultations/partners over /consultations).
  const matching = entries.filter((e) => (e.path === '/' ? location.pathname === '/' : location.pathname.startsWith(e.path)));
  const longest = Math.max(0, ...matching.map((e) => e.path.length));
  const selected = matching.filter((e) => e.path.length === longest).map((e) => e.key);
  const clinical = entries.filter((e) => e.group === 'clinical');
  const admin = entries.filter((e) => e.group === 'admin');
  const toItem = (e: (typeof entries)[number]) => ({
    key: e.key,
    icon: e.icon,
    label: t(e.labelKey),
    onClick: () => void navigate(e.path),
  });
  const orgName = i18n.language === 'en' ? (me.organization.nameEn ?? me.organization.name) : me.organization.name;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Sider collapsible collapsed={collapsed} trigger={null} width={208} theme="light" style={{ borderRight: '1px solid #f0f0f0' }}>
        <div style={{ height: 56, display: 'flex', alignItems: 'center', gap: 8, padding: '0 20px', fontWeight: 600, color: '#0b6e4f' }}>
          <img src="/favicon.svg" alt="" width={24} height={24} />
          {!collapsed && <span>GISurg</span>}
        </div>
        <Menu
          mode="inline"
          selectedKeys={selected}
          items={[
            ...clinical.map(toItem),
            ...(admin.length > 0
              ? [{ type: 'group' as const, key: 'admin', label: collapsed ? null : t('nav.adminGroup'), children: admin.map(toItem) }]
              : []),
          ]}
          data-testid="main-menu"
        />
      </Sider>
      <Layout>
        <Header
          className="gisurg-header"
          style={{
            background: '#fff',
            padding: '0 16px',
            display: 'flex',
            alignItems: 'center',
            gap: 16,
            borderBottom: '1px solid #f0f0f0',
            height: 56,
          }}
        >
          <Button
            type="text"
            icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => setCollapsed(!collapsed)}
            aria-label={t('nav.toggle')}
          />
          <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
            {/* An external doctor's header names their own hospital, not our department. */}
            {me.organization.kind === 'home' ? `${orgName} · ${t('app.department')}` : orgName}
          </Typography.Text>
          <div style={{ flex: 1 }} />
          {can('patient:read') && <PatientSearchBox />}
          {can('consultation:read') && <NotificationBell />}
          <LanguageSwitch />
          <Dropdown
            menu={{
              items: [
                {
                  key: 'security',
                  icon: <SafetyOutlined />,
                  label: t('account.title'),
                  onClick: () => void navigate('/account/security'),
                },
                { key: 'password', icon: <KeyOutlined />, label: t('auth.changePassword'), onClick: () => setChangingPassword(true) },
                {
                  key: 'logout',
                  icon: <LogoutOutlined />,
                  label: t('auth.signOut'),
                  onClick: () => void logout().then(() => navigate('/login')),
                },
              ],
            }}
          >
            <Space style={{ cursor: 'pointer' }} data-testid="user-menu">
              <Avatar style={{ background: '#0b6e4f' }}>{me.user.displayName.slice(0, 1)}</Avatar>
              <span>
                {me.user.displayName} <Typography.Text type="secondary">{t(`role.${me.role}`)}</Typography.Text>
              </span>
            </Space>
          </Dropdown>
        </Header>
        <Content style={{ padding: 20 }}>
          {/* Pages load with their route (App.tsx): the shell stays while the page's code arrives. */}
          <Suspense fallback={<Skeleton active />}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
      <ChangePasswordModal open={changingPassword} onClose={() => setChangingPassword(false)} />
    </Layout>
  );
}
