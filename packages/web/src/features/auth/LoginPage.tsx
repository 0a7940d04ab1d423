import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api';
import { useAuth } from '../../app/auth';
import { LanguageSwitch } from '../../app/LanguageSwitch';

/** Only same-app paths are followed after sign-in (no open redirect). */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export function LoginPage() {
  const { t } = useTranslation();
  const { me, login, verifyMfa, logout, endReason } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));
  const pending = me?.stage === 'mfa_pending';
  if (me && !pending) return <Navigate to={next} replace />;

  const submit = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const m = await login(v.username, v.password);
      if (m.stage !== 'mfa_pending') void navigate(next, { replace: true });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : t('auth.networkError'));
    } finally {
      setBusy(false);
    }
  };

  // The second step (MFA): a code from the authenticator app, or a recovery code.
  const submitCode = async (v: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      await verifyMfa(v.code.trim());
      void navigate(next, { replace: true });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) await logout();
      setError(e instanceof ApiError ? (e.details.fields?.[0]?.message ?? e.message) : t('auth.networkError'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(160deg, #e8f3ef 0%, #f7f9fa 60%)',
      }}
    >
      <div style={{ position: 'absolute', top: 16, right: 16 }}>
        <LanguageSwitch type="default" />
      </div>
      <Card style={{ width: 380 }}>
        <div style={{ textAlign: 'center', marginBottom: 24 }}>
          <img src="/favicon.svg" alt="" width={40} height={40} />
          <Typography.Title level={3} style={{ margin: '8px 0 0' }}>
            GISurg
          </Typography.Title>
          <Typography.Text type="secondary">{t('app.tagline')}</Typography.Text>
        </div>
        {endReason === 'expired' && <Alert type="warning" showIcon message={t('auth.sessionExpired')} style={{ marginBottom: 16 }} />}
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" />}
        {pending ? (
          <Form layout="vertical" onFinish={(v: { code: string }) => void submitCode(v)} requiredMark={false}>
            <Typography.Paragraph>{t('mfa.signInHint')}</Typography.Paragraph>
            <Form.Item name="code" label={t('mfa.code')} rules={[{ required: true, message: t('validation.required') }]}>
              <Input prefix={<SafetyOutlined />} autoComplete="one-time-code" autoFocus maxLength={19} data-testid="login-mfa-code" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-mfa-submit">
              {t('mfa.verify')}
            </Button>
            <Button type="link" block onClick={() => void logout()} style={{ marginTop: 8 }}>
              {t('common.cancel')}
            </Button>
          </Form>
        ) : (
          <Form layout="vertical" onFinish={(v: { username: string; password: string }) => void submit(v)} requiredMark={false}>
            <Form.Item name="username" label={t('auth.username')} rules={[{ required: true, message: t('validation.required') }]}>
              <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
            </Form.Item>
            <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('validation.required') }]}>
              <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
            </Form.Item>
            <Button type="primary" htmlType="submit" block loading={busy} data-testid="login-submit">
              {t('auth.signIn')}
            </Button>
          </Form>
        )}
      </Card>
    </div>
  );
}
