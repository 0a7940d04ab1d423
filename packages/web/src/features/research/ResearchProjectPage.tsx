import { useState } from 'react';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Select,
  Skeleton,
  Space,
  Table,
  Tag,
} from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { FUNDERS, MEMBER_ROLES, OUTPUT_KINDS } from '@gisurg/contracts/research';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { applyServerErrors } from '../../app/forms';
import { PageHeader } from '../../app/PageHeader';
import { useAddOutput, useDeleteOutput, useProject, useUpdateProject, type Project } from './api';
import { CohortCard, ConsentCard, ExportCard } from './CohortAndExport';

const D = 'YYYY-MM-DD';
const day = (s: string | null | undefined) => (s ? dayjs(s) : null);

/** One research project: details and ethics, members, cohort, consent, de-identified export, outputs. */
export function ResearchProjectPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const { can } = useAuth();
  const project = useProject(id);
  const [editing, setEditing] = useState(false);
  if (project.isLoading) return <Skeleton active />;
  if (project.error || !project.data) return <ErrorAlert error={project.error} />;
  const p = project.data;
  const manage = can('research:manage');
  return (
    <>
      <PageHeader
        title={p.title}
        crumbs={[{ label: t('research.title'), to: '/research' }, { label: p.grantNo }]}
        extra={
          manage && (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="research-edit">
              {t('research.edit')}
            </Button>
          )
        }
      />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card title={t('research.section.project')} size="small">
          <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
            <Descriptions.Item label={t('research.field.funder')}>{t(`research.funder.${p.funder}`)}</Descriptions.Item>
            <Descriptions.Item label={t('research.field.grantNo')}>{p.grantNo}</Descriptions.Item>
            <Descriptions.Item label={t('research.field.period')}>{`${p.startDate} – ${p.endDate}`}</Descriptions.Item>
            <Descriptions.Item label={t('research.field.pi')}>{p.piName ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('research.field.budget')}>
              {p.budgetYuan === null ? '—' : `¥${p.budgetYuan.toLocaleString()}`}
            </Descriptions.Item>
            <Descriptions.Item label={t('research.field.k')}>{p.kThreshold}</Descriptions.Item>
          </Descriptions>
        </Card>
        <Card title={t('research.section.ethics')} size="small">
          {p.ethics ? (
            <Descriptions size="small" column={{ xs: 1, md: 2 }}>
              <Descriptions.Item label={t('research.field.committee')}>{p.ethics.committee}</Descriptions.Item>
              <Descriptions.Item label={t('research.field.ethicsNumber')}>{p.ethics.number}</Descriptions.Item>
              <Descriptions.Item label={t('research.field.approvedOn')}>{p.ethics.approvedOn}</Descriptions.Item>
              <Descriptions.Item label={t('research.field.expiresOn')}>{p.ethics.expiresOn ?? '—'}</Descriptions.Item>
            </Descriptions>
          ) : (
            <Tag color="orange">{t('research.noEthics')}</Tag>
          )}
        </Card>
        <Card title={t('research.section.members')} size="small">
          <Table
            size="small"
            rowKey={(m) => `${m.name}-${m.role}`}
            pagination={false}
            dataSource={p.members}
            columns={[
              { title: t('research.field.memberName'), dataIndex: 'name' },
              { title: t('research.field.memberRole'), dataIndex: 'role', render: (v: string) => t(`research.memberRole.${v}`) },
            ]}
          />
        </Card>
        <CohortCard project={p} />
        <ConsentCard project={p} />
        <ExportCard project={p} />
        <OutputsCard project={p} />
      </Space>
      {editing && <EditModal project={p} onClose={() => setEditing(false)} />}
    </>
  );
}

