import { useState } from 'react';
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { MarkReadSchema, type NotificationListSchema } from '@gisurg/contracts/consultations';
import type { z } from 'zod';
import { get, post } from '../api';
import { formatDateTime } from '../format';

type NotificationList = z.output<typeof NotificationListSchema>;

/**
 * The header's bell (issue 10): what waits for me in the consultation network, derived by the server from
 * the records. The count is fetched when the page changes or the window regains focus — never on a timer, so
 * an idle session still ends (a poll would count as activity).
 */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const location = useLocation();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const count = useQuery({
    queryKey: ['notifications', 'count', location.pathname],
    queryFn: ({ signal }) => get<{ unread: number }>('/api/consultations/notifications/count', signal),
    staleTime: 15_000,
  });
  const list = useQuery({
    queryKey: ['notifications', 'list'],
    queryFn: ({ signal }) => get<NotificationList>('/api/consultations/notifications', signal),
    enabled: open,
  });
  const markRead = async (keys: string[]) => {
    if (keys.length) await post('/api/consultations/notifications/read', { keys }, MarkReadSchema);
    void qc.invalidateQueries({ queryKey: ['notifications'] });
  };
  const items = list.data?.items ?? [];
  const unread = items.filter((i) => !i.read).map((i) => i.key);
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="bottomRight"
      title={
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 16 }}>
          <span>{t('notifications.title')}</span>
          {unread.length > 0 && (
            <Button size="small" type="link" onClick={() => void markRead(unread.slice(0, 200))} data-testid="notifications-read-all">
              {t('notifications.readAll')}
            </Button>
          )}
        </div>
      }
      content={
        <div style={{ width: 360, maxHeight: 420, overflowY: 'auto' }} data-testid="notifications-list">
          {items.length === 0 ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={list.isLoading ? t('notifications.loading') : t('notifications.empty')}
            />
          ) : (
            <List
              size="small"
              dataSource={items}
              renderItem={(n) => (
                <List.Item
                  style={{ cursor: 'pointer' }}
                  data-testid={`notification-${n.kind}`}
                  onClick={() => {
                    setOpen(false);
                    void markRead(n.read ? [] : [n.key]);
                    void navigate(`/consultations/${n.consultationId}`);
                  }}
                >
                  <div>
                    <Typography.Text strong={!n.read}>{t(`notifications.kind.${n.kind}`, { name: n.patientName })}</Typography.Text>
                    <div>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {formatDateTime(n.at)}
                        {n.kind === 'deadline_near' && n.dueAt ? ` · ${t('notifications.due', { at: formatDateTime(n.dueAt) })}` : ''}
                      </Typography.Text>
                    </div>
                  </div>
                </List.Item>
              )}
            />
          )}
        </div>
      }
    >
      <Badge count={count.data?.unread ?? 0} size="small" offset={[-4, 4]}>
        <Button type="text" icon={<BellOutlined />} aria-label={t('notifications.title')} data-testid="notification-bell" />
      </Badge>
    </Popover>
  );
}
