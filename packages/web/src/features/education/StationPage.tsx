import { useState } from 'react';
import { App, Button, Card, Form, Input, InputNumber, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { DEGREES } from '@gisurg/contracts/education';
import { useAuth } from '../../app/auth';
import { useHomeUsers } from '../../app/components/useHomeUsers';
import { ErrorAlert } from '../../app/ErrorAlert';
import { applyServerErrors } from '../../app/forms';
import { PageHeader } from '../../app/PageHeader';
import {
  useCreateTrainee,
  useEducationSettings,
  useMyCredits,
  usePutSettings,
  useSupervisors,
  useTrainees,
  type CreateTrainee,
  type TraineeList,
} from './api';

/** The master's training station (docs/education.md): supervisors by university, trainees, and one's CME credits from tumor boards. */
export function StationPage() {
  const { t, i18n } = useTranslation();
  const { can } = useAuth();
  const manage = can('education:manage');
  const trainees = useTrainees();
  const supervisors = useSupervisors();
  const settings = useEducationSettings();
  const putSettings = usePutSettings();
  const year = new Date().getFullYear();
  const credits = useMyCredits(year);
  const users = useHomeUsers();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<CreateTrainee>();
  const create = useCreateTrainee();
  const { message } = App.useApp();

  const submit = async (v: CreateTrainee) => {
    try {
      await create.mutateAsync(v);
      setOpen(false);
    } catch (e) {
      const r = applyServerErrors(form, e, i18n.language);
      if (r.rest.length) void message.error(r.rest.join('；'));
    }
  };

  return (
    <>
      <PageHeader
        title={t('education.station.title')}
        crumbs={[{ label: t('education.station.title') }]}
        extra={
          manage && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              {t('education.station.newTrainee')}
            </Button>
          )
        }
      />
      <ErrorAlert error={trainees.error ?? supervisors.error} />
      <Space direction="vertical" size="middle" style={{ width: '100%' }}>
        <Card size="small" title={t('education.station.trainees')}>
          <Table<TraineeList['items'][number]>
            rowKey="id"
            size="small"
            loading={trainees.isLoading}
            dataSource={trainees.data?.items ?? []}
            pagination={false}
            columns={[
              {
                title: t('education.field.name'),
                dataIndex: 'name',
                render: (v: string, r) => <Link to={`/station/trainees/${r.id}`}>{v}</Link>,
              },
              {
                title: t('education.field.university'),
                render: (_: unknown, r) => (i18n.language === 'en' ? (r.university.nameEn ?? r.university.name) : r.university.name),
              },
              { title: t('education.field.supervisor'), render: (_: unknown, r) => r.supervisor.name },
              { title: t('education.field.degree'), dataIndex: 'degree', render: (d: string) => t(`education.degree.${d}`) },
              {
                title: t('education.field.year'),
                render: (_: unknown, r) => `${r.enrolmentYear} · ${t('education.station.yearOfStudy', { n: r.yearOfStudy })}`,
              },
              { title: t('education.field.thesis'), dataIndex: 'thesisTitle' },
            ]}
          />
        </Card>
        <Card size="small" title={t('education.station.supervisors')}>
          <Table
            rowKey="id"
            size="small"
            loading={supervisors.isLoading}
            dataSource={supervisors.data?.items ?? []}
            pagination={false}
            columns={[
              { title: t('education.field.name'), dataIndex: 'name' },
              { title: t('education.field.title'), dataIndex: 'title' },
              {
                title: t('education.field.university'),
                render: (_: unknown, r: NonNullable<typeof supervisors.data>['items'][number]) =>
                  i18n.language === 'en' ? (r.university.nameEn ?? r.university.name) : r.university.name,
              },
              { title: t('education.station.traineeCount'), dataIndex: 'trainees' },
            ]}
          />
        </Card>
        <Card size="small" title={t('education.station.mdtCredits', { year })}>
          <Space wrap>
            <Typography.Text data-testid="my-mdt-credits">
              {t('education.station.myCredits', {
                n: credits.data?.items.length ?? 0,
                total: credits.data?.total ?? 0,
                category: credits.data?.category ?? 'II',
              })}
            </Typography.Text>
            {settings.data && (
              <Tag>
                {t('education.station.perBoard', { points: settings.data.mdtCredit.points, category: settings.data.mdtCredit.category })}
              </Tag>
            )}
            {manage && settings.data && (
              <Space>
                <InputNumber
                  min={0}
                  max={5}
                  step={0.5}
                  defaultValue={settings.data.mdtCredit.points}
                  onChange={(v) =>
                    v !== null &&
                    putSettings.mutate(
                      { mdtCredit: { points: v, category: settings.data.mdtCredit.category } },
                      { onSuccess: () => void message.success(t('education.saved')) },
                    )
                  }
                />
                <Select
                  value={settings.data.mdtCredit.category}
                  style={{ width: 100 }}
                  options={(['I', 'II'] as const).map((c) => ({ value: c, label: t('education.cmeCategory', { category: c }) }))}
                  onChange={(c) => putSettings.mutate({ mdtCredit: { points: settings.data.mdtCredit.points, category: c } })}
                />
              </Space>
            )}
          </Space>
        </Card>
      </Space>
      <Modal
        open={open}
        title={t('education.station.newTrainee')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form<CreateTrainee>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          initialValues={{ degree: 'professional', enrolmentYear: year, yearOfStudy: 1 }}
        >
          <Form.Item name="userId" label={t('education.field.name')} rules={[{ required: true }]}>
            <Select
              showSearch
              optionFilterProp="label"
              options={users
                .filter((u) => u.role === 'student' || u.role === 'resident')
                .map((u) => ({ value: u.id, label: u.displayName }))}
            />
          </Form.Item>
          <Form.Item name="supervisorId" label={t('education.field.supervisor')} rules={[{ required: true }]}>
            <Select options={(supervisors.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.name} · ${s.university.name}` }))} />
          </Form.Item>
          <Form.Item name="degree" label={t('education.field.degree')}>
            <Select options={DEGREES.map((d) => ({ value: d, label: t(`education.degree.${d}`) }))} />
          </Form.Item>
          <Form.Item name="enrolmentYear" label={t('education.field.enrolmentYear')}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="yearOfStudy" label={t('education.field.yearOfStudy')}>
            <InputNumber min={1} max={8} />
          </Form.Item>
          <Form.Item name="thesisTitle" label={t('education.field.thesis')}>
            <Input maxLength={300} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
