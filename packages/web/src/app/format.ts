import i18next from 'i18next';
import { DEFAULT_TIME_ZONE, isRealIsoDate, todayIn, wallClock } from '@gisurg/contracts';

/**
 * Times are shown in the hospital's zone, dates as YYYY-MM-DD (china-context.md §8.4). The zone is the
 * server's setting (GISURG_TIMEZONE), read from `/api/auth/me` at sign-in (`setHospitalTimeZone`); until
 * then it is the default, Asia/Shanghai. Date arithmetic comes from @gisurg/contracts, as on the server.
 */
let hospitalTimeZone = DEFAULT_TIME_ZONE;

export function setHospitalTimeZone(timeZone: string | null | undefined): void {
  if (!timeZone) return;
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone });
    hospitalTimeZone = timeZone;
  } catch {
    /* an unknown zone keeps the default */
  }
}

export function getHospitalTimeZone(): string {
  return hospitalTimeZone;
}

export function formatDateTime(iso: string | null | undefined, withSeconds = false): string {
  if (!iso) return '';
  const instant = new Date(iso);
  const { date, time } = wallClock(instant, hospitalTimeZone);
  if (!withSeconds) return `${date} ${time}`;
  const seconds = new Intl.DateTimeFormat('en-US', { timeZone: hospitalTimeZone, second: '2-digit' }).format(instant).padStart(2, '0');
  return `${date} ${time}:${seconds}`;
}

/** Today in the hospital's time zone, YYYY-MM-DD, whatever the browser's zone. */
export function todayInHospital(): string {
  return todayIn(hospitalTimeZone, new Date());
}

export const hospitalToday = todayInHospital;

/** A real `YYYY-MM-DD` date (from a URL parameter, say). */
export const isDate = (s: string | null): s is string => Boolean(s && isRealIsoDate(s));

/**
 * Punctuation of the language shown (issue 16 item 4): full-width in Chinese, ASCII in English, so an
 * English page never shows "（64 y）" or "Approach：".
 */
function isEnglish(): boolean {
  return (i18next.language ?? 'zh-CN').startsWith('en');
}
/** "（text）" in Chinese, " (text)" in English. */
export function paren(text: string | number): string {
  return isEnglish() ? ` (${text})` : `（${text}）`;
}
/** "：" in Chinese, ": " in English. */
export function colon(): string {
  return isEnglish() ? ': ' : '：';
}
/** List separator: "；" in Chinese, "; " in English. */
export function semicolon(): string {
  return isEnglish() ? '; ' : '；';
}
/** Comma: "，" in Chinese, ", " in English. */
export function comma(): string {
  return isEnglish() ? ', ' : '，';
}
