import { useState } from 'react';
import { App, Button, Card, Descriptions, Form, Input, InputNumber, Modal, QRCode, Select, Space, Table, Tag, Typography } from 'antd';
import { DownloadOutlined, FilePdfOutlined, PlusOutlined, QrcodeOutlined } from '@ant-design/icons';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PROCEDURES } from '@gisurg/clinical';
import { useAuth } from '../../app/auth';
import { DateTimeField } from '../../app/components/DateTimeField';
import { useLang } from '../../app/components/useLang';
import { ErrorAlert } from '../../app/ErrorAlert';
import { formatDateTime } from '../../app/format';
import { applyServerErrors } from '../../app/forms';
import { PageHeader } from '../../app/PageHeader';
import { useAddSession, useDemoBookings, useDeskCheckIn, useEvent, type CreateSession, type EventDetail } from './api';

type Session = EventDetail['sessions'][number];

/** One event: programme (with the door QR code per session), registrations, attendance, certificates, attendee list. */
export function EventPage() {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const { id = '' } = useParams();
  const { can } = useAuth();
  const manage = can('education:manage');
  const q = useEvent(id);
  const e = q.data;
  const [qr, setQr] = useState<Session | null>(null);
  const [adding, setAdding] = useState(false);
  const [sessionForm] = Form.useForm<CreateSession>();
  const addSession = useAddSession(id);
  const desk = useDeskCheckIn(id);
  const [deskForm] = Form.useForm<{ sessionId: string; code: string }>();
  const { message } = App.useApp();
  const origin = window.location.origin;
  const procedureLabel = (code: string) => PROCEDURES.find((p) => p.code === code)?.label[lang] ?? code;
  const bookings = useDemoBookings(e?.startDate, e?.endDate, adding && can('theatre:read'));

  const submitSession = async (v: CreateSession) => {
    try {
      await addSession.mutateAsync(v);
      setAdding(false);
      sessionForm.resetFields();
    } catch (err) {
      const r = applyServerErrors(sessionForm, err, i18n.language);
      if (r.rest.length) void message.error(r.rest.join('；'));
    }
  };
  const submitDesk = async (v: { sessionId: string; code: string }) => {
    try {
      const out = await desk.mutateAsync(v);
      void message.success(`${out.name} · ${out.alreadyCheckedIn ? t('education.checkin.already') : t('education.checkin.done')}`);
      deskForm.setFieldValue('code', '');
    } catch (err) {
      const r = applyServerErrors(deskForm, err, i18n.language);
      if (r.rest.length) void message.error(r.rest.join('；'));
    }
  };

  return (
    <>
      <PageHeader
        title={e?.title ?? t('education.events.title')}
        crumbs={[{ label: t('education.events.title'), to: '/events' }, { label: e?.title ?? '' }]}
        extra={
          manage &&
          e && (
            <Button icon={<DownloadOutlined />} href={`/api/events/${id}/attendees.csv`} data-testid="attendees-csv">
              {t('education.event.exportList')}
            </Button>
          )
        }
      />
      <ErrorAlert error={q.error} />
      {e && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('education.field.kind')}>{t(`education.kind.${e.kind}`)}</Descriptions.Item>
            <Descriptions.Item label={t('education.field.dates')}>
              {e.startDate} – {e.endDate}
            </Descriptions.Item>
            <Descriptions.Item label={t('education.field.venue')}>{e.venue ?? '—'}</Descriptions.Item>
            <Descriptions.Item label={t('education.field.cme')}>
              {t(`education.cmeLevel.${e.cmeLevel}`)} · {t('education.cmeCategory', { category: e.cmeCategory })}
              {e.cmeProjectNo ? ` · ${e.cmeProjectNo}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label={t('education.field.registration')}>
              {e.registrationOpen ? <Tag color="green">{t('education.open')}</Tag> : <Tag>{t('education.closed')}</Tag>}
              <Typography.Text copyable={{ text: `${origin}/register/${e.id}` }}>{t('education.event.publicLink')}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('education.field.attendees')}>
              {e.attendeeCount} / {e.registrationCount}
            </Descriptions.Item>
          </Descriptions>

          <Card
            size="small"
            title={t('education.programme')}
            extra={
              manage && (
                <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="add-session">
                  {t('education.event.addSession')}
                </Button>
              )
            }
          >
            <Table<Session>
              rowKey="id"
              size="small"
              pagination={false}
              dataSource={e.sessions}
              columns={[
                {
                  title: t('education.field.time'),
                  render: (_: unknown, s) => `${formatDateTime(s.startsAt)} – ${formatDateTime(s.endsAt).slice(11)}`,
                },
                { title: t('education.field.sessionTitle'), dataIndex: 'title' },
                { title: t('education.field.speakers'), dataIndex: 'speakers' },
                {
                  title: t('education.field.demo'),
                  render: (_: unknown, s) =>
                    s.demo ? (
                      <Tag color="purple">
                        {s.demo.date} {s.demo.room ?? ''} {s.demo.procedures.map(procedureLabel).join('、')}
                      </Tag>
                    ) : null,
                },
                { title: t('education.field.credits'), dataIndex: 'credits' },
                { title: t('education.field.attended'), dataIndex: 'attended' },
                {
                  title: t('education.field.checkin'),
                  render: (_: unknown, s) => (
                    <Button size="small" icon={<QrcodeOutlined />} onClick={() => setQr(s)} data-testid={`qr-${s.id}`}>
                      {t('education.event.qr')}
                    </Button>
                  ),
                },
              ]}
            />
          </Card>

          {manage && (
            <Card size="small" title={t('education.event.desk')}>
              <Form form={deskForm} layout="inline" onFinish={(v) => void submitDesk(v)}>
                <Form.Item name="sessionId" rules={[{ required: true }]}>
                  <Select
                    style={{ width: 280 }}
                    placeholder={t('education.field.sessionTitle')}
                    options={e.sessions.map((s) => ({ value: s.id, label: s.title }))}
                  />
                </Form.Item>
                <Form.Item name="code" rules={[{ required: true }]}>
                  <Input placeholder={t('education.checkin.code')} maxLength={6} style={{ width: 140 }} />
                </Form.Item>
                <Button type="primary" htmlType="submit" loading={desk.isPending}>
                  {t('education.checkin.submit')}
                </Button>
              </Form>
            </Card>
          )}

          {manage && (
            <Card size="small" title={t('education.event.registrations')}>
              <Table<EventDetail['registrations'][number]>
                rowKey="id"
                size="small"
                dataSource={e.registrations}
                pagination={{ pageSize: 50, hideOnSinglePage: true }}
                columns={[
                  { title: t('education.field.name'), dataIndex: 'name' },
                  { title: t('education.field.hospital'), dataIndex: 'hospital' },
                  { title: t('education.field.title'), dataIndex: 'title' },
                  { title: t('education.field.phone'), dataIndex: 'phone' },
                  { title: t('education.field.code'), dataIndex: 'code' },
                  {
                    title: t('education.field.attended'),
                    render: (_: unknown, r) => `${r.attendedSessionIds.length} / ${e.sessions.length}`,
                  },
                  { title: t('education.field.credits'), dataIndex: 'credits' },
                  {
                    title: t('education.field.certificate'),
                    render: (_: unknown, r) =>
                      r.attendedSessionIds.length > 0 ? (
                        <Button size="small" icon={<FilePdfOutlined />} href={`/api/event-registrations/${r.id}/certificate.pdf`}>
                          PDF
                        </Button>
                      ) : null,
                  },
                ]}
              />
            </Card>
          )}
        </Space>
      )}
      <Modal open={!!qr} title={qr?.title} footer={null} onCancel={() => setQr(null)}>
        {qr && (
          <Space direction="vertical" align="center" style={{ width: '100%' }}>
            <QRCode value={`${origin}/checkin#${qr.checkinToken}`} size={240} />
            <Typography.Text copyable={{ text: `${origin}/checkin#${qr.checkinToken}` }} type="secondary">
              {t('education.event.qrHint')}
            </Typography.Text>
          </Space>
        )}
      </Modal>
      <Modal
        open={adding}
        title={t('education.event.addSession')}
        onCancel={() => setAdding(false)}
        onOk={() => sessionForm.submit()}
        confirmLoading={addSession.isPending}
        destroyOnHidden
      >
        <Form<CreateSession> form={sessionForm} layout="vertical" onFinish={(v) => void submitSession(v)}>
          <Form.Item name="title" label={t('education.field.sessionTitle')} rules={[{ required: true }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="startsAt" label={t('education.field.startsAt')} rules={[{ required: true }]}>
            <DateTimeField />
          </Form.Item>
          <Form.Item name="endsAt" label={t('education.field.endsAt')} rules={[{ required: true }]}>
            <DateTimeField />
          </Form.Item>
          <Form.Item name="speakers" label={t('education.field.speakers')}>
            <Input maxLength={300} />
          </Form.Item>
          <Form.Item name="credits" label={t('education.field.credits')} extra={t('education.event.creditsHint')}>
            <InputNumber min={0} max={20} step={0.5} />
          </Form.Item>
          <Form.Item name="demoBookingId" label={t('education.field.demoBooking')} extra={t('education.event.demoHint')}>
            <Select
              allowClear
              loading={bookings.isLoading}
              options={(bookings.data ?? []).map((b) => ({
                value: b.id,
                label: `${b.startLocal.replace('T', ' ')} ${b.room.name} ${b.procedures.map((p) => (p.code ? procedureLabel(p.code) : (p.name ?? ''))).join('、')}`,
              }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
