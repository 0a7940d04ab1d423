import type { Actor } from '../auth/actor.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/types.js';
import type { Locale } from '../i18n/messages.js';

/** Who asked, from where: carried into every audit row. */
export interface RequestMeta {
  requestId: string;
  clientIp: string | null;
  userAgent: string | null;
}

/** What a use case receives: the database (or transaction), the actor, request metadata, locale, clock. */
export interface UseCaseContext {
  db: Db;
  actor: Actor;
  meta: RequestMeta;
  locale: Locale;
  clock: Clock;
  /** The hospital's time zone for calendar dates (GISURG_TIMEZONE, default Asia/Shanghai). */
  timeZone: string;
}

/** Anonymous variant (login). */
export interface AnonymousContext {
  db: Db;
  meta: RequestMeta;
  locale: Locale;
  clock: Clock;
  /** The hospital's time zone for calendar dates (GISURG_TIMEZONE, default Asia/Shanghai). */
  timeZone: string;
}
