import { useState } from 'react';
import { App, Badge, Button, Card, Form, Input, Modal, Popconfirm, Segmented, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PRO_ALERT_ACTIONS, type ProAlert, type WorklistItem } from '@gisurg/contracts/followup';
import { hospitalToday } from '../../app/format';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useSurgeons } from '../../app/components/useSurgeons';
import { applyServerErrors } from '../../app/forms';
import { formatDateTime } from '../../app/format';
import { PageHeader } from '../../app/PageHeader';
import { AlertLinkDialog, AlertLinkFields, AlertLinkTags } from './AlertLinks';
import { useAlerts, useHandleAlert, useRecordAttempt, useWorklist, type HandleAlert } from './api';
import { FollowUpImportDialog } from './FollowUpImportDialog';
import { ProSettingsDialog } from './ProSettingsDialog';

const SITES = ['colon', 'rectum', 'stomach'] as const;

type Due = 'overdue' | 'week' | 'not_seen';

/**
 * The team's follow-up list: visits overdue or due this week, patients not seen for longer than their plan allows
 * (with failed contact attempts counted), and questionnaire alerts to act on and link to a readmission or
 * complication.
 */
export function FollowUpWorklistPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [due, setDue] = useState<Due>('overdue');
  const [site, setSite] = useState<string | undefined>();
  const [surgeonId, setSurgeonId] = useState<string | undefined>();
  const surgeons = useSurgeons();
  const list = useWorklist({ due, ...(site ? { site } : {}), ...(surgeonId ? { surgeonId } : {}) });
  const [alertStatus, setAlertStatus] = useState<'open' | 'all'>('open');
  const alerts = useAlerts(alertStatus);
  const handle = useHandleAlert();
  const attempt = useRecordAttempt();
  const [open, setOpen] = useState<ProAlert | null>(null);
  const [linking, setLinking] = useState<ProAlert | null>(null);
  const [form] = Form.useForm<HandleAlert>();
  const { can } = useAuth();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);

  const save = async (v: HandleAlert) => {
    if (!open) return;
    try {
      await handle.mutateAsync({ id: open.id, body: v });
      message.success(t('followup.alerts.handled'));
      setOpen(null);
    } catch (e) {
      if (!applyServerErrors(form, e, i18n.language).placed) message.error((e as Error).message);
    }
  };
  const failedAttempt = async (r: WorklistItem) => {
    const res = await attempt.mutateAsync({ patientId: r.patientId, body: { date: hospitalToday(), method: 'phone' } });
    if (res.lostContactId) message.warning(t('followup.attempts.lost', { name: r.name, count: res.attempts }));
    else message.success(t('followup.attempts.recorded', { name: r.name, count: res.attempts }));
  };

  return (
    <>
      <PageHeader
        title={t('followup.nav.worklist')}
        extra={
          <Space>
            {can('followup:write') && (
              <Button onClick={() => setImportOpen(true)} data-testid="followup-import">
                {t('followup.import.button')}
              </Button>
            )}
            {can('followup:settings') && (
              <Button onClick={() => setSettingsOpen(true)} data-testid="pro-settings">
                {t('followup.settings.title')}
              </Button>
            )}
          </Space>
        }
      />
      <ProSettingsDialog open={settingsOpen} onClose={() => setSettingsOpen(false)} />
      <FollowUpImportDialog open={importOpen} onClose={() => setImportOpen(false)} />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card
          size="small"
          title={
            <Space>
              {t('followup.alerts.title')}
              <Badge count={alertStatus === 'open' ? (alerts.data?.items.length ?? 0) : 0} />
            </Space>
          }
          extra={
            <Segmented
              data-testid="alert-status"
              value={alertStatus}
              onChange={(v) => setAlertStatus(v as 'open' | 'all')}
              options={[
                { value: 'open', label: t('followup.alerts.open') },
                { value: 'all', label: t('followup.alerts.all') },
              ]}
            />
          }
        >
          {alerts.error && <ErrorAlert error={alerts.error} />}
          <Table<ProAlert>
            size="small"
            rowKey="id"
            data-testid="pro-alerts"
            loading={alerts.isLoading}
            dataSource={alerts.data?.items ?? []}
            pagination={false}
            locale={{ emptyText: t('followup.alerts.none') }}
            columns={[
              { title: t('followup.alerts.submittedAt'), dataIndex: 'submittedAt', width: 160, render: (s: string) => formatDateTime(s) },
              {
                title: t('followup.worklist.patient'),
                render: (_: unknown, a: ProAlert) => <Link to={`/patients/${a.patientId}?tab=followup`}>{a.name}</Link>,
              },
              { title: t('followup.worklist.inpatientNo'), dataIndex: 'inpatientNo', width: 120 },
              {
                title: t('followup.alerts.reasons'),
                render: (_: unknown, a: ProAlert) =>
                  a.reasons.map((r) => (
                    <Tag color="red" key={r}>
                      {t(`followup.pro.q.${r}`)}
                      {r === 'pain' ? ` ${String(a.answers.pain)}/10` : ''}
                    </Tag>
                  )),
              },
              {
                title: t('followup.pro.q.comment'),
                render: (_: unknown, a: ProAlert) => (typeof a.answers.comment === 'string' ? a.answers.comment : ''),
              },
              {
                title: t('followup.alerts.action'),
                render: (_: unknown, a: ProAlert) => (
                  <Space orientation="vertical" size={2}>
                    {a.action && <Tag>{t(`followup.alerts.actions.${a.action}`)}</Tag>}
                    <AlertLinkTags alert={a} />
                  </Space>
                ),
              },
              {
                title: '',
                width: 100,
                render: (_: unknown, a: ProAlert) =>
                  a.status === 'open' ? (
                    <Button size="small" onClick={() => setOpen(a)}>
                      {t('followup.alerts.handle')}
                    </Button>
                  ) : (
                    <Button size="small" onClick={() => setLinking(a)} data-testid="alert-link">
                      {t('followup.alerts.links.button')}
                    </Button>
                  ),
              },
            ]}
          />
        </Card>
        <Card
          size="small"
          title={t('followup.worklist.title')}
          extra={
            <Space>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder={t('followup.worklist.surgeon')}
                style={{ width: 140 }}
                value={surgeonId}
                onChange={setSurgeonId}
                data-testid="worklist-surgeon"
                options={surgeons.map((u) => ({ value: u.id, label: u.displayName }))}
              />
              <Select
                allowClear
                placeholder={t('followup.worklist.site')}
                style={{ width: 140 }}
                value={site}
                onChange={setSite}
                options={SITES.map((s) => ({ value: s, label: t(`followup.diagnosisSite.${s}`) }))}
              />
              <Segmented
                value={due}
                onChange={(v) => setDue(v as Due)}
                data-testid="worklist-due"
                options={[
                  { value: 'overdue', label: t('followup.worklist.overdue') },
                  { value: 'week', label: t('followup.worklist.week') },
                  { value: 'not_seen', label: t('followup.worklist.notSeen') },
                ]}
              />
            </Space>
          }
        >
          {list.error && <ErrorAlert error={list.error} />}
          <Table<WorklistItem>
            data-testid="worklist"
            size="small"
            rowKey={(r) => `${r.planId}-${r.dueDate}`}
            loading={list.isLoading}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('followup.worklist.none') }}
            columns={[
              {
                title: due === 'not_seen' ? t('followup.worklist.seenBy') : t('followup.plan.dueDate'),
                dataIndex: 'dueDate',
                width: 120,
              },
              ...(due === 'not_seen'
                ? [
                    {
                      title: t('followup.worklist.allowedGap'),
                      dataIndex: 'allowedGapDays',
                      width: 110,
                      render: (n: number | null) => (n === null ? null : t('followup.worklist.days', { count: n })),
                    },
                  ]
                : []),
              {
                title: t('followup.worklist.overdueDays'),
                dataIndex: 'overdueDays',
                width: 100,
                render: (n: number) => (n > 0 ? <Tag color={n > 30 ? 'red' : 'orange'}>{n}</Tag> : null),
              },
              {
                title: t('followup.worklist.patient'),
                render: (_: unknown, r: WorklistItem) => <Link to={`/patients/${r.patientId}?tab=followup`}>{r.name}</Link>,
              },
              { title: t('followup.worklist.inpatientNo'), dataIndex: 'inpatientNo', width: 120 },
              {
                title: t('followup.worklist.site'),
                render: (_: unknown, r: WorklistItem) => `${t(`followup.diagnosisSite.${r.site}`)} ${r.stage}`,
              },
              {
                title: t('followup.plan.kind'),
                render: (_: unknown, r: WorklistItem) => r.kinds.map((k) => t(`followup.kind.${k}`)).join('、'),
              },
              { title: t('followup.worklist.lastContact'), dataIndex: 'lastContactDate', width: 120 },
              { title: t('followup.worklist.surgeon'), dataIndex: 'surgeonName', width: 110 },
              {
                title: t('followup.attempts.title'),
                dataIndex: 'failedAttempts',
                width: 150,
                render: (n: number, r: WorklistItem) => (
                  <Space size={4}>
                    {n > 0 && (
                      <Tag color="volcano" data-testid="failed-attempts">
                        {t('followup.attempts.count', { count: n })}
                      </Tag>
                    )}
                    {can('followup:write') && (
                      <Popconfirm
                        title={t('followup.attempts.confirm', { name: r.name })}
                        onConfirm={() => void failedAttempt(r)}
                        okText={t('followup.attempts.record')}
                      >
                        <Button size="small" data-testid="record-attempt">
                          {t('followup.attempts.record')}
                        </Button>
                      </Popconfirm>
                    )}
                  </Space>
                ),
              },
            ]}
          />
        </Card>
      </Space>
      <Modal
        open={open !== null}
        title={t('followup.alerts.handle')}
        onCancel={() => setOpen(null)}
        onOk={() => form.submit()}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" onFinish={(v) => void save(v)} initialValues={{ action: 'phone_advice' }}>
          <Form.Item name="action" label={t('followup.alerts.action')}>
            <Select options={PRO_ALERT_ACTIONS.map((a) => ({ value: a, label: t(`followup.alerts.actions.${a}`) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('followup.contact.notes')}>
            <Input.TextArea maxLength={1000} rows={2} />
          </Form.Item>
          {open && <AlertLinkFields alertId={open.id} />}
        </Form>
      </Modal>
      <AlertLinkDialog alert={linking} onClose={() => setLinking(null)} />
    </>
  );
}
