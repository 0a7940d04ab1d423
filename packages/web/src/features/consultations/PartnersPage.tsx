import { useState, type ReactNode } from 'react';
import { Button, Card, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  AgreementBodySchema,
  ExchangeVisitBodySchema,
  OutreachBodySchema,
  UpdateAgreementSchema,
  UpdateExchangeVisitSchema,
  UpdateOutreachSchema,
} from '@gisurg/contracts/consultations';
import type { z } from 'zod';
import { api, get, qs } from '../../app/api';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { todayInHospital } from '../../app/format';
import { applyServerErrors } from '../../app/forms';
import { PageHeader } from '../../app/PageHeader';
import { useHomeUsers } from '../../app/components/useHomeUsers';
import type { Page } from '../../app/types';
import {
  AGREEMENT_KINDS,
  EXCHANGE_DIRECTIONS,
  OUTREACH_ACTIVITIES,
  OUTREACH_KINDS,
  type Agreement,
  type AgreementBody,
  type AgreementList,
  type ExchangeVisit,
  type ExchangeVisitBody,
  type ExchangeVisitList,
  type Outreach,
  type OutreachBody,
  type OutreachList,
} from './api';

type Tab = 'outreach' | 'agreements' | 'exchange';
const PATHS: Record<Tab, string> = { outreach: 'outreach', agreements: 'agreements', exchange: 'exchange-visits' };
const D = 'YYYY-MM-DD';
const day = (v: string | null | undefined) => (v ? dayjs(v, D) : undefined);

/** What each tab lists, what its form holds (dates as Dayjs) and the request body it sends (the contract's input). */
interface Records {
  outreach: Outreach;
  agreements: Agreement;
  exchange: ExchangeVisit;
}
interface Bodies {
  outreach: OutreachBody;
  agreements: AgreementBody;
  exchange: ExchangeVisitBody;
}
interface FormValues {
  outreach: Omit<OutreachBody, 'date'> & { date: Dayjs };
  agreements: Omit<AgreementBody, 'startDate' | 'endDate'> & { startDate: Dayjs; endDate?: Dayjs | null };
  exchange: Omit<ExchangeVisitBody, 'fromDate' | 'toDate'> & { fromDate: Dayjs; toDate: Dayjs };
}
type Editing = { [K in Tab]: { tab: K; record: Records[K] | null } }[Tab];

/** Partner and primary hospitals (not the home one), for the pickers. */
function usePartnerHospitals() {
  const { can } = useAuth();
  const { data } = useQuery({
    queryKey: ['organizations', 'partners'],
    queryFn: ({ signal }) =>
      get<Page<{ id: string; name: string; kind: string; disabled: boolean }>>('/api/organizations?pageSize=500', signal),
    enabled: can('organization:read') && can('consultation:manage'),
    staleTime: 60_000,
  });
  return (data?.items ?? []).filter((o) => o.kind !== 'home' && !o.disabled).map((o) => ({ value: o.id, label: o.name }));
}

/**
 * 对口支援与协作医院 (issue 10): technical-guidance visits and tele-sessions, agreements and exchange visits
 * per partner hospital. The coordinator and the department head record and edit; surgeons read; a primary
 * hospital's doctor sees their own hospital's.
 */
