import { Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { MfaEnrolment } from './MfaEnrolment';

/** A role that must use MFA and has not enrolled sees only this (the server answers 403 to everything else). */
export function MfaEnrolmentGate() {
  const { t } = useTranslation();
  const { me, reloadMe, logout } = useAuth();
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', background: '#f7f9fa' }}>
      <div style={{ position: 'absolute', top: 16, right: 16 }}>
        <LanguageSwitch type="default" />
      </div>
      <Card style={{ width: 640 }} title={t('mfa.gateTitle')} data-testid="mfa-gate">
        <Typography.Paragraph>{t('mfa.gateIntro', { role: me ? t(`role.${me.role}`) : '' })}</Typography.Paragraph>
        <MfaEnrolment onDone={() => void reloadMe()} />
        <div style={{ marginTop: 24, textAlign: 'right' }}>
          <Button type="link" onClick={() => void logout()}>
            {t('auth.signOut')}
          </Button>
        </div>
      </Card>
    </div>
  );
}
