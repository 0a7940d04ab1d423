import { DatePicker } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';

/**
 * A hospital wall-clock date-time (`YYYY-MM-DDTHH:mm`, read by the server in Asia/Shanghai), picked with
 * antd's DatePicker shown as `YYYY-MM-DD HH:mm`.
 */
export function DateTimeField({ value, onChange, testId }: { value?: string; onChange?: (v: string) => void; testId?: string }) {
  const parsed: Dayjs | null = value ? dayjs(value) : null;
  return (
    <DatePicker
      showTime={{ format: 'HH:mm' }}
      format="YYYY-MM-DD HH:mm"
      value={parsed}
      allowClear={false}
      onChange={(d) => d && onChange?.(d.format('YYYY-MM-DDTHH:mm'))}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
