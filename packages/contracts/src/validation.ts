import { z } from 'zod';
import type { $ZodIssue } from 'zod/v4/core';
import type { FieldIssue } from './common.js';

/**
 * zod issues → bilingual field issues, the same on both ends: the server answers a 400 with them and the
 * web shows them before the request is sent (it validates bodies with the same contract schemas).
 * A message that is an i18n key (custom refinements, `min(1, 'validation.required')`) is translated by the
 * caller's catalogs; any other issue gets zod's own Chinese or English text.
 */
export type Locale = 'zh-CN' | 'en';

/** The caller's catalogs: the text for a key, or null when the key is unknown (then zod's text is used). */
export type Translate = (locale: Locale, key: string, params?: Record<string, unknown>) => string | null;

const zhMap = z.locales.zhCN().localeError;
const enMap = z.locales.en().localeError;

function render(map: typeof zhMap, issue: $ZodIssue): string {
  // zod's locale maps take the raw issue; the finalized issue carries the same fields they read.
  const r = map(issue as unknown as Parameters<typeof zhMap>[0]);
  if (typeof r === 'string') return r;
  return r?.message ?? issue.message;
}

/** `['stages', 0, 't']` → `stages[0].t` (the form-field path both ends use). */
export function pathOf(path: readonly PropertyKey[]): string {
  return path
    .map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))
    .join('.')
    .replace(/\.\[/g, '[');
}

/** One field issue from an i18n key, or null when the catalogs do not know the key. */
export function keyedIssue(
  translate: Translate,
  locale: Locale,
  path: string,
  key: string,
  params?: Record<string, unknown>,
): FieldIssue | null {
  const messageZh = translate('zh-CN', key, params);
  const messageEn = translate('en', key, params);
  if (messageZh === null || messageEn === null) return null;
  const code = key.split('.').slice(-1)[0] ?? 'invalid';
  return { path, code, message: locale === 'zh-CN' ? messageZh : messageEn, messageZh, messageEn };
}

export function issuesToFields(issues: readonly $ZodIssue[], locale: Locale, translate: Translate): FieldIssue[] {
  return issues.map((issue) => {
    const path = pathOf(issue.path);
    const params = issue.code === 'custom' ? ((issue.params ?? {}) as Record<string, unknown>) : undefined;
    const keyed = keyedIssue(translate, locale, path, issue.message, params);
    if (keyed) return keyed;
    const messageZh = render(zhMap, issue);
    const messageEn = render(enMap, issue);
    return { path, code: issue.code, message: locale === 'zh-CN' ? messageZh : messageEn, messageZh, messageEn };
  });
}
