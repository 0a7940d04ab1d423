import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { SURVIVAL_GROUPINGS, type SurvivalGroup } from '@gisurg/contracts/followup';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { useSurvival, type Survival, type SurvivalRequest } from './api';
import { KmChart } from './KmChart';

type CoxRow = NonNullable<Survival['cox']>['rows'][number];

const SITES = ['colon', 'rectum', 'stomach', 'appendix', 'peritoneum', 'peritoneal_metastasis', 'pseudomyxoma'] as const;
const pct = (v: number | null) => (v === null ? '–' : `${(v * 100).toFixed(1)}%`);
const num = (v: number | null, d = 1) => (v === null ? '–' : v.toFixed(d));

/** UTF-8 CSV with BOM (Excel opens it) of the group summaries. */
function downloadCsv(data: Survival, label: (k: string) => string, head: string[]) {
  const rows = data.groups.map((g) => [
    label(g.key),
    g.n,
    g.events,
    g.median ?? '',
    g.medianLower ?? '',
    g.medianUpper ?? '',
    ...g.landmarks.flatMap((l) => [l.survival ?? '', l.lower ?? '', l.upper ?? '']),
  ]);
  const csv = [head, ...rows].map((r) => r.map((c) => `"${String(c).replace(/"/g, '""')}"`).join(',')).join('\r\n');
  const url = URL.createObjectURL(new Blob(['\ufeff' + csv], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = 'survival.csv';
  a.click();
  URL.revokeObjectURL(url);
}

/** Survival analysis on the department's own follow-up data (Kaplan–Meier, log-rank, Cox from @gisurg/clinical on the server). */
export function SurvivalPage() {
  const { t } = useTranslation();
  const [site, setSite] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [endpoint, setEndpoint] = useState<'os' | 'dfs'>('os');
  const [groupBy, setGroupBy] = useState<SurvivalRequest['groupBy']>('stage');
  const req: SurvivalRequest = {
    cohort: {
      ...(site ? { site } : {}),
      ...(range?.[0] ? { from: range[0].format('YYYY-MM-DD') } : {}),
      ...(range?.[1] ? { to: range[1].format('YYYY-MM-DD') } : {}),
    },
    endpoint,
    ...(groupBy ? { groupBy } : {}),
  };
  const q = useSurvival(req);
  const label = (key: string) =>
    key === 'all' ? t('followup.survival.all') : groupBy === 'stage' && key !== 'unknown' ? key : t(`followup.survival.keys.${key}`, key);
  const data = q.data;
  const years = data ? Math.max(0, ...data.groups.map((g) => g.atRiskByYear.length)) : 0;

  return (
    <>
      <PageHeader title={t('followup.nav.survival')} />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small">
          <Space wrap>
            <Select
              allowClear
              placeholder={t('followup.survival.site')}
              style={{ width: 180 }}
              value={site}
              onChange={setSite}
              options={SITES.map((s) => ({ value: s, label: t(`followup.diagnosisSite.${s}`) }))}
            />
            <DatePicker.RangePicker value={range} onChange={(v) => setRange(v)} allowEmpty={[true, true]} />
            <Select
              style={{ width: 160 }}
              value={endpoint}
              onChange={setEndpoint}
              options={[
                { value: 'os', label: t('followup.survival.os') },
                { value: 'dfs', label: t('followup.survival.dfs') },
              ]}
            />
            <Select
              allowClear
              placeholder={t('followup.survival.groupBy')}
              style={{ width: 160 }}
              value={groupBy}
              onChange={setGroupBy}
              options={SURVIVAL_GROUPINGS.map((g) => ({ value: g, label: t(`followup.survival.by.${g}`) }))}
            />
            {data && (
              <Button
                onClick={() =>
                  downloadCsv(data, label, [
                    t('followup.survival.group'),
                    'n',
                    t('followup.survival.events'),
                    t('followup.survival.median'),
                    '95% CI lower',
                    '95% CI upper',
                    ...[1, 3, 5].flatMap((y) => [`S(${y}y)`, `S(${y}y) lower`, `S(${y}y) upper`]),
                  ])
                }
              >
                {t('followup.survival.downloadCsv')}
              </Button>
            )}
          </Space>
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t(endpoint === 'os' ? 'followup.survival.rulesOs' : 'followup.survival.rulesDfs')}
          </Typography.Paragraph>
        </Card>
        {q.error && <ErrorAlert error={q.error} />}
        {data && data.n === 0 && <Alert type="info" showIcon message={t('followup.survival.empty')} />}
        {data && data.n > 0 && (
          <>
            <Card size="small" title={t('followup.survival.curves', { n: data.n, events: data.events, excluded: data.excluded })}>
              <KmChart groups={data.groups} label={label} />
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                title={() => t('followup.survival.atRisk')}
                dataSource={data.groups}
                columns={[
                  { title: t('followup.survival.group'), render: (_: unknown, g: SurvivalGroup) => label(g.key) },
                  ...Array.from({ length: years }, (_, y) => ({
                    title: `${y * 12}`,
                    render: (_: unknown, g: SurvivalGroup) => g.atRiskByYear[y]?.atRisk ?? 0,
                  })),
                ]}
              />
            </Card>
            <Card size="small" title={t('followup.survival.summary')}>
              <Table
                size="small"
                pagination={false}
                rowKey="key"
                dataSource={data.groups}
                columns={[
                  { title: t('followup.survival.group'), render: (_: unknown, g: SurvivalGroup) => label(g.key) },
                  { title: 'n', dataIndex: 'n' },
                  { title: t('followup.survival.events'), dataIndex: 'events' },
                  {
                    title: t('followup.survival.medianMonths'),
                    render: (_: unknown, g: SurvivalGroup) =>
                      g.median === null
                        ? t('followup.survival.notReached')
                        : `${num(g.median / 30.4375)} (${num(g.medianLower && g.medianLower / 30.4375)}–${num(g.medianUpper && g.medianUpper / 30.4375)})`,
                  },
                  ...[1, 3, 5].map((y, i) => ({
                    title: t('followup.survival.atYears', { y }),
                    render: (_: unknown, g: SurvivalGroup) => {
                      const l = g.landmarks[i]!;
                      return l.survival === null ? '–' : `${pct(l.survival)} (${pct(l.lower)}–${pct(l.upper)})`;
                    },
                  })),
                ]}
              />
              {data.logRank && (
                <Descriptions size="small" style={{ marginTop: 12 }} column={3} title={t('followup.survival.logRank')}>
                  <Descriptions.Item label="χ²">{data.logRank.chiSquare.toFixed(3)}</Descriptions.Item>
                  <Descriptions.Item label="df">{data.logRank.df}</Descriptions.Item>
                  <Descriptions.Item label="p">
                    {data.logRank.pValue < 0.001 ? '< 0.001' : data.logRank.pValue.toFixed(3)}
                  </Descriptions.Item>
                </Descriptions>
              )}
              {data.cox && (
                <Table
                  size="small"
                  style={{ marginTop: 12 }}
                  pagination={false}
                  rowKey="term"
                  title={() => t('followup.survival.cox', { reference: label(data.cox!.reference) })}
                  dataSource={data.cox.rows}
                  columns={[
                    { title: t('followup.survival.group'), render: (_: unknown, r: CoxRow) => label(r.term) },
                    { title: 'HR', render: (_: unknown, r: CoxRow) => r.hr.toFixed(2) },
                    {
                      title: '95% CI',
                      render: (_: unknown, r: CoxRow) => `${r.lower.toFixed(2)}–${r.upper.toFixed(2)}`,
                    },
                    { title: 'p', render: (_: unknown, r: CoxRow) => (r.pValue < 0.001 ? '< 0.001' : r.pValue.toFixed(3)) },
                  ]}
                />
              )}
            </Card>
          </>
        )}
      </Space>
    </>
  );
}
