import { useEffect, useState } from 'react';
import { AutoComplete, Input } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { get, qs } from './api';
import type { Page, Patient } from './types';

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = window.setTimeout(() => setV(value), ms);
    return () => window.clearTimeout(id);
  }, [value, ms]);
  return v;
}

/** Sentinel values of the non-selectable hint rows (never a patient id). */
const PENDING = '__search_pending__';
const EMPTY = '__search_empty__';

/**
 * The global patient search in the top bar (UX.md): name, pinyin, initials, 住院号 (full or last digits) or
 * 身份证 (full or last digits). Picking a suggestion opens the patient; Enter opens the full result list.
 *
 * Patient safety: a suggestion is only shown — and only selectable — when it is the answer to exactly the
 * text now in the box. Every answer carries the query it answers; while the box text and the answered query
 * differ (typing, debouncing, request in flight, answers arriving out of order) the list shows only a
 * disabled "searching" row, so an older query's patient can never be opened for a newer query.
 */
export function PatientSearchBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const current = text.trim();
  const q = useDebounced(current, 250);
  const { data } = useQuery({
    queryKey: ['patients', 'suggest', q],
    queryFn: async ({ signal }) => ({ q, page: await get<Page<Patient>>(`/api/patients${qs({ q, pageSize: 8 })}`, signal) }),
    enabled: q.length > 0,
    staleTime: 10_000,
  });
  const fresh = current.length > 0 && q === current && data?.q === current;
  const items = fresh ? data.page.items : [];
  const options: { value: string; label: React.ReactNode; disabled?: boolean }[] = !current
    ? []
    : !fresh
      ? [{ value: PENDING, disabled: true, label: <span data-testid="search-pending">{t('search.pending')}</span> }]
      : items.length === 0
        ? [{ value: EMPTY, disabled: true, label: <span data-testid="search-empty">{t('search.empty')}</span> }]
        : items.map((p) => ({
            value: p.id,
            label: (
              <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12 }} data-testid="search-suggestion">
                <span>
                  <b>{p.name}</b> {t(`sex.${p.sex}`)} {t('patient.ageYears', { age: p.age })}
                </span>
                <span style={{ color: '#888' }}>{p.inpatientNo ?? ''}</span>
              </div>
            ),
          }));
  return (
    <AutoComplete
      style={{ width: 340 }}
      options={options}
      value={text}
      onChange={(v: string) => {
        // A picked option's value (patient id or hint row) is not typed text: onSelect handles it.
        if (!options.some((o) => o.value === v)) setText(v);
      }}
      onSelect={(id: string) => {
        // Only a patient from the answer to the text now in the box may be opened.
        if (!items.some((p) => p.id === id)) return;
        setText('');
        void navigate(`/patients/${id}`);
      }}
    >
      <Input
        prefix={<SearchOutlined />}
        placeholder={t('search.placeholder')}
        allowClear
        data-testid="global-search"
        onPressEnter={() => {
          if (text.trim()) void navigate(`/patients?q=${encodeURIComponent(text.trim())}`);
        }}
      />
    </AutoComplete>
  );
}
