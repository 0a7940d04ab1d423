import { Button, Empty, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { mdtApi, type CaseSummary } from './api';
import { CaseStatusTag, ItemStatusTag, meetingWhen } from './labels';

/** The patient page's MDT tab: the patient's board cases and each tracked plan item's status. */
export function PatientMdtTab({ patientId }: { patientId: string }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { data, error, isLoading } = useQuery({
    queryKey: ['mdt', 'cases', 'patient', patientId],
    queryFn: ({ signal }) => mdtApi.cases({ patientId }, signal),
  });
  return (
    <>
      {can('mdt:submit') && (
        <Button
          icon={<PlusOutlined />}
          style={{ marginBottom: 12 }}
          onClick={() => void navigate(`/mdt/cases/new?patientId=${patientId}`)}
          data-testid="patient-submit-mdt"
        >
          {t('mdt.case.submit')}
        </Button>
      )}
      <ErrorAlert error={error} />
      <Table<CaseSummary>
        size="small"
        rowKey="id"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={false}
        data-testid="patient-mdt-cases"
        locale={{ emptyText: <Empty description={t('mdt.case.noneForPatient')} /> }}
        columns={[
          {
            title: t('mdt.meeting.when'),
            width: 190,
            render: (_v, c) => <Link to={`/mdt/meetings/${c.meeting.id}`}>{meetingWhen(c.meeting.startsAt, i18n.language)}</Link>,
          },
          { title: t('mdt.meeting.tumorGroup'), width: 130, render: (_v, c) => t(`mdt.tumorGroup.${c.meeting.tumorGroup}`) },
          { title: t('mdt.case.question'), render: (_v, c) => <Link to={`/mdt/cases/${c.id}`}>{c.question}</Link> },
          { title: t('common.status'), width: 100, render: (_v, c) => <CaseStatusTag status={c.status} /> },
          {
            title: t('mdt.recommendation.plan'),
            render: (_v, c) =>
              c.items.length ? (
                <Space direction="vertical" size={0}>
                  {c.items.map((i) => (
                    <span key={i.id}>
                      {t(`mdt.itemKind.${i.kind}`)} <Typography.Text type="secondary">{i.dueDate}</Typography.Text>{' '}
                      <ItemStatusTag status={i.status} />
                    </span>
                  ))}
                </Space>
              ) : null,
          },
        ]}
      />
    </>
  );
}
