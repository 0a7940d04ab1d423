import { paren } from '../../app/format';
import { useState } from 'react';
import { App, Button, Card, Descriptions, Popconfirm, Skeleton, Space, Tag } from 'antd';
import { DesktopOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { PageHeader } from '../../app/PageHeader';
import { AgendaCard } from './AgendaCard';
import { mdtApi } from './api';
import { meetingWhen, MeetingStatusTag } from './labels';
import { MeetingFormModal } from './MeetingFormModal';
import { ParticipantsCard } from './ParticipantsCard';
import { ReasonModal } from '../../app/components/ReasonModal';
import { TriageCard } from './TriageCard';

/** One board: details, agenda (ordered), triage queue, participants and attendance; start, close, present. */
export function MeetingPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const { can } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const { data: m, error, isLoading } = useQuery({ queryKey: ['mdt', 'meeting', id], queryFn: ({ signal }) => mdtApi.meeting(id, signal) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['mdt'] });
  if (isLoading) return <Skeleton active />;
  if (error || !m) return <ErrorAlert error={error ?? new Error(t('errors.notFound'))} />;
  const manage = can('mdt:manage');
  const open = m.status === 'scheduled' || m.status === 'in_progress';
  const title = m.title ?? `${t(`mdt.tumorGroup.${m.tumorGroup}`)} MDT`;
  const act = async (action: 'start' | 'close' | 'cancel', reason?: string) => {
    try {
      await mdtApi.meetingAction(m.id, action, m.version, reason);
      void message.success(t('common.saved'));
      setCancelling(false);
      refresh();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <>
      <PageHeader
        title={
          <Space>
            {title}
            <MeetingStatusTag status={m.status} />
          </Space>
        }
        crumbs={[{ label: t('mdt.nav.title'), to: '/mdt' }, { label: `${title} ${meetingWhen(m.startsAt, i18n.language).slice(0, 10)}` }]}
        extra={
          <>
            {m.agenda.length > 0 && (
              <Button icon={<DesktopOutlined />} onClick={() => void navigate(`/mdt/meetings/${m.id}/present`)} data-testid="present">
                {t('mdt.present.start')}
              </Button>
            )}
            {can('mdt:submit') && open && (
              <Button
                icon={<PlusOutlined />}
                onClick={() => void navigate(`/mdt/cases/new?meetingId=${m.id}`)}
                data-testid="submit-case-here"
              >
                {t('mdt.case.submit')}
              </Button>
            )}
            {manage && m.status === 'scheduled' && (
              <Button type="primary" onClick={() => void act('start')} data-testid="start-meeting">
                {t('mdt.meeting.start')}
              </Button>
            )}
            {manage && open && (
              <Popconfirm
                title={t('mdt.meeting.closeConfirm')}
                onConfirm={() => void act('close')}
                okText={t('common.save')}
                cancelText={t('common.cancel')}
              >
                <Button data-testid="close-meeting">{t('mdt.meeting.close')}</Button>
              </Popconfirm>
            )}
          </>
        }
      />
      <Card
        size="small"
        style={{ marginBottom: 16 }}
        extra={
          manage &&
          open && (
            <Space>
              <Button size="small" icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
              {m.status === 'scheduled' && (
                <Button size="small" danger onClick={() => setCancelling(true)}>
                  {t('mdt.meeting.cancel')}
                </Button>
              )}
            </Space>
          )
        }
      >
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('mdt.meeting.when')}>
            {meetingWhen(m.startsAt, i18n.language)}
            {paren(`${m.durationMinutes} ${t('mdt.meeting.minutes')}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('mdt.meeting.tumorGroup')}>{t(`mdt.tumorGroup.${m.tumorGroup}`)}</Descriptions.Item>
          <Descriptions.Item label={t('mdt.meeting.kind')}>
            <Tag color={m.kind === 'inter' ? 'geekblue' : 'default'}>{t(`mdt.kind.${m.kind}`)}</Tag>
          </Descriptions.Item>
          <Descriptions.Item label={t('mdt.meeting.place')}>{m.place}</Descriptions.Item>
          <Descriptions.Item label={t('mdt.meeting.videoLink')}>
            {m.videoLink && (
              <a href={m.videoLink} target="_blank" rel="noreferrer noopener">
                {m.videoLink}
              </a>
            )}
          </Descriptions.Item>
          <Descriptions.Item label={t('mdt.meeting.chair')}>{m.chair?.name}</Descriptions.Item>
          {m.statusReason && <Descriptions.Item label={t('mdt.meeting.statusReason')}>{m.statusReason}</Descriptions.Item>}
        </Descriptions>
      </Card>
      <AgendaCard meeting={m} canManage={manage && open} onChanged={refresh} />
      <TriageCard
        cases={m.triage}
        canManage={manage}
        title={t('mdt.meeting.triageTitle')}
        onChanged={refresh}
        meetingId={open ? m.id : undefined}
      />
      <div style={{ marginTop: 16 }}>
        <ParticipantsCard meeting={m} canManage={manage} onChanged={refresh} />
      </div>
      <MeetingFormModal
        open={editing}
        meeting={m}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          refresh();
        }}
      />
      <ReasonModal
        placeholder={t('mdt.reasonPlaceholder')}
        open={cancelling}
        title={t('mdt.meeting.cancelTitle')}
        onCancel={() => setCancelling(false)}
        onOk={(reason) => act('cancel', reason)}
      />
    </>
  );
}
