import { useEffect, useState } from 'react';
import { App, Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { mdtApi, type CaseSummary, type MeetingDetail } from './api';
import { CaseStatusTag, ItemStatusTag } from './labels';

/** The board's agenda in order; the coordinator moves cases up and down and saves the order. */
export function AgendaCard({ meeting, canManage, onChanged }: { meeting: MeetingDetail; canManage: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [order, setOrder] = useState<CaseSummary[]>(meeting.agenda);
  useEffect(() => setOrder(meeting.agenda), [meeting.agenda]);
  const dirty = order.map((c) => c.id).join() !== meeting.agenda.map((c) => c.id).join();
  const move = (i: number, by: number) =>
    setOrder((o) => {
      const next = [...o];
      const [c] = next.splice(i, 1);
      next.splice(i + by, 0, c!);
      return next;
    });
  const save = async () => {
    try {
      await mdtApi.reorder(
        meeting.id,
        order.map((c) => c.id),
        meeting.version,
      );
      void message.success(t('common.saved'));
      onChanged();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Card
      size="small"
      title={t('mdt.meeting.agenda')}
      extra={
        canManage &&
        dirty && (
          <Space>
            <Button size="small" onClick={() => setOrder(meeting.agenda)}>
              {t('common.cancel')}
            </Button>
            <Button size="small" type="primary" onClick={() => void save()} data-testid="save-agenda">
              {t('mdt.meeting.saveOrder')}
            </Button>
          </Space>
        )
      }
      data-testid="agenda"
    >
      <Table<CaseSummary>
        size="small"
        rowKey="id"
        dataSource={order}
        pagination={false}
        locale={{ emptyText: <Empty description={t('mdt.meeting.agendaEmpty')} /> }}
        onRow={(c) => ({ onDoubleClick: () => void navigate(`/mdt/cases/${c.id}`) })}
        columns={[
          { title: '#', width: 48, render: (_v, _c, i) => i + 1 },
          {
            title: t('mdt.case.patient'),
            render: (_v, c) => (
              <Space direction="vertical" size={0}>
                <Typography.Link onClick={() => void navigate(`/mdt/cases/${c.id}`)} data-testid="agenda-patient">
                  {c.patient.name}
                </Typography.Link>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`sex.${c.patient.sex}`)} · {t('patient.ageYears', { age: c.patient.age })}
                </Typography.Text>
              </Space>
            ),
          },
          { title: t('mdt.case.question'), dataIndex: 'question', ellipsis: true },
          {
            title: t('mdt.case.submittedBy'),
            render: (_v, c) => (
              <Space direction="vertical" size={0}>
                <span>{c.submittedBy.name}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {c.submittingOrganization.name}
                </Typography.Text>
              </Space>
            ),
          },
          {
            title: t('mdt.case.urgency'),
            width: 80,
            render: (_v, c) => (c.urgency === 'urgent' ? <Tag color="red">{t('mdt.urgency.urgent')}</Tag> : t('mdt.urgency.routine')),
          },
          { title: t('common.status'), width: 110, render: (_v, c) => <CaseStatusTag status={c.status} /> },
          {
            title: t('mdt.recommendation.plan'),
            render: (_v, c) => (
              <Space size={2} wrap>
                {c.items.map((i) => (
                  <span key={i.id}>
                    {t(`mdt.itemKind.${i.kind}`)} <ItemStatusTag status={i.status} />
                  </span>
                ))}
              </Space>
            ),
          },
          ...(canManage
            ? [
                {
                  title: '',
                  width: 80,
                  render: (_v: unknown, _c: CaseSummary, i: number) => (
                    <Space size={0}>
                      <Button
                        type="text"
                        size="small"
                        icon={<ArrowUpOutlined />}
                        disabled={i === 0}
                        onClick={() => move(i, -1)}
                        aria-label={t('mdt.meeting.moveUp')}
                        data-testid="move-up"
                      />
                      <Button
                        type="text"
                        size="small"
                        icon={<ArrowDownOutlined />}
                        disabled={i === order.length - 1}
                        onClick={() => move(i, 1)}
                        aria-label={t('mdt.meeting.moveDown')}
                        data-testid="move-down"
                      />
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
