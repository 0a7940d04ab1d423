import { Alert, Drawer, Table, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { COMPLICATION_TYPE_OPTIONS, DEFAULT_LYMPH_NODE_THRESHOLDS, OPERATION_APPROACH_OPTIONS, PROCEDURES } from '@gisurg/clinical';
import type { CaseGroup, CasesQuery, QualityIndicatorCode } from '@gisurg/contracts/quality';
import { ErrorAlert } from '../../app/ErrorAlert';
import { useLang } from '../../app/components/useLang';
import { useCases, type QualityCase } from './api';

export type CasesDrawerQuery = CasesQuery & { code: QualityIndicatorCode; group: CaseGroup };

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * The operations behind one dashboard number (issue 12 drill-down): date, patient (name and 住院号, linking
 * to the patient page), procedures, surgeon, and the fact that put the operation in the group clicked. The
 * server lists them with the counts' own classification, so the list is as long as the number.
 */
export function CasesDrawer({ query, onClose }: { query: CasesDrawerQuery | null; onClose: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const q = useCases(query);
  const d = q.data;
  const procedure = (code: string) => PROCEDURES.find((p) => p.code === code)?.label[lang] ?? code;
  const approach = (code: string) => OPERATION_APPROACH_OPTIONS.find((o) => o.value === code)?.label[lang] ?? code;
  const complication = (code: string) => COMPLICATION_TYPE_OPTIONS.find((o) => o.value === code)?.label[lang] ?? code;

  /** Why the operation counts where it does: the facts the indicator reads. */
  const fact = (c: QualityCase, code: QualityIndicatorCode): string => {
    switch (code) {
      case 'ln_adequacy':
        if (!c.hasPathology) return t('quality.cases.fact.noPathology');
        if (c.nodesExamined === null) return t('quality.cases.fact.noNodes');
        return t('quality.cases.fact.nodes', {
          site: c.site ? t(`quality.site.${c.site}`) : '',
          count: c.nodesExamined,
          threshold: c.site === 'stomach' ? DEFAULT_LYMPH_NODE_THRESHOLDS.stomach : DEFAULT_LYMPH_NODE_THRESHOLDS.colorectal,
        });
      case 'r0':
        if (!c.hasPathology) return t('quality.cases.fact.noPathology');
        return c.margin ? t('quality.cases.fact.margin', { margin: c.margin }) : t('quality.cases.fact.noMargin');
      case 'conversion':
        return approach(c.approach);
      case 'cd3plus':
        return c.severeComplications.length === 0
          ? t('quality.cases.fact.noSevere')
          : c.severeComplications
              .map((x) => t('quality.cases.fact.complication', { type: complication(x.type), grade: x.grade, day: x.day }))
              .join(t('quality.cases.separator'));
      case 'mortality_30d':
        if (c.deathDate) return t('quality.cases.fact.death', { date: c.deathDate, days: daysBetween(c.operationDate, c.deathDate) });
        return query?.group === 'missing' ? t('quality.cases.fact.windowOpen') : t('quality.cases.fact.alive');
    }
  };

  const title = query
    ? t('quality.cases.title', {
        name: t(`quality.indicator.${query.code}`),
        group: query.reason ? t(`quality.missing.${query.reason}`) : t(`quality.cases.group.${query.group}`),
      })
    : '';
  return (
    <Drawer open={query !== null} onClose={onClose} size={960} title={title} destroyOnHidden data-testid="quality-cases">
      <ErrorAlert error={q.error} />
      {d && (
        <Typography.Paragraph type="secondary">{t('quality.cases.total', { count: d.total, from: d.from, to: d.to })}</Typography.Paragraph>
      )}
      {d && d.total > d.items.length && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('quality.cases.capped', { shown: d.items.length, total: d.total })}
        />
      )}
      <Table<QualityCase>
        rowKey="operationId"
        size="small"
        loading={q.isLoading}
        dataSource={d?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        columns={[
          { title: t('quality.cases.col.date'), dataIndex: 'operationDate', width: 110 },
          {
            title: t('quality.cases.col.patient'),
            key: 'patient',
            render: (_, c) => (
              <Link to={`/patients/${c.patient.id}`}>
                {c.patient.name}
                {c.patient.inpatientNo ? ` · ${c.patient.inpatientNo}` : ''}
              </Link>
            ),
          },
          {
            title: t('quality.cases.col.procedure'),
            key: 'procedure',
            render: (_, c) => c.procedures.map(procedure).join(t('quality.cases.separator')),
          },
          { title: t('quality.cases.col.surgeon'), key: 'surgeon', render: (_, c) => c.surgeon?.displayName ?? '—' },
          { title: t('quality.cases.col.fact'), key: 'fact', render: (_, c) => (query ? fact(c, query.code) : '') },
        ]}
      />
    </Drawer>
  );
}
