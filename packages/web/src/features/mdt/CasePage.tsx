import { useState } from 'react';
import { App, Button, Card, Col, Descriptions, Drawer, Dropdown, Row, Skeleton, Space, Tag, Timeline, Typography } from 'antd';
import { DownloadOutlined, EditOutlined, FormOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { useDownload } from '../../app/download';
import { ErrorAlert } from '../../app/ErrorAlert';
import { formatDateTime } from '../../app/format';
import { PageHeader } from '../../app/PageHeader';
import { mdtApi } from './api';
import { AttachmentsCard } from './AttachmentsCard';
import { CaseEditModal } from './CaseEditModal';
import { CaseStatusTag, meetingWhen, useEventNote, useReasonText, useSpecialtyName } from './labels';
import { RecommendationForm } from './RecommendationForm';
import { RecommendationView } from './RecommendationView';
import { SnapshotView } from './SnapshotView';
import { TriageCard } from './TriageCard';

/** One case: submission, clinical snapshot, attachments, attendance, recommendation with tracked items, letter. */
export function CasePage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const { me, can } = useAuth();
  const { message } = App.useApp();
  const { busy, download } = useDownload();
  const queryClient = useQueryClient();
  const specialty = useSpecialtyName();
  const eventNote = useEventNote();
  const reasonText = useReasonText();
  const [recording, setRecording] = useState(false);
  const [editing, setEditing] = useState(false);
  const { data: c, error, isLoading } = useQuery({ queryKey: ['mdt', 'case', id], queryFn: ({ signal }) => mdtApi.case(id, signal) });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['mdt'] });
  if (isLoading) return <Skeleton active />;
  if (error || !c) return <ErrorAlert error={error ?? new Error(t('errors.notFound'))} />;
  const manage = can('mdt:manage');
  const own = me?.organization.id === c.submittingOrganization.id;
  const open = c.status === 'submitted' || c.status === 'scheduled' || c.status === 'deferred';
  const mayEdit = open && can('mdt:submit') && (manage || own);
  const decided = Boolean(c.recommendation);
  const refreshSnapshot = async () => {
    try {
      await mdtApi.refreshSnapshot(c.id);
      void message.success(t('mdt.snapshot.refreshed'));
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
            {c.patient.name}
            <CaseStatusTag status={c.status} />
            {c.urgency === 'urgent' && <Tag color="red">{t('mdt.urgency.urgent')}</Tag>}
          </Space>
        }
        crumbs={[
          { label: t('mdt.nav.title'), to: '/mdt' },
          { label: meetingWhen(c.meeting.startsAt, i18n.language).slice(0, 10), to: `/mdt/meetings/${c.meeting.id}` },
          { label: c.patient.name },
        ]}
        extra={
          <>
            {decided && (
              <Dropdown
                // Opened by a click (also on a tablet at the board, and it stays open while the pointer moves to it).
                trigger={['click']}
                menu={{
                  items: [
                    { key: 'zh', label: <span data-testid="letter-zh">{t('mdt.letter.zh')}</span> },
                    { key: 'en', label: t('mdt.letter.en') },
                    { key: 'p', label: t('mdt.letter.patient') },
                  ],
                  onClick: ({ key }) =>
                    void download(
                      key,
                      key === 'p' ? mdtApi.patientSummaryUrl(c.id) : mdtApi.letterUrl(c.id, key === 'en' ? 'en' : 'zh-CN'),
                      'mdt-letter.pdf',
                    ),
                }}
              >
                <Button icon={<DownloadOutlined />} loading={busy !== null} data-testid="letter">
                  {t('mdt.letter.download')}
                </Button>
              </Dropdown>
            )}
            {mayEdit && (
              <Button icon={<ReloadOutlined />} onClick={() => void refreshSnapshot()} data-testid="refresh-snapshot">
                {t('mdt.snapshot.refresh')}
              </Button>
            )}
            {mayEdit && (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
                {t('common.edit')}
              </Button>
            )}
            {manage && (c.status === 'submitted' || c.status === 'scheduled') && (
              <Button type="primary" icon={<FormOutlined />} onClick={() => setRecording(true)} data-testid="record-recommendation">
                {t('mdt.recommendation.record')}
              </Button>
            )}
          </>
        }
      />
      {(c.status === 'submitted' || c.status === 'deferred') && (
        <TriageCard cases={[{ ...c }]} canManage={manage} title={t('mdt.triage.title')} onChanged={refresh} />
      )}
      {c.recommendation && (
        <div style={{ marginTop: 16 }}>
          <RecommendationView rec={c.recommendation} canTrack={can('mdt:track')} canAmend={manage} onChanged={refresh} />
        </div>
      )}
      <Row gutter={16} style={{ marginTop: 16 }}>
        <Col xs={24} xl={14}>
          <Card size="small" title={t('mdt.case.title')} style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('mdt.case.meeting')}>
                <Link to={`/mdt/meetings/${c.meeting.id}`}>
                  {meetingWhen(c.meeting.startsAt, i18n.language)} · {c.meeting.title ?? t(`mdt.tumorGroup.${c.meeting.tumorGroup}`)} ·{' '}
                  {t(`mdt.kind.${c.meeting.kind}`)}
                </Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('mdt.case.patient')}>
                {can('patient:read') ? <Link to={`/patients/${c.patient.id}`}>{c.patient.name}</Link> : c.patient.name} ·{' '}
                {t(`sex.${c.patient.sex}`)} · {t('patient.ageYears', { age: c.patient.age })}
                {c.patient.inpatientNo ? ` · ${c.patient.inpatientNo}` : ''}
              </Descriptions.Item>
              <Descriptions.Item label={t('mdt.case.submittedBy')}>
                {c.submittedBy.name} · {c.submittingOrganization.name} · {formatDateTime(c.createdAt)}
              </Descriptions.Item>
              {c.presentingSpecialty && (
                <Descriptions.Item label={t('mdt.case.presentingSpecialty')}>{specialty(c.presentingSpecialty)}</Descriptions.Item>
              )}
              <Descriptions.Item label={t('mdt.case.question')}>
                <Typography.Text strong style={{ whiteSpace: 'pre-wrap' }}>
                  {c.question}
                </Typography.Text>
              </Descriptions.Item>
              {c.summary && (
                <Descriptions.Item label={t('mdt.case.summary')}>
                  <span style={{ whiteSpace: 'pre-wrap' }}>{c.summary}</span>
                </Descriptions.Item>
              )}
              {c.statusReason && <Descriptions.Item label={t('mdt.case.statusReason')}>{reasonText(c.statusReason)}</Descriptions.Item>}
            </Descriptions>
          </Card>
          <Card size="small" title={t('mdt.snapshot.title')} style={{ marginBottom: 16 }}>
            <SnapshotView snapshot={c.snapshot} />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <div style={{ marginBottom: 16 }}>
            <AttachmentsCard
              caseId={c.id}
              attachments={c.attachments}
              canAdd={can('mdt:submit') && (manage || own) && c.status !== 'rejected' && c.status !== 'completed'}
              onChanged={refresh}
            />
          </div>
          <Card size="small" title={t('mdt.participants.attendees')} style={{ marginBottom: 16 }}>
            {c.attendees.length === 0 ? (
              <Typography.Text type="secondary">{t('mdt.participants.noneCheckedIn')}</Typography.Text>
            ) : (
              c.attendees.map((p) => (
                <div key={p.id}>
                  {p.name} · {specialty(p.specialty)}
                  {p.title ? ` · ${p.title}` : ''}
                  {p.hospital ? ` · ${p.hospital}` : ''}
                </div>
              ))
            )}
          </Card>
          <Card size="small" title={t('mdt.case.timeline')}>
            <Timeline
              items={c.events.map((e) => ({
                children: (
                  <span>
                    {formatDateTime(e.at)} {t(`mdt.event.${e.action}`, { defaultValue: e.action })}
                    {e.actorName ? ` · ${e.actorName}` : ''}
                    {e.note ? <Typography.Text type="secondary"> · {eventNote(e.action, e.note)}</Typography.Text> : null}
                  </span>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      <Drawer open={recording} onClose={() => setRecording(false)} title={t('mdt.recommendation.record')} size="large" destroyOnHidden>
        <RecommendationForm
          caseId={c.id}
          tumorGroup={c.meeting.tumorGroup}
          onSaved={() => {
            setRecording(false);
            refresh();
          }}
        />
      </Drawer>
      <CaseEditModal
        c={c}
        open={editing}
        onClose={() => setEditing(false)}
        onSaved={() => {
          setEditing(false);
          refresh();
        }}
      />
    </>
  );
}
