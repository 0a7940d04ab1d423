import { colon } from '../../app/format';
import { useState } from 'react';
import { Button, ConfigProvider, Empty, Result, Skeleton, Space, Tabs, Tag, Tooltip, Typography } from 'antd';
import { CloseOutlined, CompressOutlined, ExpandOutlined, FormOutlined, LeftOutlined, RightOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { useAuth } from '../../app/auth';
import { ErrorAlert } from '../../app/ErrorAlert';
import { mdtApi, type CaseDetail, type MeetingDetail } from './api';
import { CaseStatusTag, ItemStatusTag, meetingWhen } from './labels';
import { ParticipantsCard } from './ParticipantsCard';
import { RecommendationForm } from './RecommendationForm';
import { SnapshotView } from './SnapshotView';
import { usePresentationKeys } from './usePresentationKeys';

const BIG = 26;

function Slide({ c }: { c: CaseDetail }) {
  const { t } = useTranslation();
  const images = c.attachments.filter((a) => a.contentType !== 'application/pdf');
  const pdfs = c.attachments.filter((a) => a.contentType === 'application/pdf');
  return (
    <div style={{ fontSize: BIG, lineHeight: 1.5 }} data-testid="slide">
      <Space size="large" align="baseline" wrap>
        <span style={{ fontSize: 44, fontWeight: 700 }} data-testid="slide-patient">
          {c.patient.name}
        </span>
        <span>
          {t(`sex.${c.patient.sex}`)} · {t('patient.ageYears', { age: c.patient.age })}
          {c.patient.inpatientNo ? ` · ${c.patient.inpatientNo}` : ''}
        </span>
        {c.urgency === 'urgent' && (
          <Tag color="red" style={{ fontSize: 20, padding: '4px 10px' }}>
            {t('mdt.urgency.urgent')}
          </Tag>
        )}
        <CaseStatusTag status={c.status} />
      </Space>
      <div style={{ color: '#555', fontSize: 20 }}>
        {t('mdt.case.submittedBy')}
        {colon()}
        {c.submittedBy.name} · {c.submittingOrganization.name}
        {c.snapshot.patient.sourceOrganizationName
          ? ` · ${t('patient.referredBy', { org: c.snapshot.patient.sourceOrganizationName })}`
          : ''}
      </div>
      <div
        style={{
          margin: '24px 0',
          padding: '16px 24px',
          background: '#e6f4ee',
          borderLeft: '8px solid #0b6e4f',
          fontSize: 34,
          fontWeight: 600,
        }}
        data-testid="slide-question"
      >
        {c.question}
      </div>
      {c.summary && <div style={{ whiteSpace: 'pre-wrap', marginBottom: 24 }}>{c.summary}</div>}
      <SnapshotView snapshot={c.snapshot} large />
      {(images.length > 0 || pdfs.length > 0) && (
        <div style={{ marginTop: 24 }}>
          <Typography.Title level={3}>{t('mdt.attachments.title')}</Typography.Title>
          <Space wrap size="large" align="start">
            {images.map((a) => (
              <figure key={a.id} style={{ margin: 0 }}>
                <img
                  src={mdtApi.attachmentUrl(a.id)}
                  alt={a.fileName}
                  style={{ maxHeight: 420, maxWidth: '100%', border: '1px solid #ddd' }}
                />
                <figcaption style={{ fontSize: 18 }}>{a.fileName}</figcaption>
              </figure>
            ))}
            {pdfs.map((a) => (
              <Button key={a.id} size="large" href={mdtApi.attachmentUrl(a.id)} target="_blank">
                {a.fileName}
              </Button>
            ))}
          </Space>
        </div>
      )}
      {c.recommendation && (
        <div style={{ marginTop: 24, padding: 16, border: '2px solid #0b6e4f' }} data-testid="slide-recommendation">
          <Typography.Title level={3} style={{ marginTop: 0 }}>
            {t('mdt.recommendation.title')}
            {colon()}
            {t(`mdt.intent.${c.recommendation.intent}`)}
          </Typography.Title>
          {c.recommendation.items.map((i) => (
            <div key={i.id}>
              {i.position}. {t(`mdt.itemKind.${i.kind}`)}
              {i.detail ? ` — ${i.detail}` : ''} · {i.dueDate} <ItemStatusTag status={i.status} />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}

/**
 * The board's presentation view (UX.md): full screen, one case per screen in agenda order, large type for
 * the back of the room, arrow keys to move; the recommendation form and attendance in a side panel.
 */
export function PresentationPage() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const navigate = useNavigate();
  const { can } = useAuth();
  const queryClient = useQueryClient();
  const [panel, setPanel] = useState(false);
  const [fullscreen, setFullscreen] = useState(false);
  const {
    data: meeting,
    error,
    isLoading,
  } = useQuery({ queryKey: ['mdt', 'meeting', id], queryFn: ({ signal }) => mdtApi.meeting(id, signal) });
  const agenda = meeting?.agenda ?? [];
  const index = Math.min(Math.max(Number(params.get('i') ?? 0) || 0, 0), Math.max(agenda.length - 1, 0));
  const current = agenda[index];
  const { data: c, error: caseError } = useQuery({
    queryKey: ['mdt', 'case', current?.id],
    queryFn: ({ signal }) => mdtApi.case(current!.id, signal),
    enabled: Boolean(current),
  });
  const next = agenda[index + 1];
  useQuery({ queryKey: ['mdt', 'case', next?.id], queryFn: ({ signal }) => mdtApi.case(next!.id, signal), enabled: Boolean(next) });

  const go = (i: number) => setParams({ i: String(i) }, { replace: true });
  const handlers = {
    next: () => {
      if (index < agenda.length - 1) go(index + 1);
    },
    previous: () => {
      if (index > 0) go(index - 1);
    },
    togglePanel: () => setPanel((p) => !p),
    toggleFullscreen: () => {
      if (document.fullscreenElement) void document.exitFullscreen().then(() => setFullscreen(false));
      else
        void document.documentElement.requestFullscreen?.().then(
          () => setFullscreen(true),
          () => undefined,
        );
    },
    exit: () => void navigate(`/mdt/meetings/${id}`),
  };
  usePresentationKeys(handlers);

  if (isLoading) return <Skeleton active style={{ padding: 40 }} />;
  if (error || !meeting) return <ErrorAlert error={error ?? new Error(t('errors.notFound'))} />;
  const refresh = () => void queryClient.invalidateQueries({ queryKey: ['mdt'] });
  const canManage = can('mdt:manage');

  return (
    <div
      style={{ position: 'fixed', inset: 0, display: 'flex', flexDirection: 'column', background: '#fff', zIndex: 10 }}
      data-testid="presentation"
    >
      <div
        style={{ display: 'flex', alignItems: 'center', gap: 16, padding: '8px 20px', background: '#0b6e4f', color: '#fff', fontSize: 20 }}
      >
        <span style={{ fontWeight: 600 }}>{meeting.title ?? `${t(`mdt.tumorGroup.${meeting.tumorGroup}`)} MDT`}</span>
        <span>{meetingWhen(meeting.startsAt, i18n.language)}</span>
        <div style={{ flex: 1 }} />
        <Button
          ghost
          icon={<LeftOutlined />}
          disabled={index === 0}
          onClick={handlers.previous}
          aria-label={t('mdt.present.previous')}
          data-testid="present-prev"
        />
        <span data-testid="present-counter">{agenda.length ? t('mdt.present.counter', { n: index + 1, total: agenda.length }) : '—'}</span>
        <Button
          ghost
          icon={<RightOutlined />}
          disabled={index >= agenda.length - 1}
          onClick={handlers.next}
          aria-label={t('mdt.present.next')}
          data-testid="present-next"
        />
        {canManage && (
          <Button ghost icon={<FormOutlined />} onClick={handlers.togglePanel} data-testid="present-panel">
            {t('mdt.present.panel')}
          </Button>
        )}
        <Tooltip title="F">
          <Button
            ghost
            icon={fullscreen ? <CompressOutlined /> : <ExpandOutlined />}
            onClick={handlers.toggleFullscreen}
            aria-label={t('mdt.present.fullscreen')}
          />
        </Tooltip>
        <Button ghost icon={<CloseOutlined />} onClick={handlers.exit} aria-label={t('mdt.present.exit')} data-testid="present-exit" />
      </div>
      <div style={{ flex: 1, display: 'flex', minHeight: 0 }}>
        <div style={{ flex: 1, overflow: 'auto', padding: '24px 40px' }}>
          {agenda.length === 0 ? (
            <Result status="info" title={t('mdt.meeting.agendaEmpty')} />
          ) : caseError ? (
            <ErrorAlert error={caseError} />
          ) : c && c.id === current?.id ? (
            // Large type for the back of the room: every antd component on the slide scales with it.
            <ConfigProvider theme={{ token: { fontSize: 22 } }}>
              <Slide c={c} />
            </ConfigProvider>
          ) : (
            <Skeleton active />
          )}
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 32, fontSize: 14 }}>
            {t('mdt.present.keys')}
          </Typography.Text>
        </div>
        {panel && canManage && (
          <div
            style={{ width: 560, borderLeft: '1px solid #e5e5e5', overflow: 'auto', padding: 16, background: '#fafafa' }}
            data-testid="present-side"
          >
            <Tabs
              items={[
                {
                  key: 'rec',
                  label: t('mdt.recommendation.title'),
                  children:
                    c && !c.recommendation && (c.status === 'scheduled' || c.status === 'submitted') ? (
                      <RecommendationForm key={c.id} caseId={c.id} tumorGroup={meeting.tumorGroup} onSaved={refresh} />
                    ) : (
                      <Empty description={c?.recommendation ? t('mdt.present.decided') : t('mdt.present.notOpen')} />
                    ),
                },
                {
                  key: 'att',
                  label: t('mdt.participants.attendance'),
                  children: <AttendancePanel meeting={meeting} onChanged={refresh} />,
                },
              ]}
            />
          </div>
        )}
      </div>
    </div>
  );
}

function AttendancePanel({ meeting, onChanged }: { meeting: MeetingDetail; onChanged: () => void }) {
  return <ParticipantsCard meeting={meeting} canManage onChanged={onChanged} />;
}
