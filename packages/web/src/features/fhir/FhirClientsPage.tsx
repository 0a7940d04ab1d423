import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Radio, Select, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { FHIR_SCOPES } from '@gisurg/contracts/fhir';
import { ErrorAlert } from '../../app/ErrorAlert';
import { applyServerErrors } from '../../app/forms';
import { PageHeader } from '../../app/PageHeader';
import { get } from '../../app/api';
import type { Organization, Page } from '../../app/types';
import { fhirApi, type CreateFhirClientBody, type FhirClient, type FhirClientCreated } from './api';

/** The form: the body, with the public key (a private-key JWT client) as the pasted JWK text. */
type ClientForm = Omit<CreateFhirClientBody, 'publicJwk'> & { auth: 'client_secret' | 'private_key_jwt'; publicJwkText?: string };

/**
 * Administration of the FHIR API clients (issue 13): issue a client id + secret, or register a client's public key
 * (private-key JWT, SMART Backend Services), for a hospital's system; revoke it.
 */
export function FhirClientsPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<FhirClientCreated | null>(null);
  const [form] = Form.useForm<ClientForm>();
  const auth = Form.useWatch('auth', form);
  const { data, isLoading, error } = useQuery({ queryKey: ['fhir-clients'], queryFn: ({ signal }) => fhirApi.clients(signal) });
  const orgs = useQuery({
    queryKey: ['organizations', 'all'],
    queryFn: ({ signal }) => get<Page<Organization>>('/api/organizations?pageSize=500', signal),
  });

  const save = async () => {
    const { auth: method, publicJwkText, ...v } = await form.validateFields();
    try {
      const publicJwk =
        method === 'private_key_jwt' ? (JSON.parse(publicJwkText ?? '') as NonNullable<CreateFhirClientBody['publicJwk']>) : undefined;
      const c = await fhirApi.create({ ...v, idNumbers: v.idNumbers ?? false, ...(publicJwk ? { publicJwk } : {}) });
      setCreating(false);
      setCreated(c);
      await queryClient.invalidateQueries({ queryKey: ['fhir-clients'] });
    } catch (e) {
      if (!applyServerErrors(form, e, i18n.language).placed) void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  const revoke = async (c: FhirClient) => {
    try {
      await fhirApi.revoke(c.id);
      void message.success(t('fhir.clients.revoked'));
      await queryClient.invalidateQueries({ queryKey: ['fhir-clients'] });
    } catch (e) {
      void message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <>
      <PageHeader
        title={t('fhir.clients.title')}
        crumbs={[{ label: t('nav.adminGroup') }, { label: t('fhir.clients.title') }]}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              form.setFieldsValue({ scopes: ['system/*.rs'], idNumbers: false, auth: 'client_secret' });
              setCreating(true);
            }}
            data-testid="new-fhir-client"
          >
            {t('fhir.clients.new')}
          </Button>
        }
      />
      <Typography.Paragraph type="secondary">{t('fhir.clients.intro')}</Typography.Paragraph>
      <ErrorAlert error={error} />
      <Table<FhirClient>
        size="small"
        rowKey="id"
        loading={isLoading}
        dataSource={data?.items ?? []}
        pagination={false}
        columns={[
          { title: t('fhir.clients.name'), dataIndex: 'name' },
          { title: t('fhir.clients.clientId'), dataIndex: 'clientId', render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
          { title: t('fhir.clients.organization'), dataIndex: 'organizationName' },
          { title: t('fhir.clients.scopes'), dataIndex: 'scopes', render: (s: string[]) => s.map((x) => <Tag key={x}>{x}</Tag>) },
          {
            title: t('fhir.clients.auth'),
            dataIndex: 'authMethod',
            render: (v: FhirClient['authMethod'], c) =>
              v === 'private_key_jwt' ? t('fhir.clients.authKeyShort', { alg: c.keyAlg ?? '' }) : t('fhir.clients.authSecretShort'),
          },
          {
            title: t('fhir.clients.idNumbers'),
            dataIndex: 'idNumbers',
            width: 100,
            render: (v: boolean) => (v ? t('fhir.clients.yes') : t('fhir.clients.no')),
          },
          {
            title: t('fhir.clients.lastToken'),
            dataIndex: 'lastTokenAt',
            render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD HH:mm') : '—'),
          },
          {
            title: t('common.status'),
            dataIndex: 'revokedAt',
            render: (v: string | null, c) =>
              v ? (
                <Tag>{t('fhir.clients.revokedOn', { date: dayjs(v).format('YYYY-MM-DD') })}</Tag>
              ) : (
                <Popconfirm
                  title={t('fhir.clients.revokeConfirm')}
                  onConfirm={() => void revoke(c)}
                  okText={t('fhir.clients.revoke')}
                  cancelText={t('common.cancel')}
                >
                  <Button size="small" danger>
                    {t('fhir.clients.revoke')}
                  </Button>
                </Popconfirm>
              ),
          },
        ]}
      />
      <Modal
        open={creating}
        title={t('fhir.clients.new')}
        onOk={() => void save()}
        onCancel={() => setCreating(false)}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        destroyOnHidden
        forceRender
      >
        <Form form={form} layout="vertical">
          <Form.Item name="name" label={t('fhir.clients.name')} rules={[{ required: true, message: t('validation.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="organizationId"
            label={t('fhir.clients.organization')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              options={(orgs.data?.items ?? []).map((o) => ({
                value: o.id,
                label: i18n.language === 'en' && o.nameEn ? o.nameEn : o.name,
              }))}
            />
          </Form.Item>
          <Form.Item name="scopes" label={t('fhir.clients.scopes')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select mode="multiple" options={FHIR_SCOPES.map((s) => ({ value: s, label: s }))} />
          </Form.Item>
          <Form.Item name="idNumbers" label={t('fhir.clients.idNumbers')} valuePropName="checked" extra={t('fhir.clients.idNumbersHint')}>
            <Switch />
          </Form.Item>
          <Form.Item name="auth" label={t('fhir.clients.auth')}>
            <Radio.Group
              data-testid="fhir-client-auth"
              options={[
                { value: 'client_secret', label: t('fhir.clients.authSecret') },
                { value: 'private_key_jwt', label: t('fhir.clients.authKey') },
              ]}
            />
          </Form.Item>
          {auth === 'private_key_jwt' && (
            <Form.Item
              name="publicJwkText"
              label={t('fhir.clients.publicJwk')}
              extra={t('fhir.clients.publicJwkHint')}
              rules={[
                {
                  validator: async (_r, value?: string) => {
                    try {
                      const parsed: unknown = JSON.parse(value ?? '');
                      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return;
                    } catch {
                      /* below */
                    }
                    throw new Error(t('fhir.clients.publicJwkInvalid'));
                  },
                },
              ]}
            >
              <Input.TextArea
                rows={6}
                spellCheck={false}
                data-testid="fhir-client-jwk"
                placeholder='{"kty":"EC","crv":"P-384","alg":"ES384","x":"…","y":"…"}'
              />
            </Form.Item>
          )}
        </Form>
      </Modal>
      <Modal
        open={created !== null}
        title={t('fhir.clients.createdTitle')}
        onOk={() => setCreated(null)}
        onCancel={() => setCreated(null)}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        {created?.clientSecret ? (
          <Alert type="warning" showIcon message={t('fhir.clients.secretOnce')} style={{ marginBottom: 12 }} />
        ) : (
          <Alert
            type="info"
            showIcon
            message={t('fhir.clients.keyRegistered', { alg: created?.keyAlg ?? '' })}
            style={{ marginBottom: 12 }}
          />
        )}
        <p>
          {t('fhir.clients.clientId')}:{' '}
          <Typography.Text code copyable data-testid="fhir-client-id">
            {created?.clientId}
          </Typography.Text>
        </p>
        {created?.clientSecret && (
          <p>
            {t('fhir.clients.secret')}:{' '}
            <Typography.Text code copyable data-testid="fhir-client-secret">
              {created.clientSecret}
            </Typography.Text>
          </p>
        )}
      </Modal>
    </>
  );
}
