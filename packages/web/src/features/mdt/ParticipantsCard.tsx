import { useState } from 'react';
import { App, AutoComplete, Button, Card, Form, Input, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { CheckCircleFilled, UserAddOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../app/api';
import { formatDateTime, paren } from '../../app/format';
import type { Organization, Page, User } from '../../app/types';
import { mdtApi, SPECIALTIES, type MeetingDetail, type Participant, type AttendanceBody, type InviteBody } from './api';
import { useSpecialtyName } from './labels';

/** Specialty picker: the usual specialties, or free text. */
export function SpecialtyInput(props: { value?: string; onChange?: (v: string) => void; 'data-testid'?: string }) {
  const name = useSpecialtyName();
  return (
    <AutoComplete
      {...props}
      options={SPECIALTIES.map((s) => ({ value: s, label: name(s) }))}
      filterOption={(input, o) => String(o?.label ?? '').includes(input) || String(o?.value ?? '').includes(input)}
    />
  );
}

/** Who is invited and who checked in (one click), from the home and external hospitals. */
export function ParticipantsCard({ meeting, canManage, onChanged }: { meeting: MeetingDetail; canManage: boolean; onChanged: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const specialty = useSpecialtyName();
  const [inviting, setInviting] = useState(false);
  const [mode, setMode] = useState<'user' | 'guest'>('user');
  const [form] = Form.useForm<InviteBody & AttendanceBody>();
  const { data: users } = useQuery({
    queryKey: ['users', 'all'],
    queryFn: ({ signal }) => get<Page<User>>('/api/users?pageSize=100', signal),
    enabled: canManage && inviting,
  });
  const { data: orgs } = useQuery({
    queryKey: ['organizations', 'all'],
    queryFn: ({ signal }) => get<Page<Organization>>('/api/organizations?pageSize=500', signal),
    enabled: canManage && inviting,
  });
  const open = meeting.status !== 'cancelled';

  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      onChanged();
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  const invite = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    await run(() => mdtApi.invite(meeting.id, Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== ''))));
    setInviting(false);
  };
  const checkedIn = meeting.participants.filter((p) => p.checkedInAt).length;

  return (
    <Card
      size="small"
      title={`${t('mdt.participants.title')}${paren(t('mdt.participants.checkedInCount', { n: checkedIn, total: meeting.participants.length }))}`}
      extra={
        canManage &&
        open && (
          <Space>
            <Button size="small" onClick={() => void run(() => mdtApi.checkIn(meeting.id, {}))} data-testid="check-in-self">
              {t('mdt.participants.checkInSelf')}
            </Button>
            <Button
              size="small"
              icon={<UserAddOutlined />}
              onClick={() => {
                form.resetFields();
                setInviting(true);
              }}
              data-testid="invite"
            >
              {t('mdt.participants.invite')}
            </Button>
          </Space>
        )
      }
      data-testid="participants"
    >
      <Table<Participant>
        size="small"
        rowKey="id"
        dataSource={meeting.participants}
        pagination={false}
        columns={[
          {
            title: t('mdt.participants.name'),
            render: (_v, p) => (
              <Space size={4}>
                {p.name}
                {p.role === 'chair' && <Tag color="gold">{t('mdt.participants.chair')}</Tag>}
                {!p.invited && <Tag>{t('mdt.participants.walkIn')}</Tag>}
              </Space>
            ),
          },
          { title: t('mdt.participants.specialty'), render: (_v, p) => specialty(p.specialty) },
          { title: t('mdt.participants.titleCol'), dataIndex: 'title' },
          { title: t('mdt.participants.hospital'), dataIndex: 'hospital' },
          {
            title: t('mdt.participants.attendance'),
            width: 200,
            render: (_v, p) =>
              p.checkedInAt ? (
                <Space size={4}>
                  <CheckCircleFilled style={{ color: '#0b6e4f' }} />
                  <Typography.Text type="secondary">{formatDateTime(p.checkedInAt).slice(11)}</Typography.Text>
                  {canManage && open && (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => void run(() => mdtApi.checkIn(meeting.id, { participantId: p.id, checkedIn: false }))}
                    >
                      {t('mdt.participants.undo')}
                    </Button>
                  )}
                </Space>
              ) : canManage && open ? (
                <Button
                  size="small"
                  type="primary"
                  ghost
                  onClick={() => void run(() => mdtApi.checkIn(meeting.id, { participantId: p.id }))}
                  data-testid="check-in"
                >
                  {t('mdt.participants.checkIn')}
                </Button>
              ) : (
                <Typography.Text type="secondary">{t('mdt.participants.notYet')}</Typography.Text>
              ),
          },
          ...(canManage && open
            ? [
                {
                  title: '',
                  width: 60,
                  render: (_v: unknown, p: Participant) => (
                    <Button type="link" size="small" danger onClick={() => void run(() => mdtApi.removeParticipant(p.id))}>
                      {t('mdt.participants.remove')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Modal
        open={inviting}
        title={t('mdt.participants.invite')}
        onOk={() => void invite()}
        onCancel={() => setInviting(false)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
      >
        <Radio.Group
          value={mode}
          onChange={(e) => setMode(e.target.value as 'user' | 'guest')}
          optionType="button"
          style={{ marginBottom: 16 }}
          options={[
            { value: 'user', label: t('mdt.participants.fromUsers') },
            { value: 'guest', label: t('mdt.participants.guest') },
          ]}
        />
        <Form form={form} layout="vertical" initialValues={{ role: 'member' }}>
          {mode === 'user' ? (
            <Form.Item name="userId" label={t('mdt.participants.name')} rules={[{ required: true, message: t('validation.required') }]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={(users?.items ?? [])
                  .filter((u) => !u.disabled)
                  .map((u) => ({ value: u.id, label: `${u.displayName} · ${u.organizationName}` }))}
              />
            </Form.Item>
          ) : (
            <>
              <Form.Item name="name" label={t('mdt.participants.name')} rules={[{ required: true, message: t('validation.required') }]}>
                <Input maxLength={50} />
              </Form.Item>
              <Form.Item name="organizationId" label={t('mdt.participants.hospital')}>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  options={(orgs?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
                />
              </Form.Item>
              <Form.Item name="hospitalName" label={t('mdt.participants.otherHospital')}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="title" label={t('mdt.participants.titleCol')}>
                <Input maxLength={50} />
              </Form.Item>
            </>
          )}
          <Form.Item
            name="specialty"
            label={t('mdt.participants.specialty')}
            rules={mode === 'guest' ? [{ required: true, message: t('validation.required') }] : []}
          >
            <SpecialtyInput />
          </Form.Item>
          <Form.Item name="role" label={t('mdt.participants.role')}>
            <Radio.Group
              options={(['chair', 'member', 'guest'] as const).map((r) => ({ value: r, label: t(`mdt.participants.roles.${r}`) }))}
            />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
