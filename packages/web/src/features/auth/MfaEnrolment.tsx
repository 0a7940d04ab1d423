import { useState } from 'react';
import { Alert, Button, Form, Input, QRCode, Space, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { MfaEnrolment as Enrolment } from '@gisurg/contracts/auth';
import { ApiError } from '../../app/api';
import { accountApi } from './api';
import { RecoveryCodesView } from './RecoveryCodes';

/**
 * Enrol an authenticator app (issue 17): a new secret as QR code and text, confirmed with a code; then the ten
 * recovery codes, shown once. `onDone` runs after the user has seen the codes.
 */
export function MfaEnrolment({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const start = async () => {
    setBusy(true);
    setError(null);
    try {
      setEnrolment(await accountApi.startEnrolment());
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const confirm = async (v: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      setCodes((await accountApi.confirmEnrolment(v.code)).recoveryCodes);
    } catch (e) {
      setError(e instanceof ApiError ? (e.details.fields?.[0]?.message ?? e.message) : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <Steps
        size="small"
        current={codes ? 2 : enrolment ? 1 : 0}
        items={[{ title: t('mfa.stepScan') }, { title: t('mfa.stepConfirm') }, { title: t('mfa.stepCodes') }]}
        style={{ marginBottom: 16 }}
      />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="mfa-error" />}
      {!enrolment && (
        <Button type="primary" onClick={() => void start()} loading={busy} data-testid="mfa-start">
          {t('mfa.start')}
        </Button>
      )}
      {enrolment && !codes && (
        <Space align="start" size="large" wrap>
          <QRCode value={enrolment.otpauthUri} size={180} bordered={false} />
          <div style={{ maxWidth: 360 }}>
            <Typography.Paragraph>{t('mfa.scanHint')}</Typography.Paragraph>
            <Typography.Paragraph>
              {t('mfa.secretText')}
              <br />
              <Typography.Text code copyable data-testid="mfa-secret">
                {enrolment.secret}
              </Typography.Text>
            </Typography.Paragraph>
            <Form layout="inline" onFinish={(v: { code: string }) => void confirm(v)}>
              <Form.Item name="code" rules={[{ required: true, message: t('validation.required') }]}>
                <Input
                  placeholder={t('mfa.codePlaceholder')}
                  inputMode="numeric"
                  autoComplete="one-time-code"
                  maxLength={6}
                  data-testid="mfa-confirm-code"
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="mfa-confirm">
                {t('mfa.confirm')}
              </Button>
            </Form>
          </div>
        </Space>
      )}
      {codes && (
        <>
          <RecoveryCodesView codes={codes} />
          <Button type="primary" onClick={onDone} style={{ marginTop: 16 }} data-testid="mfa-done">
            {t('mfa.savedCodes')}
          </Button>
        </>
      )}
    </div>
  );
}
