import { z } from 'zod';
import type { $ZodIssue } from 'zod/v4/core';
import { isClinicalInputError } from '@gisurg/clinical';
import { AppError, type FieldIssue } from './app-error.js';
import { hasMessage, translate, type Locale } from '../i18n/messages.js';

const zhMap = z.locales.zhCN().localeError;
const enMap = z.locales.en().localeError;

function render(map: typeof zhMap, issue: $ZodIssue): string {
  // zod's locale maps take the raw issue; the finalized issue carries the same fields they read.
  const r = map(issue as unknown as Parameters<typeof zhMap>[0]);
  if (typeof r === 'string') return r;
  return r?.message ?? issue.message;
}

export function pathOf(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
    .join('.')
    .replace(/\.\[/g, '[');
}

/** A field issue from an i18n key (custom refinements and use-case checks use keys from i18n/messages.ts). */
export function fieldIssue(locale: Locale, path: string, key: string, params?: Record<string, unknown>): FieldIssue {
  const code = key.split('.').slice(-1)[0] ?? 'invalid';
  return {
    path,
    code,
    message: translate(locale, key, params),
    messageZh: translate('zh-CN', key, params),
    messageEn: translate('en', key, params),
  };
}

/** Map zod issues to bilingual field issues. Custom issues whose message is an i18n key are translated. */
export function zodIssuesToFields(issues: readonly $ZodIssue[], locale: Locale): FieldIssue[] {
  return issues.map((issue) => {
    const path = pathOf(issue.path);
    if (issue.code === 'custom' && hasMessage(issue.message)) {
      return fieldIssue(locale, path, issue.message, (issue.params ?? {}) as Record<string, unknown>);
    }
    if (hasMessage(issue.message)) return fieldIssue(locale, path, issue.message);
    const messageZh = render(zhMap, issue);
    const messageEn = render(enMap, issue);
    return { path, code: issue.code, message: locale === 'zh-CN' ? messageZh : messageEn, messageZh, messageEn };
  });
}

export function validationError(fields: FieldIssue[]): AppError {
  return new AppError('VALIDATION', 'errors.validation', { fields });
}

/** Throw a VALIDATION AppError for one field, with a key from i18n/messages.ts. */
export function invalidField(locale: Locale, path: string, key: string, params?: Record<string, unknown>): AppError {
  return validationError([fieldIssue(locale, path, key, params)]);
}

/** ClinicalInputError (from @gisurg/clinical) → VALIDATION AppError with the clinical texts. */
export function fromClinicalError(e: unknown, locale: Locale, prefix = ''): AppError | null {
  if (!isClinicalInputError(e)) return null;
  return validationError(
    e.issues.map((i) => ({
      ...fieldIssue(locale, prefix ? `${prefix}.${i.field}` : i.field, i.messageKey, i.params),
      code: i.code,
    })),
  );
}
