import { useState } from 'react';
import { App, Button, Form, Input, Modal, Select, Switch, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { adminApi } from './api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { applyServerErrors } from '../../app/forms';
import { PageHeader } from '../../app/PageHeader';
import type { Organization } from '../../app/types';

const KIND_COLOR = { home: 'green', primary: 'blue', partner: 'purple', other: 'default' } as const;

export function OrganizationsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Organization | 'new' | null>(null);
  const [form] = Form.useForm<{ name: string; nameEn?: string; kind: Organization['kind']; region?: string; disabled?: boolean }>();
  const { data, isLoading, error } = useQuery({
    queryKey: ['organizations', 'all'],
    queryFn: ({ signal }) => adminApi.organizations(signal),
  });

  const open = (o: Organization | 'new') => {
    setEditing(o);
    form.resetFields();
    if (o !== 'new')
      form.setFieldsValue({ name: o.name, nameEn: o.nameEn ?? '', kind: o.kind, region: o.region ?? '', disabled: o.disabled });
    else form.setFieldsValue({ kind: 'primary' });
  };

  const save = async () => {
    const v = await form.validateFields();
    try {
      if (editing === 'new') {
        if (v.kind === 'home') return; // the form never offers it
        await adminApi.createOrganization({ name: v.name, nameEn: v.nameEn, kind: v.kind, region: v.region });
      } else if (editing) {
        await adminApi.updateOrganization(editing.id, {
          version: editing.version,
          name: v.name,
          nameEn: v.nameEn,
          region: v.region,
          ...(editing.kind !== 'home' && v.kind !== 'home' ? { kind: v.kind, disabled: v.disabled } : {}),
        });
      }
      void message.success(t('common.saved'));
      setEditing(null);
      await queryClient.invalidateQueries({ queryKey: ['organizations'] });
    } catch (e) {
      if (!applyServerErrors(form, e, i18n.language).placed) void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <>
      <PageHeader
        title={t('nav.organizations')}
        crumbs={[{ label: t('nav.adminGroup') }, { label: t('nav.organizations') }]}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="new-organization">
            {t('org.new')}
          </Button>
        }
      />
      <ErrorAlert error={error} />
      <Table<Organization>
        size="small"
        rowKey="id"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={false}
        onRow={(r) => ({ onClick: () => open(r), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('org.name'), dataIndex: 'name' },
          { title: t('org.nameEn'), dataIndex: 'nameEn' },
          {
            title: t('org.kind'),
            dataIndex: 'kind',
            render: (k: Organization['kind']) => <Tag color={KIND_COLOR[k]}>{t(`orgKind.${k}`)}</Tag>,
          },
          { title: t('org.region'), dataIndex: 'region' },
          { title: t('org.users'), dataIndex: 'userCount', width: 90 },
          {
            title: t('common.status'),
            dataIndex: 'disabled',
            width: 90,
            render: (d: boolean) => (d ? <Tag>{t('common.disabled')}</Tag> : <Tag color="green">{t('common.active')}</Tag>),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('org.new') : t('org.edit')}
        onOk={() => void save()}
        onCancel={() => setEditing(null)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('org.name')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="nameEn" label={t('org.nameEn')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="kind" label={t('org.kind')} rules={[{ required: true }]}>
            <Select
              disabled={editing !== 'new' && editing?.kind === 'home'}
              options={(editing !== 'new' && editing?.kind === 'home' ? ['home'] : ['primary', 'partner', 'other']).map((k) => ({
                value: k,
                label: t(`orgKind.${k}`),
              }))}
            />
          </Form.Item>
          <Form.Item name="region" label={t('org.region')}>
            <Input maxLength={50} />
          </Form.Item>
          {editing !== 'new' && editing?.kind !== 'home' && (
            <Form.Item name="disabled" label={t('common.disabled')} valuePropName="checked" extra={t('org.disableHint')}>
              <Switch />
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
