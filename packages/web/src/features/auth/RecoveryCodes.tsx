import { Alert, Button, Space, Typography } from 'antd';
import { CopyOutlined, PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

/** Ten recovery codes, shown once: copy or print them now (only their hashes are kept). */
export function RecoveryCodesView({ codes }: { codes: string[] }) {
  const { t } = useTranslation();
  const text = codes.join('\n');
  const print = () => {
    const w = window.open('', '_blank', 'width=480,height=640');
    if (!w) return;
    w.document.title = 'GISurg';
    const pre = w.document.createElement('pre');
    pre.textContent = `GISurg — ${t('mfa.recoveryCodes')}\n\n${text}`;
    pre.style.fontSize = '16px';
    w.document.body.appendChild(pre);
    w.print();
  };
  return (
    <div data-testid="recovery-codes">
      <Alert type="warning" showIcon message={t('mfa.recoveryCodesOnce')} style={{ marginBottom: 12 }} />
      <pre style={{ fontSize: 15, background: '#fafafa', padding: 12, columns: 2 }}>{text}</pre>
      <Space>
        <Typography.Text
          copyable={{ text, icon: [<CopyOutlined key="c" />, <CopyOutlined key="d" />], tooltips: [t('mfa.copy'), t('mfa.copied')] }}
        >
          {t('mfa.copy')}
        </Typography.Text>
        <Button icon={<PrinterOutlined />} onClick={print}>
          {t('mfa.print')}
        </Button>
      </Space>
    </div>
  );
}
