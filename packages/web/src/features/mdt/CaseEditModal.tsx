import { App, Form, Input, Modal, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../app/forms';
import { mdtApi, type CaseDetail } from './api';

/** Edit the submission (question, history, urgency) before the board decides; sends the version edited. */
export function CaseEditModal({ c, open, onClose, onSaved }: { c: CaseDetail; open: boolean; onClose: () => void; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ question: string; summary?: string; urgency: 'routine' | 'urgent' }>();
  const save = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await mdtApi.updateCase(c.id, { version: c.version, question: v.question, summary: v.summary ?? null, urgency: v.urgency });
      void message.success(t('common.saved'));
      onSaved();
    } catch (e) {
      if (!applyServerErrors(form, e, i18n.language).placed) void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Modal
      open={open}
      title={t('mdt.case.edit')}
      onOk={() => void save()}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
      width={720}
    >
      <Form form={form} layout="vertical" initialValues={{ question: c.question, summary: c.summary ?? '', urgency: c.urgency }}>
        <Form.Item
          name="question"
          label={t('mdt.case.question')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="summary" label={t('mdt.case.summary')}>
          <Input.TextArea rows={5} maxLength={8000} />
        </Form.Item>
        <Form.Item name="urgency" label={t('mdt.case.urgency')}>
          <Radio.Group
            optionType="button"
            options={(['routine', 'urgent'] as const).map((u) => ({ value: u, label: t(`mdt.urgency.${u}`) }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
