import { useState } from 'react';
import { Badge, Button, Calendar, Empty, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { mdtApi, TUMOR_GROUPS, type Meeting, type MeetingKind, type TumorGroup } from './api';
import { hospitalDate, meetingWhen, MeetingStatusTag } from './labels';
import { MdtNav } from './MdtNav';
import { MeetingFormModal } from './MeetingFormModal';

/** Boards as a list (upcoming first) or a month calendar; the coordinator creates boards and series here. */
export function MeetingsPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [view, setView] = useState<'list' | 'calendar'>('list');
  const [month, setMonth] = useState<Dayjs>(dayjs());
  const [filter, setFilter] = useState<{ tumorGroup?: TumorGroup; kind?: MeetingKind }>({});
  const [creating, setCreating] = useState(false);
  const range =
    view === 'calendar'
      ? {
          from: month.startOf('month').subtract(7, 'day').format('YYYY-MM-DD'),
          to: month.endOf('month').add(7, 'day').format('YYYY-MM-DD'),
        }
      : { from: dayjs().subtract(60, 'day').format('YYYY-MM-DD'), to: dayjs().add(180, 'day').format('YYYY-MM-DD') };
  const { data, isLoading, error } = useQuery({
    queryKey: ['mdt', 'meetings', range, filter],
    queryFn: ({ signal }) => mdtApi.meetings({ ...range, ...filter }, signal),
    placeholderData: keepPreviousData,
  });
  const meetings = data?.items ?? [];
  const now = Date.now();
  const upcoming = meetings.filter((m) => new Date(m.startsAt).getTime() + m.durationMinutes * 60_000 >= now);
  const past = meetings.filter((m) => !upcoming.includes(m)).reverse();
  const title = (m: Meeting) => m.title ?? `${t(`mdt.tumorGroup.${m.tumorGroup}`)} MDT`;

  const columns = [
    { title: t('mdt.meeting.when'), dataIndex: 'startsAt', width: 190, render: (v: string) => meetingWhen(v, i18n.language) },
    {
      title: t('mdt.meeting.board'),
      render: (_: unknown, m: Meeting) => (
        <Space size={4}>
          <Typography.Text strong>{title(m)}</Typography.Text>
          <Tag>{t(`mdt.tumorGroup.${m.tumorGroup}`)}</Tag>
          <Tag color={m.kind === 'inter' ? 'geekblue' : 'default'}>{t(`mdt.kind.${m.kind}`)}</Tag>
        </Space>
      ),
    },
    {
      title: t('mdt.meeting.place'),
      render: (_: unknown, m: Meeting) =>
        m.videoLink ? (
          <Space size={4}>
            {m.place}
            <VideoCameraOutlined />
          </Space>
        ) : (
          m.place
        ),
    },
    { title: t('mdt.meeting.chair'), render: (_: unknown, m: Meeting) => m.chair?.name },
    { title: t('mdt.meeting.agenda'), width: 90, render: (_: unknown, m: Meeting) => m.counts.agenda },
    {
      title: t('mdt.meeting.triage'),
      width: 90,
      render: (_: unknown, m: Meeting) => (m.counts.triage ? <Badge count={m.counts.triage} color="orange" /> : 0),
    },
    { title: t('common.status'), width: 100, render: (_: unknown, m: Meeting) => <MeetingStatusTag status={m.status} /> },
  ];
  const table = (rows: Meeting[], testId: string) => (
    <Table<Meeting>
      size="small"
      rowKey="id"
      loading={isLoading}
      dataSource={rows}
      pagination={false}
      data-testid={testId}
      onRow={(m) => ({ onClick: () => void navigate(`/mdt/meetings/${m.id}`), style: { cursor: 'pointer' } })}
      locale={{ emptyText: <Empty description={t('mdt.meeting.none')} /> }}
      columns={columns}
    />
  );

  return (
    <>
      <PageHeader
        title={t('mdt.nav.title')}
        crumbs={[{ label: t('mdt.nav.title') }]}
        extra={
          <>
            {can('mdt:submit') && (
              <Button onClick={() => void navigate('/mdt/cases/new')} data-testid="submit-case">
                {t('mdt.case.submit')}
              </Button>
            )}
            {can('mdt:manage') && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="new-meeting">
                {t('mdt.meeting.new')}
              </Button>
            )}
          </>
        }
      />
      <MdtNav />
      <Space style={{ marginBottom: 16, display: 'flex' }} wrap>
        <Segmented<'list' | 'calendar'>
          value={view}
          onChange={(v) => setView(v)}
          options={[
            { value: 'list', label: t('mdt.meeting.listView') },
            { value: 'calendar', label: t('mdt.meeting.calendarView') },
          ]}
          data-testid="meeting-view"
        />
        <Select
          allowClear
          placeholder={t('mdt.meeting.tumorGroup')}
          style={{ width: 180 }}
          options={TUMOR_GROUPS.map((g) => ({ value: g, label: t(`mdt.tumorGroup.${g}`) }))}
          onChange={(g?: TumorGroup) => setFilter((f) => ({ ...f, tumorGroup: g }))}
        />
        <Select
          allowClear
          placeholder={t('mdt.meeting.kind')}
          style={{ width: 140 }}
          options={(['intra', 'inter'] as const).map((k) => ({ value: k, label: t(`mdt.kind.${k}`) }))}
          onChange={(k?: MeetingKind) => setFilter((f) => ({ ...f, kind: k }))}
        />
      </Space>
      <ErrorAlert error={error} />
      {view === 'list' ? (
        <>
          <Typography.Title level={5}>{t('mdt.meeting.upcoming')}</Typography.Title>
          {table(upcoming, 'upcoming-meetings')}
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('mdt.meeting.past')}
          </Typography.Title>
          {table(past, 'past-meetings')}
        </>
      ) : (
        <Calendar
          value={month}
          onPanelChange={(d) => setMonth(d)}
          onSelect={(d, info) => info.source === 'date' && setMonth(d)}
          cellRender={(d, info) => {
            if (info.type !== 'date') return info.originNode;
            const day = d.format('YYYY-MM-DD');
            return (
              <div>
                {meetings
                  .filter((m) => hospitalDate(m.startsAt) === day)
                  .map((m) => (
                    <div key={m.id} onClick={() => void navigate(`/mdt/meetings/${m.id}`)} style={{ cursor: 'pointer', fontSize: 12 }}>
                      <Badge
                        status={m.status === 'cancelled' ? 'error' : m.status === 'closed' ? 'default' : 'processing'}
                        text={`${meetingWhen(m.startsAt, i18n.language).slice(11, 16)} ${title(m)}`}
                      />
                    </div>
                  ))}
              </div>
            );
          }}
          data-testid="meeting-calendar"
        />
      )}
      <MeetingFormModal
        open={creating}
        meeting={null}
        onClose={() => setCreating(false)}
        onSaved={(id) => {
          setCreating(false);
          void queryClient.invalidateQueries({ queryKey: ['mdt'] });
          void navigate(`/mdt/meetings/${id}`);
        }}
      />
    </>
  );
}
