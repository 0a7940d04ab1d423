import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance, type FastifySchemaCompiler, type FastifyServerOptions } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { AnchorFile } from './audit/anchor.js';
import { auditRoutes } from './audit/routes.js';
import { AuditSealer } from './audit/sealer.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { authRoutes } from './auth/routes.js';
import { systemClock, type Clock } from './clock.js';
import type { Config } from './config.js';
import type { Database } from './db/connection.js';
import { healthRoutes } from './features/health/routes.js';
import { registerFeatures } from './features/index.js';
import { AppError } from './core/app-error.js';
import { registerAuth } from './http/auth-plugin.js';
import { RequestValidationError, registerErrorHandler } from './http/error-handler.js';
import { hostileInputIssue } from './http/hostile-input.js';
import { registerSecurityHeaders } from './http/security-headers.js';
import { safeError } from './http/safe-error.js';

export interface AppDeps {
  config: Config;
  database: Database;
  clock?: Clock;
  logger?: FastifyServerOptions['logger'];
  /** Write the app's (serialised, redacted) log here instead of stdout (tests read it back). */
  logStream?: LogStream;
}

export interface App {
  app: FastifyInstance;
  /** The background audit sealer, not started: `serve` starts it (most tests seal explicitly). */
  sealer: AuditSealer;
  anchors: AnchorFile;
  /** Marks the app as shutting down (health → 503) and flushes the audit sealer. */
  shutdown: () => Promise<void>;
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const defaultWebDist = path.resolve(here, '../../web/dist');

/** Where log lines go (pino's destination stream). */
export interface LogStream {
  write(line: string): void;
}

/** Logs carry ids, never names or search terms: the URL is logged without its query string (STYLE.md 11). */
function loggerOptions(level: string, stream?: LogStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    serializers: {
      err: safeError,
      req: (req: { method: string; url: string; id: string }) => ({ method: req.method, url: req.url.split('?')[0], id: req.id }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

/** Composition root: config → db → plugins → feature routes → one error handler. */
export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, database } = deps;
  const clock = deps.clock ?? systemClock;
  const { db } = database;
  // Hostile text, numbers and nesting are refused centrally before any schema (issue 17): always a 400.
  const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
    ({ schema }) =>
    (data) => {
      const hostile = hostileInputIssue(data);
      if (hostile) return { error: new RequestValidationError([hostile]) };
      const r = schema.safeParse(data);
      return r.success ? { value: r.data } : { error: new RequestValidationError(r.error.issues) };
    };
  const app = Fastify({
    // Zod validates and serializes every route: given here, Fastify never loads its default compilers (Ajv and
    // fast-json-stringify, ~0.25 s of every start; issue 18, start-up).
    // (Fastify's types describe these factories for Ajv schemas only.)
    schemaController: {
      compilersFactory: { buildValidator: () => validatorCompiler, buildSerializer: () => serializerCompiler },
    } as unknown as FastifyServerOptions['schemaController'],
    logger: deps.logger ?? loggerOptions(config.logLevel, deps.logStream),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
  });
  // A callback hook, not an async one: no promise per response.
  app.addHook('onSend', (req, reply, payload, done) => {
    void reply.header('x-request-id', req.id);
    done(null, payload);
  });

  // JSON only: a cross-site HTML form cannot send application/json without a CORS preflight.
  app.removeContentTypeParser('text/plain');

  await app.register(fastifyCookie);
  registerSecurityHeaders(app, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' },
    strictTransportSecurity: config.cookieSecure === 'always',
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'GISurg API', version: '0.1.0', description: 'GISurg JSON API. Errors are `{ error: { code, message, details? } }`.' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'gisurg_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', staticCSP: false });

  registerAuth(app, { db, config, clock });
  registerErrorHandler(app, db);

  const anchors = AnchorFile.inDataDir(config.dataDir, config.audit.anchorCopy);
  const sealer = new AuditSealer(
    db,
    anchors,
    config.auditSealIntervalMs,
    (e) => app.log.error({ err: e }, 'audit sealer failed'),
    config.audit.anchorEveryMs,
    config.audit.anchorEveryEntries,
  );
  let shuttingDown = false;

  healthRoutes(app, { database, isShuttingDown: () => shuttingDown });
  authRoutes(app, { config, throttle: new LoginThrottle(config.login.ipMaxFailures, config.login.ipWindowMs) });
  auditRoutes(app, { anchors, sealer });
  registerFeatures(app, config);
  if (!existsSync(config.pdfFont.path))
    app.log.warn(
      { path: config.pdfFont.path },
      'PDF font missing: MDT letters will fail until GISURG_PDF_FONT names a CJK font (Debian fonts-noto-cjk)',
    );

  const webDist = config.webDist ?? defaultWebDist;
  const hasWeb = existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) {
    // wildcard: files are looked up per request, so a rebuilt web app is served without a restart.
    // Hashed assets are immutable; index.html must be revalidated so a new build is picked up at once.
    await app.register(fastifyStatic, {
      root: webDist,
      prefix: '/',
      wildcard: true,
      index: 'index.html',
      // The web build writes .br and .gz copies (packages/web/compress-plugin.ts): sent by Accept-Encoding.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (res, filePath) => {
        void res.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
        );
      },
    });
  }
  app.setNotFoundHandler(async (req, reply) => {
    const pathname = req.url.split('?')[0] ?? '';
    // API routes, missing files (anything with an extension, e.g. an old asset) and non-GETs are real 404s.
    if (pathname.startsWith('/api/') || pathname === '/api' || !hasWeb || req.method !== 'GET' || /\.[a-z0-9]+$/i.test(pathname)) {
      throw new AppError('NOT_FOUND', 'errors.routeNotFound');
    }
    // Single-page app: every other GET serves index.html; the client router takes over.
    void reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  });

  return {
    app,
    sealer,
    anchors,
    shutdown: async () => {
      shuttingDown = true;
      await sealer.stop();
    },
  };
}
