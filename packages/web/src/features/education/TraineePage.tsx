import { useState } from 'react';
import { App, Button, Card, DatePicker, Descriptions, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { CheckOutlined, FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PROCEDURES } from '@gisurg/clinical';
import { LOG_ENTRY_KINDS } from '@gisurg/contracts/education';
import { useLang } from '../../app/components/useLang';
import { ErrorAlert } from '../../app/ErrorAlert';
import { formatDateTime } from '../../app/format';
import { applyServerErrors } from '../../app/forms';
import { PageHeader } from '../../app/PageHeader';
import { useAddEntry, usePutMilestone, useSignOff, useTrainee, type AddLogEntry, type TraineeDetail } from './api';

type Entry = TraineeDetail['caseLog'][number];
type Milestone = TraineeDetail['milestones'][number];

/** A trainee: profile, milestones, and the case log (assisted operations and boards fill in by themselves) with sign-off. */
export function TraineePage() {
  const { t, i18n } = useTranslation();
  const lang = useLang();
  const { id = '' } = useParams();
  const q = useTrainee(id);
  const d = q.data;
  const [selected, setSelected] = useState<string[]>([]);
  const signOff = useSignOff(id);
  const addEntry = useAddEntry(id);
  const putMilestone = usePutMilestone(id);
  const [adding, setAdding] = useState(false);
  const [entryForm] = Form.useForm<AddLogEntry>();
  const { message } = App.useApp();
  const procedureLabel = (code: string) => PROCEDURES.find((p) => p.code === code)?.label[lang] ?? code;

  const what = (e: Entry): string => {
    if (e.source === 'operation')
      return `${e.procedures.map(procedureLabel).join('、')} · ${t(`education.approach.${e.approach ?? 'open'}`, { defaultValue: e.approach ?? '' })}`;
    if (e.source === 'mdt_attendance') {
      const [kind, group] = (e.kind ?? ':').split(':');
      return `${t(`education.mdtKind.${kind}`, { defaultValue: kind })} · ${t(`education.tumorGroup.${group}`, { defaultValue: group })}`;
    }
    return e.description ?? '';
  };
  const submitEntry = async (v: AddLogEntry & { date: unknown }) => {
    try {
      await addEntry.mutateAsync({ ...v, date: dayjs(v.date).format('YYYY-MM-DD') });
      setAdding(false);
    } catch (err) {
      const r = applyServerErrors(entryForm, err, i18n.language);
      if (r.rest.length) void message.error(r.rest.join('；'));
    }
  };
  const setMilestone = (m: Milestone, field: 'plannedOn' | 'completedOn', v: string | null) =>
    putMilestone.mutate(
      { kind: m.kind, plannedOn: m.plannedOn, completedOn: m.completedOn, note: m.note, [field]: v },
      { onError: (err) => void message.error(err instanceof Error ? err.message : String(err)) },
    );

  return (
    <>
      <PageHeader
        title={d?.name ?? ''}
        crumbs={[{ label: t('education.station.title'), to: '/station' }, { label: d?.name ?? '' }]}
        extra={
          d && (
            <Button icon={<FilePdfOutlined />} href={`/api/education/trainees/${id}/summary.pdf`}>
              {t('education.trainee.summaryPdf')}
            </Button>
          )
        }
      />
      <ErrorAlert error={q.error} />
      {d && (
        <Space direction="vertical" size="middle" style={{ width: '100%' }}>
          <Descriptions size="small" bordered column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('education.field.university')}>
              {lang === 'en' ? (d.university.nameEn ?? d.university.name) : d.university.name}
            </Descriptions.Item>
            <Descriptions.Item label={t('education.field.supervisor')}>{d.supervisor.name}</Descriptions.Item>
            <Descriptions.Item label={t('education.field.degree')}>{t(`education.degree.${d.degree}`)}</Descriptions.Item>
            <Descriptions.Item label={t('education.field.year')}>
              {d.enrolmentYear} · {t('education.station.yearOfStudy', { n: d.yearOfStudy })}
            </Descriptions.Item>
            <Descriptions.Item label={t('education.field.thesis')} span={2}>
              {d.thesisTitle ?? '—'}
            </Descriptions.Item>
          </Descriptions>
          <Card size="small" title={t('education.trainee.milestones')}>
            <Table<Milestone>
              rowKey="kind"
              size="small"
              pagination={false}
              dataSource={d.milestones}
              columns={[
                { title: t('education.trainee.milestone'), dataIndex: 'kind', render: (k: string) => t(`education.milestone.${k}`) },
                ...(['plannedOn', 'completedOn'] as const).map((field) => ({
                  title: t(`education.trainee.${field}`),
                  render: (_: unknown, m: Milestone) =>
                    d.canSignOff ? (
                      <DatePicker
                        size="small"
                        format="YYYY-MM-DD"
                        value={m[field] ? dayjs(m[field]) : null}
                        onChange={(v) => setMilestone(m, field, v ? v.format('YYYY-MM-DD') : null)}
                      />
                    ) : (
                      (m[field] ?? '—')
                    ),
                })),
              ]}
            />
          </Card>
          <Card
            size="small"
            title={t('education.trainee.caseLog', d.totals)}
            extra={
              <Space>
                {d.canAddEntries && (
                  <Button size="small" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
                    {t('education.trainee.addEntry')}
                  </Button>
                )}
                {d.canSignOff && (
                  <Button
                    size="small"
                    type="primary"
                    icon={<CheckOutlined />}
                    disabled={selected.length === 0}
                    loading={signOff.isPending}
                    onClick={() => signOff.mutate(selected, { onSuccess: () => setSelected([]) })}
                    data-testid="sign-off"
                  >
                    {t('education.trainee.signOff', { n: selected.length })}
                  </Button>
                )}
              </Space>
            }
          >
            <Table<Entry>
              rowKey="key"
              size="small"
              dataSource={d.caseLog}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              rowSelection={
                d.canSignOff
                  ? {
                      selectedRowKeys: selected,
                      onChange: (keys) => setSelected(keys as string[]),
                      getCheckboxProps: (e) => ({ disabled: !!e.signedOff }),
                    }
                  : undefined
              }
              columns={[
                { title: t('education.field.date'), dataIndex: 'date', width: 110 },
                {
                  title: t('education.trainee.source'),
                  dataIndex: 'source',
                  width: 120,
                  render: (s: string, e) => (
                    <Tag color={s === 'operation' ? 'blue' : s === 'mdt_attendance' ? 'purple' : 'default'}>
                      {s === 'entry' ? t(`education.entryKind.${e.kind}`) : t(`education.source.${s}`)}
                    </Tag>
                  ),
                },
                {
                  title: t('education.trainee.role'),
                  dataIndex: 'role',
                  width: 110,
                  render: (r: string, e) =>
                    e.source === 'operation'
                      ? t('education.trainee.assistant', { n: r.replace('assistant_', '') })
                      : e.source === 'mdt_attendance'
                        ? t('education.trainee.attendee')
                        : '',
                },
                {
                  title: t('education.trainee.what'),
                  render: (_: unknown, e) =>
                    e.operationId && e.patientId ? <Link to={`/patients/${e.patientId}?tab=oncology`}>{what(e)}</Link> : what(e),
                },
                { title: t('education.field.credits'), dataIndex: 'credits', width: 80 },
                {
                  title: t('education.trainee.signedOff'),
                  width: 180,
                  render: (_: unknown, e) =>
                    e.signedOff ? (
                      <Tag color="green">{`${e.signedOff.by} ${formatDateTime(e.signedOff.at).slice(0, 10)}`}</Tag>
                    ) : (
                      <Tag>{t('education.trainee.notSigned')}</Tag>
                    ),
                },
              ]}
            />
          </Card>
        </Space>
      )}
      <Modal
        open={adding}
        title={t('education.trainee.addEntry')}
        onCancel={() => setAdding(false)}
        onOk={() => entryForm.submit()}
        confirmLoading={addEntry.isPending}
        destroyOnHidden
      >
        <Form form={entryForm} layout="vertical" onFinish={(v) => void submitEntry(v)} initialValues={{ kind: 'ward_round' }}>
          <Form.Item name="kind" label={t('education.trainee.source')}>
            <Select options={LOG_ENTRY_KINDS.map((k) => ({ value: k, label: t(`education.entryKind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="date" label={t('education.field.date')} rules={[{ required: true }]}>
            <DatePicker format="YYYY-MM-DD" />
          </Form.Item>
          <Form.Item name="description" label={t('education.trainee.what')} rules={[{ required: true }]}>
            <Input.TextArea maxLength={1000} rows={3} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
