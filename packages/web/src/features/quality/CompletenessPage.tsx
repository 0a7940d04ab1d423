import { Card, Col, Progress, Row, Skeleton, Space, Statistic, Table, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { percent } from './api';
import { QualityFilters, useQualityParams } from './QualityFilters';
import { useCompleteness, type Completeness, type WorklistRow } from './completeness-api';

type SurgeonRow = Completeness['bySurgeon'][number];

/**
 * Record completeness (issue 12, docs/quality.md): the share of the period's cancer operations whose record holds
 * everything the standardized-care checklist requires, per surgeon, and the worklist of incomplete records
 * (department head: all; surgeon: own; researcher: the rate only, no names).
 */
export function CompletenessPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { from, to, surgeonId } = useQualityParams();
  const q = useCompleteness({ from, to, surgeonId });
  const d = q.data;
  const nameOf = (id: string | null) => d?.bySurgeon.find((s) => s.surgeonId === id)?.displayName ?? '—';
  return (
    <>
      <PageHeader
        title={t('quality.completeness.title')}
        crumbs={[{ label: t('quality.title'), to: '/quality' }, { label: t('quality.completeness.title') }]}
      />
      <QualityFilters testIdPrefix="completeness" period={d} />
      <ErrorAlert error={q.error} />
      {q.isLoading || !d ? (
        <Skeleton active />
      ) : (
        <>
          <Row gutter={16} data-testid="completeness-figures">
            <Col xs={24} md={8}>
              <Card>
                <Space size="large">
                  <Progress
                    type="circle"
                    size={72}
                    percent={d.rate === null ? 0 : Math.round(d.rate * 100)}
                    format={() => percent(d.rate)}
                  />
                  <Statistic title={t('quality.completeness.rate')} value={d.complete} suffix={`/ ${d.total}`} />
                </Space>
              </Card>
            </Col>
            <Col xs={24} md={16}>
              <Card size="small" title={t('quality.completeness.missingByCode')}>
                <Space wrap>
                  {d.missingByCode.map((m) => (
                    <Tag key={m.code} color={m.count > 0 ? 'red' : 'green'}>
                      {t(`quality.completeness.item.${m.code}`)} {m.count}
                    </Tag>
                  ))}
                </Space>
                <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                  {t('quality.completeness.population')}
                </Typography.Paragraph>
              </Card>
            </Col>
          </Row>
          {can('quality:own') && (
            <>
              <Card size="small" style={{ marginTop: 16 }} title={t('quality.completeness.bySurgeon')}>
                <Table<SurgeonRow>
                  rowKey={(r) => r.surgeonId ?? 'none'}
                  size="small"
                  pagination={false}
                  dataSource={d.bySurgeon}
                  data-testid="completeness-surgeons"
                  columns={[
                    { title: t('quality.completeness.col.surgeon'), key: 'name', render: (_, r) => r.displayName ?? '—' },
                    { title: t('quality.completeness.col.complete'), dataIndex: 'complete', align: 'right' },
                    { title: t('quality.completeness.col.total'), dataIndex: 'total', align: 'right' },
                    {
                      title: t('quality.completeness.col.rate'),
                      key: 'rate',
                      align: 'right',
                      render: (_, r) => <strong>{percent(r.total ? r.complete / r.total : null)}</strong>,
                    },
                  ]}
                />
              </Card>
              <Card size="small" style={{ marginTop: 16 }} title={t('quality.completeness.worklist', { count: d.worklist.length })}>
                <Table<WorklistRow>
                  rowKey="operationId"
                  size="small"
                  dataSource={d.worklist}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  data-testid="completeness-worklist"
                  columns={[
                    {
                      title: t('quality.completeness.col.patient'),
                      key: 'patient',
                      render: (_, r) => <Link to={`/patients/${r.patientId}?tab=care`}>{r.name}</Link>,
                    },
                    { title: t('quality.completeness.col.inpatientNo'), key: 'no', render: (_, r) => r.inpatientNo ?? '—' },
                    { title: t('quality.completeness.col.operationDate'), dataIndex: 'operationDate' },
                    { title: t('quality.completeness.col.surgeon'), key: 'surgeon', render: (_, r) => nameOf(r.surgeonId) },
                    {
                      title: t('quality.completeness.col.missing'),
                      key: 'missing',
                      render: (_, r) => (
                        <Space wrap size={4}>
                          {r.missing.map((m) => (
                            <Tag key={m} color="red">
                              {t(`quality.completeness.item.${m}`)}
                            </Tag>
                          ))}
                        </Space>
                      ),
                    },
                  ]}
                />
              </Card>
            </>
          )}
        </>
      )}
    </>
  );
}
