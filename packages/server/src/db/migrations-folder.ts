import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The committed migrations (drizzle-kit), beside this file — src/db/migrations, or dist/migrations in the bundle. */
export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
