import { CreateConsultationSchema } from '@gisurg/contracts/consultations';
import { Button, Card, DatePicker, Form, Input, Radio, Select, Space, Upload, App as AntApp } from 'antd';
import type { UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { post } from '../../app/api';
import { ErrorAlert } from '../../app/ErrorAlert';
import { applyServerErrors } from '../../app/forms';
import { PageHeader } from '../../app/PageHeader';
import { PatientPicker } from '../../app/components/PatientPicker';
import { CONSENT_METHODS, URGENCIES, type CreateConsultationBody, type CreatedConsultation } from './api';
import { uploadFile } from './upload';

interface Values {
  patientId: string;
  question: string;
  history?: string;
  stage?: string;
  specialty?: string;
  urgency: CreateConsultationBody['urgency'];
  consentOn: Dayjs;
  consentMethod: CreateConsultationBody['consent']['method'];
}

/** The primary doctor's structured question: patient, question, history, stage, urgency, consent, files. */
export function NewConsultationPage() {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [files, setFiles] = useState<UploadFile[]>([]);
  const create = useMutation({
    mutationFn: async (v: Values) => {
      const body: CreateConsultationBody = {
        patientId: v.patientId,
        question: v.question,
        history: v.history ?? null,
        stage: v.stage ?? null,
        specialty: v.specialty ?? null,
        urgency: v.urgency,
        consent: { obtainedOn: v.consentOn.format('YYYY-MM-DD'), method: v.consentMethod },
      };
      const created = await post<CreatedConsultation>('/api/consultations', body, CreateConsultationSchema);
      for (const f of files) if (f.originFileObj) await uploadFile(created.id, f.originFileObj);
      return created;
    },
    onSuccess: (c) => {
      void message.success(t('consultations.submitted'));
      void navigate(`/consultations/${c.id}`);
    },
    onError: (e) => applyServerErrors(form, e, i18n.language).placed,
  });
  return (
    <>
      <PageHeader title={t('consultations.new')} crumbs={[{ label: t('consultations.title'), to: '/consultations' }]} />
      <ErrorAlert error={create.error} />
      <Card>
        <Form
          form={form}
          layout="vertical"
          style={{ maxWidth: 760 }}
          initialValues={{ urgency: 'routine', consentMethod: 'written' }}
          onFinish={(v) => create.mutate(v)}
        >
          <Form.Item
            name="patientId"
            label={t('consultations.field.patient')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <PatientPicker />
          </Form.Item>
          <Form.Item
            name="question"
            label={t('consultations.field.question')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            <Input.TextArea rows={3} maxLength={2000} data-testid="field-question" />
          </Form.Item>
          <Form.Item name="history" label={t('consultations.field.history')}>
            <Input.TextArea rows={4} maxLength={4000} data-testid="field-history" />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item name="stage" label={t('consultations.field.stage')}>
              <Input maxLength={200} style={{ width: 220 }} placeholder="cT3N1M0" />
            </Form.Item>
            <Form.Item name="specialty" label={t('consultations.field.specialty')}>
              <Select
                allowClear
                style={{ width: 220 }}
                options={['gastric', 'colorectal', 'peritoneal', 'hepatobiliary', 'other'].map((s) => ({
                  value: s,
                  label: t(`consultations.specialty.${s}`),
                }))}
              />
            </Form.Item>
          </Space>
          <Form.Item name="urgency" label={t('consultations.field.urgency')}>
            <Radio.Group
              options={URGENCIES.map((u) => ({ value: u, label: t(`consultations.urgency.${u}`) }))}
              data-testid="field-urgency"
            />
          </Form.Item>
          <Space size="large" wrap>
            <Form.Item
              name="consentOn"
              label={t('consultations.field.consentOn')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <DatePicker format="YYYY-MM-DD" data-testid="field-consent-on" />
            </Form.Item>
            <Form.Item name="consentMethod" label={t('consultations.field.consentMethod')}>
              <Select style={{ width: 200 }} options={CONSENT_METHODS.map((m) => ({ value: m, label: t(`consultations.consent.${m}`) }))} />
            </Form.Item>
          </Space>
          <Form.Item label={t('consultations.field.attachments')} extra={t('consultations.attachmentsHint')}>
            <Upload
              accept=".pdf,.jpg,.jpeg,.png"
              multiple
              fileList={files}
              beforeUpload={() => false}
              onChange={({ fileList }) => setFiles(fileList)}
              data-testid="field-attachments"
            >
              <Button>{t('consultations.chooseFiles')}</Button>
            </Upload>
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={create.isPending} data-testid="submit-consultation">
            {t('consultations.submit')}
          </Button>
        </Form>
      </Card>
    </>
  );
}
