import { useEffect, useState } from 'react';
import { App, Button, Card, Descriptions, Dropdown, Empty, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, MoreOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  ANASTOMOSIS_OPTIONS,
  ANESTHESIA_METHOD_OPTIONS,
  BASIS_OF_DIAGNOSIS_OPTIONS,
  COMPLICATION_TYPE_OPTIONS,
  CONVERSION_REASON_OPTIONS,
  DIAGNOSIS_SITE_OPTIONS,
  HIPEC_DRUG_OPTIONS,
  HIPEC_TECHNIQUE_OPTIONS,
  INCISION_CLASS_OPTIONS,
  INCISION_HEALING_OPTIONS,
  OPERATION_APPROACH_OPTIONS,
  OPERATION_INTENT_OPTIONS,
  OPERATION_URGENCY_OPTIONS,
  PCI_TIMING_OPTIONS,
  PSOGI_PMP_CATEGORIES,
  STOMA_OPTIONS,
  TUMOR_MARKER_OPTIONS,
  WHO_MESOTHELIAL_CATEGORIES,
} from '@gisurg/clinical';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { colon, comma, formatDateTime, paren, semicolon } from '../../app/format';
import type { z } from 'zod';
import type { BookingDetailSchema } from '@gisurg/contracts/theatre';
import { get } from '../../app/api';
import { oncologyApi, type Complication, type Diagnosis, type Marker, type Operation, type PerformanceStatus } from './api';
import { DiagnosisForm } from './DiagnosisForm';
import { labelOf, useLang } from './helpers';
import { MarkerTrend } from './MarkerTrend';
import { OperationForm } from './OperationForm';
import { PathologyForm } from './PathologyForm';
import { PciDiagram } from './PciDiagram';
import { PeritonealForm } from './PeritonealForm';
import { ComplicationForm, DeleteDialog, MarkerForm, PerformanceStatusForm } from './SmallForms';
import './oncology.css';

type Dialog =
  | { kind: 'diagnosis'; diagnosis: Diagnosis | null }
  | { kind: 'operation'; operation: Operation | null }
  | { kind: 'pathology' | 'peritoneal'; operation: Operation }
  | { kind: 'complication'; operation: Operation; complication: Complication | null }
  | { kind: 'marker'; marker: Marker | null }
  | { kind: 'ps'; record: PerformanceStatus | null }
  | { kind: 'delete'; path: string; version: number; title: string }
  | null;

const tnm = (t: string | null, n: string | null, m: string | null, prefix: string) =>
  t ? `${prefix}${t} ${prefix}${n ?? ''} ${m ?? ''}` : '—';

/**
 * The oncology summary of a patient (issue 5): diagnoses with clinical and pathological stage, the latest
 * peritoneal disease (PCI, CC), operations with pathology, PCI/HIPEC and complications (CCI), tumour markers
 * and performance status — one page, printable. Writers get the forms; everything computed is shown as
 * the server stored it.
 */
