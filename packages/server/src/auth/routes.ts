import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../audit/record.js';
import type { Config } from '../config.js';
import { isSecureRequest, SECURE_SESSION_COOKIE, SESSION_COOKIE, sessionCookieName } from '../http/auth-plugin.js';
import { defineRoute } from '../http/route.js';
import { changePassword } from './change-password.js';
import { getMe } from './get-me.js';
import { login } from './login.js';
import type { LoginThrottle } from './login-throttle.js';
import { revokeSession } from './sessions.js';
import { ChangePasswordBodySchema, LoginBodySchema, MeSchema } from '@gisurg/contracts/auth';

export function authRoutes(app: FastifyInstance, deps: { config: Config; throttle: LoginThrottle }): void {
  const { config } = deps;

  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/login',
    access: 'public',
    schema: { body: LoginBodySchema, response: { 200: MeSchema }, summary: 'Sign in; sets the session cookie', tags: ['auth'] },
    handler: async (req, reply, ctx) => {
      const { token, userId, sessionId } = await login(ctx, deps, req.body);
      const secure = isSecureRequest(req, config);
      // Session cookie (no Max-Age): HttpOnly, SameSite=Lax, Secure over HTTPS (then with the __Host- prefix).
      void reply.setCookie(sessionCookieName(req, config), token, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
      return getMe(ctx.db, userId, sessionId, config.session.idleMs, config.timeZone);
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/auth/me',
    access: 'authenticated',
    schema: { response: { 200: MeSchema }, summary: 'The signed-in user, role, organization and permissions', tags: ['auth'] },
    handler: async (_req, _reply, ctx) => getMe(ctx.db, ctx.actor.userId, ctx.actor.sessionId!, config.session.idleMs, ctx.timeZone),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/logout',
    access: 'authenticated',
    schema: { response: { 200: z.object({ ok: z.literal(true) }) }, summary: 'End the session server-side', tags: ['auth'] },
    handler: async (_req, reply, ctx) => {
      const now = ctx.clock.now();
      await ctx.db.transaction(async (tx) => {
        await revokeSession(tx, ctx.actor.sessionId!, 'logout', now);
        await recordAudit(tx, ctx.meta, ctx.actor, {
          action: 'auth.logout',
          outcome: 'success',
          resourceType: 'session',
          resourceId: ctx.actor.sessionId,
        });
      });
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      void reply.clearCookie(SECURE_SESSION_COOKIE, { path: '/', secure: true });
      return { ok: true as const };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/password',
    access: 'authenticated',
    schema: {
      body: ChangePasswordBodySchema,
      response: { 200: z.object({ ok: z.literal(true) }) },
      summary: 'Change your own password',
      tags: ['auth'],
    },
    handler: async (req, _reply, ctx) => {
      await changePassword(ctx, req.body);
      return { ok: true as const };
    },
  });
}
