import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/connection.js';
import { defineRoute } from '../../http/route.js';

const HealthSchema = z.object({
  status: z.enum(['ok', 'unavailable']),
  database: z.object({ engine: z.enum(['pglite', 'postgresql']), version: z.string() }),
});

/** Liveness and the database engine in use. 503 while shutting down or when the database does not answer. */
export function healthRoutes(app: FastifyInstance, deps: { database: Database; isShuttingDown: () => boolean }): void {
  defineRoute(app, {
    method: 'GET',
    url: '/api/health',
    access: 'public',
    schema: { response: { 200: HealthSchema, 503: HealthSchema }, summary: 'Health and database engine', tags: ['system'] },
    handler: async (_req, reply) => {
      const database = { engine: deps.database.engine, version: deps.database.version };
      if (deps.isShuttingDown()) {
        void reply.status(503);
        return { status: 'unavailable' as const, database };
      }
      try {
        await deps.database.db.execute(sql`select 1`);
        return { status: 'ok' as const, database };
      } catch {
        void reply.status(503);
        return { status: 'unavailable' as const, database };
      }
    },
  });
}
