import { App, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { applyServerErrors } from '../../app/forms';
import { mdtApi, SPECIALTIES, type Recommendation } from './api';
import { useSpecialtyName } from './labels';
import { useHomeUsers } from '../../app/components/useHomeUsers';

interface Values {
  summary?: string;
  guideline?: string;
  guidelineVersion?: string;
  deviationReason?: string;
  executingSpecialty?: string;
  responsibleUserId?: string;
  patientSummary: string;
}

/** Amend the recommendation's text (plan items are closed one by one, not edited); sends the version edited. */
export function RecommendationEditModal({
  caseId,
  rec,
  open,
  onClose,
  onSaved,
}: {
  caseId: string;
  rec: Recommendation;
  open: boolean;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const specialty = useSpecialtyName();
  const users = useHomeUsers();
  const [form] = Form.useForm<Values>();
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await mdtApi.amendRecommendation(caseId, {
        version: rec.version,
        summary: v.summary ?? null,
        guideline: v.guideline ?? null,
        guidelineVersion: v.guidelineVersion ?? null,
        deviationReason: v.deviationReason ?? null,
        executingSpecialty: v.executingSpecialty ?? null,
        responsibleUserId: v.responsibleUserId ?? null,
        patientSummary: v.patientSummary,
      });
      void message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.details.currentVersion !== undefined)
        void message.error(t('common.conflict', { version: e.details.currentVersion }));
      else if (!applyServerErrors(form, e, i18n.language).placed) void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Modal
      open={open}
      title={t('mdt.recommendation.amend')}
      onOk={() => void save()}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      width={760}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          summary: rec.summary ?? '',
          guideline: rec.guideline ?? '',
          guidelineVersion: rec.guidelineVersion ?? '',
          deviationReason: rec.deviationReason ?? '',
          executingSpecialty: rec.executingSpecialty ?? undefined,
          responsibleUserId: rec.responsible?.userId ?? undefined,
          patientSummary: rec.patientSummary,
        }}
      >
        <Form.Item name="summary" label={t('mdt.recommendation.summary')}>
          <Input.TextArea rows={3} maxLength={4000} />
        </Form.Item>
        <div className="gisurg-two-columns">
          <Form.Item name="guideline" label={t('mdt.recommendation.guideline')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="guidelineVersion" label={t('mdt.recommendation.guidelineVersion')}>
            <Input maxLength={50} />
          </Form.Item>
        </div>
        <Form.Item name="deviationReason" label={t('mdt.recommendation.deviationReason')}>
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <div className="gisurg-two-columns">
          <Form.Item name="executingSpecialty" label={t('mdt.recommendation.executingSpecialty')}>
            <Select allowClear options={SPECIALTIES.map((s) => ({ value: s, label: specialty(s) }))} />
          </Form.Item>
          <Form.Item name="responsibleUserId" label={t('mdt.recommendation.responsible')}>
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              options={users.map((u) => ({ value: u.id, label: u.displayName }))}
            />
          </Form.Item>
        </div>
        <Form.Item
          name="patientSummary"
          label={t('mdt.recommendation.patientSummary')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input.TextArea rows={8} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
