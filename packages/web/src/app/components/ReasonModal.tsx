import { useState } from 'react';
import { Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';

/** Ask for a reason (defer, reject, cancel, postpone): required; `placeholder` says who will read it. */
export function ReasonModal({
  open,
  title,
  placeholder,
  onCancel,
  onOk,
}: {
  open: boolean;
  title: string;
  placeholder?: string;
  onCancel: () => void;
  onOk: (reason: string) => Promise<void>;
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onCancel}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !reason.trim(), loading: busy, 'data-testid': 'reason-ok' }}
      // Clear after closing, never on opening: the opening animation ends after a fast typist has started.
      afterOpenChange={(o) => !o && setReason('')}
      onOk={() => {
        setBusy(true);
        void onOk(reason.trim()).finally(() => setBusy(false));
      }}
      destroyOnHidden
    >
      <Input.TextArea
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        rows={3}
        maxLength={500}
        placeholder={placeholder ?? t('common.reasonPlaceholder')}
        data-testid="reason-input"
        autoFocus
      />
    </Modal>
  );
}
