import { useState } from 'react';
import { Alert, Button, Modal, Progress, Space, Table, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../app/api';
import { useDownload } from '../../app/download';
import { FOLLOW_UP_IMPORT_TEMPLATE_URL, useFollowUpImport, type FollowUpImportReport } from './api';

type RowError = FollowUpImportReport['errors'][number];

/**
 * 导入历史随访: download the template, pick a file, check it (dry run) and import it. The server writes all
 * rows or none and names every bad cell; they are listed here by line and column (docs/follow-up.md).
 */
export function FollowUpImportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [percent, setPercent] = useState<number | null>(null);
  const [report, setReport] = useState<FollowUpImportReport | null>(null);
  const [failure, setFailure] = useState<{ message: string; errors: RowError[] } | null>(null);
  const upload = useFollowUpImport(setPercent);
  const { busy, download } = useDownload();

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setReport(null);
    setFailure(null);
    setPercent(0);
    try {
      setReport(await upload.mutateAsync({ file, dryRun }));
    } catch (e) {
      const errors = e instanceof ApiError && Array.isArray(e.details.errors) ? (e.details.errors as RowError[]) : [];
      setFailure({ message: e instanceof Error ? e.message : String(e), errors });
    }
  };
  const close = () => {
    setFile(null);
    setReport(null);
    setFailure(null);
    setPercent(null);
    onClose();
  };
  const errors = report?.errors.length ? report.errors : (failure?.errors ?? []);

  return (
    <Modal open={open} title={t('followup.import.title')} onCancel={close} footer={null} width={760} destroyOnHidden>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph type="secondary">{t('followup.import.intro')}</Typography.Paragraph>
        <Button
          icon={<DownloadOutlined />}
          loading={busy === 'template'}
          onClick={() => void download('template', FOLLOW_UP_IMPORT_TEMPLATE_URL, 'followup-template.xlsx')}
          data-testid="import-template"
        >
          {t('followup.import.template')}
        </Button>
        <Upload
          accept=".xlsx,.csv"
          maxCount={1}
          beforeUpload={(f) => {
            setFile(f);
            setReport(null);
            setFailure(null);
            setPercent(null);
            return false;
          }}
          onRemove={() => setFile(null)}
          fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
        >
          <Button icon={<UploadOutlined />} data-testid="import-pick">
            {t('followup.import.pick')}
          </Button>
        </Upload>
        <Space>
          <Button
            disabled={!file}
            loading={upload.isPending && upload.variables?.dryRun}
            onClick={() => void run(true)}
            data-testid="import-check"
          >
            {t('followup.import.check')}
          </Button>
          <Button
            type="primary"
            disabled={!file}
            loading={upload.isPending && upload.variables?.dryRun === false}
            onClick={() => void run(false)}
            data-testid="import-run"
          >
            {t('followup.import.run')}
          </Button>
        </Space>
        {percent !== null && <Progress percent={percent} status={failure ? 'exception' : undefined} data-testid="import-progress" />}
        {report && (
          <Alert
            type={report.failed > 0 ? 'warning' : 'success'}
            showIcon
            data-testid="import-summary"
            title={t(report.dryRun ? 'followup.import.summaryDry' : 'followup.import.summary', {
              total: report.total,
              imported: report.imported,
              skipped: report.skipped,
              failed: report.failed,
            })}
          />
        )}
        {failure && <Alert type="error" showIcon title={failure.message} data-testid="import-failure" />}
        {errors.length > 0 && (
          <Table<RowError>
            size="small"
            data-testid="import-errors"
            rowKey={(e) => `${e.line}-${e.column}-${e.message}`}
            dataSource={errors}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            columns={[
              { title: t('followup.import.line'), dataIndex: 'line', width: 70 },
              { title: t('followup.import.column'), dataIndex: 'column', width: 150 },
              { title: t('followup.import.message'), dataIndex: 'message' },
            ]}
          />
        )}
      </Space>
    </Modal>
  );
}