export function PartnersPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [params, setParams] = useSearchParams();
  const tab = (params.get('tab') as Tab | null) ?? 'outreach';
  const [year, setYear] = useState<number | null>(Number(todayInHospital().slice(0, 4)));
  const [editing, setEditing] = useState<Editing | null>(null);
  const query = qs({ year: year ?? undefined });
  const outreach = useQuery({
    queryKey: ['consultations', 'outreach', year],
    queryFn: ({ signal }) => get<OutreachList>(`/api/consultations/outreach${query}`, signal),
    enabled: tab === 'outreach',
  });
  const agreements = useQuery({
    queryKey: ['consultations', 'agreements', year],
    queryFn: ({ signal }) => get<AgreementList>(`/api/consultations/agreements${query}`, signal),
    enabled: tab === 'agreements',
  });
  const exchange = useQuery({
    queryKey: ['consultations', 'exchange', year],
    queryFn: ({ signal }) => get<ExchangeVisitList>(`/api/consultations/exchange-visits${query}`, signal),
    enabled: tab === 'exchange',
  });
  const manage = can('consultation:manage');
  const edit = (to: Editing) =>
    manage ? (
      <Button size="small" type="link" icon={<EditOutlined />} onClick={() => setEditing(to)} data-testid={`edit-${to.tab}`}>
        {t('consultations.reach.edit')}
      </Button>
    ) : null;
  const list = (add: Editing, table: ReactNode) => (
    <>
      {manage && (
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing(add)}
          style={{ marginBottom: 12 }}
          data-testid={`add-${add.tab}`}
        >
          {t(`consultations.reach.add.${add.tab}`)}
        </Button>
      )}
      {table}
    </>
  );
  return (
    <>
      <PageHeader
        title={t('consultations.reach.title')}
        crumbs={[{ label: t('consultations.title'), to: '/consultations' }]}
        extra={
          <Space>
            <Typography.Text type="secondary">{t('consultations.reach.year')}</Typography.Text>
            <InputNumber min={2000} max={2100} value={year} onChange={(v) => setYear(v)} data-testid="reach-year" />
          </Space>
        }
      />
      <ErrorAlert error={outreach.error ?? agreements.error ?? exchange.error} />
      <Card>
        <Tabs
          activeKey={tab}
          onChange={(k) => setParams({ tab: k }, { replace: true })}
          items={[
            {
              key: 'outreach',
              label: t('consultations.reach.tabs.outreach'),
              children: list(
                { tab: 'outreach', record: null },
                <Table
                  rowKey="id"
                  size="small"
                  loading={outreach.isLoading}
                  dataSource={outreach.data?.items ?? []}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  data-testid="outreach-table"
                  columns={[
                    { title: t('consultations.reach.field.date'), dataIndex: 'date', width: 110 },
                    {
                      title: t('consultations.reach.field.kind'),
                      dataIndex: 'kind',
                      render: (k: string, r) => (
                        <Space size={4}>
                          <Tag color={k === 'visit' ? 'green' : 'blue'}>{t(`consultations.reach.kind.${k}`)}</Tag>
                          {r.activity && t(`consultations.reach.activity.${r.activity}`)}
                        </Space>
                      ),
                    },
                    {
                      title: t('consultations.reach.field.hospitals'),
                      render: (_: unknown, r) => r.hospitals.map((h) => h.name).join('、'),
                    },
                    {
                      title: t('consultations.reach.field.surgeons'),
                      render: (_: unknown, r) => r.surgeons.map((s) => s.name).join('、') || r.participants || '—',
                    },
                    {
                      title: t('consultations.reach.field.notes'),
                      render: (_: unknown, r) =>
                        r.videoLink ? (
                          <a href={r.videoLink} target="_blank" rel="noreferrer noopener">
                            {t('consultations.reach.field.videoLink')}
                          </a>
                        ) : (
                          (r.notes ?? '—')
                        ),
                    },
                    { title: '', width: 80, render: (_: unknown, r) => edit({ tab: 'outreach', record: r }) },
                  ]}
                />,
              ),
            },
            {
              key: 'agreements',
              label: t('consultations.reach.tabs.agreements'),
              children: list(
                { tab: 'agreements', record: null },
                <Table
                  rowKey="id"
                  size="small"
                  loading={agreements.isLoading}
                  dataSource={agreements.data?.items ?? []}
                  pagination={false}
                  data-testid="agreements-table"
                  columns={[
                    { title: t('consultations.reach.field.hospital'), dataIndex: 'organizationName' },
                    {
                      title: t('consultations.reach.field.agreementKind'),
                      dataIndex: 'kind',
                      render: (k: string) => t(`consultations.reach.agreementKind.${k}`),
                    },
                    {
                      title: t('consultations.reach.field.period'),
                      render: (_: unknown, r) => `${r.startDate} – ${r.endDate ?? t('consultations.reach.openEnded')}`,
                    },
                    {
                      title: t('consultations.reach.field.active'),
                      dataIndex: 'active',
                      render: (a: boolean) => (
                        <Tag color={a ? 'green' : 'default'}>{t(a ? 'consultations.reach.inForce' : 'consultations.reach.ended')}</Tag>
                      ),
                    },
                    { title: t('consultations.reach.field.scope'), dataIndex: 'scope' },
                    { title: '', width: 80, render: (_: unknown, r) => edit({ tab: 'agreements', record: r }) },
                  ]}
                />,
              ),
            },
            {
              key: 'exchange',
              label: t('consultations.reach.tabs.exchange'),
              children: list(
                { tab: 'exchange', record: null },
                <Table
                  rowKey="id"
                  size="small"
                  loading={exchange.isLoading}
                  dataSource={exchange.data?.items ?? []}
                  pagination={false}
                  data-testid="exchange-table"
                  columns={[
                    { title: t('consultations.reach.field.hospital'), dataIndex: 'organizationName' },
                    {
                      title: t('consultations.reach.field.direction'),
                      dataIndex: 'direction',
                      render: (d: string) => <Tag color={d === 'in' ? 'blue' : 'green'}>{t(`consultations.reach.direction.${d}`)}</Tag>,
                    },
                    { title: t('consultations.reach.field.doctors'), dataIndex: 'doctors' },
                    { title: t('consultations.reach.field.period'), render: (_: unknown, r) => `${r.fromDate} – ${r.toDate}` },
                    { title: t('consultations.reach.field.purpose'), dataIndex: 'purpose' },
                    { title: '', width: 80, render: (_: unknown, r) => edit({ tab: 'exchange', record: r }) },
                  ]}
                />,
              ),
            },
          ]}
        />
      </Card>
      {editing && <EditModal {...editing} onClose={() => setEditing(null)} />}
    </>
  );
}

