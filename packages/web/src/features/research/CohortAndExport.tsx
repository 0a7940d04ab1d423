import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Form,
  Input,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { FileExcelOutlined, FileTextOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DIAGNOSIS_SITE_OPTIONS, OPERATION_APPROACHES, PROCEDURES } from '@gisurg/clinical';
import { EXPORT_COLUMNS, type DateMode, type ExportColumn } from '@gisurg/contracts/research';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import {
  downloadExport,
  downloadIdentified,
  useCandidates,
  useEnrol,
  useExportLog,
  useFreezeCohort,
  useKAnonymity,
  usePreviewCohort,
  useWithdraw,
  type Candidates,
  type CohortCriteria,
  type Project,
} from './api';

const D = 'YYYY-MM-DD';
const STAGES = ['0', 'I', 'II', 'III', 'IV'] as const;

/** The cohort: a saved query over the record, previewed as aggregates, frozen as a list at a date. */
export function CohortCard({ project: p }: { project: Project }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const preview = usePreviewCohort();
  const freeze = useFreezeCohort(p.id);
  const [form] = Form.useForm();
  const zh = i18n.language === 'zh-CN';
  const c = (p.cohortCriteria ?? {}) as CohortCriteria;
  const criteria = (): CohortCriteria => {
    const v = form.getFieldsValue() as {
      sites?: string[];
      stages?: (typeof STAGES)[number][];
      procedures?: string[];
      approaches?: (typeof OPERATION_APPROACHES)[number][];
      hipec?: 'any' | 'yes' | 'no';
      operated?: [Dayjs, Dayjs] | null;
    };
    return {
      ...(v.sites?.length ? { sites: v.sites } : {}),
      ...(v.stages?.length ? { stages: v.stages } : {}),
      ...(v.procedures?.length ? { procedures: v.procedures } : {}),
      ...(v.approaches?.length ? { approaches: v.approaches } : {}),
      ...(v.hipec && v.hipec !== 'any' ? { hipec: v.hipec === 'yes' } : {}),
      ...(v.operated ? { operatedFrom: v.operated[0].format(D), operatedTo: v.operated[1].format(D) } : {}),
    };
  };
  const onFreeze = async () => {
    try {
      const r = await freeze.mutateAsync(criteria());
      void message.success(t('research.cohort.frozen', { count: r.count, date: r.frozenOn }));
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Card
      title={t('research.section.cohort')}
      size="small"
      extra={
        p.cohortFrozenOn ? (
          <Tag color="blue">{t('research.cohort.frozenTag', { date: p.cohortFrozenOn, count: p.cohortSize })}</Tag>
        ) : (
          <Tag>{t('research.cohort.notFrozen')}</Tag>
        )
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          sites: c.sites ?? [],
          stages: c.stages ?? [],
          procedures: c.procedures ?? [],
          approaches: c.approaches ?? [],
          hipec: c.hipec === undefined ? 'any' : c.hipec ? 'yes' : 'no',
          operated: c.operatedFrom && c.operatedTo ? [dayjs(c.operatedFrom), dayjs(c.operatedTo)] : null,
        }}
      >
        <Space wrap align="start">
          <Form.Item name="sites" label={t('research.cohort.sites')}>
            <Select
              mode="multiple"
              style={{ minWidth: 220 }}
              options={DIAGNOSIS_SITE_OPTIONS.map((o) => ({ value: o.value, label: zh ? o.label.zh : o.label.en }))}
            />
          </Form.Item>
          <Form.Item name="stages" label={t('research.cohort.stages')}>
            <Select mode="multiple" style={{ minWidth: 140 }} options={STAGES.map((s) => ({ value: s, label: s }))} />
          </Form.Item>
          <Form.Item name="procedures" label={t('research.cohort.procedures')}>
            <Select
              mode="multiple"
              style={{ minWidth: 280 }}
              optionFilterProp="label"
              options={PROCEDURES.map((o) => ({ value: o.code, label: zh ? o.label.zh : o.label.en }))}
            />
          </Form.Item>
          <Form.Item name="approaches" label={t('research.cohort.approaches')}>
            <Select
              mode="multiple"
              style={{ minWidth: 180 }}
              options={OPERATION_APPROACHES.map((a) => ({ value: a, label: t(`research.approach.${a}`) }))}
            />
          </Form.Item>
          <Form.Item name="hipec" label="HIPEC">
            <Radio.Group
              options={[
                { value: 'any', label: t('research.cohort.any') },
                { value: 'yes', label: t('research.cohort.yes') },
                { value: 'no', label: t('research.cohort.no') },
              ]}
            />
          </Form.Item>
          <Form.Item name="operated" label={t('research.cohort.operated')}>
            <DatePicker.RangePicker format={D} />
          </Form.Item>
        </Space>
        <Space>
          <Button onClick={() => preview.mutate(criteria())} loading={preview.isPending} data-testid="cohort-preview">
            {t('research.cohort.preview')}
          </Button>
          {can('research:manage') && (
            <Popconfirm title={t('research.cohort.freezeConfirm')} onConfirm={() => void onFreeze()}>
              <Button type="primary" loading={freeze.isPending} data-testid="cohort-freeze">
                {t('research.cohort.freeze')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      </Form>
      <ErrorAlert error={preview.error} />
      {preview.data && (
        <Descriptions size="small" style={{ marginTop: 12 }} column={1} bordered>
          <Descriptions.Item label={t('research.cohort.count')}>{preview.data.count}</Descriptions.Item>
          <Descriptions.Item label={t('research.cohort.sites')}>
            {preview.data.bySite.map((b) => `${t(`research.site.${b.key}`, { defaultValue: b.key })} ${b.count}`).join(' · ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('research.cohort.stages')}>
            {preview.data.byStage.map((b) => `${b.key} ${b.count}`).join(' · ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('research.field.sex')}>
            {preview.data.bySex.map((b) => `${t(`research.sex.${b.key}`, { defaultValue: b.key })} ${b.count}`).join(' · ')}
          </Descriptions.Item>
        </Descriptions>
      )}
    </Card>
  );
}

/** Consent: participants by pseudonym; the department head enrols from the frozen list (with names) and records withdrawals. */
export function ConsentCard({ project: p }: { project: Project }) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const enrolRight = can('research:enrol');
  const candidates = useCandidates(p.id, enrolRight);
  return (
    <Card title={t('research.section.consent')} size="small">
      <Typography.Paragraph type="secondary">
        {t('research.consent.summary', {
          consenting: p.participants.filter((x) => !x.withdrawnOn).length,
          withdrawn: p.participants.filter((x) => x.withdrawnOn).length,
        })}
      </Typography.Paragraph>
      {enrolRight ? (
        <CandidateTable projectId={p.id} data={candidates.data} loading={candidates.isLoading} error={candidates.error} />
      ) : (
        <Table
          size="small"
          rowKey="pseudonym"
          pagination={{ pageSize: 10 }}
          dataSource={p.participants}
          columns={[
            { title: t('research.field.pseudonym'), dataIndex: 'pseudonym' },
            { title: t('research.field.consentedOn'), dataIndex: 'consentedOn' },
            {
              title: t('research.field.status'),
              render: (_: unknown, r: Project['participants'][number]) =>
                r.withdrawnOn ? (
                  <Tag color="red">{t('research.consent.withdrawnOn', { date: r.withdrawnOn })}</Tag>
                ) : (
                  <Tag color="green">{t('research.consent.consenting')}</Tag>
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}

function CandidateTable({
  projectId,
  data,
  loading,
  error,
}: {
  projectId: string;
  data: Candidates | undefined;
  loading: boolean;
  error: unknown;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const enrol = useEnrol(projectId);
  const withdraw = useWithdraw(projectId);
  const [dates, setDates] = useState<Record<string, Dayjs | null>>({});
  const today = dayjs();
  const run = async (p: Promise<unknown>) => {
    try {
      await p;
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  type Row = Candidates['items'][number];
  return (
    <>
      <ErrorAlert error={error} />
      <Alert type="info" showIcon style={{ marginBottom: 8 }} message={t('research.consent.headOnly')} />
      <Table<Row>
        size="small"
        rowKey="patientId"
        loading={loading}
        pagination={{ pageSize: 10 }}
        dataSource={data?.items ?? []}
        locale={{ emptyText: t('research.consent.noList') }}
        columns={[
          { title: t('research.field.name'), dataIndex: 'name', width: 100 },
          { title: t('research.field.inpatientNo'), dataIndex: 'inpatientNo', width: 120 },
          {
            title: t('research.field.sex'),
            dataIndex: 'sex',
            width: 60,
            render: (v: string) => t(`research.sex.${v}`, { defaultValue: v }),
          },
          { title: t('research.field.birthYear'), dataIndex: 'birthYear', width: 80 },
          { title: t('research.field.pseudonym'), dataIndex: 'pseudonym', width: 150, render: (v: string | null) => v ?? '—' },
          {
            title: t('research.field.status'),
            render: (_: unknown, r) =>
              r.withdrawnOn ? (
                <Tag color="red">{t('research.consent.withdrawnOn', { date: r.withdrawnOn })}</Tag>
              ) : r.consentedOn ? (
                <Space>
                  <Tag color="green">{t('research.consent.consentedOn', { date: r.consentedOn })}</Tag>
                  <Popconfirm
                    title={t('research.consent.withdrawConfirm')}
                    onConfirm={() => void run(withdraw.mutateAsync({ patientId: r.patientId, date: today.format(D) }))}
                  >
                    <Button size="small" danger>
                      {t('research.consent.withdraw')}
                    </Button>
                  </Popconfirm>
                </Space>
              ) : (
                <Space>
                  <DatePicker
                    size="small"
                    format={D}
                    placeholder={t('research.field.consentedOn')}
                    value={dates[r.patientId] ?? null}
                    onChange={(d) => setDates((s) => ({ ...s, [r.patientId]: d }))}
                  />
                  <Button
                    size="small"
                    type="primary"
                    disabled={!dates[r.patientId]}
                    onClick={() =>
                      void run(enrol.mutateAsync({ patientId: r.patientId, consent: { obtainedOn: dates[r.patientId]!.format(D) } }))
                    }
                  >
                    {t('research.consent.enrol')}
                  </Button>
                </Space>
              ),
          },
        ]}
      />
    </>
  );
}

/** De-identified export: column choice, date mode, k-anonymity warnings; the head's identified export with a reason; the export history. */
export function ExportCard({ project: p }: { project: Project }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const [columns, setColumns] = useState<ExportColumn[]>([...EXPORT_COLUMNS]);
  const [dateMode, setDateMode] = useState<DateMode>('shifted');
  const [busy, setBusy] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const k = useKAnonymity(p.id, columns);
  const log = useExportLog(p.id);
  const run = async (key: string, fn: () => Promise<void>) => {
    setBusy(key);
    try {
      await fn();
      void log.refetch();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(null);
    }
  };
  const rareText = (g: { ageBand: string | null; sex: string | null; region: string | null; count: number }) =>
    [g.ageBand, g.sex ? t(`research.sex.${g.sex}`, { defaultValue: g.sex }) : null, g.region].filter(Boolean).join(' / ') +
    ` (n=${g.count})`;
  return (
    <Card title={t('research.section.export')} size="small">
      <Typography.Paragraph type="secondary">{t('research.export.intro')}</Typography.Paragraph>
      <Checkbox.Group
        value={columns}
        onChange={(v) => setColumns(EXPORT_COLUMNS.filter((c) => (v as string[]).includes(c)))}
        options={EXPORT_COLUMNS.map((c) => ({ value: c, label: t(`research.column.${c}`) }))}
        style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}
      />
      <Space style={{ marginTop: 12 }} wrap>
        <span>{t('research.export.dateMode')}</span>
        <Radio.Group
          value={dateMode}
          onChange={(e) => setDateMode(e.target.value as DateMode)}
          options={[
            { value: 'shifted', label: t('research.export.shifted') },
            { value: 'year', label: t('research.export.year') },
          ]}
        />
      </Space>
      {k.data && k.data.rare.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="k-warning"
          message={t('research.export.kWarning', { k: k.data.k, groups: k.data.rare.length, patients: k.data.patientsInRareGroups })}
          description={k.data.rare.slice(0, 12).map(rareText).join('；')}
        />
      )}
      {k.data && k.data.rare.length === 0 && (
        <Alert
          type="success"
          showIcon
          style={{ marginTop: 12 }}
          message={t('research.export.kOk', { k: k.data.k, patients: k.data.patients })}
        />
      )}
      <Space style={{ marginTop: 12 }}>
        <Button
          icon={<FileTextOutlined />}
          disabled={columns.length === 0 || busy !== null}
          loading={busy === 'csv'}
          onClick={() => void run('csv', () => downloadExport(p.id, 'csv', columns, dateMode))}
          data-testid="export-csv"
        >
          {t('research.export.csv')}
        </Button>
        <Button
          icon={<FileExcelOutlined />}
          disabled={columns.length === 0 || busy !== null}
          loading={busy === 'xlsx'}
          onClick={() => void run('xlsx', () => downloadExport(p.id, 'xlsx', columns, dateMode))}
          data-testid="export-xlsx"
        >
          {t('research.export.xlsx')}
        </Button>
      </Space>
      {can('research:export_identified') && (
        <Card size="small" type="inner" title={t('research.export.identifiedTitle')} style={{ marginTop: 16 }}>
          <Alert type="error" showIcon style={{ marginBottom: 8 }} message={t('research.export.identifiedWarning')} />
          <Input.TextArea
            rows={2}
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder={t('research.export.reason')}
          />
          <Space style={{ marginTop: 8 }}>
            {(['csv', 'xlsx'] as const).map((f) => (
              <Button
                key={f}
                danger
                disabled={reason.trim().length < 10 || busy !== null}
                loading={busy === `id-${f}`}
                onClick={() => void run(`id-${f}`, () => downloadIdentified(p.id, f, reason.trim(), i18n.language))}
              >
                {t(`research.export.identified.${f}`)}
              </Button>
            ))}
          </Space>
        </Card>
      )}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('research.export.history')}
      </Typography.Title>
      <Table
        size="small"
        rowKey={(r) => `${r.at}-${r.action}`}
        pagination={{ pageSize: 5 }}
        loading={log.isLoading}
        dataSource={log.data?.items ?? []}
        columns={[
          { title: t('research.export.at'), dataIndex: 'at', width: 170, render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          { title: t('research.export.who'), dataIndex: 'actor', width: 100 },
          {
            title: t('research.export.kind'),
            dataIndex: 'action',
            width: 130,
            render: (v: string) =>
              v === 'research.export_identified' ? (
                <Tag color="red">{t('research.export.identifiedTag')}</Tag>
              ) : (
                <Tag>{t('research.export.deidentifiedTag')}</Tag>
              ),
          },
          { title: t('research.export.format'), dataIndex: 'format', width: 70 },
          { title: t('research.export.patients'), dataIndex: 'patients', width: 80, align: 'right' },
          { title: t('research.export.columns'), dataIndex: 'columns', render: (v: string[]) => `${v.length}` },
          { title: t('research.export.reasonCol'), dataIndex: 'reason', render: (v: string | null) => v ?? '' },
        ]}
      />
    </Card>
  );
}
