import type { FastifyInstance, FastifyReply, FastifyRequest, RouteShorthandOptions } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Permission } from '../auth/permissions.js';
import type { AnonymousContext, UseCaseContext } from '../core/context.js';

/**
 * Every API route declares the permission it needs (STYLE.md habit 5):
 * - a Permission: signed in and the role holds it (else 403);
 * - 'authenticated': any signed-in user;
 * - 'public': no session needed (health, login).
 * `audit` names the resource an object route reaches, so denials and 404s on it are audited too.
 */
export type RouteAccess = Permission | 'authenticated' | 'public';

export interface RouteAudit {
  resourceType: string;
  /** Name of the path parameter holding the resource id. */
  idParam?: string;
}

/** Session stages short of `full` (MFA, issue 17) in which a route still answers; every other route refuses them. */
export type PartialStage = 'mfa_pending' | 'mfa_enrolment';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: RouteAccess;
    audit?: RouteAudit;
    allowStages?: readonly PartialStage[];
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  access: RouteAccess;
  audit?: RouteAudit;
}

type Schemas = {
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  response?: Record<number, z.ZodType>;
  summary?: string;
  tags?: string[];
};

type Infer<T> = T extends z.ZodType ? z.output<T> : undefined;

type Request<S extends Schemas> = FastifyRequest & {
  params: Infer<S['params']>;
  query: Infer<S['querystring']>;
  body: Infer<S['body']>;
};

interface RouteSpecBase<S extends Schemas, R> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  audit?: RouteAudit;
  /** Answer also while the session waits for the second factor or for MFA enrolment (default: only full sessions). */
  allowStages?: readonly PartialStage[];
  schema: S;
  /** Request body size limit in bytes (default: the server's 1 MiB). */
  bodyLimit?: number;
  /**
   * The route creates something: answer 201 instead of 200. Given a function, its result is the new
   * resource's address, sent as `Location`. (Write `created` and `etag` after `handler`: TypeScript infers the
   * result type from the handler in property order.)
   */
  created?: true | ((result: NoInfer<R>) => string);
  /** The result's version for optimistic locking, sent as a weak `ETag: W/"<version>"` (clients send it back as `version`). */
  etag?: (result: NoInfer<R>) => number | string | null | undefined;
}

/** A route for signed-in users: the handler gets the actor's use-case context. */
export interface SignedInRouteSpec<S extends Schemas, R = unknown> extends RouteSpecBase<S, R> {
  access: Exclude<RouteAccess, 'public'>;
  handler: (req: Request<S>, reply: FastifyReply, ctx: UseCaseContext) => Promise<R>;
}

/** A public route (health, login): no session, so the handler gets an anonymous context (no actor). */
export interface PublicRouteSpec<S extends Schemas, R = unknown> extends RouteSpecBase<S, R> {
  access: 'public';
  handler: (req: Request<S>, reply: FastifyReply, ctx: AnonymousContext) => Promise<R>;
}

export type RouteSpec<S extends Schemas, R = unknown> = SignedInRouteSpec<S, R> | PublicRouteSpec<S, R>;

/** Register a route with its declared access. `ctx` is built by the auth plugin (http/auth-plugin.ts). */
export function defineRoute<S extends Schemas, R>(app: FastifyInstance, spec: RouteSpec<S, R>): void {
  const { summary, tags, ...schema } = spec.schema;
  const opts: RouteShorthandOptions = {
    schema: { ...schema, ...(summary ? { summary } : {}), ...(tags ? { tags } : {}) },
    config: {
      access: spec.access,
      ...(spec.audit ? { audit: spec.audit } : {}),
      ...(spec.allowStages ? { allowStages: spec.allowStages } : {}),
    },
    ...(spec.bodyLimit ? { bodyLimit: spec.bodyLimit } : {}),
  };
  app.withTypeProvider<ZodTypeProvider>().route({
    method: spec.method,
    url: spec.url,
    ...opts,
    handler: async (req, reply) => {
      const result =
        spec.access === 'public'
          ? await spec.handler(req as Request<S>, reply, req.anonymousContext())
          : await spec.handler(req as Request<S>, reply, req.useCaseContext());
      if (!reply.sent) {
        if (spec.created) {
          void reply.status(201);
          if (typeof spec.created === 'function') void reply.header('location', spec.created(result));
        }
        const version = spec.etag?.(result);
        if (version !== undefined && version !== null) void reply.header('etag', `W/"${version}"`);
      }
      return result;
    },
  });
}
