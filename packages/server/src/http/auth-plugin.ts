import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Actor } from '../auth/actor.js';
import { hidesRoute } from '../auth/permissions.js';
import { resolveSession } from '../auth/sessions.js';
import { bearerResolver, bearerTokenOf } from '../auth/bearer.js';
import { recordAudit } from '../audit/record.js';
import type { Config } from '../config.js';
import type { Clock } from '../clock.js';
import type { Db } from '../db/types.js';
import type { Locale } from '../i18n/messages.js';
import { AppError } from '../core/app-error.js';
import type { AnonymousContext, UseCaseContext } from '../core/context.js';
import { localeOf, metaOf } from './request-meta.js';
import type { RegisteredRoute } from './route.js';

export const SESSION_COOKIE = 'gisurg_session';
export const SECURE_SESSION_COOKIE = '__Host-gisurg_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
    useCaseContext(): UseCaseContext;
    anonymousContext(): AnonymousContext;
  }
  interface FastifyInstance {
    routeRegistry: RegisteredRoute[];
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isSecureRequest(req: FastifyRequest, config: Config): boolean {
  if (config.cookieSecure === 'always') return true;
  if (config.cookieSecure === 'never') return false;
  return req.protocol === 'https';
}

export function sessionCookieName(req: FastifyRequest, config: Config): string {
  return isSecureRequest(req, config) ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

function sessionToken(req: FastifyRequest): string | undefined {
  return req.cookies[SECURE_SESSION_COOKIE] ?? req.cookies[SESSION_COOKIE];
}

/**
 * Cross-site request defence for the cookie session (ADR 0005, trust.md S7): SameSite=Lax cookies, JSON-only
 * bodies, and state-changing requests refused when Fetch Metadata or Origin say they come from another site.
 */
function isCrossSite(req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site') return true;
  const origin = req.headers.origin;
  if (typeof origin === 'string' && origin !== 'null') {
    try {
      return new URL(origin).host !== req.host;
    } catch {
      return true;
    }
  }
  return origin === 'null';
}

/** Session resolution, access checks and per-request context for every route (http/route.ts). */
export function registerAuth(app: FastifyInstance, deps: { db: Db; config: Config; clock: Clock }): void {
  const { db, config, clock } = deps;
  app.decorate('routeRegistry', [] as RegisteredRoute[]);
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', config.defaultLocale);
  app.decorateRequest('useCaseContext', function (this: FastifyRequest): UseCaseContext {
    if (!this.actor) throw new AppError('UNAUTHENTICATED', 'errors.unauthenticated');
    return { db, actor: this.actor, meta: metaOf(this), locale: this.locale, clock, timeZone: config.timeZone };
  });
  app.decorateRequest('anonymousContext', function (this: FastifyRequest): AnonymousContext {
    return { db, meta: metaOf(this), locale: this.locale, clock, timeZone: config.timeZone };
  });

  // Deny by default: an /api route without a declared access level cannot be registered.
  app.addHook('onRoute', (route) => {
    const url = route.url;
    if (!url.startsWith('/api/') || url.startsWith('/api/docs')) return;
    const access = route.config?.access;
    if (!access) throw new Error(`Route ${String(route.method)} ${url} declares no access (permission)`);
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) {
      if (m === 'HEAD' || m === 'OPTIONS') continue;
      app.routeRegistry.push({ method: m, url, access, ...(route.config?.audit ? { audit: route.config.audit } : {}) });
    }
  });

  // One hook for every request (one async step, not two): locale, no-store and the cross-site check on /api,
  // then — before the body is parsed or validated, so a stranger learns nothing — authentication and
  // authorization. The session is read from the database on every request (no in-process cache), so a
  // logout or a disabled account ends the session in every app process at once.
  app.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
    req.locale = localeOf(req, config.defaultLocale);
    if (req.url.startsWith('/api/')) {
      // Patient data must not stay in browser or proxy caches (trust.md S21).
      void reply.header('cache-control', 'no-store');
      if (UNSAFE.has(req.method) && isCrossSite(req)) throw new AppError('FORBIDDEN', 'errors.crossSite');
    }
    const access = req.routeOptions.config?.access;
    if (!access || access === 'public') return;
    // System clients of the FHIR facade (issue 13): a Bearer token instead of a session cookie, /fhir/ only.
    const bearer = req.url.startsWith('/fhir/') ? bearerTokenOf(req.headers.authorization) : null;
    if (bearer) {
      const resolve = bearerResolver();
      const actor = resolve ? await resolve(db, bearer, clock.now()) : null;
      if (!actor) throw new AppError('UNAUTHENTICATED', 'errors.unauthenticated');
      req.actor = actor;
      if (access !== 'authenticated' && !actor.permissions.has(access)) {
        throw new AppError('FORBIDDEN', 'errors.forbidden', { permission: access });
      }
      return;
    }
    const token = sessionToken(req);
    if (!token) throw new AppError('UNAUTHENTICATED', 'errors.unauthenticated');
    const found = await resolveSession(db, {
      secret: config.sessionSecret,
      token,
      now: clock.now(),
      timeouts: config.session,
      mfaRequiredRoles: config.mfa.requiredRoles,
    });
    if (found.status === 'expired') {
      await recordAudit(
        db,
        metaOf(req),
        { actorId: found.userId, actorRole: null, organizationId: null },
        {
          action: 'auth.session_expired',
          outcome: 'failure',
          resourceType: 'session',
          resourceId: found.sessionId,
        },
      );
      throw new AppError('UNAUTHENTICATED', 'errors.sessionExpired');
    }
    if (found.status === 'none') throw new AppError('UNAUTHENTICATED', 'errors.unauthenticated');
    req.actor = found.actor;
    // MFA (issue 17): a session waiting for its second factor, or of a user who must enrol first, reaches only the
    // routes that say so (the code step, enrolment, `me`, sign-out). Enforced here, for every route, not by the UI.
    const stage = found.actor.stage ?? 'full';
    if (stage !== 'full' && !req.routeOptions.config?.allowStages?.includes(stage)) {
      if (stage === 'mfa_pending') throw new AppError('UNAUTHENTICATED', 'errors.mfaPending', { mfa: 'pending' });
      throw new AppError('FORBIDDEN', 'errors.mfaEnrolmentRequired', { mfa: 'enrolment_required' });
    }
    if (access !== 'authenticated' && !found.actor.permissions.has(access)) {
      // A researcher asking for an identifiable route gets the answer of a route that does not exist (issue 14).
      if (hidesRoute(found.actor.role, access)) {
        if (!req.routeOptions.config?.audit) {
          await recordAudit(db, metaOf(req), found.actor, {
            action: 'access.denied',
            outcome: 'not_found',
            details: { method: req.method, route: req.routeOptions.url ?? null, hidden: true },
          });
        }
        throw new AppError('NOT_FOUND', 'errors.notFound');
      }
      throw new AppError('FORBIDDEN', 'errors.forbidden', { permission: access });
    }
  });
}
