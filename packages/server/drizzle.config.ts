import { defineConfig } from 'drizzle-kit';

// Migrations are generated from src/db/schema and committed; they apply at start on PGlite and PostgreSQL.
export default defineConfig({
  dialect: 'postgresql',
  schema: './packages/server/src/db/schema/index.ts',
  out: './packages/server/src/db/migrations',
});
