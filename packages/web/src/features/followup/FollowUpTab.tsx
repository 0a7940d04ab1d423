import { useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CONTACT_METHODS, CONTACT_STATUSES, DEATH_CAUSES, RECURRENCE_SITES, type Contact, type PlanItem } from '@gisurg/contracts/followup';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { applyServerErrors } from '../../app/forms';
import { useAdjustPlan, useFollowUp, useFollowUpSettings, useInvite, useRecordContact, type ContactBody, type ProInvitation } from './api';
import { ProInvitationDialog } from './ProInvitationDialog';

const STATUS_COLOR: Record<string, string> = { planned: 'blue', done: 'green', cancelled: 'default' };
const CONTACT_COLOR: Record<string, string> = { alive_no_disease: 'green', alive_with_disease: 'orange', dead: 'red', lost: 'default' };
const D = 'YYYY-MM-DD';

interface ContactForm {
  date: Dayjs;
  status: ContactBody['status'];
  method: NonNullable<ContactBody['method']>;
  recurrenceDate?: Dayjs;
  recurrenceSite?: NonNullable<ContactBody['recurrence']>['site'];
  deathDate?: Dayjs;
  deathCause?: NonNullable<ContactBody['death']>['cause'];
  notes?: string;
}

/** Patient page tab: the follow-up plan, the contacts, recording a contact and sending the questionnaire link. */
export function FollowUpTab({ patientId }: { patientId: string }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const q = useFollowUp(patientId);
  const record = useRecordContact(patientId);
  const adjust = useAdjustPlan(patientId);
  const invite = useInvite(patientId);
  const [form] = Form.useForm<ContactForm>();
  const [adjustForm] = Form.useForm<{ intervalChoice: 'lower' | 'upper'; reason: string }>();
  const [adjusting, setAdjusting] = useState(false);
  const [sheet, setSheet] = useState<ProInvitation | null>(null);
  const settings = useFollowUpSettings();
  const status = Form.useWatch('status', form);
  const zh = i18n.language !== 'en';

  if (q.isLoading) return null;
  if (q.error) return <ErrorAlert error={q.error} />;
  const { plan, contacts, attempts = [] } = q.data!;

  const submit = async (v: ContactForm) => {
    const body: ContactBody = {
      date: v.date.format(D),
      status: v.status,
      method: v.method,
      ...(v.recurrenceDate && v.recurrenceSite ? { recurrence: { date: v.recurrenceDate.format(D), site: v.recurrenceSite } } : {}),
      ...(v.status === 'dead' && v.deathDate && v.deathCause ? { death: { date: v.deathDate.format(D), cause: v.deathCause } } : {}),
      notes: v.notes ?? null,
    };
    try {
      await record.mutateAsync(body);
      message.success(t('followup.contact.saved'));
      form.resetFields();
    } catch (e) {
      if (!applyServerErrors(form, e, i18n.language).placed) message.error((e as Error).message);
    }
  };

  const saveAdjust = async (v: { intervalChoice: 'lower' | 'upper'; reason: string }) => {
    try {
      await adjust.mutateAsync({ planId: plan.id!, body: { version: plan.version!, intervalChoice: v.intervalChoice, reason: v.reason } });
      setAdjusting(false);
      message.success(t('followup.plan.adjusted'));
    } catch (e) {
      if (!applyServerErrors(adjustForm, e, i18n.language).placed) message.error((e as Error).message);
    }
  };

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        size="small"
        title={t('followup.plan.title')}
        extra={
          plan.id && can('followup:plan') ? (
            <Button size="small" onClick={() => setAdjusting(true)}>
              {t('followup.plan.adjust')}
            </Button>
          ) : null
        }
      >
        {plan.id ? (
          <>
            <Typography.Paragraph type="secondary">
              {t('followup.plan.summary', {
                guideline: t(`followup.guideline.${plan.guideline}`),
                stage: plan.stage,
                start: plan.startDate,
                interval: t(`followup.interval.${plan.intervalChoice}`),
              })}
              {plan.adjustReason ? ` · ${t('followup.plan.reason')}: ${plan.adjustReason}` : ''}
            </Typography.Paragraph>
            <Table<PlanItem>
              size="small"
              rowKey="id"
              dataSource={plan.items}
              pagination={{ pageSize: 12, hideOnSinglePage: true }}
              columns={[
                { title: t('followup.plan.dueDate'), dataIndex: 'dueDate', width: 120 },
                { title: t('followup.plan.month'), dataIndex: 'monthsAfterSurgery', width: 90 },
                { title: t('followup.plan.kind'), dataIndex: 'kind', render: (k: string) => t(`followup.kind.${k}`) },
                { title: t('followup.plan.note'), dataIndex: 'note', render: (n: PlanItem['note']) => (n ? (zh ? n.zh : n.en) : '') },
                {
                  title: t('followup.plan.status'),
                  dataIndex: 'status',
                  width: 100,
                  render: (s: string) => <Tag color={STATUS_COLOR[s]}>{t(`followup.itemStatus.${s}`)}</Tag>,
                },
              ]}
            />
          </>
        ) : (
          <Alert type="info" showIcon message={t('followup.plan.none')} />
        )}
      </Card>

      <Card size="small" title={t('followup.contact.title')}>
        <Table<Contact>
          size="small"
          rowKey="id"
          dataSource={contacts}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          locale={{ emptyText: t('followup.contact.none') }}
          columns={[
            { title: t('followup.contact.date'), dataIndex: 'date', width: 120 },
            { title: t('followup.contact.method'), dataIndex: 'method', width: 100, render: (m: string) => t(`followup.method.${m}`) },
            {
              title: t('followup.contact.status'),
              dataIndex: 'status',
              render: (s: string) => <Tag color={CONTACT_COLOR[s]}>{t(`followup.status.${s}`)}</Tag>,
            },
            {
              title: t('followup.contact.details'),
              render: (_: unknown, c: Contact) =>
                [
                  c.recurrence
                    ? `${t('followup.contact.recurrence')} ${c.recurrence.date} ${t(`followup.site.${c.recurrence.site}`)}`
                    : null,
                  c.death ? `${t('followup.contact.death')} ${c.death.date} ${t(`followup.cause.${c.death.cause}`)}` : null,
                  c.notes,
                ]
                  .filter(Boolean)
                  .join(' · '),
            },
            { title: t('followup.contact.by'), dataIndex: 'recordedBy', width: 120 },
          ]}
        />
        {attempts.length > 0 && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }} data-testid="failed-attempt-list">
            {t('followup.attempts.list', {
              list: attempts.map((a) => [a.date, t(`followup.method.${a.method}`), a.notes].filter(Boolean).join(' ')).join(' / '),
            })}
          </Typography.Paragraph>
        )}
      </Card>

      {can('followup:write') && (
        <Card size="small" title={t('followup.contact.record')}>
          <Form<ContactForm>
            form={form}
            layout="inline"
            initialValues={{ date: dayjs(), status: 'alive_no_disease', method: 'phone' }}
            onFinish={(v) => void submit(v)}
            style={{ rowGap: 8 }}
          >
            <Form.Item name="date" label={t('followup.contact.date')} rules={[{ required: true }]}>
              <DatePicker format={D} />
            </Form.Item>
            <Form.Item name="method" label={t('followup.contact.method')}>
              <Select style={{ width: 110 }} options={CONTACT_METHODS.map((m) => ({ value: m, label: t(`followup.method.${m}`) }))} />
            </Form.Item>
            <Form.Item name="status" label={t('followup.contact.status')}>
              <Select style={{ width: 150 }} options={CONTACT_STATUSES.map((s) => ({ value: s, label: t(`followup.status.${s}`) }))} />
            </Form.Item>
            {status === 'alive_with_disease' && (
              <>
                <Form.Item name="recurrenceDate" label={t('followup.contact.recurrence')} rules={[{ required: true }]}>
                  <DatePicker format={D} />
                </Form.Item>
                <Form.Item name="recurrenceSite" label={t('followup.contact.site')} rules={[{ required: true }]}>
                  <Select style={{ width: 130 }} options={RECURRENCE_SITES.map((s) => ({ value: s, label: t(`followup.site.${s}`) }))} />
                </Form.Item>
              </>
            )}
            {status === 'dead' && (
              <>
                <Form.Item name="deathDate" label={t('followup.contact.death')} rules={[{ required: true }]}>
                  <DatePicker format={D} />
                </Form.Item>
                <Form.Item name="deathCause" label={t('followup.contact.cause')} rules={[{ required: true }]}>
                  <Select style={{ width: 130 }} options={DEATH_CAUSES.map((c) => ({ value: c, label: t(`followup.cause.${c}`) }))} />
                </Form.Item>
              </>
            )}
            <Form.Item name="notes" label={t('followup.contact.notes')}>
              <Input maxLength={2000} style={{ width: 220 }} />
            </Form.Item>
            <Form.Item>
              <Button type="primary" htmlType="submit" loading={record.isPending}>
                {t('followup.contact.save')}
              </Button>
            </Form.Item>
          </Form>
        </Card>
      )}

      {can('followup:write') && (
        <Card size="small" title={t('followup.pro.title')}>
          <Space direction="vertical">
            <Typography.Text type="secondary">{t('followup.pro.explain')}</Typography.Text>
            <Button
              onClick={() => invite.mutate(undefined, { onSuccess: (inv) => setSheet(inv) })}
              loading={invite.isPending}
              data-testid="pro-create"
            >
              {t('followup.pro.create')}
            </Button>
            {invite.data && (
              <Button type="link" onClick={() => setSheet(invite.data)} style={{ padding: 0 }}>
                {t('followup.pro.showSheet', { at: invite.data.expiresAt.slice(0, 10) })}
              </Button>
            )}
            {invite.error && <ErrorAlert error={invite.error} />}
          </Space>
        </Card>
      )}

      <ProInvitationDialog invitation={sheet} days={settings.data?.proDays ?? []} onClose={() => setSheet(null)} />

      <Modal
        open={adjusting}
        title={t('followup.plan.adjust')}
        onCancel={() => setAdjusting(false)}
        onOk={() => adjustForm.submit()}
        confirmLoading={adjust.isPending}
        destroyOnHidden
      >
        <Form
          form={adjustForm}
          layout="vertical"
          initialValues={{ intervalChoice: plan.intervalChoice ?? 'lower' }}
          onFinish={(v) => void saveAdjust(v)}
        >
          <Form.Item name="intervalChoice" label={t('followup.plan.interval')}>
            <Radio.Group
              options={[
                { value: 'lower', label: t('followup.interval.lower') },
                { value: 'upper', label: t('followup.interval.upper') },
              ]}
            />
          </Form.Item>
          <Form.Item name="reason" label={t('followup.plan.reason')} rules={[{ required: true, min: 2 }]}>
            <Input.TextArea maxLength={500} rows={2} />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
