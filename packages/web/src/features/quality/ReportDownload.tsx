import { useState } from 'react';
import { Button, Divider, InputNumber, Space, Typography } from 'antd';
import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useDownload } from '../../app/download';
import { annualReportUrl } from './api';
import { SingleDiseaseDownload } from './SingleDiseaseDownload';

/**
 * Annual discipline report for a year: PDF or workbook, with a spinner while the server builds it; below it
 * the single-disease (单病种) export of a period.
 */
export function ReportDownload() {
  const { t } = useTranslation();
  const [year, setYear] = useState<number>(new Date().getFullYear());
  const { busy, download } = useDownload();
  const run = (format: 'pdf' | 'xlsx') => download(format, annualReportUrl(year, format), `annual-report-${year}.${format}`);
  return (
    <>
      <Space wrap>
        <span>{t('quality.report.year')}</span>
        <InputNumber min={1990} max={2100} value={year} onChange={(v) => v && setYear(v)} data-testid="report-year" />
        <Button
          icon={<FilePdfOutlined />}
          loading={busy === 'pdf'}
          disabled={busy !== null}
          onClick={() => void run('pdf')}
          data-testid="report-pdf"
        >
          {busy === 'pdf' ? t('quality.report.building') : t('quality.report.pdf')}
        </Button>
        <Button
          icon={<FileExcelOutlined />}
          loading={busy === 'xlsx'}
          disabled={busy !== null}
          onClick={() => void run('xlsx')}
          data-testid="report-xlsx"
        >
          {busy === 'xlsx' ? t('quality.report.building') : t('quality.report.xlsx')}
        </Button>
      </Space>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('quality.report.sections')}
      </Typography.Paragraph>
      <Divider style={{ margin: '12px 0' }} />
      <SingleDiseaseDownload />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
        {t('quality.singleDisease.note')}
      </Typography.Paragraph>
    </>
  );
}
