import { useEffect, useState } from 'react';
import { Alert, Button, Card, Input, Result, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { publicApi, rememberedCode, type CheckedIn, type CheckInSession } from './api';

/**
 * Check-in at the door (docs/education.md): the attendee scans the session's QR code, which opens
 * `/checkin#<token>` on their phone; the confirmation code is filled in when this phone registered, else
 * typed. No account; a bad link shows "not found".
 */
export function CheckInPage() {
  const { t } = useTranslation();
  const [token] = useState(() => window.location.hash.replace(/^#/, ''));
  const [session, setSession] = useState<CheckInSession | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'notFound' | 'error'>('loading');
  const [code, setCode] = useState('');
  const [done, setDone] = useState<CheckedIn | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  useEffect(() => {
    if (!token) {
      setState('notFound');
      return;
    }
    publicApi.openCheckIn(token).then(
      (s) => {
        setSession(s);
        setCode(rememberedCode(s.eventId) ?? '');
        setState('ready');
      },
      (e: unknown) => setState(e instanceof ApiError && e.status === 404 ? 'notFound' : 'error'),
    );
  }, [token]);

  const submit = async () => {
    setSending(true);
    setProblem(null);
    try {
      setDone(await publicApi.checkIn(token, code.trim()));
    } catch (e) {
      setProblem(e instanceof ApiError ? (e.fields[0]?.message ?? e.message) : String(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <div style={{ maxWidth: 480, margin: '0 auto', padding: 12 }}>
      <div style={{ textAlign: 'right' }}>
        <LanguageSwitch />
      </div>
      {state === 'loading' && <Spin />}
      {state === 'notFound' && <Result status="404" title="404" subTitle={t('education.public.notFound')} />}
      {state === 'error' && <Result status="warning" subTitle={t('education.public.error')} />}
      {state === 'ready' && session && !done && (
        <Card size="small" title={t('education.checkin.title')}>
          <Typography.Paragraph>
            <b>{session.eventTitle}</b>
            <br />
            {session.sessionTitle}
            <br />
            <Typography.Text type="secondary">
              {formatDateTime(session.startsAt)} · {t('education.points', { points: session.credits })}
            </Typography.Text>
          </Typography.Paragraph>
          {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} />}
          <Input
            size="large"
            value={code}
            maxLength={6}
            onChange={(e) => setCode(e.target.value.toUpperCase())}
            placeholder={t('education.checkin.code')}
            style={{ letterSpacing: 4, marginBottom: 12 }}
            data-testid="checkin-code"
          />
          <Button
            type="primary"
            block
            size="large"
            loading={sending}
            disabled={code.trim().length !== 6}
            onClick={() => void submit()}
            data-testid="checkin-submit"
          >
            {t('education.checkin.submit')}
          </Button>
        </Card>
      )}
      {done && (
        <Result
          status="success"
          title={done.alreadyCheckedIn ? t('education.checkin.already') : t('education.checkin.done')}
          subTitle={
            <span data-testid="checkin-result">
              {done.name} · {done.sessionTitle}
              <br />
              {t('education.checkin.credits', { credits: done.credits })}
            </span>
          }
        />
      )}
    </div>
  );
}
