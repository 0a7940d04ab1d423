import { useState } from 'react';
import { App, Button, Card, Descriptions, Result, Skeleton, Space, Tabs, Tag, Typography } from 'antd';
import { EditOutlined, WarningOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ReasonModal } from '../../app/components/ReasonModal';
import { ErrorAlert } from '../../app/ErrorAlert';
import { colon, formatDateTime, paren } from '../../app/format';
import { PageHeader } from '../../app/PageHeader';
import { AuditTable } from '../../app/components/AuditTable';
import { PATIENT_TABS } from '../../app/patientTabs';
import { patientsApi } from './api';

/** The patient page (UX.md): a header card, then tabs; each clinical feature adds its own tab. */
export function PatientDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  // The open tab is in the URL (?tab=oncology) so it can be linked, printed and reloaded.
  const [search, setSearch] = useSearchParams();
  const {
    data: p,
    error,
    isLoading,
    refetch,
  } = useQuery({ queryKey: ['patients', 'one', id], queryFn: ({ signal }) => patientsApi.get(id, signal) });
  const [breakingGlass, setBreakingGlass] = useState(false);

  if (isLoading) return <Skeleton active />;
  // Not found — perhaps only outside my scope: a treating role may break glass with a reason (ADR 0015).
  if (error instanceof ApiError && error.status === 404 && can('patient:break_glass'))
    return (
      <>
        <Result
          status="404"
          title="404"
          subTitle={t('breakGlass.notFoundHint')}
          extra={
            <Button danger onClick={() => setBreakingGlass(true)} data-testid="break-glass-open">
              {t('breakGlass.action')}
            </Button>
          }
        />
        <ReasonModal
          open={breakingGlass}
          title={t('breakGlass.dialogTitle')}
          placeholder={t('breakGlass.reasonPlaceholder')}
          onCancel={() => setBreakingGlass(false)}
          onOk={async (reason) => {
            try {
              const g = await patientsApi.breakGlass(id, reason);
              setBreakingGlass(false);
              void message.warning(t('breakGlass.granted', { until: formatDateTime(g.expiresAt) }));
              void refetch();
            } catch (e) {
              void message.error(e instanceof ApiError ? (e.details.fields?.[0]?.message ?? e.message) : String(e));
            }
          }}
        />
      </>
    );
  if (error || !p) return <ErrorAlert error={error ?? new Error(t('errors.notFound'))} />;

  const tabs = [
    {
      key: 'profile',
      label: t('patient.tabProfile'),
      children: (
        <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('patient.name')}>{p.name}</Descriptions.Item>
          <Descriptions.Item label={t('patient.sex')}>{t(`sex.${p.sex}`)}</Descriptions.Item>
          <Descriptions.Item label={t('patient.birthDate')}>
            {p.birthDate}
            {paren(t('patient.ageYears', { age: p.age }))}
          </Descriptions.Item>
          <Descriptions.Item label={t('patient.idType')}>{t(`idType.${p.idType}`)}</Descriptions.Item>
          <Descriptions.Item label={t('patient.idNumber')}>{p.idNumber}</Descriptions.Item>
          <Descriptions.Item label={t('patient.inpatientNo')}>{p.inpatientNo}</Descriptions.Item>
          <Descriptions.Item label={t('patient.phone')}>{p.phone}</Descriptions.Item>
          <Descriptions.Item label={t('patient.ethnicity')}>{p.ethnicity}</Descriptions.Item>
          <Descriptions.Item label={t('patient.source')}>{p.sourceOrganizationName ?? t('patient.sourceNone')}</Descriptions.Item>
          <Descriptions.Item label={t('patient.address')} span={3}>
            {p.address}
          </Descriptions.Item>
          <Descriptions.Item label={t('common.updatedAt')}>{formatDateTime(p.updatedAt)}</Descriptions.Item>
          <Descriptions.Item label={t('common.version')}>{p.version}</Descriptions.Item>
        </Descriptions>
      ),
    },
    ...PATIENT_TABS.filter((tab) => can(tab.permission)).map((tab) => ({
      key: tab.key,
      label: t(tab.labelKey),
      children: tab.render(p.id),
    })),
    ...(can('audit:read')
      ? [{ key: 'audit', label: t('patient.tabAudit'), children: <AuditTable fixedFilters={{ patientId: p.id }} /> }]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={p.name}
        crumbs={[{ label: t('nav.patients'), to: '/patients' }, { label: p.name }]}
        extra={
          can('patient:update') && (
            <Button icon={<EditOutlined />} onClick={() => void navigate(`/patients/${p.id}/edit`)} data-testid="edit-patient">
              {t('common.edit')}
            </Button>
          )
        }
      />
      <Card size="small" style={{ marginBottom: 16 }} data-testid="patient-header">
        <Space size="large" wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {p.name}
          </Typography.Title>
          <span>{t(`sex.${p.sex}`)}</span>
          <span>{t('patient.ageYears', { age: p.age })}</span>
          <span>
            {t('patient.inpatientNo')}
            {colon()}
            {p.inpatientNo ?? '—'}
          </span>
          <span>
            {t('patient.idNumber')}
            {colon()}
            {p.idNumber ?? '—'}
          </span>
          {p.sourceOrganizationName && <Tag color="blue">{t('patient.referredBy', { org: p.sourceOrganizationName })}</Tag>}
          {p.allergies && (
            <Tag color="red" icon={<WarningOutlined />}>
              {t('patient.allergyFlag', { allergies: p.allergies })}
            </Tag>
          )}
        </Space>
      </Card>
      <Card size="small">
        <Tabs
          items={tabs}
          activeKey={tabs.some((x) => x.key === search.get('tab')) ? search.get('tab')! : 'profile'}
          onChange={(key) => setSearch(key === 'profile' ? {} : { tab: key }, { replace: true })}
          destroyOnHidden
        />
      </Card>
    </>
  );
}
