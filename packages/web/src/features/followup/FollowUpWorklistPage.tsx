import { useState } from 'react';
import { App, Badge, Button, Card, Form, Input, Modal, Segmented, Select, Space, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PRO_ALERT_ACTIONS, type ProAlert, type WorklistItem } from '@gisurg/contracts/followup';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { formatDateTime } from '../../app/format';
import { PageHeader } from '../../app/PageHeader';
import { useAlerts, useHandleAlert, useWorklist, type HandleAlert } from './api';
import { FollowUpImportDialog } from './FollowUpImportDialog';
import { ProSettingsDialog } from './ProSettingsDialog';

const SITES = ['colon', 'rectum', 'stomach'] as const;

/** The team's follow-up list: visits overdue or due this week, and questionnaire alerts to act on. */
export function FollowUpWorklistPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [due, setDue] = useState<'overdue' | 'week'>('overdue');
  const [site, setSite] = useState<string | undefined>();
  const list = useWorklist({ due, ...(site ? { site } : {}) });
  const alerts = useAlerts('open');
  const handle = useHandleAlert();
  const [open, setOpen] = useState<ProAlert | null>(null);
  const [form] = Form.useForm<HandleAlert>();
  const { can } = useAuth();
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);

  const save = async (v: HandleAlert) => {
    if (!open) return;
    await handle.mutateAsync({ id: open.id, body: v });
    message.success(t('followup.alerts.handled'));
    setOpen(null);
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
              <Badge count={alerts.data?.items.length ?? 0} />
            </Space>
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
                title: '',
                width: 100,
                render: (_: unknown, a: ProAlert) => (
                  <Button size="small" onClick={() => setOpen(a)}>
                    {t('followup.alerts.handle')}
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
                placeholder={t('followup.worklist.site')}
                style={{ width: 140 }}
                value={site}
                onChange={setSite}
                options={SITES.map((s) => ({ value: s, label: t(`followup.diagnosisSite.${s}`) }))}
              />
              <Segmented
                value={due}
                onChange={(v) => setDue(v as 'overdue' | 'week')}
                options={[
                  { value: 'overdue', label: t('followup.worklist.overdue') },
                  { value: 'week', label: t('followup.worklist.week') },
                ]}
              />
            </Space>
          }
        >
          {list.error && <ErrorAlert error={list.error} />}
          <Table<WorklistItem>
            size="small"
            rowKey={(r) => `${r.planId}-${r.dueDate}`}
            loading={list.isLoading}
            dataSource={list.data?.items ?? []}
            locale={{ emptyText: t('followup.worklist.none') }}
            columns={[
              { title: t('followup.plan.dueDate'), dataIndex: 'dueDate', width: 120 },
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
        </Form>
      </Modal>
    </>
  );
}
