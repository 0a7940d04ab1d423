import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { migrationsFolder } from './migrations-folder.js';

/**
 * The empty embedded database, made once per build (issue 18, start-up; ADR 0019). `initdb` in WebAssembly takes
 * 3–5 s of a first start and leaves PGlite's heap at ~900 MB (so the first start also closed and reopened the
 * database); the migrations another ~1 s. The build (scripts/build-server.mjs → `gisurg pglite-template`) therefore
 * runs both once into a folder beside PGlite in node_modules (`node_modules/.cache/gisurg/pglite-<key>/`), and a first
 * start on an empty DATA_DIR copies that folder instead — as a Debian package runs initdb at install time.
 *
 * The key is a hash of PGlite's version and every migration file: a template of another PGlite or of other
 * migrations is never used (the start runs initdb as before). Migrations still run after the copy (nothing to do).
 */

const require = createRequire(import.meta.url);

/** PGlite's installed package folder (…/node_modules/@electric-sql/pglite). */
function pgliteFolder(): string {
  let dir = path.dirname(require.resolve('@electric-sql/pglite'));
  while (!existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
}

/** Hash of PGlite's version and the migrations (file names and contents). */
export function templateKey(): string {
  const h = createHash('sha256');
  h.update(`pglite ${(JSON.parse(readFileSync(path.join(pgliteFolder(), 'package.json'), 'utf8')) as { version: string }).version}\n`);
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]))
      .sort();
  for (const f of files(migrationsFolder)) {
    h.update(`${path.relative(migrationsFolder, f)}\n`);
    h.update(readFileSync(f));
  }
  return h.digest('hex').slice(0, 16);
}

/** Where the template for the current PGlite and migrations lives (GISURG_PGLITE_TEMPLATE_CACHE overrides the cache folder: tests). */
export function templateFolder(key = templateKey()): string {
  const cache = process.env.GISURG_PGLITE_TEMPLATE_CACHE ?? path.join(path.dirname(path.dirname(pgliteFolder())), '.cache', 'gisurg');
  return path.join(cache, `pglite-${key}`);
}

const READY = 'template.json';

/**
 * Before PGlite opens `pgliteDir`: null when it holds a database already; otherwise the template is copied there when
 * one for this PGlite and these migrations exists ('template'), or PGlite will run initdb ('initdb').
 */
export function prepareNewPgliteDir(pgliteDir: string): 'template' | 'initdb' | null {
  const plan = newPgliteDirPlan(pgliteDir);
  if (plan.created !== 'template') return plan.created;
  try {
    cpSync(plan.copyFrom, pgliteDir, { recursive: true });
    return 'template';
  } catch {
    // A half copy (a full disk, say) must not pass for a database: PGlite runs initdb in the emptied folder.
    rmSync(pgliteDir, { recursive: true, force: true });
    return 'initdb';
  }
}

/**
 * What a start of `pgliteDir` will find, without copying: a database already (null), or a new one copied from the
 * template's data folder `copyFrom`, or one initdb makes. When main.ts opens the database early (db/early-pglite.ts)
 * the database thread copies it (pglite-worker.mjs) while this one loads the server's modules.
 */
export function newPgliteDirPlan(pgliteDir: string): { created: null | 'initdb' } | { created: 'template'; copyFrom: string } {
  if (existsSync(path.join(pgliteDir, 'PG_VERSION'))) return { created: null };
  if (process.env.GISURG_PGLITE_TEMPLATE === '0') return { created: 'initdb' };
  let from: string;
  try {
    from = templateFolder();
  } catch {
    return { created: 'initdb' };
  }
  if (!existsSync(path.join(from, READY))) return { created: 'initdb' };
  if (existsSync(pgliteDir) && readdirSync(pgliteDir).length > 0) return { created: 'initdb' };
  return { created: 'template', copyFrom: path.join(from, 'data') };
}

/**
 * Make the template for the current PGlite and migrations unless it exists: initdb and the migrations in a folder of
 * its own, a clean close, then renamed into place (two builds at once never leave a half-made template). Returns the
 * folder and whether it was made now.
 */
export async function makePgliteTemplate(): Promise<{ folder: string; made: boolean }> {
  const folder = templateFolder();
  if (existsSync(path.join(folder, READY))) return { folder, made: false };
  const tmp = `${folder}.tmp-${process.pid}-${Date.now()}`;
  mkdirSync(tmp, { recursive: true });
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const { migrate } = await import('drizzle-orm/pglite/migrator');
    const pg = new PGlite(path.join(tmp, 'data'));
    await pg.waitReady;
    await migrate(drizzle(pg), { migrationsFolder });
    await pg.close();
    writeFileSync(
      path.join(tmp, READY),
      JSON.stringify({ key: path.basename(folder).slice('pglite-'.length), at: new Date().toISOString() }),
    );
    try {
      renameSync(tmp, folder);
    } catch {
      // Another build put the same template in place meanwhile.
      rmSync(tmp, { recursive: true, force: true });
    }
    return { folder, made: true };
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
}
