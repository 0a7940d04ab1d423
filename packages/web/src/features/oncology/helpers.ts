import { useCallback, useState } from 'react';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { isClinicalInputError, type ClinicalIssue, type CodedOption } from '@gisurg/clinical';
import { ApiError } from '../../app/api';

import type { Lang } from '../../app/components/useLang';
export { useLang, type Lang } from '../../app/components/useLang';

/** Select options from a coded list of the clinical package, labelled in the current language. */
export function selectOptions<V extends string | number>(options: readonly CodedOption<V>[], lang: Lang) {
  return options.map((o) => ({ value: o.value, label: o.label[lang] }));
}

export function labelOf<V extends string | number>(options: readonly CodedOption<V>[], value: V | null | undefined, lang: Lang): string {
  if (value === null || value === undefined || value === '') return '—';
  return options.find((o) => o.value === value)?.label[lang] ?? String(value);
}

/** Run a clinical function for live display: its value, or the issues it raised (never throws). */
export function tryClinical<T>(fn: () => T): { value: T | null; issues: readonly ClinicalIssue[] } {
  try {
    return { value: fn(), issues: [] };
  } catch (e) {
    if (isClinicalInputError(e)) return { value: null, issues: e.issues };
    throw e;
  }
}

/** Text of a clinical issue, from the same catalogue the server uses. */
export function useIssueText(): (issue: ClinicalIssue) => string {
  const { t } = useTranslation();
  return (issue) => t(issue.messageKey, { ...issue.params, defaultValue: issue.messageKey });
}

/**
 * Save plumbing shared by the oncology forms: validate, send, then show the server's field messages on
 * the form (paths such as `clinical.t` or `procedures[0]` mapped to the form's fields), the rest in an
 * alert, and a 409 as a conflict with the current version.
 */
export function useSubmit<V>(form: FormInstance<V>, send: (values: V) => Promise<unknown>, onDone: () => void) {
  const { i18n } = useTranslation();
  const [saving, setSaving] = useState(false);
  const [messages, setMessages] = useState<string[]>([]);
  const [conflict, setConflict] = useState<number | null>(null);
  const save = useCallback(async () => {
    setMessages([]);
    let values: V;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await send(values);
      onDone();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        setConflict(typeof e.details.currentVersion === 'number' ? e.details.currentVersion : -1);
        setMessages([e.message]);
      } else if (e instanceof ApiError && e.fields.length > 0) {
        const all = form.getFieldsValue(true) as Record<string, unknown>;
        const rest: string[] = [];
        const byName = new Map<string, { name: (string | number)[]; errors: string[] }>();
        for (const f of e.fields) {
          const text = i18n.language === 'en' ? f.messageEn : f.messageZh;
          const name = f.path
            .replace(/\[\d+\]/g, '')
            .split('.')
            .filter(Boolean);
          let node: unknown = all;
          for (const part of name) node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
          const known = name.length > 0 && (node !== undefined || name[0]! in all);
          if (known) {
            const key = name.join('.');
            byName.set(key, { name, errors: [...(byName.get(key)?.errors ?? []), text] });
          } else rest.push(`${f.path ? `${f.path}: ` : ''}${text}`);
        }
        form.setFields([...byName.values()].map((x) => ({ name: x.name as never, errors: x.errors })));
        setMessages(rest.length > 0 ? rest : [e.message]);
      } else {
        setMessages([e instanceof Error ? e.message : String(e)]);
      }
    } finally {
      setSaving(false);
    }
  }, [form, send, onDone, i18n.language]);
  return { save, saving, messages, conflict };
}
