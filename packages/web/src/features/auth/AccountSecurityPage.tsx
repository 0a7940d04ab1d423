import { useEffect, useState } from 'react';
import { App, Alert, Button, Card, Form, Input, Modal, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SessionItem } from '@gisurg/contracts/auth';
import { ApiError } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { formatDateTime } from '../../app/format';
import { PageHeader } from '../../app/PageHeader';
import { accountApi } from './api';
import { MfaEnrolment } from './MfaEnrolment';
import { RecoveryCodesView } from './RecoveryCodes';

/** My account's security (issue 17): two-factor authentication, recovery codes, where I am signed in. */
export function AccountSecurityPage() {
  const { t } = useTranslation();
  const { me, reloadMe } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [enrolling, setEnrolling] = useState(false);
  const [regenerating, setRegenerating] = useState(false);
  const [newCodes, setNewCodes] = useState<string[] | null>(null);
  const [codeError, setCodeError] = useState<string | null>(null);
  // Recovery codes left may have changed elsewhere (another sign-in): read `me` again when the page opens.
  useEffect(() => {
    void reloadMe();
  }, [reloadMe]);
  const sessions = useQuery({ queryKey: ['account', 'sessions'], queryFn: ({ signal }) => accountApi.sessions(signal) });
  if (!me) return null;

  const refreshSessions = () => queryClient.invalidateQueries({ queryKey: ['account', 'sessions'] });
  const revokeAll = async (includeCurrent: boolean) => {
    const r = await accountApi.revokeAll(includeCurrent);
    void message.success(t('sessions.revoked', { count: r.revoked }));
    if (includeCurrent) {
      // This session has ended too: back to sign-in.
      queryClient.clear();
      window.location.assign('/login');
      return;
    }
    void refreshSessions();
  };
  const regenerate = async (v: { code: string }) => {
    setCodeError(null);
    try {
      setNewCodes((await accountApi.newRecoveryCodes(v.code)).recoveryCodes);
      void reloadMe();
    } catch (e) {
      setCodeError(e instanceof ApiError ? (e.details.fields?.[0]?.message ?? e.message) : String(e));
    }
  };

  return (
    <>
      <PageHeader title={t('account.title')} />
      <Card title={t('mfa.title')} style={{ marginBottom: 16 }} data-testid="mfa-card">
        {me.mfa.enrolled ? (
          <Space direction="vertical">
            <Space>
              <Tag color="green" data-testid="mfa-status">
                {t('mfa.on')}
              </Tag>
              <Typography.Text type="secondary">{t('mfa.codesLeft', { count: me.mfa.recoveryCodesLeft })}</Typography.Text>
            </Space>
            <Button onClick={() => setRegenerating(true)} data-testid="mfa-new-codes">
              {t('mfa.newCodes')}
            </Button>
          </Space>
        ) : (
          <Space direction="vertical">
            <Space>
              <Tag data-testid="mfa-status">{t('mfa.off')}</Tag>
              {me.mfa.required && <Tag color="red">{t('mfa.required')}</Tag>}
            </Space>
            <Typography.Text type="secondary">{t('mfa.optIn')}</Typography.Text>
            <Button type="primary" onClick={() => setEnrolling(true)} data-testid="mfa-enrol">
              {t('mfa.enrol')}
            </Button>
          </Space>
        )}
      </Card>

      <Card
        title={t('sessions.title')}
        extra={
          <Space>
            <Popconfirm title={t('sessions.othersConfirm')} onConfirm={() => void revokeAll(false)}>
              <Button data-testid="sessions-revoke-others">{t('sessions.revokeOthers')}</Button>
            </Popconfirm>
            <Popconfirm title={t('sessions.allConfirm')} onConfirm={() => void revokeAll(true)}>
              <Button danger data-testid="sessions-revoke-all">
                {t('sessions.revokeAll')}
              </Button>
            </Popconfirm>
          </Space>
        }
      >
        {sessions.error ? <ErrorAlert error={sessions.error} /> : null}
        <Table<SessionItem>
          rowKey="id"
          size="small"
          pagination={false}
          loading={sessions.isLoading}
          dataSource={sessions.data?.items ?? []}
          data-testid="sessions-table"
          columns={[
            { title: t('sessions.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatDateTime(v) },
            { title: t('sessions.lastSeenAt'), dataIndex: 'lastSeenAt', render: (v: string) => formatDateTime(v) },
            { title: t('sessions.ip'), dataIndex: 'clientIp', render: (v: string | null) => v ?? '—' },
            {
              title: t('sessions.userAgent'),
              dataIndex: 'userAgent',
              ellipsis: true,
              render: (v: string | null) => v ?? '—',
            },
            {
              title: '',
              key: 'action',
              width: 160,
              render: (_: unknown, s: SessionItem) =>
                s.current ? (
                  <Tag color="blue">{t('sessions.current')}</Tag>
                ) : (
                  <Popconfirm
                    title={t('sessions.revokeConfirm')}
                    onConfirm={() => {
                      void (async () => {
                        await accountApi.revokeSession(s.id);
                        void refreshSessions();
                      })();
                    }}
                  >
                    <Button size="small" data-testid="session-revoke">
                      {t('sessions.revoke')}
                    </Button>
                  </Popconfirm>
                ),
            },
          ]}
        />
      </Card>

      <Modal open={enrolling} title={t('mfa.enrol')} footer={null} width={680} onCancel={() => setEnrolling(false)} destroyOnHidden>
        <MfaEnrolment
          onDone={() => {
            setEnrolling(false);
            void reloadMe();
          }}
        />
      </Modal>
      <Modal
        open={regenerating}
        title={t('mfa.newCodes')}
        footer={null}
        onCancel={() => {
          setRegenerating(false);
          setNewCodes(null);
          setCodeError(null);
        }}
        destroyOnHidden
      >
        {newCodes ? (
          <RecoveryCodesView codes={newCodes} />
        ) : (
          <>
            <Typography.Paragraph>{t('mfa.newCodesHint')}</Typography.Paragraph>
            {codeError && <Alert type="error" showIcon message={codeError} style={{ marginBottom: 12 }} />}
            <Form layout="inline" onFinish={(v: { code: string }) => void regenerate(v)}>
              <Form.Item name="code" rules={[{ required: true, message: t('validation.required') }]}>
                <Input placeholder={t('mfa.codePlaceholder')} maxLength={6} inputMode="numeric" />
              </Form.Item>
              <Button type="primary" htmlType="submit">
                {t('mfa.confirm')}
              </Button>
            </Form>
          </>
        )}
      </Modal>
    </>
  );
}