const fmt = (d: Dayjs | null | undefined) => (d ? d.format(D) : undefined);

/** The form values → the request body (dates as YYYY-MM-DD; empty texts as null). */
const TO_BODY: { [K in Tab]: (v: FormValues[K]) => Bodies[K] } = {
  outreach: (v) => ({
    kind: v.kind,
    date: v.date.format(D),
    organizationIds: v.organizationIds ?? [],
    surgeonIds: v.surgeonIds ?? [],
    activity: v.kind === 'visit' ? (v.activity ?? null) : null,
    videoLink: v.videoLink || null,
    participants: v.participants || null,
    notes: v.notes || null,
  }),
  agreements: (v) => ({
    organizationId: v.organizationId,
    kind: v.kind,
    startDate: v.startDate.format(D),
    endDate: fmt(v.endDate) ?? null,
    scope: v.scope,
  }),
  exchange: (v) => ({
    organizationId: v.organizationId,
    direction: v.direction,
    doctors: v.doctors,
    fromDate: v.fromDate.format(D),
    toDate: v.toDate.format(D),
    purpose: v.purpose,
  }),
};

/** A record → the form's values (a new one: today's guidance visit, an agreement of counterpart support, a visit in). */
const INITIAL: { [K in Tab]: (r: Records[K] | null) => Partial<FormValues[K]> } = {
  outreach: (r) =>
    r
      ? {
          kind: r.kind,
          date: day(r.date),
          organizationIds: r.hospitals.map((h) => h.id),
          surgeonIds: r.surgeons.map((s) => s.id),
          activity: r.activity,
          videoLink: r.videoLink,
          participants: r.participants,
          notes: r.notes,
        }
      : { kind: 'visit', date: dayjs(todayInHospital(), D) },
  agreements: (r) =>
    r
      ? { organizationId: r.organizationId, kind: r.kind, startDate: day(r.startDate), endDate: day(r.endDate) ?? null, scope: r.scope }
      : { kind: 'counterpart_support' },
  exchange: (r) =>
    r
      ? {
          organizationId: r.organizationId,
          direction: r.direction,
          doctors: r.doctors,
          fromDate: day(r.fromDate),
          toDate: day(r.toDate),
          purpose: r.purpose,
        }
      : { direction: 'in' },
};

const SCHEMAS: Record<Tab, { create: z.ZodType; update: z.ZodType }> = {
  outreach: { create: OutreachBodySchema, update: UpdateOutreachSchema },
  agreements: { create: AgreementBodySchema, update: UpdateAgreementSchema },
  exchange: { create: ExchangeVisitBodySchema, update: UpdateExchangeVisitSchema },
};

