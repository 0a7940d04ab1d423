import type { FastifyInstance } from 'fastify';
import { defineRoute } from '../../http/route.js';
import { UuidParamSchema } from '@gisurg/contracts';
import { createUser } from './create-user.js';
import { findUsers, getUser } from './find-users.js';
import {
  CreateUserSchema,
  FindUsersQuerySchema,
  UpdateUserSchema,
  UserPageSchema,
  UserSchema,
  UserSecurityChangeSchema,
} from '@gisurg/contracts/users';
import { updateUser } from './update-user.js';
import { changeUserSecurity } from './change-user-security.js';
import { resetUserMfa, revokeAllUserSessions } from './reset-user-mfa.js';
import { RevokedSessionsSchema } from '@gisurg/contracts/auth';

export function userRoutes(app: FastifyInstance): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/users',
    access: 'user:read',
    schema: {
      querystring: FindUsersQuerySchema,
      response: { 200: UserPageSchema },
      summary: 'Users (staff and external doctors)',
      tags: ['users'],
    },
    handler: async (req, _reply, ctx) => findUsers(ctx, req.query),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/users',
    access: 'user:manage',
    schema: { body: CreateUserSchema, response: { 201: UserSchema }, summary: 'Create a user', tags: ['users'] },
    handler: async (req, _reply, ctx) => createUser(ctx, req.body),
    created: true,
  });
  defineRoute(app, {
    method: 'GET',
    url: '/api/users/:id',
    access: 'user:read',
    audit: { resourceType: 'user', idParam: 'id' },
    schema: { params: UuidParamSchema, response: { 200: UserSchema }, summary: 'One user', tags: ['users'] },
    handler: async (req, _reply, ctx) => getUser(ctx, req.params.id),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/users/:id',
    access: 'user:manage',
    audit: { resourceType: 'user', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      body: UpdateUserSchema,
      response: { 200: UserSchema },
      summary: 'Change role, disable, unlock, reset password',
      tags: ['users'],
    },
    handler: async (req, _reply, ctx) => updateUser(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'PATCH',
    url: '/api/users/:id/security',
    access: 'security:manage',
    audit: { resourceType: 'user', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      body: UserSecurityChangeSchema,
      response: { 200: UserSchema },
      summary: 'Security administrator: role, unlock, disable, sign out everywhere (三员分立)',
      tags: ['users'],
    },
    handler: async (req, _reply, ctx) => changeUserSecurity(ctx, req.params.id, req.body),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/users/:id/mfa/reset',
    access: 'security:manage',
    audit: { resourceType: 'user', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      response: { 200: UserSchema },
      summary: "Security administrator: reset a user's MFA (lost authenticator); ends their sessions",
      tags: ['users'],
    },
    handler: async (req, _reply, ctx) => resetUserMfa(ctx, req.params.id),
  });
  defineRoute(app, {
    method: 'POST',
    url: '/api/users/:id/sessions/revoke',
    access: 'security:manage',
    audit: { resourceType: 'user', idParam: 'id' },
    schema: {
      params: UuidParamSchema,
      response: { 200: RevokedSessionsSchema },
      summary: 'Security administrator: end every session of a user',
      tags: ['users'],
    },
    handler: async (req, _reply, ctx) => revokeAllUserSessions(ctx, req.params.id),
  });
}
