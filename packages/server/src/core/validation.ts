import { issuesToFields, type Translate } from '@gisurg/contracts/validation';
import type { $ZodIssue } from 'zod/v4/core';
import { isClinicalInputError } from '@gisurg/clinical';
import { AppError, type FieldIssue } from './app-error.js';
import { hasMessage, translate, type Locale } from '../i18n/messages.js';

export { pathOf } from '@gisurg/contracts/validation';

/** The server's catalogs as the contract's translator (null for a key they do not hold). */
const serverTranslate: Translate = (locale, key, params) => (hasMessage(key) ? translate(locale, key, params) : null);

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

/** Map zod issues to bilingual field issues (the same mapping the web runs before sending). */
export function zodIssuesToFields(issues: readonly $ZodIssue[], locale: Locale): FieldIssue[] {
  return issuesToFields(issues, locale, serverTranslate);
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
