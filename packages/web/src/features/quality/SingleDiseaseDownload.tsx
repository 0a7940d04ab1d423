import { useState } from 'react';
import { Button, DatePicker, Select, Space } from 'antd';
import { FileExcelOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { SingleDisease } from '@gisurg/contracts/quality-report';
import { hospitalToday } from '../../app/format';
import { useDownload } from '../../app/download';
import { singleDiseaseUrl } from './reportApi';

/** Single-disease (单病种) export: gastric or colorectal resections of a period as one Excel row each. */
export function SingleDiseaseDownload() {
  const { t } = useTranslation();
  const today = hospitalToday();
  const [period, setPeriod] = useState({ from: `${today.slice(0, 4)}-01-01`, to: today });
  const [disease, setDisease] = useState<SingleDisease>('gastric');
  const { busy: downloading, download } = useDownload();
  const busy = downloading !== null;
  const run = () =>
    download('xlsx', singleDiseaseUrl(period.from, period.to, disease), `single-disease-${disease}-${period.from}-${period.to}.xlsx`);
  return (
    <Space wrap>
      <span>{t('quality.singleDisease.title')}</span>
      <DatePicker.RangePicker
        allowClear={false}
        format="YYYY-MM-DD"
        value={[dayjs(period.from), dayjs(period.to)]}
        onChange={(v) => v?.[0] && v[1] && setPeriod({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
        data-testid="single-disease-period"
      />
      <Select<SingleDisease>
        style={{ width: 140 }}
        value={disease}
        onChange={setDisease}
        options={(['gastric', 'colorectal'] as const).map((d) => ({ value: d, label: t(`quality.singleDisease.disease.${d}`) }))}
        data-testid="single-disease-disease"
      />
      <Button icon={<FileExcelOutlined />} loading={busy} onClick={() => void run()} data-testid="single-disease-xlsx">
        {busy ? t('quality.report.building') : t('quality.singleDisease.download')}
      </Button>
    </Space>
  );
}