function EditModal<K extends Tab>({ tab, record, onClose }: { tab: K; record: Records[K] | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<FormValues[K]>();
  const hospitals = usePartnerHospitals();
  const surgeons = useHomeUsers()
    .filter((u) => u.role === 'surgeon' || u.role === 'department_head')
    .map((u) => ({ value: u.id, label: u.displayName }));
  const [rest, setRest] = useState<string[]>([]);
  const kind = Form.useWatch<FormValues['outreach']['kind'] | undefined>('kind', form);
  const m = useMutation({
    mutationFn: (v: FormValues[K]) => {
      const body: Bodies[K] = TO_BODY[tab](v);
      const url = `/api/consultations/${PATHS[tab]}`;
      return record
        ? api('PUT', `${url}/${record.id}`, { ...body, version: record.version }, { schema: SCHEMAS[tab].update })
        : api('POST', url, body, { schema: SCHEMAS[tab].create });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['consultations'] });
      onClose();
    },
    onError: (e) => setRest(applyServerErrors(form, e, i18n.language).rest),
  });
  const req = [{ required: true, message: t('validation.required') }];
  const dateField = (name: string, label: string, required = true) => (
    <Form.Item name={name} label={label} rules={required ? req : []}>
      <DatePicker format={D} data-testid={`field-${name}`} />
    </Form.Item>
  );
  return (
    <Modal
      open
      title={t(record ? 'consultations.reach.edit' : `consultations.reach.add.${tab}`)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('consultations.reach.save')}
      confirmLoading={m.isPending}
      okButtonProps={{ 'data-testid': 'reach-save' }}
      destroyOnHidden
      width={640}
    >
      {rest.length > 0 && <Typography.Paragraph type="danger">{rest.join('；')}</Typography.Paragraph>}
      <Form form={form} layout="vertical" initialValues={INITIAL[tab](record)} onFinish={(v) => m.mutate(v)}>
        {tab === 'outreach' && (
          <>
            <Form.Item name="kind" label={t('consultations.reach.field.kind')} rules={req}>
              <Select
                options={OUTREACH_KINDS.map((k) => ({ value: k, label: t(`consultations.reach.kind.${k}`) }))}
                data-testid="field-kind"
              />
            </Form.Item>
            {dateField('date', t('consultations.reach.field.date'))}
            <Form.Item name="organizationIds" label={t('consultations.reach.field.hospitals')} rules={req}>
              <Select mode="multiple" options={hospitals} showSearch={{ optionFilterProp: 'label' }} data-testid="field-hospitals" />
            </Form.Item>
            {kind === 'visit' ? (
              <>
                <Form.Item name="activity" label={t('consultations.reach.field.activity')} rules={req}>
                  <Select
                    options={OUTREACH_ACTIVITIES.map((a) => ({ value: a, label: t(`consultations.reach.activity.${a}`) }))}
                    data-testid="field-activity"
                  />
                </Form.Item>
                <Form.Item name="surgeonIds" label={t('consultations.reach.field.surgeons')} rules={req}>
                  <Select mode="multiple" options={surgeons} showSearch={{ optionFilterProp: 'label' }} data-testid="field-surgeons" />
                </Form.Item>
              </>
            ) : (
              <>
                <Form.Item name="videoLink" label={t('consultations.reach.field.videoLink')} rules={req}>
                  <Input placeholder="https://" maxLength={500} data-testid="field-videoLink" />
                </Form.Item>
                <Form.Item name="surgeonIds" label={t('consultations.reach.field.surgeons')}>
                  <Select mode="multiple" options={surgeons} showSearch={{ optionFilterProp: 'label' }} />
                </Form.Item>
                <Form.Item name="participants" label={t('consultations.reach.field.participants')}>
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
              </>
            )}
            <Form.Item name="notes" label={t('consultations.reach.field.notes')}>
              <Input.TextArea rows={3} maxLength={4000} data-testid="field-notes" />
            </Form.Item>
          </>
        )}
        {tab === 'agreements' && (
          <>
            <Form.Item name="organizationId" label={t('consultations.reach.field.hospital')} rules={req}>
              <Select options={hospitals} showSearch={{ optionFilterProp: 'label' }} data-testid="field-hospital" />
            </Form.Item>
            <Form.Item name="kind" label={t('consultations.reach.field.agreementKind')} rules={req}>
              <Select options={AGREEMENT_KINDS.map((k) => ({ value: k, label: t(`consultations.reach.agreementKind.${k}`) }))} />
            </Form.Item>
            <Space>
              {dateField('startDate', t('consultations.reach.field.startDate'))}
              {dateField('endDate', t('consultations.reach.field.endDate'), false)}
            </Space>
            <Form.Item name="scope" label={t('consultations.reach.field.scope')} rules={req}>
              <Input.TextArea rows={3} maxLength={4000} data-testid="field-scope" />
            </Form.Item>
          </>
        )}
        {tab === 'exchange' && (
          <>
            <Form.Item name="organizationId" label={t('consultations.reach.field.hospital')} rules={req}>
              <Select options={hospitals} showSearch={{ optionFilterProp: 'label' }} data-testid="field-hospital" />
            </Form.Item>
            <Form.Item name="direction" label={t('consultations.reach.field.direction')} rules={req}>
              <Select options={EXCHANGE_DIRECTIONS.map((d) => ({ value: d, label: t(`consultations.reach.direction.${d}`) }))} />
            </Form.Item>
            <Form.Item name="doctors" label={t('consultations.reach.field.doctors')} rules={req}>
              <Input maxLength={1000} data-testid="field-doctors" />
            </Form.Item>
            <Space>
              {dateField('fromDate', t('consultations.reach.field.fromDate'))}
              {dateField('toDate', t('consultations.reach.field.toDate'))}
            </Space>
            <Form.Item name="purpose" label={t('consultations.reach.field.purpose')} rules={req}>
              <Input.TextArea rows={2} maxLength={2000} data-testid="field-purpose" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
