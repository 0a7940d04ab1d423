import { useState } from 'react';
import { App, Button, Card, Dropdown, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { DownOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { mdtApi, type CaseSummary } from './api';
import { CaseStatusTag, meetingWhen, useReasonText } from './labels';
import { ReasonModal } from '../../app/components/ReasonModal';

/** Cases waiting for triage: put on the agenda, defer or reject with a reason. */
export function TriageCard({
  cases,
  canManage,
  title,
  onChanged,
  meetingId,
}: {
  cases: CaseSummary[];
  canManage: boolean;
  title: string;
  onChanged: () => void;
  meetingId?: string;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const reasonText = useReasonText();
  const [asking, setAsking] = useState<{ c: CaseSummary; action: 'defer' | 'reject' } | null>(null);
  const [moving, setMoving] = useState<CaseSummary | null>(null);
  const [target, setTarget] = useState<string | undefined>();
  const { data: open } = useQuery({
    queryKey: ['mdt', 'meetings', 'open'],
    queryFn: ({ signal }) => mdtApi.meetings({ status: 'scheduled', from: dayjs().format('YYYY-MM-DD') }, signal),
    enabled: moving !== null,
  });
  if (cases.length === 0) return null;
  const act = async (c: CaseSummary, action: 'schedule' | 'defer' | 'reject', reason?: string, to?: string) => {
    const dest = to ?? (meetingId && c.meeting.id !== meetingId ? meetingId : undefined);
    try {
      await mdtApi.triage(c.id, {
        action,
        version: c.version,
        ...(reason ? { reason } : {}),
        ...(action === 'schedule' && dest ? { meetingId: dest } : {}),
      });
      void message.success(t('common.saved'));
      setAsking(null);
      setMoving(null);
      onChanged();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Card size="small" title={title} data-testid="triage" style={{ marginTop: 16 }}>
      <Table<CaseSummary>
        size="small"
        rowKey="id"
        dataSource={cases}
        pagination={false}
        columns={[
          {
            title: t('mdt.case.patient'),
            render: (_v, c) => <Typography.Link onClick={() => void navigate(`/mdt/cases/${c.id}`)}>{c.patient.name}</Typography.Link>,
          },
          { title: t('mdt.case.question'), dataIndex: 'question', ellipsis: true },
          { title: t('mdt.case.submittedBy'), render: (_v, c) => `${c.submittedBy.name} · ${c.submittingOrganization.name}` },
          {
            title: t('mdt.case.urgency'),
            width: 80,
            render: (_v, c) => (c.urgency === 'urgent' ? <Tag color="red">{t('mdt.urgency.urgent')}</Tag> : t('mdt.urgency.routine')),
          },
          {
            title: t('common.status'),
            width: 160,
            render: (_v, c) => (
              <Space direction="vertical" size={0}>
                <CaseStatusTag status={c.status} />
                {c.statusReason && (
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {reasonText(c.statusReason)}
                  </Typography.Text>
                )}
              </Space>
            ),
          },
          ...(canManage
            ? [
                {
                  title: '',
                  width: 190,
                  render: (_v: unknown, c: CaseSummary) => (
                    <Space size={4}>
                      {meetingId || c.meeting.status === 'scheduled' || c.meeting.status === 'in_progress' ? (
                        <Button size="small" type="primary" onClick={() => void act(c, 'schedule')} data-testid="triage-schedule">
                          {t('mdt.triage.schedule')}
                        </Button>
                      ) : null}
                      <Dropdown
                        menu={{
                          items: [
                            {
                              key: 'move',
                              label: t('mdt.triage.move'),
                              onClick: () => {
                                setTarget(undefined);
                                setMoving(c);
                              },
                            },
                            ...(c.status === 'submitted'
                              ? [{ key: 'defer', label: t('mdt.triage.defer'), onClick: () => setAsking({ c, action: 'defer' }) }]
                              : []),
                            {
                              key: 'reject',
                              danger: true,
                              label: t('mdt.triage.reject'),
                              onClick: () => setAsking({ c, action: 'reject' }),
                            },
                          ],
                        }}
                      >
                        <Button size="small" data-testid="triage-more">
                          {t('mdt.triage.more')} <DownOutlined />
                        </Button>
                      </Dropdown>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={moving !== null}
        title={t('mdt.triage.move')}
        onCancel={() => setMoving(null)}
        okButtonProps={{ disabled: !target }}
        onOk={() => moving && target && void act(moving, 'schedule', undefined, target)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Select
          style={{ width: '100%' }}
          value={target}
          onChange={setTarget}
          placeholder={t('mdt.triage.pickMeeting')}
          options={(open?.items ?? []).map((m) => ({
            value: m.id,
            label: `${meetingWhen(m.startsAt, i18n.language)} · ${m.title ?? t(`mdt.tumorGroup.${m.tumorGroup}`)} · ${t(`mdt.kind.${m.kind}`)}`,
          }))}
        />
      </Modal>
      <ReasonModal
        placeholder={t('mdt.reasonPlaceholder')}
        open={asking !== null}
        title={asking?.action === 'reject' ? t('mdt.triage.rejectTitle') : t('mdt.triage.deferTitle')}
        onCancel={() => setAsking(null)}
        onOk={async (reason) => (asking ? act(asking.c, asking.action, reason) : undefined)}
      />
    </Card>
  );
}
