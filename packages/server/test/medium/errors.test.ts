import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { defineRoute } from '../../src/http/route.js';
import { buildApp } from '../../src/app.js';
import { createTestWorld, type TestWorld } from './support/test-app.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld();
});
afterAll(async () => w.close());

describe('error handling', () => {
  it('answers an unknown /api route with 404 JSON', async () => {
    const res = await w.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'NOT_FOUND', message: '接口不存在' } });
  });

  it('answers malformed JSON with 400', async () => {
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{"username": "a",',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toBe('VALIDATION');
  });

  it('refuses non-JSON bodies', async () => {
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'text/plain' },
      payload: 'username=a',
    });
    expect(res.statusCode).toBe(400);
  });

  it('answers oversized bodies with 413', async () => {
    const res = await w.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'a', password: 'x'.repeat(2 * 1024 * 1024) },
    });
    expect(res.statusCode).toBe(413);
  });

  it('speaks English when asked', async () => {
    const res = await w.app.inject({ method: 'GET', url: '/api/auth/me', headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(res.json<{ error: { message: string } }>().error.message).toBe('Please sign in');
  });

  it('answers an unexpected error with 500, a request id and no stack, then keeps serving', async () => {
    const { app } = await buildApp({ config: w.config, database: w.database, clock: w.clock, logger: false });
    defineRoute(app, {
      method: 'GET',
      url: '/api/test-only/boom',
      access: 'public',
      schema: {},
      handler: async () => {
        await w.db.execute(sql`select 1`);
        throw new Error('secret internal detail at /home/x/app.ts:12');
      },
    });
    defineRoute(app, {
      method: 'GET',
      url: '/api/test-only/ok',
      access: 'public',
      schema: { response: { 200: z.object({ ok: z.boolean() }) } },
      handler: async () => ({ ok: true }),
    });
    const res = await app.inject({ method: 'GET', url: '/api/test-only/boom' });
    expect(res.statusCode).toBe(500);
    const body = res.json<{ error: { code: string; requestId: string; message: string } }>();
    expect(body.error.code).toBe('INTERNAL');
    expect(body.error.requestId).toBe(res.headers['x-request-id']);
    expect(res.body).not.toMatch(/secret|\.ts:|\/home\/|at /);
    expect((await app.inject({ method: 'GET', url: '/api/test-only/ok' })).statusCode).toBe(200);
    await app.close();
  });

  it('refuses to register an /api route that declares no permission', async () => {
    const { app } = await buildApp({ config: w.config, database: w.database, clock: w.clock, logger: false });
    expect(() => app.get('/api/test-only/undeclared', async () => ({}))).toThrow(/declares no access/);
    await app.close();
  });

  it('sets no-store and security headers on API responses', async () => {
    const res = await w.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('serves the OpenAPI document generated from the route schemas', async () => {
    const res = await w.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ paths: Record<string, unknown> }>();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/patients', '/api/patients/{id}', '/api/auth/login', '/api/audit']),
    );
  });
});
