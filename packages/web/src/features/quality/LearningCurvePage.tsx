import { Card, Descriptions, Select, Skeleton, Space, Table, Typography } from 'antd';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LEARNING_OUTCOMES, PROCEDURE_FAMILIES } from '@gisurg/contracts/quality';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { useLearningCurve, useSurgeons, type LearningCurve } from './api';
import { Chart } from './charts';

/**
 * Learning curves (issue 12): the operative-time CUSUM (peak = change point) and the risk-adjusted CUSUM of
 * a failure outcome (Steiner 2000) with its control limit h; the first crossing is marked. The risk model
 * and its coefficients (the department's rate per stratum) are written under the chart.
 */
export function LearningCurvePage() {
  const { t } = useTranslation();
  const { can, me } = useAuth();
  const [params, setParams] = useSearchParams();
  const all = can('quality:all_surgeons');
  const surgeons = useSurgeons(true);
  const surgeonId = params.get('surgeonId') ?? surgeons.data?.surgeons[0]?.id ?? me?.user.id;
  const outcome = (params.get('outcome') ?? 'cd3plus') as LearningCurve['outcome'];
  const family = (params.get('family') ?? 'all') as LearningCurve['family'];
  const q = useLearningCurve({ surgeonId, outcome, family });
  const c = q.data;
  const set = (k: string, v: string) => {
    const next = new URLSearchParams(params);
    next.set(k, v);
    setParams(next, { replace: true });
  };
  const signal = c?.failure?.signalCase ?? null;
  return (
    <>
      <PageHeader
        title={t('quality.learning.title')}
        crumbs={[{ label: t('quality.title'), to: '/quality' }, { label: t('quality.learning.title') }]}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        {all && (
          <Select
            style={{ width: 220 }}
            value={surgeonId}
            onChange={(v: string) => set('surgeonId', v)}
            options={(surgeons.data?.surgeons ?? []).map((s) => ({ value: s.id, label: `${s.displayName} (${s.operations})` }))}
            data-testid="learning-surgeon"
          />
        )}
        <Select
          style={{ width: 220 }}
          value={outcome}
          onChange={(v: string) => set('outcome', v)}
          options={LEARNING_OUTCOMES.map((o) => ({ value: o, label: t(`quality.indicator.${o}`) }))}
          data-testid="learning-outcome"
        />
        <Select
          style={{ width: 160 }}
          value={family}
          onChange={(v: string) => set('family', v)}
          options={PROCEDURE_FAMILIES.map((f) => ({ value: f, label: t(`quality.family.${f}`) }))}
        />
      </Space>
      <ErrorAlert error={q.error} />
      {q.isLoading || !c ? (
        <Skeleton active />
      ) : (
        <>
          <Descriptions size="small" column={4} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('quality.learning.surgeon')}>{c.surgeon.displayName}</Descriptions.Item>
            <Descriptions.Item label={t('quality.learning.cases')}>{c.cases.length}</Descriptions.Item>
            <Descriptions.Item label={t('quality.learning.observed')}>{c.failure?.observed ?? 0}</Descriptions.Item>
            <Descriptions.Item label={t('quality.learning.expected')}>{c.failure ? c.failure.expected.toFixed(1) : '—'}</Descriptions.Item>
          </Descriptions>
          <Card
            title={t('quality.learning.failureTitle', { outcome: t(`quality.indicator.${c.outcome}`) })}
            extra={
              <Typography.Text type={signal ? 'danger' : 'secondary'} data-testid="learning-signal">
                {signal ? t('quality.learning.signal', { n: signal }) : t('quality.learning.noSignal')}
              </Typography.Text>
            }
          >
            {c.failure ? (
              <Chart
                testId="learning-failure"
                option={{
                  tooltip: { trigger: 'axis' },
                  grid: { left: 48, right: 24, top: 30, bottom: 40 },
                  xAxis: { type: 'category', name: t('quality.learning.caseNo'), data: c.cases.map((x) => x.n) },
                  yAxis: { type: 'value', name: 'S' },
                  series: [
                    {
                      name: 'CUSUM',
                      type: 'line',
                      showSymbol: false,
                      data: c.failure.series.map((s) => Number(s.toFixed(3))),
                      itemStyle: { color: '#0b6e4f' },
                      markLine: {
                        symbol: 'none',
                        lineStyle: { color: '#c0392b', type: 'dashed' },
                        data: [{ yAxis: c.failure.h, name: `h = ${c.failure.h}` }],
                        label: { formatter: `h = ${c.failure.h}` },
                      },
                      ...(signal
                        ? {
                            markPoint: {
                              itemStyle: { color: '#c0392b' },
                              data: [{ name: 'signal', coord: [signal - 1, c.failure.series[signal - 1]!], value: `#${signal}` }],
                            },
                          }
                        : {}),
                    },
                  ],
                }}
              />
            ) : (
              <Typography.Text type="secondary">{t('quality.learning.noCases')}</Typography.Text>
            )}
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
              {t('quality.learning.model', { or: c.failure?.oddsRatio ?? 2, h: c.failure?.h ?? 4.5 })}
            </Typography.Paragraph>
            <Table
              size="small"
              pagination={false}
              rowKey={(r) => `${r.family}-${r.urgency}`}
              dataSource={c.riskModel.strata}
              columns={[
                { title: t('quality.learning.family'), dataIndex: 'family', render: (f: string) => t(`quality.family.${f}`) },
                { title: t('quality.learning.urgency'), dataIndex: 'urgency', render: (u: string) => t(`quality.urgency.${u}`) },
                { title: t('quality.learning.failures'), dataIndex: 'failures', align: 'right' },
                { title: t('quality.learning.operations'), dataIndex: 'operations', align: 'right' },
                { title: t('quality.learning.risk'), dataIndex: 'risk', align: 'right', render: (r: number) => r.toFixed(3) },
              ]}
            />
          </Card>
          <Card style={{ marginTop: 16 }} title={t('quality.learning.timeTitle')}>
            {c.operativeTime ? (
              <>
                <Chart
                  testId="learning-time"
                  option={{
                    tooltip: { trigger: 'axis' },
                    grid: { left: 56, right: 24, top: 30, bottom: 40 },
                    xAxis: { type: 'category', name: t('quality.learning.caseNo'), data: c.operativeTime.caseNumbers },
                    yAxis: { type: 'value', name: t('quality.learning.minutes') },
                    series: [
                      {
                        name: 'CUSUM OT',
                        type: 'line',
                        showSymbol: false,
                        data: c.operativeTime.series.map((s) => Math.round(s)),
                        itemStyle: { color: '#1f6fb2' },
                        markPoint: {
                          data: [
                            {
                              name: 'peak',
                              coord: [
                                c.operativeTime.caseNumbers.indexOf(c.operativeTime.peakCase),
                                Math.round(Math.max(...c.operativeTime.series)),
                              ],
                              value: `#${c.operativeTime.peakCase}`,
                            },
                          ],
                        },
                      },
                    ],
                  }}
                />
                <Typography.Text type="secondary">
                  {t('quality.learning.timeNote', {
                    n: c.operativeTime.n,
                    mean: Math.round(c.operativeTime.mean),
                    peak: c.operativeTime.peakCase,
                  })}
                </Typography.Text>
              </>
            ) : (
              <Typography.Text type="secondary">{t('quality.learning.noTimes')}</Typography.Text>
            )}
          </Card>
        </>
      )}
    </>
  );
}
