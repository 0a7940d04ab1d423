import { paren } from '../../app/format';
import { useState } from 'react';
import { App, Button, Card, Form, Input, Radio, Select, Space, Upload } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { get } from '../../app/api';
import { applyServerErrors, useCtrlS, useUnsavedChangesWarning } from '../../app/forms';
import { PageHeader } from '../../app/PageHeader';
import type { Patient } from '../../app/types';
import { ATTACHMENT_KINDS, mdtApi, SPECIALTIES, type AttachmentKind } from './api';
import { meetingWhen, useSpecialtyName } from './labels';
import { PatientPicker } from '../../app/components/PatientPicker';

interface Values {
  meetingId: string;
  patientId: string;
  question: string;
  summary?: string;
  urgency: 'routine' | 'urgent';
  presentingSpecialty?: string;
}

/** Submit a case to a board with the clinical question, urgency and reports (PDF, JPEG, PNG). */
export function CaseSubmitPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [params] = useSearchParams();
  const specialty = useSpecialtyName();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<{ file: File; kind: AttachmentKind; uid: string }[]>([]);
  const [kind, setKind] = useState<AttachmentKind>('imaging_report');
  const [busy, setBusy] = useState(false);
  const [dirty, setDirty] = useState(false);
  const markClean = useUnsavedChangesWarning(dirty, t('common.unsavedChanges'));
  const patientId = params.get('patientId');
  const { data: meetings } = useQuery({
    queryKey: ['mdt', 'meetings', 'open-for-submission'],
    queryFn: ({ signal }) => mdtApi.meetings({ from: dayjs().subtract(1, 'day').format('YYYY-MM-DD') }, signal),
  });
  const { data: initialPatient } = useQuery({
    queryKey: ['patients', 'one', patientId],
    queryFn: ({ signal }) => get<Patient>(`/api/patients/${patientId}`, signal),
    enabled: Boolean(patientId),
  });
  const open = (meetings?.items ?? []).filter((m) => m.status === 'scheduled' || m.status === 'in_progress');

  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      const c = await mdtApi.submitCase(v.meetingId, {
        patientId: v.patientId,
        question: v.question,
        summary: v.summary ?? null,
        urgency: v.urgency,
        presentingSpecialty: v.presentingSpecialty ?? null,
      });
      for (const f of files) {
        try {
          await mdtApi.upload(c.id, f.file, f.kind);
        } catch (e) {
          void message.error(`${f.file.name}: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      void message.success(t('mdt.case.submitted'));
      markClean();
      void queryClient.invalidateQueries({ queryKey: ['mdt'] });
      void navigate(`/mdt/cases/${c.id}`);
    } catch (e) {
      if (!applyServerErrors(form, e, i18n.language).placed) void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  useCtrlS(() => void submit());

  return (
    <>
      <PageHeader title={t('mdt.case.submit')} crumbs={[{ label: t('mdt.nav.title'), to: '/mdt' }, { label: t('mdt.case.submit') }]} />
      <Card size="small" style={{ maxWidth: 880 }}>
        <Form
          form={form}
          layout="vertical"
          initialValues={{ urgency: 'routine', meetingId: params.get('meetingId') ?? undefined, patientId: patientId ?? undefined }}
          onValuesChange={() => setDirty(true)}
        >
          <Form.Item name="meetingId" label={t('mdt.case.meeting')} rules={[{ required: true, message: t('validation.required') }]}>
            <Select
              data-testid="field-meeting"
              placeholder={t('mdt.case.pickMeeting')}
              options={open.map((m) => ({
                value: m.id,
                label: `${meetingWhen(m.startsAt, i18n.language)} · ${m.title ?? t(`mdt.tumorGroup.${m.tumorGroup}`)} · ${t(`mdt.kind.${m.kind}`)}`,
              }))}
            />
          </Form.Item>
          <Form.Item name="patientId" label={t('mdt.case.patient')} rules={[{ required: true, message: t('validation.required') }]}>
            <PatientPicker initial={initialPatient ?? null} />
          </Form.Item>
          <Form.Item
            name="question"
            label={t('mdt.case.question')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            extra={t('mdt.case.questionHint')}
          >
            <Input.TextArea rows={3} maxLength={2000} showCount data-testid="field-question" />
          </Form.Item>
          <Form.Item name="summary" label={t('mdt.case.summary')} extra={t('mdt.case.summaryHint')}>
            <Input.TextArea rows={5} maxLength={8000} data-testid="field-summary" />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item name="urgency" label={t('mdt.case.urgency')}>
              <Radio.Group
                optionType="button"
                options={(['routine', 'urgent'] as const).map((u) => ({ value: u, label: t(`mdt.urgency.${u}`) }))}
              />
            </Form.Item>
            <Form.Item name="presentingSpecialty" label={t('mdt.case.presentingSpecialty')}>
              <Select allowClear style={{ width: 200 }} options={SPECIALTIES.map((s) => ({ value: s, label: specialty(s) }))} />
            </Form.Item>
          </Space>
          <Form.Item label={t('mdt.attachments.title')} extra={t('mdt.attachments.hint')}>
            <Space align="start" wrap>
              <Select
                value={kind}
                onChange={setKind}
                style={{ width: 160 }}
                options={ATTACHMENT_KINDS.map((k) => ({ value: k, label: t(`mdt.attachmentKind.${k}`) }))}
              />
              <Upload
                multiple
                accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
                fileList={files.map((f) => ({
                  uid: f.uid,
                  name: `${f.file.name}${paren(t(`mdt.attachmentKind.${f.kind}`))}`,
                  status: 'done' as const,
                }))}
                beforeUpload={(file) => {
                  setFiles((fs) => [...fs, { file, kind, uid: `${Date.now()}-${file.name}` }]);
                  setDirty(true);
                  return false;
                }}
                onRemove={(f) => setFiles((fs) => fs.filter((x) => x.uid !== f.uid))}
              >
                <Button icon={<UploadOutlined />} data-testid="pick-files">
                  {t('mdt.attachments.pick')}
                </Button>
              </Upload>
            </Space>
          </Form.Item>
          <Space>
            <Button type="primary" loading={busy} onClick={() => void submit()} data-testid="save-case">
              {t('mdt.case.submitButton')}
            </Button>
            <Button onClick={() => void navigate(-1)}>{t('common.cancel')}</Button>
          </Space>
        </Form>
      </Card>
    </>
  );
}
