import { useState } from 'react';
import { App, Button, Card, Image, List, Popconfirm, Select, Space, Typography, Upload } from 'antd';
import { FileImageOutlined, FilePdfOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../app/format';
import { ATTACHMENT_KINDS, mdtApi, type Attachment, type AttachmentKind } from './api';

function size(bytes: number): string {
  return bytes > 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

/** Reports and key images of a case: open (case audience only), add, withdraw one added by mistake. */
export function AttachmentsCard({
  caseId,
  attachments,
  canAdd,
  onChanged,
}: {
  caseId: string;
  attachments: Attachment[];
  canAdd: boolean;
  onChanged: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [kind, setKind] = useState<AttachmentKind>('imaging_report');
  return (
    <Card
      size="small"
      title={t('mdt.attachments.title')}
      extra={
        canAdd && (
          <Space>
            <Select
              size="small"
              value={kind}
              onChange={setKind}
              style={{ width: 140 }}
              options={ATTACHMENT_KINDS.map((k) => ({ value: k, label: t(`mdt.attachmentKind.${k}`) }))}
            />
            <Upload
              showUploadList={false}
              accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
              customRequest={({ file, onSuccess, onError }) => {
                mdtApi
                  .upload(caseId, file as File, kind)
                  .then((a) => {
                    onSuccess?.(a);
                    void message.success(t('mdt.attachments.uploaded'));
                    onChanged();
                  })
                  .catch((e: unknown) => {
                    onError?.(e as Error);
                    void message.error(e instanceof Error ? e.message : String(e));
                  });
              }}
            >
              <Button size="small" icon={<UploadOutlined />} data-testid="upload-attachment">
                {t('mdt.attachments.add')}
              </Button>
            </Upload>
          </Space>
        )
      }
      data-testid="attachments"
    >
      <List
        size="small"
        dataSource={attachments}
        locale={{ emptyText: t('mdt.attachments.none') }}
        renderItem={(a) => (
          <List.Item
            actions={
              canAdd
                ? [
                    <Popconfirm
                      key="rm"
                      title={t('mdt.attachments.removeConfirm')}
                      onConfirm={() =>
                        void mdtApi
                          .removeAttachment(a.id)
                          .then(onChanged, (e: unknown) => message.error(e instanceof Error ? e.message : String(e)))
                      }
                    >
                      <Button type="link" size="small" danger>
                        {t('mdt.attachments.remove')}
                      </Button>
                    </Popconfirm>,
                  ]
                : []
            }
          >
            <List.Item.Meta
              avatar={
                a.contentType === 'application/pdf' ? (
                  <FilePdfOutlined style={{ fontSize: 20, color: '#cf1322' }} />
                ) : (
                  <FileImageOutlined style={{ fontSize: 20, color: '#0b6e4f' }} />
                )
              }
              title={
                <a href={mdtApi.attachmentUrl(a.id)} target="_blank" rel="noreferrer">
                  {a.fileName}
                </a>
              }
              description={
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`mdt.attachmentKind.${a.kind}`)} · {size(a.sizeBytes)} · {a.uploadedBy.name} · {formatDateTime(a.createdAt)}
                </Typography.Text>
              }
            />
            {a.contentType !== 'application/pdf' && <Image src={mdtApi.attachmentUrl(a.id)} width={64} alt={a.fileName} />}
          </List.Item>
        )}
      />
    </Card>
  );
}
