import { useState } from 'react';
import { App, Button, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { AdmitSchema } from '@gisurg/contracts/ward';
import { applyServerErrors } from '../../app/forms';
import { PatientPicker } from '../../app/components/PatientPicker';
import { ADMISSION_SOURCES, hospitalNow, useWardMutation, type AdmissionSource, type Bed } from './api';
import { DateTimeField } from '../../app/components/DateTimeField';
import { useSurgeons } from '../../app/components/useSurgeons';

interface AdmitForm {
  patientId: string;
  admittedAt: string;
  source: AdmissionSource;
  sourceInstitution?: string;
  diagnosis?: string;
  attendingSurgeonId?: string;
  expectedLosDays?: number | null;
  plannedProcedure?: string;
  isolation?: string;
  fallRisk?: 'low' | 'medium' | 'high';
}

/** Admit a patient into a clean (or reserved) bed: 入院途径 per the front-page codes. */
export function AdmitModal({ bed, onClose, onMore }: { bed: Bed | null; onClose: () => void; onMore?: (bed: Bed) => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<AdmitForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mutate = useWardMutation();
  const surgeons = useSurgeons();
  const source = Form.useWatch('source', form);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await mutate('/api/admissions', { ...values, bedId: bed!.id }, AdmitSchema);
      void message.success(t('ward.admit.done'));
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e, i18n.language).placed) setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={Boolean(bed)}
      title={bed ? t('ward.admit.title', { bed: bed.label }) : ''}
      onCancel={onClose}
      // Data entry: closed by Cancel or × only, never by Esc or a stray click beside it.
      keyboard={false}
      maskClosable={false}
      onOk={() => void submit()}
      okText={t('ward.admit.action')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': 'admit-ok' }}
      destroyOnHidden
      width={640}
    >
      {onMore && bed && (
        <Button type="link" size="small" style={{ padding: 0, marginBottom: 8 }} onClick={() => onMore(bed)} data-testid="admit-more">
          {t('ward.admit.more')}
        </Button>
      )}
      {error && (
        <div style={{ color: '#cf1322', marginBottom: 12 }} data-testid="admit-error">
          {error}
        </div>
      )}
      <Form form={form} layout="vertical" initialValues={{ admittedAt: hospitalNow(), source: 'outpatient' }} preserve={false}>
        <Form.Item name="patientId" label={t('ward.admit.patient')} rules={[{ required: true, message: t('ward.admit.patient') }]}>
          <PatientPicker />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <Form.Item name="admittedAt" label={t('ward.admit.admittedAt')} rules={[{ required: true }]}>
            <DateTimeField testId="field-admittedAt" />
          </Form.Item>
          <Form.Item name="source" label={t('ward.admit.source')} rules={[{ required: true }]}>
            <Select options={ADMISSION_SOURCES.map((s) => ({ value: s, label: t(`ward.source.${s}`) }))} data-testid="field-source" />
          </Form.Item>
        </div>
        {source === 'transfer_in' && (
          <Form.Item
            name="sourceInstitution"
            label={t('ward.admit.sourceInstitution')}
            rules={[{ required: true, message: t('ward.admit.sourceInstitution') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
        )}
        <Form.Item name="diagnosis" label={t('ward.admit.diagnosis')}>
          <Input maxLength={500} data-testid="field-diagnosis" />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <Form.Item name="attendingSurgeonId" label={t('ward.admit.surgeon')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={surgeons.map((u) => ({ value: u.id, label: u.displayName }))}
              data-testid="field-surgeon"
            />
          </Form.Item>
          <Form.Item name="expectedLosDays" label={t('ward.admit.expectedLos')}>
            <InputNumber min={0} max={365} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="plannedProcedure" label={t('ward.admit.plannedProcedure')}>
          <Input maxLength={200} data-testid="field-plannedProcedure" />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          <Form.Item name="isolation" label={t('ward.admit.isolation')}>
            <Input maxLength={100} placeholder={t('ward.admit.isolationPlaceholder')} />
          </Form.Item>
          <Form.Item name="fallRisk" label={t('ward.admit.fallRisk')}>
            <Select
              allowClear
              options={(['low', 'medium', 'high'] as const).map((f) => ({ value: f, label: t(`ward.fallRiskShort.${f}`) }))}
            />
          </Form.Item>
        </div>
      </Form>
    </Modal>
  );
}
