import { useEffect, useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, qs } from '../api';
import type { Page, Patient } from '../types';

/** Pick a patient by name, pinyin, initials, 住院号 or ID number (the same search as the patient list). */
export function PatientPicker({ value, onChange, initial }: { value?: string; onChange?: (id: string) => void; initial?: Patient | null }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  const typed = text.trim();
  useEffect(() => {
    const id = window.setTimeout(() => setQ(typed), 250);
    return () => window.clearTimeout(id);
  }, [typed]);
  const { data, isFetching, isPending } = useQuery({
    queryKey: ['patients', 'suggest', q],
    queryFn: ({ signal }) => get<Page<Patient>>(`/api/patients${qs({ q, pageSize: 10 })}`, signal),
    enabled: q.length > 0,
    staleTime: 10_000,
  });
  // The chosen patient stays among the options after the search text clears, so the field keeps its label.
  const [chosen, setChosen] = useState<Patient | null>(null);
  const found = data?.items ?? [];
  const all = [chosen, initial, ...found].filter((p, i, list): p is Patient => p != null && list.findIndex((x) => x?.id === p.id) === i);
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value}
      onChange={(id: string) => {
        setChosen(all.find((p) => p.id === id) ?? null);
        onChange?.(id);
      }}
      loading={isFetching}
      placeholder={t('search.placeholder')}
      // "No patient" only once the answer for what was typed has come: while the pause before the search runs, or the
      // search itself, it says so instead (it flashed "未找到患者" at every keystroke).
      notFoundContent={typed && (typed !== q || isPending) ? t('search.pending') : q ? t('common.noPatient') : null}
      options={all.map((p) => ({
        value: p.id,
        label: `${p.name} · ${t(`sex.${p.sex}`)} · ${t('patient.ageYears', { age: p.age })}${p.inpatientNo ? ` · ${p.inpatientNo}` : ''}${p.sourceOrganizationName ? ` · ${p.sourceOrganizationName}` : ''}`,
      }))}
      data-testid="field-patient"
    />
  );
}
