import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, InputNumber, Modal, Select, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { FUNDERS } from '@gisurg/contracts/research';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { applyServerErrors } from '../../app/forms';
import { PageHeader } from '../../app/PageHeader';
import { useCreateProject, useProjects, type ProjectList } from './api';

const D = 'YYYY-MM-DD';
type Row = ProjectList['items'][number];

/** Research projects of the department (researchers and the head): grants, ethics, consent counts, outputs. */
export function ResearchListPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const projects = useProjects();
  const create = useCreateProject();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm();
  const today = new Date().toISOString().slice(0, 10);

  const submit = async () => {
    const v = (await form.validateFields()) as {
      title: string;
      funder: (typeof FUNDERS)[number];
      grantNo: string;
      startDate: Dayjs;
      endDate: Dayjs;
      piName?: string;
      budgetYuan?: number | null;
    };
    try {
      const out = await create.mutateAsync({
        title: v.title,
        funder: v.funder,
        grantNo: v.grantNo,
        startDate: v.startDate.format(D),
        endDate: v.endDate.format(D),
        piName: v.piName ?? null,
        budgetYuan: v.budgetYuan ?? null,
      });
      setOpen(false);
      form.resetFields();
      void message.success(t('research.saved'));
      void navigate(`/research/${out.id}`);
    } catch (e) {
      const r = applyServerErrors(form, e, i18n.language);
      if (!r.placed) void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <>
      <PageHeader
        title={t('research.title')}
        extra={
          can('research:manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="research-new">
              {t('research.new')}
            </Button>
          )
        }
      />
      <Typography.Paragraph type="secondary">{t('research.intro')}</Typography.Paragraph>
      <ErrorAlert error={projects.error} />
      <Table<Row>
        rowKey="id"
        loading={projects.isLoading}
        dataSource={projects.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('research.field.title'), dataIndex: 'title', render: (v: string, r) => <Link to={`/research/${r.id}`}>{v}</Link> },
          {
            title: t('research.field.funder'),
            dataIndex: 'funder',
            width: 150,
            render: (v: string) => <Tag>{t(`research.funder.${v}`)}</Tag>,
          },
          { title: t('research.field.grantNo'), dataIndex: 'grantNo', width: 170 },
          { title: t('research.field.period'), width: 200, render: (_: unknown, r) => `${r.startDate} – ${r.endDate}` },
          { title: t('research.field.pi'), dataIndex: 'piName', width: 100 },
          {
            title: t('research.field.ethics'),
            width: 210,
            render: (_: unknown, r) =>
              r.ethicsNumber ? (
                <span>
                  {r.ethicsNumber}
                  {r.ethicsExpiresOn && r.ethicsExpiresOn < today && (
                    <Tag color="red" style={{ marginLeft: 4 }}>
                      {t('research.ethicsExpired')}
                    </Tag>
                  )}
                </span>
              ) : (
                <Tag color="orange">{t('research.noEthics')}</Tag>
              ),
          },
          { title: t('research.field.consenting'), dataIndex: 'consenting', width: 90, align: 'right' },
          { title: t('research.field.withdrawn'), dataIndex: 'withdrawn', width: 90, align: 'right' },
          { title: t('research.field.outputs'), dataIndex: 'outputs', width: 80, align: 'right' },
        ]}
      />
      <Modal
        open={open}
        title={t('research.new')}
        onCancel={() => setOpen(false)}
        onOk={() => void submit()}
        confirmLoading={create.isPending}
        okText={t('research.save')}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" initialValues={{ funder: 'zhejiang_nsf' }}>
          <Form.Item name="title" label={t('research.field.title')} rules={[{ required: true, message: t('research.required') }]}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="funder" label={t('research.field.funder')} rules={[{ required: true }]}>
            <Select options={FUNDERS.map((f) => ({ value: f, label: t(`research.funder.${f}`) }))} />
          </Form.Item>
          <Form.Item name="grantNo" label={t('research.field.grantNo')} rules={[{ required: true, message: t('research.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="startDate" label={t('research.field.startDate')} rules={[{ required: true, message: t('research.required') }]}>
            <DatePicker format={D} />
          </Form.Item>
          <Form.Item name="endDate" label={t('research.field.endDate')} rules={[{ required: true, message: t('research.required') }]}>
            <DatePicker format={D} />
          </Form.Item>
          <Form.Item name="piName" label={t('research.field.pi')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="budgetYuan" label={t('research.field.budget')}>
            <InputNumber min={0} max={1_000_000_000} style={{ width: 200 }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
