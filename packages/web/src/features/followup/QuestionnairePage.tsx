import { useEffect, useState } from 'react';
import { Button, Card, Form, Input, Radio, Result, Slider, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { LanguageSwitch } from '../../app/LanguageSwitch';
import { proApi, type ProAnswers } from './api';

type State = 'loading' | 'ready' | 'notFound' | 'sent' | 'error';

/**
 * The patient's questionnaire after discharge (docs/follow-up.md): public, phone-sized, outside the shell.
 * The token is in the URL fragment (never sent to the server by the browser with the page request); the page
 * posts it with the answers. Any bad link shows the same plain "not found".
 */
export function QuestionnairePage() {
  const { t } = useTranslation();
  const [token] = useState(() => window.location.hash.replace(/^#/, ''));
  const [state, setState] = useState<State>('loading');
  const [sending, setSending] = useState(false);
  const [days, setDays] = useState<number[]>([]);
  const [form] = Form.useForm<ProAnswers>();

  useEffect(() => {
    if (!token) {
      setState('notFound');
      return;
    }
    proApi.open(token).then(
      (q) => {
        setDays(q.days);
        setState('ready');
      },
      (e: unknown) => setState(e instanceof ApiError && e.status === 404 ? 'notFound' : 'error'),
    );
  }, [token]);

  const submit = async (v: ProAnswers) => {
    setSending(true);
    try {
      await proApi.answer(token, { ...v, comment: v.comment ?? null });
      setState('sent');
    } catch (e) {
      setState(e instanceof ApiError && e.status === 404 ? 'notFound' : 'error');
    } finally {
      setSending(false);
    }
  };

  const yesNo = (
    <Radio.Group
      optionType="button"
      options={[
        { value: false, label: t('followup.pro.no') },
        { value: true, label: t('followup.pro.yes') },
      ]}
    />
  );
  return (
    <div style={{ maxWidth: 480, margin: '0 auto', padding: 12 }}>
      <div style={{ textAlign: 'right' }}>
        <LanguageSwitch />
      </div>
      {state === 'loading' && <Spin />}
      {state === 'notFound' && <Result status="404" title="404" subTitle={t('followup.pro.notFound')} />}
      {state === 'error' && <Result status="warning" subTitle={t('followup.pro.error')} />}
      {state === 'sent' && <Result status="success" title={t('followup.pro.thanks')} subTitle={t('followup.pro.thanksDetail')} />}
      {state === 'ready' && (
        <Card title={t('followup.pro.heading')} size="small">
          {days.length > 0 && (
            <Typography.Paragraph>{t('followup.pro.schedule', { days: days.join(t('followup.pro.daysSeparator')) })}</Typography.Paragraph>
          )}
          <Typography.Paragraph type="secondary">{t('followup.pro.intro')}</Typography.Paragraph>
          <Form<ProAnswers>
            form={form}
            layout="vertical"
            onFinish={(v) => void submit(v)}
            initialValues={{ pain: 0, fever: false, vomiting: false, eating: 'normal', stool: 'normal', wound: false, breathless: false }}
          >
            <Form.Item name="pain" label={t('followup.pro.q.pain')}>
              <Slider min={0} max={10} marks={{ 0: '0', 5: '5', 10: '10' }} data-testid="pro-pain" />
            </Form.Item>
            <Form.Item name="fever" label={t('followup.pro.q.fever')}>
              {yesNo}
            </Form.Item>
            <Form.Item name="vomiting" label={t('followup.pro.q.vomiting')}>
              {yesNo}
            </Form.Item>
            <Form.Item name="eating" label={t('followup.pro.q.eating')}>
              <Radio.Group
                optionType="button"
                options={(['normal', 'less', 'none'] as const).map((v) => ({ value: v, label: t(`followup.pro.eating.${v}`) }))}
              />
            </Form.Item>
            <Form.Item name="stool" label={t('followup.pro.q.stool')}>
              <Radio.Group
                options={(['normal', 'none', 'diarrhoea', 'high_output'] as const).map((v) => ({
                  value: v,
                  label: t(`followup.pro.stool.${v}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="wound" label={t('followup.pro.q.wound')}>
              {yesNo}
            </Form.Item>
            <Form.Item name="breathless" label={t('followup.pro.q.breathless')}>
              {yesNo}
            </Form.Item>
            <Form.Item name="comment" label={t('followup.pro.q.comment')}>
              <Input.TextArea maxLength={1000} rows={3} />
            </Form.Item>
            <Button type="primary" htmlType="submit" block size="large" loading={sending}>
              {t('followup.pro.submit')}
            </Button>
          </Form>
        </Card>
      )}
    </div>
  );
}
