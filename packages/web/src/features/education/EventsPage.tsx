import { useState } from 'react';
import { App, Button, DatePicker, Form, Input, Modal, Select, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { CME_CATEGORIES, CME_LEVELS, EVENT_KINDS } from '@gisurg/contracts/education';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { applyServerErrors } from '../../app/forms';
import { PageHeader } from '../../app/PageHeader';
import { useCreateEvent, useEvents, type EventList } from './api';

type NewEventForm = {
  kind: (typeof EVENT_KINDS)[number];
  title: string;
  dates: [Dayjs, Dayjs];
  venue?: string;
  cmeLevel: (typeof CME_LEVELS)[number];
  cmeCategory: (typeof CME_CATEGORIES)[number];
  cmeProjectNo?: string;
};

/** Forums and teaching classes (docs/education.md): list, and a new event for the organisers. */
export function EventsPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const q = useEvents();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<NewEventForm>();
  const create = useCreateEvent();
  const navigate = useNavigate();
  const { message } = App.useApp();

  const submit = async (v: NewEventForm) => {
    try {
      const { id } = await create.mutateAsync({
        kind: v.kind,
        title: v.title,
        startDate: v.dates[0].format('YYYY-MM-DD'),
        endDate: v.dates[1].format('YYYY-MM-DD'),
        venue: v.venue ?? null,
        cmeLevel: v.cmeLevel,
        cmeCategory: v.cmeCategory,
        cmeProjectNo: v.cmeProjectNo ?? null,
      });
      setOpen(false);
      void navigate(`/events/${id}`);
    } catch (e) {
      const r = applyServerErrors(form, e, i18n.language);
      if (r.rest.length) void message.error(r.rest.join('；'));
    }
  };

  return (
    <>
      <PageHeader
        title={t('education.events.title')}
        crumbs={[{ label: t('education.events.title') }]}
        extra={
          can('education:manage') && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)} data-testid="new-event">
              {t('education.events.new')}
            </Button>
          )
        }
      />
      <ErrorAlert error={q.error} />
      <Table<EventList['items'][number]>
        rowKey="id"
        size="small"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('education.field.eventTitle'), dataIndex: 'title', render: (v: string, e) => <Link to={`/events/${e.id}`}>{v}</Link> },
          { title: t('education.field.kind'), dataIndex: 'kind', render: (k: string) => <Tag>{t(`education.kind.${k}`)}</Tag> },
          { title: t('education.field.dates'), render: (_: unknown, e) => `${e.startDate} – ${e.endDate}` },
          {
            title: t('education.field.cme'),
            render: (_: unknown, e) =>
              `${t(`education.cmeLevel.${e.cmeLevel}`)} · ${t('education.cmeCategory', { category: e.cmeCategory })}`,
          },
          { title: t('education.field.sessions'), dataIndex: 'sessions' },
          { title: t('education.field.registrations'), dataIndex: 'registrations' },
          { title: t('education.field.attendees'), dataIndex: 'attendees' },
          {
            title: t('education.field.registration'),
            dataIndex: 'registrationOpen',
            render: (o: boolean) => (o ? <Tag color="green">{t('education.open')}</Tag> : <Tag>{t('education.closed')}</Tag>),
          },
        ]}
      />
      <Modal
        open={open}
        title={t('education.events.new')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form<NewEventForm>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{ kind: 'forum', cmeLevel: 'provincial', cmeCategory: 'I' }}
        >
          <Form.Item name="kind" label={t('education.field.kind')} rules={[{ required: true }]}>
            <Select options={EVENT_KINDS.map((k) => ({ value: k, label: t(`education.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="title" label={t('education.field.eventTitle')} rules={[{ required: true }]}>
            <Input maxLength={200} data-testid="event-title" />
          </Form.Item>
          <Form.Item name="dates" label={t('education.field.dates')} rules={[{ required: true }]}>
            <DatePicker.RangePicker format="YYYY-MM-DD" style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="venue" label={t('education.field.venue')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="cmeLevel" label={t('education.field.cmeLevel')}>
            <Select options={CME_LEVELS.map((k) => ({ value: k, label: t(`education.cmeLevel.${k}`) }))} />
          </Form.Item>
          <Form.Item name="cmeCategory" label={t('education.field.cmeCategory')}>
            <Select options={CME_CATEGORIES.map((k) => ({ value: k, label: t('education.cmeCategory', { category: k }) }))} />
          </Form.Item>
          <Form.Item name="cmeProjectNo" label={t('education.field.cmeProjectNo')}>
            <Input maxLength={60} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
