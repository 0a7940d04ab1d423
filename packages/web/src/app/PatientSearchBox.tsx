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

/**
 * The global patient search in the top bar (UX.md): name, pinyin, initials, 住院号 or 身份证 (full or last
 * digits). Picking a suggestion opens the patient; Enter opens the full result list.
 */
export function PatientSearchBox() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const q = useDebounced(text.trim(), 250);
  const { data } = useQuery({
    queryKey: ['patients', 'suggest', q],
    queryFn: ({ signal }) => get<Page<Patient>>(`/api/patients${qs({ q, pageSize: 8 })}`, signal),
    enabled: q.length > 0,
    staleTime: 10_000,
  });
  const options = (q ? (data?.items ?? []) : []).map((p) => ({
    value: p.id,
    label: (
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12 }}>
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
      onChange={setText}
      onSelect={(id: string) => {
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
