import { Button, Modal, QRCode, Space, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ProInvitation } from './api';
import './followup.css';

/**
 * The questionnaire link just made, as a QR code and text, and the sheet printed for the patient at discharge
 * (docs/follow-up.md). The sheet names no patient: the link itself identifies nobody.
 */
export function ProInvitationDialog({
  invitation,
  days,
  onClose,
}: {
  invitation: ProInvitation | null;
  days: number[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const url = invitation ? `${window.location.origin}${invitation.url}` : '';
  const print = () => {
    document.body.classList.add('gisurg-print-pro-sheet');
    const done = () => {
      document.body.classList.remove('gisurg-print-pro-sheet');
      window.removeEventListener('afterprint', done);
    };
    window.addEventListener('afterprint', done);
    window.print();
  };
  return (
    <Modal
      open={invitation !== null}
      title={t('followup.pro.sheetTitle')}
      onCancel={onClose}
      footer={[
        <Button key="print" icon={<PrinterOutlined />} onClick={print} data-testid="pro-print">
          {t('followup.pro.print')}
        </Button>,
        <Button key="close" type="primary" onClick={onClose}>
          {t('followup.pro.close')}
        </Button>,
      ]}
      destroyOnHidden
    >
      {invitation && (
        <Space direction="vertical" align="center" style={{ width: '100%' }} data-testid="pro-sheet">
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('followup.pro.heading')}
          </Typography.Title>
          <Typography.Paragraph style={{ textAlign: 'center', margin: 0 }}>
            {t('followup.pro.sheetDays', { days: days.join(t('followup.pro.daysSeparator')) })}
          </Typography.Paragraph>
          <QRCode value={url} size={220} data-testid="pro-qr" />
          <Typography.Text copyable={{ text: url }} code data-testid="pro-link" style={{ wordBreak: 'break-all' }}>
            {url}
          </Typography.Text>
          <Typography.Text type="secondary">{t('followup.pro.expires', { at: invitation.expiresAt.slice(0, 10) })}</Typography.Text>
          <Typography.Text type="secondary" style={{ textAlign: 'center' }}>
            {t('followup.pro.intro')}
          </Typography.Text>
        </Space>
      )}
    </Modal>
  );
}
