import { useState } from 'react';
import { App, Button, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { adminApi } from './api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { colon, formatDateTime } from '../../app/format';
import { applyServerErrors } from '../../app/forms';
import { PageHeader } from '../../app/PageHeader';
import { ROLES, type Role, type User } from '../../app/types';
import { useAuth } from '../../app/auth';
import { isAdminRole } from '@gisurg/contracts/auth';

interface UserFormValues {
  username: string;
  password?: string;
  displayName: string;
  role: Role;
  organizationId: string;
  title?: string;
  specialty?: string;
  phone?: string;
  disabled?: boolean;
  unlock?: boolean;
  signOut?: boolean;
}

/**
 * 三员分立 (issue 17): the system administrator manages accounts (create with a clinical role, profile, hospital,
 * disable, reset password); the security administrator changes roles (administrator roles too), unlocks, disables
 * and signs accounts out everywhere. Administrator accounts are the security administrator's.
 */
export function UsersPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const security = can('security:manage');
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<{ q?: string; role?: Role; includeDisabled: boolean }>({ includeDisabled: true });
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<User | 'new' | null>(null);
  const [form] = Form.useForm<UserFormValues>();
  const role = Form.useWatch('role', form);
  const { data, isLoading, error } = useQuery({
    queryKey: ['users', filter, page],
    queryFn: ({ signal }) => adminApi.users({ ...filter, page, pageSize: 50 }, signal),
    placeholderData: keepPreviousData,
  });
  const { data: orgs } = useQuery({
    queryKey: ['organizations', 'all'],
    queryFn: ({ signal }) => adminApi.organizations(signal),
  });
  const orgOptions = (orgs?.items ?? [])
    .filter((o) => (role === 'external_doctor' ? o.kind !== 'home' : o.kind === 'home'))
    .map((o) => ({ value: o.id, label: o.name }));

  // An administrator account (admin, security_admin, audit_admin) is the security administrator's to change.
  const accountOfAdmin = editing !== null && editing !== 'new' && isAdminRole(editing.role);

  const open = (u: User | 'new') => {
    setEditing(u);
    form.resetFields();
    if (u === 'new') form.setFieldsValue({ role: 'surgeon', organizationId: orgs?.items.find((o) => o.kind === 'home')?.id });
    else
      form.setFieldsValue({
        ...u,
        title: u.title ?? '',
        specialty: u.specialty ?? '',
        phone: u.phone ?? '',
        disabled: u.disabled,
        unlock: false,
        signOut: false,
      });
  };

  const save = async () => {
    const v = await form.validateFields();
    try {
      if (security && editing && editing !== 'new') {
        await adminApi.changeUserSecurity(editing.id, {
          version: editing.version,
          ...(v.role !== editing.role ? { role: v.role } : {}),
          ...(v.organizationId !== editing.organizationId ? { organizationId: v.organizationId } : {}),
          ...(v.disabled !== editing.disabled ? { disabled: v.disabled } : {}),
          ...(v.unlock ? { unlock: true } : {}),
          ...(v.signOut ? { signOut: true } : {}),
        });
      } else if (editing === 'new') {
        await adminApi.createUser({
          username: v.username,
          password: v.password ?? '',
          displayName: v.displayName,
          role: v.role,
          organizationId: v.organizationId,
          title: v.title,
          specialty: v.specialty,
          phone: v.phone,
        });
      } else if (editing) {
        await adminApi.updateUser(editing.id, {
          version: editing.version,
          displayName: v.displayName,
          organizationId: v.organizationId,
          title: v.title,
          specialty: v.specialty,
          phone: v.phone,
          disabled: v.disabled,
          ...(v.password ? { password: v.password } : {}),
        });
      }
      void message.success(t('common.saved'));
      setEditing(null);
      await queryClient.invalidateQueries({ queryKey: ['users'] });
    } catch (e) {
      if (!applyServerErrors(form, e, i18n.language).placed) void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <>
      <PageHeader
        title={t('nav.users')}
        crumbs={[{ label: t('nav.adminGroup') }, { label: t('nav.users') }]}
        extra={
          can('user:manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="new-user">
              {t('user.new')}
            </Button>
          )
        }
      />
      <Space style={{ marginBottom: 16 }} wrap>
        <Input.Search
          allowClear
          placeholder={t('user.searchPlaceholder')}
          onSearch={(q) => {
            setPage(1);
            setFilter((f) => ({ ...f, q: q || undefined }));
          }}
          style={{ width: 260 }}
        />
        <Select
          allowClear
          placeholder={t('user.role')}
          style={{ width: 160 }}
          options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          onChange={(r?: Role) => {
            setPage(1);
            setFilter((f) => ({ ...f, role: r }));
          }}
        />
      </Space>
      <ErrorAlert error={error} />
      <Table<User>
        size="small"
        rowKey="id"
        loading={isLoading}
        dataSource={data?.items ?? []}
        onRow={(r) => ({ onClick: () => open(r), style: { cursor: 'pointer' } })}
        pagination={{
          current: page,
          pageSize: 50,
          total: data?.total ?? 0,
          onChange: setPage,
          showTotal: (total) => t('common.total', { total }),
        }}
        columns={[
          { title: t('user.username'), dataIndex: 'username' },
          { title: t('user.displayName'), dataIndex: 'displayName' },
          { title: t('user.role'), dataIndex: 'role', render: (r: Role) => t(`role.${r}`) },
          { title: t('user.organization'), dataIndex: 'organizationName' },
          { title: t('user.title'), dataIndex: 'title' },
          {
            title: t('common.status'),
            render: (_v, u) => (
              <Space size={4}>
                {u.disabled ? <Tag>{t('common.disabled')}</Tag> : <Tag color="green">{t('common.active')}</Tag>}
                {u.locked && <Tag color="red">{t('user.locked')}</Tag>}
              </Space>
            ),
          },
          { title: t('user.lastLogin'), dataIndex: 'lastLoginAt', render: (v: string | null) => formatDateTime(v) },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('user.new') : t('user.edit')}
        onOk={() => void save()}
        okButtonProps={{ disabled: !security && accountOfAdmin }}
        onCancel={() => setEditing(null)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
        forceRender
        width={720}
      >
        <Form form={form} layout="vertical" className="gisurg-two-columns" disabled={!security && accountOfAdmin}>
          <Form.Item name="username" label={t('user.username')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input disabled={editing !== 'new'} maxLength={32} />
          </Form.Item>
          <Form.Item
            hidden={security}
            name="password"
            label={editing === 'new' ? t('auth.password') : t('user.resetPassword')}
            rules={editing === 'new' ? [{ required: true, message: t('validation.required') }] : []}
            extra={t('auth.passwordPolicy')}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
          <Form.Item name="displayName" label={t('user.displayName')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input maxLength={50} disabled={security} />
          </Form.Item>
          <Form.Item
            name="role"
            label={t('user.role')}
            rules={[{ required: true }]}
            extra={!security && editing !== 'new' ? t('user.securityHint') : undefined}
          >
            <Select
              disabled={!security && editing !== 'new'}
              options={ROLES.filter((r) => security || !isAdminRole(r)).map((r) => ({ value: r, label: t(`role.${r}`) }))}
              onChange={(r: Role) => {
                // Staff belong to the home hospital; external doctors pick their hospital.
                const home = orgs?.items.find((o) => o.kind === 'home')?.id;
                const current = form.getFieldValue('organizationId') as string | undefined;
                const currentIsHome = current !== undefined && current === home;
                if (r === 'external_doctor' && currentIsHome) form.setFieldValue('organizationId', undefined);
                if (r !== 'external_doctor' && !currentIsHome) form.setFieldValue('organizationId', home);
              }}
            />
          </Form.Item>
          <Form.Item name="organizationId" label={t('user.organization')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} options={orgOptions} />
          </Form.Item>
          <Form.Item name="title" label={t('user.title')} hidden={security}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="specialty" label={t('user.specialty')} hidden={security}>
            <Input maxLength={30} />
          </Form.Item>
          <Form.Item name="phone" label={t('patient.phone')} hidden={security}>
            <Input maxLength={30} />
          </Form.Item>
          {editing !== 'new' && (
            <Space size="large">
              <Form.Item name="disabled" label={t('common.disabled')} valuePropName="checked" extra={t('user.disableHint')}>
                <Switch />
              </Form.Item>
              {security && editing?.locked && (
                <Form.Item name="unlock" label={t('user.unlock')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              )}
              {security && (
                <Form.Item name="signOut" label={t('user.signOut')} valuePropName="checked">
                  <Switch />
                </Form.Item>
              )}
            </Space>
          )}
          {security && editing && editing !== 'new' && (
            // MFA and sessions (issue 17): immediate actions of the security administrator, each audited.
            <Space style={{ marginTop: 8 }} wrap>
              <Typography.Text>
                {t('mfa.title')}
                {colon()}
                {editing.mfaEnrolled ? t('mfa.on') : t('mfa.off')}
              </Typography.Text>
              <Popconfirm
                title={t('user.resetMfaConfirm')}
                disabled={!editing.mfaEnrolled}
                onConfirm={() => {
                  void (async () => {
                    await adminApi.resetMfa(editing.id);
                    void message.success(t('user.mfaResetDone'));
                    setEditing(null);
                    await queryClient.invalidateQueries({ queryKey: ['users'] });
                  })();
                }}
              >
                <Button danger disabled={!editing.mfaEnrolled} data-testid="user-reset-mfa">
                  {t('user.resetMfa')}
                </Button>
              </Popconfirm>
              <Popconfirm
                title={t('user.endSessionsConfirm')}
                onConfirm={() => {
                  void (async () => {
                    const r = await adminApi.endSessions(editing.id);
                    void message.success(t('sessions.revoked', { count: r.revoked }));
                  })();
                }}
              >
                <Button data-testid="user-end-sessions">{t('user.endSessions')}</Button>
              </Popconfirm>
            </Space>
          )}
        </Form>
      </Modal>
    </>
  );
}
