import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
import { confirmEnrolment, regenerateRecoveryCodes, startEnrolment, verifyMfa } from './mfa.js';
import { listMySessions, revokeMySession, revokeMySessions } from './my-sessions.js';
import { UuidParamSchema } from '@gisurg/contracts';
import {
  ChangePasswordBodySchema,
  LoginBodySchema,
  MeSchema,
  MfaCodeBodySchema,
  MfaEnrolmentSchema,
  RecoveryCodesSchema,
  RevokedSessionsSchema,
  RevokeSessionsBodySchema,
  SessionListSchema,
} from '@gisurg/contracts/auth';

export function authRoutes(app: FastifyInstance, deps: { config: Config; throttle: LoginThrottle }): void {
  const { config } = deps;
  const meOpts = (timeZone: string) => ({ idleMs: config.session.idleMs, timeZone, mfaRequiredRoles: config.mfa.requiredRoles });
  const clearSessionCookies = (reply: FastifyReply) => {
    void reply.clearCookie(SESSION_COOKIE, { path: '/' });
    void reply.clearCookie(SECURE_SESSION_COOKIE, { path: '/', secure: true });
  };
  const setSessionCookie = (req: FastifyRequest, reply: FastifyReply, token: string) => {
    // Session cookie (no Max-Age): HttpOnly, SameSite=Lax, Secure over HTTPS (then with the __Host- prefix).
    void reply.setCookie(sessionCookieName(req, config), token, {
      httpOnly: true,
      sameSite: 'lax',
      secure: isSecureRequest(req, config),
      path: '/',
    });
  };

  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/login',
    access: 'public',
    schema: {
      body: LoginBodySchema,
      response: { 200: MeSchema },
      summary: 'Sign in; sets the session cookie (stage mfa_pending: the second factor follows, POST /api/auth/mfa/verify)',
      tags: ['auth'],
    },
    handler: async (req, reply, ctx) => {
      const { token, userId, sessionId } = await login(ctx, deps, req.body);
      setSessionCookie(req, reply, token);
      return getMe(ctx.db, userId, sessionId, meOpts(config.timeZone));
    },
  });

  defineRoute(app, {
    method: 'GET',
    url: '/api/auth/me',
    access: 'authenticated',
    allowStages: ['mfa_pending', 'mfa_enrolment'],
    schema: { response: { 200: MeSchema }, summary: 'The signed-in user, role, organization, permissions and MFA stage', tags: ['auth'] },
    handler: async (_req, _reply, ctx) => getMe(ctx.db, ctx.actor.userId, ctx.actor.sessionId!, meOpts(ctx.timeZone)),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/logout',
    access: 'authenticated',
    allowStages: ['mfa_pending', 'mfa_enrolment'],
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
      clearSessionCookies(reply);
      return { ok: true as const };
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/password',
    access: 'authenticated',
    allowStages: ['mfa_enrolment'],
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

  // MFA (issue 17, auth/mfa.ts).
  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/mfa/verify',
    access: 'authenticated',
    allowStages: ['mfa_pending'],
    schema: {
      body: MfaCodeBodySchema,
      response: { 200: MeSchema },
      summary: 'Second sign-in step: a TOTP or recovery code turns the pending session into a full one (new cookie)',
      tags: ['auth'],
    },
    handler: async (req, reply, ctx) => {
      const session = await verifyMfa(ctx, deps, req.body.code);
      setSessionCookie(req, reply, session.token);
      return getMe(ctx.db, ctx.actor.userId, session.sessionId, meOpts(ctx.timeZone));
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/mfa/enroll',
    access: 'authenticated',
    allowStages: ['mfa_enrolment'],
    schema: {
      response: { 200: MfaEnrolmentSchema },
      summary: 'Start MFA enrolment: a new TOTP secret (text and otpauth:// URI), confirmed by a code',
      tags: ['auth'],
    },
    handler: async (_req, _reply, ctx) => startEnrolment(ctx, config),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/mfa/enroll/confirm',
    access: 'authenticated',
    allowStages: ['mfa_enrolment'],
    schema: {
      body: MfaCodeBodySchema,
      response: { 200: RecoveryCodesSchema },
      summary: 'Confirm MFA enrolment with a code; returns ten single-use recovery codes (shown once)',
      tags: ['auth'],
    },
    handler: async (req, _reply, ctx) => confirmEnrolment(ctx, config, req.body.code),
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/mfa/recovery-codes',
    access: 'authenticated',
    schema: {
      body: MfaCodeBodySchema,
      response: { 200: RecoveryCodesSchema },
      summary: 'New recovery codes (the old ones stop working), with a current TOTP code',
      tags: ['auth'],
    },
    handler: async (req, _reply, ctx) => regenerateRecoveryCodes(ctx, deps, req.body.code),
  });

  // The signed-in user's sessions (issue 17, auth/my-sessions.ts).
  defineRoute(app, {
    method: 'GET',
    url: '/api/auth/sessions',
    access: 'authenticated',
    schema: {
      response: { 200: SessionListSchema },
      summary: 'My live sessions (created, last seen, address, browser, current)',
      tags: ['auth'],
    },
    handler: async (_req, _reply, ctx) => listMySessions(ctx, config),
  });

  defineRoute(app, {
    method: 'DELETE',
    url: '/api/auth/sessions/:id',
    access: 'authenticated',
    audit: { resourceType: 'session', idParam: 'id' },
    schema: { params: UuidParamSchema, response: { 200: RevokedSessionsSchema }, summary: 'End one of my sessions', tags: ['auth'] },
    handler: async (req, reply, ctx) => {
      const r = await revokeMySession(ctx, req.params.id);
      if (req.params.id === ctx.actor.sessionId) clearSessionCookies(reply);
      return r;
    },
  });

  defineRoute(app, {
    method: 'POST',
    url: '/api/auth/sessions/revoke-all',
    access: 'authenticated',
    schema: {
      body: RevokeSessionsBodySchema,
      response: { 200: RevokedSessionsSchema },
      summary: 'Sign out everywhere: every other session, or every one including this one',
      tags: ['auth'],
    },
    handler: async (req, reply, ctx) => {
      const r = await revokeMySessions(ctx, req.body.includeCurrent);
      if (req.body.includeCurrent) clearSessionCookies(reply);
      return r;
    },
  });
}
