import { useCallback, useState } from 'react';
import type { FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { isClinicalInputError, type ClinicalIssue, type CodedOption } from '@gisurg/clinical';
import { applyServerErrors } from '../../app/forms';

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
 * Save plumbing shared by the oncology forms: validate, send, then put the server's field messages on the
 * form's fields with the app's one form-error helper (`applyServerErrors`: nested paths such as
 * `hipec.drugs[0].drug` land on the drug row), the rest in an alert, and a 409 as a conflict with the current version.
 */
export function useSubmit<V>(
  form: FormInstance<V>,
  send: (values: V) => Promise<unknown>,
  onDone: () => void,
  options: { alias?: Record<string, string[]> } = {},
) {
  const { i18n } = useTranslation();
  const [saving, setSaving] = useState(false);
  const [messages, setMessages] = useState<string[]>([]);
  const [conflict, setConflict] = useState<number | null>(null);
  const { alias } = options;
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
      const outcome = applyServerErrors(form, e, i18n.language, { alias });
      if (outcome.conflict) setConflict(outcome.conflict.currentVersion ?? -1);
      const general = e instanceof Error ? e.message : String(e);
      setMessages(outcome.rest.length > 0 ? outcome.rest : [general]);
    } finally {
      setSaving(false);
    }
  }, [form, send, onDone, i18n.language, alias]);
  return { save, saving, messages, conflict };
}
