import { useEffect, useState } from 'react';
import { Alert, Button, Card, Form, Input, List, Result, Spin, Tag, Typography } from 'antd';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { formatDateTime } from '../../app/format';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { applyServerErrors } from '../../app/forms';
import { publicApi, rememberCode, type PublicEvent, type RegisterBody } from './api';

/**
 * Public registration for a forum or teaching class (docs/education.md): no account, phone-sized, outside
 * the shell. Name, hospital, title and mobile number give a confirmation code, which the phone remembers for
 * the door's check-in QR code.
 */
export function RegisterPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [event, setEvent] = useState<PublicEvent | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'notFound' | 'error'>('loading');
  const [code, setCode] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [form] = Form.useForm<RegisterBody>();

  useEffect(() => {
    publicApi.event(id).then(
      (e) => {
        setEvent(e);
        setState('ready');
      },
      (e: unknown) => setState(e instanceof ApiError && (e.status === 404 || e.status === 400) ? 'notFound' : 'error'),
    );
  }, [id]);

  const submit = async (v: RegisterBody) => {
    setSending(true);
    setProblem(null);
    try {
      const out = await publicApi.register(id, v);
      rememberCode(id, out.code);
      setCode(out.code);
    } catch (e) {
      const r = applyServerErrors(form, e, i18n.language);
      if (!r.placed) setProblem(r.rest.join('；'));
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
      {state === 'ready' && event && (
        <>
          <Typography.Title level={4} style={{ marginTop: 0 }}>
            {event.title}
          </Typography.Title>
          <Typography.Paragraph type="secondary">
            {event.startDate} – {event.endDate}
            {event.venue ? ` · ${event.venue}` : ''}
            <br />
            <Tag color="red">
              {t(`education.cmeLevel.${event.cmeLevel}`)} · {t('education.cmeCategory', { category: event.cmeCategory })}
            </Tag>
          </Typography.Paragraph>
          {code ? (
            <Result
              status="success"
              title={t('education.public.registered')}
              subTitle={t('education.public.codeHint')}
              extra={
                <Typography.Title level={2} copyable data-testid="confirmation-code" style={{ letterSpacing: 4 }}>
                  {code}
                </Typography.Title>
              }
            />
          ) : event.registrationOpen ? (
            <Card size="small" title={t('education.public.register')}>
              {problem && <Alert type="error" showIcon message={problem} style={{ marginBottom: 12 }} />}
              <Form<RegisterBody> form={form} layout="vertical" onFinish={(v) => void submit(v)} requiredMark={false}>
                <Form.Item
                  name="name"
                  label={t('education.field.name')}
                  rules={[{ required: true, message: t('education.public.required') }]}
                >
                  <Input maxLength={40} autoComplete="name" data-testid="reg-name" />
                </Form.Item>
                <Form.Item
                  name="hospital"
                  label={t('education.field.hospital')}
                  rules={[{ required: true, message: t('education.public.required') }]}
                >
                  <Input maxLength={100} autoComplete="organization" data-testid="reg-hospital" />
                </Form.Item>
                <Form.Item
                  name="title"
                  label={t('education.field.title')}
                  rules={[{ required: true, message: t('education.public.required') }]}
                >
                  <Input maxLength={40} placeholder={t('education.public.titlePlaceholder')} data-testid="reg-title" />
                </Form.Item>
                <Form.Item
                  name="phone"
                  label={t('education.field.phone')}
                  rules={[{ required: true, message: t('education.public.required') }]}
                >
                  <Input maxLength={11} inputMode="numeric" autoComplete="tel" data-testid="reg-phone" />
                </Form.Item>
                <Button type="primary" htmlType="submit" block size="large" loading={sending} data-testid="reg-submit">
                  {t('education.public.submit')}
                </Button>
              </Form>
            </Card>
          ) : (
            <Alert type="info" showIcon message={t('education.public.closed')} />
          )}
          <List
            header={<b>{t('education.programme')}</b>}
            size="small"
            dataSource={event.sessions}
            style={{ marginTop: 16 }}
            renderItem={(s) => (
              <List.Item>
                <List.Item.Meta
                  title={s.title}
                  description={`${formatDateTime(s.startsAt)} · ${s.speakers ?? ''} · ${t('education.points', { points: s.credits })}`}
                />
              </List.Item>
            )}
          />
        </>
      )}
    </div>
  );
}
