import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from './support/test-app.js';
import { testEngine } from './support/test-db.js';

let w: TestWorld;
beforeAll(async () => {
  w = await createTestWorld();
});
afterAll(async () => w.close());

describe('GET /api/health', () => {
  it('reports ok and the database engine in use', async () => {
    const res = await w.app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ status: string; database: { engine: string; version: string } }>();
    expect(body.status).toBe('ok');
    expect(body.database.engine).toBe(testEngine());
    expect(body.database.version).toMatch(/^\d+\.\d+/);
  });
});