function EditModal({ project: p, onClose }: { project: Project; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const update = useUpdateProject(p.id);
  const [form] = Form.useForm();
  const submit = async () => {
    const v = (await form.validateFields()) as {
      title: string;
      funder: Project['funder'];
      grantNo: string;
      startDate: Dayjs;
      endDate: Dayjs;
      piName?: string | null;
      budgetYuan?: number | null;
      kThreshold: number;
      committee?: string;
      ethicsNumber?: string;
      approvedOn?: Dayjs | null;
      expiresOn?: Dayjs | null;
      members?: { name: string; role: Project['members'][number]['role'] }[];
    };
    try {
      await update.mutateAsync({
        version: p.version,
        title: v.title,
        funder: v.funder,
        grantNo: v.grantNo,
        startDate: v.startDate.format(D),
        endDate: v.endDate.format(D),
        piName: v.piName ?? null,
        budgetYuan: v.budgetYuan ?? null,
        kThreshold: v.kThreshold,
        ethics:
          v.committee && v.ethicsNumber && v.approvedOn
            ? {
                committee: v.committee,
                number: v.ethicsNumber,
                approvedOn: v.approvedOn.format(D),
                expiresOn: v.expiresOn?.format(D) ?? null,
              }
            : null,
        members: (v.members ?? []).filter((m) => m?.name).map((m) => ({ name: m.name, role: m.role })),
      });
      void message.success(t('research.saved'));
      onClose();
    } catch (e) {
      const r = applyServerErrors(form, e, i18n.language, {
        alias: { 'ethics.committee': ['committee'], 'ethics.number': ['ethicsNumber'], 'ethics.expiresOn': ['expiresOn'] },
      });
      if (r.conflict) void message.error(t('research.conflict'));
      else if (!r.placed) void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Modal
      open
      title={t('research.edit')}
      onCancel={onClose}
      onOk={() => void submit()}
      confirmLoading={update.isPending}
      width={720}
      okText={t('research.save')}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          title: p.title,
          funder: p.funder,
          grantNo: p.grantNo,
          startDate: day(p.startDate),
          endDate: day(p.endDate),
          piName: p.piName,
          budgetYuan: p.budgetYuan,
          kThreshold: p.kThreshold,
          committee: p.ethics?.committee,
          ethicsNumber: p.ethics?.number,
          approvedOn: day(p.ethics?.approvedOn),
          expiresOn: day(p.ethics?.expiresOn),
          members: p.members,
        }}
      >
        <Form.Item name="title" label={t('research.field.title')} rules={[{ required: true, message: t('research.required') }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Space wrap>
          <Form.Item name="funder" label={t('research.field.funder')}>
            <Select style={{ width: 220 }} options={FUNDERS.map((f) => ({ value: f, label: t(`research.funder.${f}`) }))} />
          </Form.Item>
          <Form.Item name="grantNo" label={t('research.field.grantNo')} rules={[{ required: true, message: t('research.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="startDate" label={t('research.field.startDate')} rules={[{ required: true }]}>
            <DatePicker format={D} />
          </Form.Item>
          <Form.Item name="endDate" label={t('research.field.endDate')} rules={[{ required: true }]}>
            <DatePicker format={D} />
          </Form.Item>
          <Form.Item name="piName" label={t('research.field.pi')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="budgetYuan" label={t('research.field.budget')}>
            <InputNumber min={0} max={1_000_000_000} />
          </Form.Item>
          <Form.Item name="kThreshold" label={t('research.field.k')}>
            <InputNumber min={2} max={100} />
          </Form.Item>
        </Space>
        <Card size="small" title={t('research.section.ethics')} style={{ marginBottom: 16 }}>
          <Space wrap>
            <Form.Item name="committee" label={t('research.field.committee')}>
              <Input maxLength={200} style={{ width: 260 }} />
            </Form.Item>
            <Form.Item name="ethicsNumber" label={t('research.field.ethicsNumber')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="approvedOn" label={t('research.field.approvedOn')}>
              <DatePicker format={D} />
            </Form.Item>
            <Form.Item name="expiresOn" label={t('research.field.expiresOn')}>
              <DatePicker format={D} />
            </Form.Item>
          </Space>
        </Card>
        <Card size="small" title={t('research.section.members')}>
          <Form.List name="members">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('research.required') }]}>
                      <Input placeholder={t('research.field.memberName')} maxLength={100} />
                    </Form.Item>
                    <Form.Item name={[f.name, 'role']} initialValue="member">
                      <Select
                        style={{ width: 160 }}
                        options={MEMBER_ROLES.map((r) => ({ value: r, label: t(`research.memberRole.${r}`) }))}
                      />
                    </Form.Item>
                    <Button type="link" danger onClick={() => remove(f.name)}>
                      {t('research.remove')}
                    </Button>
                  </Space>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ role: 'member' })}>
                  {t('research.addMember')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
      </Form>
    </Modal>
  );
}

function OutputsCard({ project: p }: { project: Project }) {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const { message } = App.useApp();
  const add = useAddOutput(p.id);
  const del = useDeleteOutput();
  const [form] = Form.useForm();
  const submit = async () => {
    const v = (await form.validateFields()) as {
      kind: Project['outputs'][number]['kind'];
      title: string;
      year: number;
      doi?: string;
      reference?: string;
    };
    try {
      await add.mutateAsync({ kind: v.kind, title: v.title, year: v.year, doi: v.doi ? v.doi : null, reference: v.reference ?? null });
      form.resetFields();
    } catch (e) {
      const r = applyServerErrors(form, e, i18n.language);
      if (!r.placed) void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Card title={t('research.section.outputs')} size="small">
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={p.outputs}
        columns={[
          {
            title: t('research.field.outputKind'),
            dataIndex: 'kind',
            width: 90,
            render: (v: string) => <Tag>{t(`research.outputKind.${v}`)}</Tag>,
          },
          { title: t('research.field.title'), dataIndex: 'title' },
          { title: t('research.field.year'), dataIndex: 'year', width: 70 },
          {
            title: 'DOI',
            dataIndex: 'doi',
            width: 230,
            render: (v: string | null) =>
              v ? (
                <a href={`https://doi.org/${v}`} target="_blank" rel="noreferrer">
                  {v}
                </a>
              ) : (
                '—'
              ),
          },
          { title: t('research.field.reference'), dataIndex: 'reference', width: 220 },
          ...(can('research:manage')
            ? [
                {
                  title: '',
                  width: 70,
                  render: (_: unknown, o: Project['outputs'][number]) => (
                    <Popconfirm title={t('research.confirmRemove')} onConfirm={() => void del.mutateAsync(o.id)}>
                      <Button type="link" danger size="small">
                        {t('research.remove')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {can('research:manage') && (
        <Form
          form={form}
          layout="inline"
          style={{ marginTop: 12, rowGap: 8 }}
          initialValues={{ kind: 'paper', year: new Date().getFullYear() }}
        >
          <Form.Item name="kind">
            <Select style={{ width: 100 }} options={OUTPUT_KINDS.map((k) => ({ value: k, label: t(`research.outputKind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="title" rules={[{ required: true, message: t('research.required') }]}>
            <Input placeholder={t('research.field.title')} style={{ width: 260 }} maxLength={500} />
          </Form.Item>
          <Form.Item name="year">
            <InputNumber min={1990} max={2100} style={{ width: 90 }} />
          </Form.Item>
          <Form.Item name="doi">
            <Input placeholder="DOI 10.xxxx/…" style={{ width: 200 }} maxLength={200} />
          </Form.Item>
          <Form.Item name="reference">
            <Input placeholder={t('research.field.reference')} style={{ width: 200 }} maxLength={300} />
          </Form.Item>
          <Button icon={<PlusOutlined />} onClick={() => void submit()} loading={add.isPending}>
            {t('research.addOutput')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
