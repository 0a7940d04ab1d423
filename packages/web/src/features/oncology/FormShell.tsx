import type { ReactNode } from 'react';
import { Alert, Button, Drawer, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useCtrlS } from '../../app/forms';

function enterMovesOn(e: React.KeyboardEvent<HTMLDivElement>) {
  const target = e.target as HTMLElement;
  if (e.key !== 'Enter' || target.tagName !== 'INPUT' || target.getAttribute('role') === 'combobox' || target.closest('.ant-picker'))
    return;
  e.preventDefault();
  const fields = Array.from(e.currentTarget.querySelectorAll<HTMLElement>('input:not([type=hidden]):not([disabled]), textarea'));
  fields[fields.indexOf(target) + 1]?.focus();
}

/**
 * The frame of every oncology form: a drawer with the title, the server's messages and conflicts at the
 * top, and Save (Ctrl+S) / Cancel at the bottom.
 */
export function FormShell(props: {
  open: boolean;
  title: ReactNode;
  width?: number;
  saving: boolean;
  messages: string[];
  conflict: number | null;
  onSave: () => void;
  onClose: () => void;
  children: ReactNode;
  testId: string;
}) {
  const { t } = useTranslation();
  useCtrlS(() => {
    if (props.open) props.onSave();
  });
  return (
    <Drawer
      open={props.open}
      title={props.title}
      width={props.width ?? 720}
      onClose={props.onClose}
      // A half-filled clinical form is closed only by Cancel or ×: not by Esc (which users press to dismiss a
      // date picker) and not by a stray click beside the drawer.
      keyboard={false}
      maskClosable={false}
      destroyOnHidden
      data-testid={props.testId}
      footer={
        <Space>
          <Button type="primary" loading={props.saving} onClick={props.onSave} data-testid={`${props.testId}-save`}>
            {t('common.save')} <span style={{ opacity: 0.6, marginLeft: 4 }}>Ctrl+S</span>
          </Button>
          <Button onClick={props.onClose}>{t('common.cancel')}</Button>
        </Space>
      }
    >
      {props.conflict !== null && <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={t('oncology.conflict')} />}
      {props.messages.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={
            props.messages.length === 1 ? (
              props.messages[0]
            ) : (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {props.messages.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            )
          }
          data-testid={`${props.testId}-errors`}
        />
      )}
      {/* Enter moves to the next field instead of submitting (UX.md); Ctrl+S saves. */}
      <div onKeyDown={enterMovesOn}>{props.children}</div>
    </Drawer>
  );
}
