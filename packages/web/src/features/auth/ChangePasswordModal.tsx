import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { post } from '../../app/api';
import { applyServerErrors } from '../../app/forms';

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<{ currentPassword: string; newPassword: string; confirm: string }>();
  const { message } = App.useApp();
  const submit = async () => {
    const v = await form.validateFields();
    try {
      await post('/api/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword });
      void message.success(t('auth.passwordChanged'));
      form.resetFields();
      onClose();
    } catch (e) {
      if (!applyServerErrors(form, e, i18n.language).placed) void message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Modal
      open={open}
      title={t('auth.changePassword')}
      onOk={() => void submit()}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="currentPassword" label={t('auth.currentPassword')} rules={[{ required: true, message: t('validation.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('auth.newPassword')}
          rules={[{ required: true, message: t('validation.required') }]}
          extra={t('auth.passwordPolicy')}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('auth.confirmPassword')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('validation.required') },
            ({ getFieldValue }) => ({
              validator: (_r, value) =>
                value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('auth.passwordMismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
