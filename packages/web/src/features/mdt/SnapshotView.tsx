import { Alert, Descriptions, Empty, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { OPERATION_APPROACH_OPTIONS } from '@gisurg/clinical';
import { formatDateTime, paren } from '../../app/format';
import type { ClinicalSnapshot, Stage } from './api';
import { PciGrid } from './PciGrid';

export function stageText(s: Stage | null): string {
  if (!s) return '';
  const tnm = [s.t, s.n, s.m].filter(Boolean).join(' ');
  return [tnm, s.group ? `(${s.group})` : null, s.edition].filter(Boolean).join(' ');
}

/** The clinical snapshot the board saw: diagnoses with stages, PCI and CC, operations, pathology, markers, ECOG. */
export function SnapshotView({ snapshot, large = false }: { snapshot: ClinicalSnapshot; large?: boolean }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith('en');
  const approachLabel = (code: string) => {
    const o = OPERATION_APPROACH_OPTIONS.find((a) => a.value === code);
    return o ? o.label[en ? 'en' : 'zh'] : code;
  };
  const none = <Typography.Text type="secondary">{t('mdt.snapshot.none')}</Typography.Text>;
  const size = large ? 'middle' : 'small';
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={large ? 'large' : 'middle'} data-testid="snapshot">
      {snapshot.source === 'demographics_only' && <Alert type="info" showIcon message={t('mdt.snapshot.demographicsOnly')} />}
      <Typography.Text type="secondary">{t('mdt.snapshot.capturedAt', { at: formatDateTime(snapshot.capturedAt) })}</Typography.Text>
      <div>
        <Typography.Title level={large ? 3 : 5}>{t('mdt.snapshot.diagnoses')}</Typography.Title>
        {snapshot.diagnoses.length === 0 ? (
          none
        ) : (
          <Table
            size={size}
            rowKey="id"
            pagination={false}
            dataSource={snapshot.diagnoses}
            columns={[
              { title: t('mdt.snapshot.site'), render: (_v, d) => (en ? (d.labelEn ?? d.site) : (d.label ?? d.site)) },
              { title: 'ICD-10', dataIndex: 'icd10' },
              { title: t('mdt.snapshot.histology'), dataIndex: 'histology' },
              { title: t('mdt.snapshot.clinicalStage'), render: (_v, d) => stageText(d.clinicalStage) },
              { title: t('mdt.snapshot.pathologicalStage'), render: (_v, d) => stageText(d.pathologicalStage) },
              { title: t('mdt.snapshot.diagnosedOn'), dataIndex: 'diagnosedOn' },
            ]}
          />
        )}
      </div>
      <div>
        <Typography.Title level={large ? 3 : 5}>{t('mdt.snapshot.pci')}</Typography.Title>
        {snapshot.pci ? (
          <Space direction="vertical">
            <PciGrid regions={snapshot.pci.regions} total={snapshot.pci.total} large={large} />
            <span>
              {snapshot.pci.cc ? `${t('mdt.snapshot.cc')} ${snapshot.pci.cc} · ` : ''}
              {snapshot.pci.assessedOn}
            </span>
          </Space>
        ) : (
          none
        )}
      </div>
      <Descriptions
        size="small"
        column={1}
        bordered
        labelStyle={{ width: large ? 220 : 140 }}
        contentStyle={large ? { fontSize: 22 } : undefined}
      >
        <Descriptions.Item label={t('mdt.snapshot.operations')}>
          {snapshot.operations.length
            ? snapshot.operations.map((o) => (
                <div
                  key={o.id}
                >{`${o.date} ${(en ? o.labelEn : o.label) ?? o.procedureCodes.join(' + ')}${o.approach ? paren(approachLabel(o.approach)) : ''}`}</div>
              ))
            : none}
        </Descriptions.Item>
        <Descriptions.Item label={t('mdt.snapshot.pathology')}>
          {snapshot.pathology
            ? `${snapshot.pathology.reportedOn} ${snapshot.pathology.summary}${snapshot.pathology.lymphNodes ? ` · LN ${snapshot.pathology.lymphNodes.positive}/${snapshot.pathology.lymphNodes.examined}` : ''}${snapshot.pathology.margin ? ` · ${snapshot.pathology.margin}` : ''}`
            : none}
        </Descriptions.Item>
        <Descriptions.Item label={t('mdt.snapshot.markers')}>
          {snapshot.markers.length
            ? snapshot.markers.map((mk) => (
                <div
                  key={`${mk.name}-${mk.measuredOn}`}
                >{`${mk.name} ${mk.value} ${mk.unit}${mk.upperLimit !== null && mk.value > mk.upperLimit ? ' ↑' : ''}${paren(mk.measuredOn)}`}</div>
              ))
            : none}
        </Descriptions.Item>
        <Descriptions.Item label="ECOG">
          {snapshot.ecog ? `${snapshot.ecog.score}${paren(snapshot.ecog.assessedOn)}` : none}
        </Descriptions.Item>
      </Descriptions>
      {snapshot.diagnoses.length === 0 && snapshot.operations.length === 0 && !snapshot.pci && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('mdt.snapshot.useSummary')} />
      )}
    </Space>
  );
}
