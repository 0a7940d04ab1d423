import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

/**
 * The response headers helmet sets for these options, computed once. @fastify/helmet built a new helmet middleware on
 * every request (parsing the CSP directives each time: ~35 µs of a ~1.5 ms read, issue 18 throughput); the headers do
 * not depend on the request (no CSP nonces), so they are worked out once by running helmet against a stand-in
 * response, and each request gets the same values.
 */
export function helmetHeaders(options: HelmetOptions): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
      return res;
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  const outcome: { failure?: Error } = {};
  helmet(options)({} as IncomingMessage, res as unknown as ServerResponse, (e?: unknown) => {
    if (e) outcome.failure = e instanceof Error ? e : new Error('helmet refused the security header options');
  });
  if (outcome.failure) throw outcome.failure;
  return headers;
}

/** Every response starts with these headers; a route may replace one (an attachment's own CSP, say). */
export function registerSecurityHeaders(app: FastifyInstance, options: HelmetOptions): void {
  const headers = helmetHeaders(options);
  app.addHook('onRequest', (_req, reply, done) => {
    void reply.headers(headers);
    done();
  });
}
