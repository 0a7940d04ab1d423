import type { FastifyRequest } from 'fastify';
import type { Locale } from '../i18n/messages.js';
import type { RequestMeta } from '../core/context.js';

export const LOCALE_COOKIE = 'gisurg_locale';

export function metaOf(req: FastifyRequest): RequestMeta {
  const ua = req.headers['user-agent'];
  return { requestId: req.id, clientIp: req.ip ?? null, userAgent: typeof ua === 'string' ? ua : null };
}

/** The response language: X-GISurg-Locale header, then the locale cookie, then Accept-Language, then the default. */
export function localeOf(req: FastifyRequest, fallback: Locale): Locale {
  const pick = (v: string | undefined): Locale | null => {
    if (!v) return null;
    const s = v.toLowerCase();
    if (s.startsWith('zh')) return 'zh-CN';
    if (s.startsWith('en')) return 'en';
    return null;
  };
  const header = req.headers['x-gisurg-locale'];
  const fromHeader = pick(typeof header === 'string' ? header : undefined);
  if (fromHeader) return fromHeader;
  const fromCookie = pick(req.cookies?.[LOCALE_COOKIE]);
  if (fromCookie) return fromCookie;
  const accept = req.headers['accept-language'];
  const first = typeof accept === 'string' ? accept.split(',')[0] : undefined;
  return pick(first) ?? fallback;
}
