import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError } from './api';

/** An error with what happened and the request id to give the administrator (UX.md). */
export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error);
  const requestId = error instanceof ApiError ? error.requestId : null;
  return (
    <Alert
      type="error"
      showIcon
      message={message}
      description={requestId ? t('common.requestId', { id: requestId }) : undefined}
      style={{ marginBottom: 16 }}
    />
  );
}
