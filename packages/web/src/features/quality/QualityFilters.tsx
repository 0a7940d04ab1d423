import type { ReactNode } from 'react';
import { DatePicker, Select, Space, Tag } from 'antd';
import dayjs from 'dayjs';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../app/auth';
import { useSurgeons } from './api';

/** The quality pages' filters in the URL (from, to, surgeonId, and any page's own), so a view can be linked. */
export function useQualityParams() {
  const [params, setParams] = useSearchParams();
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch))
      if (v) next.set(k, v);
      else next.delete(k);
    setParams(next, { replace: true });
  };
  return {
    params,
    from: params.get('from') ?? undefined,
    to: params.get('to') ?? undefined,
    surgeonId: params.get('surgeonId') ?? undefined,
    set,
  };
}

/**
 * Period and surgeon: the department head picks any surgeon (with their operation count when `counts`), a
 * surgeon sees a tag "own operations only", a researcher "aggregates only". `period` is the period the server
 * answered for (its defaults filled in).
 */
export function QualityFilters({
  testIdPrefix,
  period,
  counts = false,
  children,
}: {
  testIdPrefix: string;
  period: { from: string; to: string } | undefined;
  counts?: boolean;
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { surgeonId, set } = useQualityParams();
  const all = can('quality:all_surgeons');
  const surgeons = useSurgeons(all);
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <DatePicker.RangePicker
        allowClear={false}
        format="YYYY-MM-DD"
        value={period ? [dayjs(period.from), dayjs(period.to)] : null}
        onChange={(v) => v?.[0] && v[1] && set({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') })}
        data-testid={`${testIdPrefix}-period`}
      />
      {all ? (
        <Select
          allowClear
          style={{ width: 220 }}
          placeholder={t('quality.allSurgeons')}
          value={surgeonId}
          onChange={(v?: string) => set({ surgeonId: v })}
          options={(surgeons.data?.surgeons ?? []).map((s) => ({
            value: s.id,
            label: counts ? `${s.displayName} (${s.operations})` : s.displayName,
          }))}
          data-testid={`${testIdPrefix}-surgeon`}
        />
      ) : can('quality:own') ? (
        <Tag color="blue">{t('quality.ownOnly')}</Tag>
      ) : (
        <Tag>{t('quality.aggregatesOnly')}</Tag>
      )}
      {children}
    </Space>
  );
}
