import { useState, type ReactNode } from 'react';
import { Form, Modal, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { applyServerErrors } from '../../app/forms';

/** A small form in a modal for one ward action; server field errors land on the fields, others above. */
export function ActionModal<T extends object>({
  open,
  title,
  initialValues,
  onCancel,
  onSubmit,
  children,
  testId,
}: {
  open: boolean;
  title: string;
  initialValues?: Partial<T>;
  onCancel: () => void;
  onSubmit: (values: T) => Promise<void>;
  children: (form: FormInstance<T>) => ReactNode;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<T>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      await onSubmit(values);
    } catch (e) {
      if (!applyServerErrors(form, e, i18n.language).placed) setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      // Data entry: closed by Cancel or × only, never by Esc or a stray click beside it.
      keyboard={false}
      maskClosable={false}
      onOk={() => void submit()}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: busy, 'data-testid': `${testId}-ok` }}
      destroyOnHidden
    >
      {error && (
        <div style={{ color: '#cf1322', marginBottom: 12 }} data-testid={`${testId}-error`}>
          {error}
        </div>
      )}
      <Form form={form} layout="vertical" initialValues={initialValues} preserve={false}>
        {children(form)}
      </Form>
    </Modal>
  );
}
