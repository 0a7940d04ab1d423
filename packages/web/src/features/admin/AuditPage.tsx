import { useState } from 'react';
import { App, Button, Card, DatePicker, Form, Select, Space, Tooltip } from 'antd';
import { DownloadOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { AUDIT_OUTCOMES } from '@gisurg/contracts/audit';
import { adminApi } from './api';
import { PageHeader } from '../../app/PageHeader';
import { AuditTable, type AuditFilters } from '../../app/components/AuditTable';
import { PatientPicker } from '../../app/components/PatientPicker';
import { qs } from '../../app/api';

/** The patient filter: a picker by name, pinyin or 住院号 (not a UUID to paste), clearable. */
function PatientPickerBox({ value, onChange }: { value?: string; onChange?: (id: string | undefined) => void }) {
  return (
    <Space.Compact style={{ width: 260 }}>
      <PatientPicker value={value} onChange={(id) => onChange?.(id)} />
      {value && <Button onClick={() => onChange?.(undefined)}>×</Button>}
    </Space.Compact>
  );
}

const ACTIONS = [
  'auth.login',
  'auth.logout',
  'auth.session_expired',
  'auth.password_change',
  'access.denied',
  'patient.list',
  'patient.read',
  'patient.create',
  'patient.update',
  'user.create',
  'user.update',
  'organization.create',
  'organization.update',
  'audit.read',
  'audit.verify',
  'audit.export',
];

/** Administrators read the audit log: filter by user, patient, action, outcome and time; verify the hash chain. */
export function AuditPage() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [verifying, setVerifying] = useState(false);
  const { data: users } = useQuery({
    queryKey: ['users', 'all'],
    queryFn: ({ signal }) => adminApi.users({ pageSize: 100, includeDisabled: true }, signal),
  });

  const apply = (v: {
    actorId?: string;
    patientId?: string;
    action?: string;
    outcome?: AuditFilters['outcome'];
    range?: [Dayjs, Dayjs] | null;
  }) =>
    setFilters({
      actorId: v.actorId,
      patientId: v.patientId || undefined,
      action: v.action,
      outcome: v.outcome,
      from: v.range?.[0]?.format('YYYY-MM-DD'),
      to: v.range?.[1]?.format('YYYY-MM-DD'),
    });

  const verify = async () => {
    setVerifying(true);
    try {
      const r = await adminApi.verifyAudit();
      if (r.ok) modal.success({ title: t('audit.verifyOk'), content: t('audit.verifyOkDetail', { n: r.sealedRows }) });
      else modal.error({ title: t('audit.verifyBroken'), content: r.problem?.message });
    } finally {
      setVerifying(false);
    }
  };

  return (
    <>
      <PageHeader
        title={t('nav.audit')}
        crumbs={[{ label: t('nav.adminGroup') }, { label: t('nav.audit') }]}
        extra={
          <Button icon={<SafetyCertificateOutlined />} onClick={() => void verify()} loading={verifying}>
            {t('audit.verify')}
          </Button>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="inline" onFinish={apply}>
          <Form.Item name="actorId" label={t('audit.actor')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: 180 }}
              options={(users?.items ?? []).map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
            />
          </Form.Item>
          <Form.Item name="patientId" label={t('audit.patient')}>
            <PatientPickerBox />
          </Form.Item>
          <Form.Item name="action" label={t('audit.action')}>
            <Select allowClear style={{ width: 180 }} options={ACTIONS.map((a) => ({ value: a, label: t(`auditAction.${a}`) }))} />
          </Form.Item>
          <Form.Item name="outcome" label={t('audit.outcome')}>
            <Select
              allowClear
              style={{ width: 120 }}
              options={AUDIT_OUTCOMES.filter((o) => o !== 'error').map((o) => ({ value: o, label: t(`outcome.${o}`) }))}
            />
          </Form.Item>
          <Form.Item name="range" label={t('audit.period')}>
            <DatePicker.RangePicker format="YYYY-MM-DD" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit">
              {t('common.search')}
            </Button>
            <Tooltip title={t('audit.exportHint')}>
              <Button icon={<DownloadOutlined />} href={`/api/audit/export.csv${qs({ ...filters })}`} data-testid="audit-csv">
                {t('audit.exportCsv')}
              </Button>
            </Tooltip>
          </Space>
        </Form>
      </Card>
      <AuditTable filters={filters} />
    </>
  );
}