export function OncologyTab({ patientId }: { patientId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { can } = useAuth();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const canWrite = can('oncology:write');
  const [dialog, setDialog] = useState<Dialog>(null);
  const { data, error, isLoading } = useQuery({
    queryKey: ['oncology', patientId],
    queryFn: ({ signal }) => oncologyApi.summary(patientId, signal),
  });
  // Opened from the theatre worklist after a case completed (?newOperation=1&bookingId=…): the operation
  // form opens pre-filled from the booking, and saving links the operation to it.
  const [search, setSearch] = useSearchParams();
  const prefillBookingId = search.get('newOperation') === '1' ? search.get('bookingId') : null;
  const { data: prefill } = useQuery({
    queryKey: ['theatre', 'prefill', prefillBookingId],
    queryFn: ({ signal }) =>
      get<z.output<typeof BookingDetailSchema>>(`/api/theatre/bookings/${prefillBookingId!}`, signal).then((b) => b.prefill),
    enabled: Boolean(prefillBookingId) && canWrite && can('theatre:read'),
  });
  const activePrefill = prefill && prefill.patientId === patientId && prefill.bookingId === prefillBookingId ? prefill : null;
  useEffect(() => {
    if (activePrefill) setDialog({ kind: 'operation', operation: null });
  }, [activePrefill]);
  if (isLoading) return <Skeleton active />;
  if (error || !data) return <ErrorAlert error={error} />;

  const clearPrefill = () => {
    if (!prefillBookingId) return;
    const next = new URLSearchParams(search);
    next.delete('newOperation');
    next.delete('bookingId');
    setSearch(next, { replace: true });
  };
  const close = () => {
    setDialog(null);
    clearPrefill();
  };
  const saved = () => {
    clearPrefill();
    setDialog(null);
    void message.success(t('common.saved'));
    void queryClient.invalidateQueries({ queryKey: ['oncology', patientId] });
  };
  const stageTag = (stage: string | null, color: string) =>
    stage ? <Tag color={stage === 'unknown' ? 'default' : color}>{stage === 'unknown' ? t('oncology.stageUnknown') : stage}</Tag> : '—';
  const latest = data.peritoneal.latest;
  const ps = data.performanceStatus[0];

  return (
    <div className="oncology-summary" data-testid="oncology-summary">
      <div className="oncology-print-header">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('oncology.printTitle')}
        </Typography.Title>
        <div>
          {data.patient.name} · {t(`sex.${data.patient.sex}`)} · {t('patient.ageYears', { age: data.patient.age })} ·{' '}
          {t('patient.inpatientNo')} {data.patient.inpatientNo ?? '—'} · {t('oncology.printedAt', { at: formatDateTime(data.generatedAt) })}
        </div>
      </div>
      <Space wrap className="no-print" style={{ marginBottom: 12 }}>
        {canWrite && (
          <>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDialog({ kind: 'diagnosis', diagnosis: null })}
              data-testid="add-diagnosis"
            >
              {t('oncology.diagnosis.new')}
            </Button>
            <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'operation', operation: null })} data-testid="add-operation">
              {t('oncology.operation.new')}
            </Button>
            <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'marker', marker: null })} data-testid="add-marker">
              {t('oncology.marker.new')}
            </Button>
            <Button icon={<PlusOutlined />} onClick={() => setDialog({ kind: 'ps', record: null })} data-testid="add-ps">
              {t('oncology.ps.new')}
            </Button>
          </>
        )}
        <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-summary">
          {t('oncology.print')}
        </Button>
      </Space>

      <Card size="small" title={t('oncology.sections.diagnoses')} className="oncology-card">
        <Table
          size="small"
          rowKey="id"
          pagination={false}
          dataSource={data.diagnoses}
          locale={{
            emptyText: (
              <Empty
                description={t(canWrite ? 'oncology.empty.diagnoses' : 'oncology.empty.diagnosesReadOnly')}
                image={Empty.PRESENTED_IMAGE_SIMPLE}
              />
            ),
          }}
          data-testid="diagnoses-table"
          columns={[
            { title: t('oncology.diagnosis.site'), render: (_, d) => labelOf(DIAGNOSIS_SITE_OPTIONS, d.site, lang) },
            {
              title: 'ICD-10',
              render: (_, d) => (
                <span title={d.icd10Label?.[lang]}>
                  {d.icd10} {d.icd10Label?.[lang]}
                  {d.icd10Secondary ? ` + ${d.icd10Secondary}` : ''}
                </span>
              ),
            },
            { title: 'ICD-O-3', dataIndex: 'icdO3Morphology', render: (v: string | null) => v ?? '—' },
            { title: t('oncology.diagnosis.date'), dataIndex: 'diagnosisDate' },
            { title: 'cTNM', render: (_, d) => (d.clinical ? tnm(d.clinical.t, d.clinical.n, d.clinical.m, 'c') : '—') },
            {
              title: t('oncology.clinicalStage'),
              render: (_, d) => <span data-testid="clinical-stage">{stageTag(d.clinicalStage, 'blue')}</span>,
            },
            {
              title: 'p/ypTNM',
              render: (_, d) =>
                d.pathological ? tnm(d.pathological.t, d.pathological.n, d.pathological.m, d.pathological.classification ?? 'p') : '—',
            },
            {
              title: t('oncology.pathologicalStage'),
              render: (_, d) => <span data-testid="pathological-stage">{stageTag(d.pathologicalStage, 'geekblue')}</span>,
            },
            {
              title: t('oncology.diagnosis.classification'),
              render: (_, d) =>
                [
                  d.psogiCategory && labelOf(PSOGI_PMP_CATEGORIES, d.psogiCategory, lang),
                  d.whoCategory && labelOf(WHO_MESOTHELIAL_CATEGORIES, d.whoCategory, lang),
                  d.basis && labelOf(BASIS_OF_DIAGNOSIS_OPTIONS, d.basis, lang),
                ]
                  .filter(Boolean)
                  .join('；') || '—',
            },
            ...(canWrite
              ? [
                  {
                    title: '',
                    className: 'no-print',
                    width: 80,
                    render: (_: unknown, d: Diagnosis) => (
                      <Space size={0}>
                        <Button
                          size="small"
                          type="text"
                          icon={<EditOutlined />}
                          aria-label={t('common.edit')}
                          onClick={() => setDialog({ kind: 'diagnosis', diagnosis: d })}
                        />
                        <Button
                          size="small"
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('oncology.delete')}
                          onClick={() =>
                            setDialog({
                              kind: 'delete',
                              path: `/api/diagnoses/${d.id}`,
                              version: d.version,
                              title: t('oncology.diagnosis.delete'),
                            })
                          }
                        />
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>

      <Card size="small" title={t('oncology.sections.peritoneal')} className="oncology-card">
        {latest ? (
          <Descriptions size="small" column={{ xs: 1, md: 3, xl: 6 }} data-testid="peritoneal-latest">
            <Descriptions.Item label={t('oncology.peritoneal.latestPci')}>
              <Typography.Text strong data-testid="latest-pci">
                {latest.pciTotal}
              </Typography.Text>
              /39
            </Descriptions.Item>
            <Descriptions.Item label={t('oncology.peritoneal.timing')}>
              {labelOf(PCI_TIMING_OPTIONS, latest.timing, lang)}
            </Descriptions.Item>
            <Descriptions.Item label="CC">{latest.cc ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('oncology.pci.eligibility')}>
              {latest.eligible === null
                ? t('oncology.pci.noCutoff')
                : latest.eligible
                  ? t('oncology.pci.eligible')
                  : t('oncology.pci.notEligible')}
            </Descriptions.Item>
            <Descriptions.Item label="HIPEC">{latest.hipec ? t('oncology.yes') : t('oncology.no')}</Descriptions.Item>
            <Descriptions.Item label={t('oncology.operation.date')}>{latest.date}</Descriptions.Item>
          </Descriptions>
        ) : (
          <Typography.Text type="secondary">{t('oncology.empty.peritoneal')}</Typography.Text>
        )}
      </Card>

      <Card size="small" title={t('oncology.sections.operations')} className="oncology-card">
        {data.operations.length === 0 && <Empty description={t('oncology.empty.operations')} image={Empty.PRESENTED_IMAGE_SIMPLE} />}
        {data.operations.map((o) => (
          <OperationCard
            key={o.id}
            operation={o}
            canWrite={canWrite}
            onAction={(kind) => {
              if (kind === 'delete')
                setDialog({ kind: 'delete', path: `/api/operations/${o.id}`, version: o.version, title: t('oncology.operation.delete') });
              else if (kind === 'complication') setDialog({ kind, operation: o, complication: null });
              else setDialog({ kind, operation: o });
            }}
            onDeleteComplication={(id, version) =>
              setDialog({ kind: 'delete', path: `/api/complications/${id}`, version, title: t('oncology.complication.delete') })
            }
            onEditComplication={(c) => setDialog({ kind: 'complication', operation: o, complication: c })}
          />
        ))}
      </Card>

      <div className="oncology-two">
        <Card size="small" title={t('oncology.sections.markers')} className="oncology-card">
          <MarkerTrend markers={data.markers} />
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={data.markers}
            locale={{ emptyText: t('oncology.empty.markers') }}
            columns={[
              { title: t('oncology.marker.date'), dataIndex: 'date' },
              { title: t('oncology.marker.marker'), render: (_, m) => labelOf(TUMOR_MARKER_OPTIONS, m.marker as 'CEA', lang) },
              {
                title: t('oncology.marker.value'),
                render: (_, m) => (
                  <span style={{ color: m.elevated ? '#cf1322' : undefined, fontWeight: m.elevated ? 600 : undefined }}>
                    {m.value} {m.unit}
                    {m.elevated ? ' ↑' : ''}
                  </span>
                ),
              },
              { title: t('oncology.marker.upperLimit'), render: (_, m) => (m.upperLimit === null ? '—' : `< ${m.upperLimit}`) },
              ...(canWrite
                ? [
                    {
                      title: '',
                      className: 'no-print',
                      width: 72,
                      render: (_: unknown, m: Marker) => (
                        <Space size={0}>
                          <Button
                            size="small"
                            type="text"
                            icon={<EditOutlined />}
                            aria-label={t('common.edit')}
                            onClick={() => setDialog({ kind: 'marker', marker: m })}
                          />
                          <Button
                            size="small"
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            aria-label={t('oncology.delete')}
                            onClick={() =>
                              setDialog({
                                kind: 'delete',
                                path: `/api/markers/${m.id}`,
                                version: m.version,
                                title: t('oncology.marker.delete'),
                              })
                            }
                          />
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
        <Card
          size="small"
          title={t('oncology.sections.ps')}
          className="oncology-card"
          extra={
            ps ? (
              <Tag>
                {t('oncology.ps.latest', { ecog: ps.ecog ?? (ps.ecogFromKps !== null ? `≈${ps.ecogFromKps}` : '—'), kps: ps.kps ?? '—' })}
              </Tag>
            ) : null
          }
        >
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={data.performanceStatus}
            locale={{ emptyText: t('oncology.empty.ps') }}
            columns={[
              { title: t('oncology.ps.date'), dataIndex: 'date' },
              { title: t('oncology.ps.setting'), render: (_, p) => (p.setting ? t(`oncology.ps.settings.${p.setting}`) : '—') },
              {
                title: 'ECOG',
                render: (_, p) =>
                  p.ecog !== null ? (
                    p.ecog
                  ) : p.ecogFromKps !== null ? (
                    <span title={t('oncology.ps.approxTitle')}>≈{p.ecogFromKps}</span>
                  ) : (
                    '—'
                  ),
              },
              { title: 'KPS', render: (_, p) => p.kps ?? '—' },
              ...(canWrite
                ? [
                    {
                      title: '',
                      className: 'no-print',
                      width: 72,
                      render: (_: unknown, p: PerformanceStatus) => (
                        <Space size={0}>
                          <Button
                            size="small"
                            type="text"
                            icon={<EditOutlined />}
                            aria-label={t('common.edit')}
                            onClick={() => setDialog({ kind: 'ps', record: p })}
                          />
                          <Button
                            size="small"
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            aria-label={t('oncology.delete')}
                            onClick={() =>
                              setDialog({
                                kind: 'delete',
                                path: `/api/performance-status/${p.id}`,
                                version: p.version,
                                title: t('oncology.ps.delete'),
                              })
                            }
                          />
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      </div>

      <DiagnosisForm
        patientId={patientId}
        diagnosis={dialog?.kind === 'diagnosis' ? dialog.diagnosis : null}
        open={dialog?.kind === 'diagnosis'}
        onClose={close}
        onSaved={saved}
      />
      <OperationForm
        patientId={patientId}
        diagnoses={data.diagnoses}
        operation={dialog?.kind === 'operation' ? dialog.operation : null}
        prefill={activePrefill}
        open={dialog?.kind === 'operation'}
        onClose={close}
        onSaved={saved}
      />
      {dialog?.kind === 'pathology' && <PathologyForm operation={dialog.operation} open onClose={close} onSaved={saved} />}
      {dialog?.kind === 'peritoneal' && (
        <PeritonealForm operation={dialog.operation} diagnoses={data.diagnoses} open onClose={close} onSaved={saved} />
      )}
      {dialog?.kind === 'complication' && (
        <ComplicationForm operation={dialog.operation} complication={dialog.complication} open onClose={close} onSaved={saved} />
      )}
      <MarkerForm
        patientId={patientId}
        marker={dialog?.kind === 'marker' ? dialog.marker : null}
        open={dialog?.kind === 'marker'}
        onClose={close}
        onSaved={saved}
      />
      <PerformanceStatusForm
        patientId={patientId}
        record={dialog?.kind === 'ps' ? dialog.record : null}
        open={dialog?.kind === 'ps'}
        onClose={close}
        onSaved={saved}
      />
      <DeleteDialog
        open={dialog?.kind === 'delete'}
        title={dialog?.kind === 'delete' ? dialog.title : ''}
        onCancel={close}
        onConfirm={async (reason) => {
          if (dialog?.kind !== 'delete') return;
          await oncologyApi.remove(dialog.path, dialog.version, reason);
          saved();
        }}
      />
    </div>
  );
}

function OperationCard({
  operation: o,
  canWrite,
  onAction,
  onDeleteComplication,
  onEditComplication,
}: {
  operation: Operation;
  canWrite: boolean;
  onAction: (kind: 'operation' | 'pathology' | 'peritoneal' | 'complication' | 'delete') => void;
  onDeleteComplication: (id: string, version: number) => void;
  onEditComplication: (c: Complication) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const p = o.pathology;
  const per = o.peritoneal;
  const approach = `${labelOf(OPERATION_APPROACH_OPTIONS, o.approach, lang)}${o.converted && o.conversionReason ? paren(`${labelOf(CONVERSION_REASON_OPTIONS, o.conversionReason as 'adhesions', lang)}${o.incisionLengthCm ? `${comma()}${o.incisionLengthCm} cm` : ''}`) : ''}`;
  return (
    <Card
      type="inner"
      size="small"
      className="oncology-operation"
      data-testid={`operation-${o.id}`}
      title={
        <Space wrap>
          <Typography.Text strong>{o.date}</Typography.Text>
          {o.procedures.map((pr) => (
            <Tag key={pr.code}>
              {pr.label[lang]} <Typography.Text type="secondary">{pr.icd9cm3}</Typography.Text>
            </Tag>
          ))}
        </Space>
      }
      extra={
        canWrite && (
          <Space className="no-print" size={4}>
            <Button size="small" onClick={() => onAction('pathology')} data-testid="open-pathology">
              {t('oncology.pathology.button')}
            </Button>
            <Button size="small" onClick={() => onAction('peritoneal')} data-testid="open-peritoneal">
              {t('oncology.peritoneal.button')}
            </Button>
            <Button size="small" onClick={() => onAction('complication')} data-testid="open-complication">
              {t('oncology.complication.button')}
            </Button>
            <Dropdown
              menu={{
                items: [
                  { key: 'edit', icon: <EditOutlined />, label: t('oncology.operation.edit'), onClick: () => onAction('operation') },
                  {
                    key: 'delete',
                    icon: <DeleteOutlined />,
                    danger: true,
                    label: t('oncology.operation.delete'),
                    onClick: () => onAction('delete'),
                  },
                ],
              }}
            >
              <Button size="small" icon={<MoreOutlined />} aria-label={t('oncology.more')} />
            </Dropdown>
          </Space>
        )
      }
    >
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 4 }}>
        <Descriptions.Item label={t('oncology.operation.approach')}>
          <span data-testid="op-approach">{approach}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('oncology.operation.urgencyIntent')}>
          {labelOf(OPERATION_URGENCY_OPTIONS, o.urgency as 'elective', lang)} ·{' '}
          {labelOf(OPERATION_INTENT_OPTIONS, o.intent as 'curative', lang)}
          {o.lymphadenectomy ? ` · ${o.lymphadenectomy}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('oncology.operation.team')}>
          {o.surgeon?.displayName ?? '—'}
          {o.assistants.length > 0 ? ` / ${o.assistants.map((a) => a.displayName).join('、')}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('oncology.operation.anesthesia')}>
          {o.anesthesiaMethod ? `${labelOf(ANESTHESIA_METHOD_OPTIONS, o.anesthesiaMethod, lang)}` : '—'}
          {o.anesthetistName ? ` · ${o.anesthetistName}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('oncology.operation.duration')}>
          {o.durationMin !== null ? t('oncology.minutes', { n: o.durationMin }) : '—'}
        </Descriptions.Item>
        <Descriptions.Item label={t('oncology.operation.bloodLoss')}>
          {o.bloodLossMl !== null ? `${o.bloodLossMl} ml` : '—'}
          {o.transfusion ? ` · ${t('oncology.operation.transfused', { units: o.rbcUnits ?? '?' })}` : ''}
        </Descriptions.Item>
        <Descriptions.Item label={t('oncology.operation.levelIncision')}>
          {o.operationLevel ? t('oncology.operation.levelN', { n: o.operationLevel }) : '—'} ·{' '}
          {labelOf(INCISION_CLASS_OPTIONS, o.incisionClass as '0', lang)}/{labelOf(INCISION_HEALING_OPTIONS, o.healingGrade as 'jia', lang)}
        </Descriptions.Item>
        <Descriptions.Item label={t('oncology.operation.anastomosisStoma')}>
          {labelOf(ANASTOMOSIS_OPTIONS, o.anastomosis as 'none', lang)} · {labelOf(STOMA_OPTIONS, o.stoma as 'none', lang)}
        </Descriptions.Item>
        <Descriptions.Item label={t('oncology.operation.los')}>
          {o.postoperativeLosDays !== null ? t('oncology.days', { n: o.postoperativeLosDays }) : '—'}
        </Descriptions.Item>
      </Descriptions>
      <div className="oncology-subsection">
        <Typography.Text strong>
          {t('oncology.sections.pathology')}
          {colon()}
        </Typography.Text>
        {p ? (
          <span data-testid="op-pathology">
            {p.classification
              ? `${p.classification}${p.t ?? ''} ${p.classification}${p.n ?? ''} ${p.m ?? ''}`
              : t('oncology.pathology.unstaged')}
            {p.pathologicalStage && (
              <>
                {' → '}
                <Tag color="geekblue" data-testid="op-path-stage">
                  {p.pathologicalStage === 'unknown' ? t('oncology.stageUnknown') : `${p.classification ?? 'p'}${p.pathologicalStage}`}
                </Tag>
              </>
            )}
            {p.nodesExamined !== null && ` ${t('oncology.pathology.nodes', { positive: p.nodesPositive, examined: p.nodesExamined })}`}
            {p.lymphNodesAdequate !== null && (
              <Tag color={p.lymphNodesAdequate ? 'green' : 'orange'}>
                {p.lymphNodesAdequate
                  ? t('oncology.pathology.adequate', { n: p.lymphNodeThreshold })
                  : t('oncology.pathology.inadequate', { n: p.lymphNodeThreshold })}
              </Tag>
            )}
            {p.margin && <Tag>{p.margin}</Tag>}
            {[
              p.grade,
              p.lvi ? 'LVI+' : null,
              p.pni ? 'PNI+' : null,
              p.mmr,
              p.msi,
              p.her2Status ? `HER2 ${t(`oncology.her2.${p.her2Status}`)}` : null,
              p.kras ? `KRAS ${p.kras === 'mutant' ? t('oncology.mutant') : t('oncology.wildType')}` : null,
              p.braf && p.braf !== 'wild_type' ? `BRAF ${p.braf.toUpperCase()}` : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </span>
        ) : (
          <Typography.Text type="secondary">{t('oncology.empty.pathology')}</Typography.Text>
        )}
      </div>
      {per && (
        <div className="oncology-subsection oncology-peritoneal-row">
          <div style={{ width: 230 }}>
            <PciDiagram value={per.pci.regions} readOnly />
          </div>
          <div>
            <div>
              <Typography.Text strong>PCI {per.pciTotal}</Typography.Text>
              {paren(labelOf(PCI_TIMING_OPTIONS, per.pci.timing as 'laparoscopic', lang))} · CC {per.cc ?? '—'}
              {per.bsaM2 ? ` · BSA ${per.bsaM2} m²` : ''}
            </div>
            {per.flags.map((f) => (
              <div key={f.code}>
                <Typography.Text type="warning">{f.message[lang]}</Typography.Text>
              </div>
            ))}
            {per.hipec && (
              <div data-testid="op-hipec">
                HIPEC
                {paren(
                  [
                    labelOf(HIPEC_TECHNIQUE_OPTIONS, per.hipec.technique as 'open', lang),
                    per.hipec.durationMin ? `${per.hipec.durationMin} min` : null,
                    per.hipec.inflowTempC ? `${per.hipec.inflowTempC}/${per.hipec.outflowTempC ?? '—'} ℃` : null,
                    per.hipec.volumeL ? `${per.hipec.volumeL} L` : null,
                  ]
                    .filter(Boolean)
                    .join(comma()),
                )}
                {colon()}
                {per.hipec.drugs
                  .map(
                    (d) =>
                      `${labelOf(HIPEC_DRUG_OPTIONS, d.drug, lang)} ${d.dose} ${d.doseBasis.replace('m2', 'm²')} → ${d.totalDoseMg} mg${d.concentrationMgPerL ? paren(`${d.concentrationMgPerL} mg/L`) : ''}`,
                  )
                  .join(semicolon())}
              </div>
            )}
          </div>
        </div>
      )}
      <div className="oncology-subsection">
        <Typography.Text strong>
          {t('oncology.sections.complications')}
          {colon()}
        </Typography.Text>
        <Tag color={o.cci > 0 ? 'purple' : 'default'} data-testid="op-cci">
          CCI {o.cci30}
        </Tag>
        <Typography.Text type="secondary">
          {paren(
            `30 ${t('oncology.daysUnit')}${semicolon()}90 ${t('oncology.daysUnit')} ${o.cci90}${o.highestClavienDindo ? `${semicolon()}${t('oncology.complication.highest')} ${o.highestClavienDindo}` : ''}`,
          )}
        </Typography.Text>
        {o.complications.length > 0 && (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            style={{ marginTop: 4 }}
            dataSource={o.complications}
            columns={[
              { title: t('oncology.complication.date'), render: (_, c) => `${c.date}${paren(`POD ${c.dayAfterOperation}`)}` },
              {
                title: t('oncology.complication.type'),
                render: (_, c) =>
                  `${labelOf(COMPLICATION_TYPE_OPTIONS, c.type as 'ileus', lang)}${c.typeOther ? `${colon()}${c.typeOther}` : ''}${c.isrecGrade ? paren(`ISREC ${c.isrecGrade}`) : ''}`,
              },
              { title: 'Clavien–Dindo', dataIndex: 'grade' },
              { title: t('oncology.complication.treatment'), dataIndex: 'treatment', render: (v: string | null) => v ?? '—' },
              ...(canWrite
                ? [
                    {
                      title: '',
                      className: 'no-print',
                      width: 72,
                      render: (_: unknown, c: Complication) => (
                        <Space size={0}>
                          <Button
                            size="small"
                            type="text"
                            icon={<EditOutlined />}
                            aria-label={t('common.edit')}
                            onClick={() => onEditComplication(c)}
                          />
                          <Button
                            size="small"
                            type="text"
                            danger
                            icon={<DeleteOutlined />}
                            aria-label={t('oncology.delete')}
                            onClick={() => onDeleteComplication(c.id, c.version)}
                          />
                        </Space>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </div>
    </Card>
  );
}
