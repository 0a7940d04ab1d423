import { sql } from 'drizzle-orm';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { AnchorFile } from '../audit/anchor.js';
import { sealPending } from '../audit/sealer.js';
import { verifyAuditChain } from '../audit/verify.js';
import type { Config } from '../config.js';
import { openDatabase } from '../db/connection.js';
import { migrationsFolder } from '../db/migrate.js';
import { queryRows } from '../db/sql.js';
import type { Db } from '../db/types.js';
import { openRuntime } from '../runtime.js';

/** Rows per INSERT (tables holding file bytes use small batches: one attachment may be 10 MiB). */
const BATCH_ROWS = 2000;
const BATCH_ROWS_BYTES = 10;

function line(s = ''): void {
  process.stdout.write(`${s}\n`);
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The URL with its password hidden, for printing. */
export function maskedUrl(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '****';
  return u.toString();
}

interface TableInfo {
  name: string;
  columns: string[];
  hasBytes: boolean;
}

/** Public tables in an order where every table comes after the tables its foreign keys point to. */
export async function tablesInDependencyOrder(db: Db): Promise<TableInfo[]> {
  const tables = (
    await queryRows<{ name: string }>(
      db,
      sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
    )
  ).map((t) => t.name);
  const fks = await queryRows<{ child: string; parent: string }>(
    db,
    sql`select c.relname as child, p.relname as parent from pg_constraint k
        join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
        join pg_namespace n on n.oid = c.relnamespace
        where k.contype = 'f' and n.nspname = 'public'`,
  );
  const cols = await queryRows<{ table_name: string; column_name: string; data_type: string }>(
    db,
    sql`select table_name, column_name, data_type from information_schema.columns
        where table_schema = 'public' and is_generated = 'NEVER' order by table_name, ordinal_position`,
  );
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]));
  for (const fk of fks) if (fk.child !== fk.parent) parents.get(fk.child)?.add(fk.parent);
  const ordered: string[] = [];
  const done = new Set<string>();
  while (ordered.length < tables.length) {
    const ready = tables.filter((t) => !done.has(t) && [...parents.get(t)!].every((p) => done.has(p)));
    if (ready.length === 0) throw new Error(`foreign keys form a cycle among: ${tables.filter((t) => !done.has(t)).join(', ')}`);
    for (const t of ready) {
      ordered.push(t);
      done.add(t);
    }
  }
  return ordered.map((name) => {
    const own = cols.filter((c) => c.table_name === name);
    return { name, columns: own.map((c) => c.column_name), hasBytes: own.some((c) => c.data_type === 'bytea') };
  });
}

async function countRows(db: Db, table: string): Promise<number> {
  const [r] = await queryRows<{ n: string | number }>(db, sql.raw(`select count(*) as n from ${ident(table)}`));
  return Number(r?.n ?? 0);
}

export interface MoveResult {
  tables: { name: string; rows: number }[];
  auditEntries: number;
  seconds: number;
}

/**
 * Copy the embedded database into an EMPTY PostgreSQL database, in one transaction on the target: schema by
 * the app's migrations, then every table in foreign-key order (rows as JSON batches through
 * json_populate_recordset, identity values kept), sequences moved past the copied ids, then — before the
 * commit — row counts compared table by table and the audit chain verified against DATA_DIR's anchors.
 * Anything wrong rolls the whole copy back, leaving the target empty.
 */
export async function moveToPostgres(source: Db, targetUrl: string, anchors: AnchorFile, log: (s: string) => void): Promise<MoveResult> {
  const started = Date.now();
  const target = await openDatabase({ databaseUrl: targetUrl, poolMax: 1 });
  try {
    const [existing] = await queryRows<{ n: string | number }>(
      target.db,
      sql`select count(*) as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where c.relkind in ('r', 'p', 'v', 'm', 'S') and n.nspname not in ('pg_catalog', 'information_schema', 'pg_toast')`,
    );
    if (Number(existing?.n ?? 0) > 0) {
      throw new MoveRefused(
        `the target database is not empty (${existing!.n} tables, views or sequences). Give an empty database: createdb <name>, or drop and recreate it.`,
      );
    }
    // Every committed audit row gets its place in the chain before the copy, so the copy verifies in full.
    await sealPending(source);
    const tables = await tablesInDependencyOrder(source);
    const result: MoveResult['tables'] = [];
    let auditEntries = 0;
    await target.db.transaction(async (tx) => {
      await migratePg(tx as unknown as NodePgDatabase, { migrationsFolder });
      const targetTables = new Set((await tablesInDependencyOrder(tx)).map((t) => t.name));
      const missing = tables.filter((t) => !targetTables.has(t.name)).map((t) => t.name);
      if (missing.length) throw new Error(`tables missing on the target after migrating: ${missing.join(', ')}`);
      // Rows the migrations themselves write (e.g. ward_census_state's one row, migration 0024) are the source's to
      // give: the target's tables are emptied first, children before parents.
      for (const t of [...tables].reverse()) await tx.execute(sql.raw(`delete from ${ident(t.name)}`));
      // The source is read in one transaction, so the copy is one consistent snapshot.
      await source.transaction(async (src) => {
        for (const t of tables) {
          const cols = t.columns.map(ident).join(', ');
          await src.execute(sql.raw(`declare move_cursor no scroll cursor for select row_to_json(x)::text as j from ${ident(t.name)} x`));
          let copied = 0;
          for (;;) {
            const rows = await queryRows<{ j: string }>(
              src,
              sql.raw(`fetch ${t.hasBytes ? BATCH_ROWS_BYTES : BATCH_ROWS} from move_cursor`),
            );
            if (rows.length === 0) break;
            const json = `[${rows.map((r) => r.j).join(',')}]`;
            await tx.execute(
              sql`insert into ${sql.raw(ident(t.name))} (${sql.raw(cols)}) overriding system value
                  select ${sql.raw(cols)} from json_populate_recordset(null::${sql.raw(ident(t.name))}, ${json}::json)`,
            );
            copied += rows.length;
          }
          await src.execute(sql.raw('close move_cursor'));
          result.push({ name: t.name, rows: copied });
          log(`  ${t.name.padEnd(34)} ${String(copied).padStart(9)} rows`);
        }
      });
      // Identity and serial columns continue after the copied ids.
      const seqs = await queryRows<{ table_name: string; column_name: string }>(
        tx,
        sql`select table_name, column_name from information_schema.columns
            where table_schema = 'public' and (is_identity = 'YES' or column_default like 'nextval(%')`,
      );
      for (const s of seqs) {
        await tx.execute(
          sql.raw(
            `select setval(pg_get_serial_sequence('${ident(s.table_name)}', '${s.column_name}'), coalesce(max(${ident(s.column_name)}), 0) + 1, false) from ${ident(s.table_name)}`,
          ),
        );
      }
      // Verify the copy before committing it: counts per table, then the audit chain.
      for (const t of result) {
        const [src, dst] = [await countRows(source, t.name), await countRows(tx, t.name)];
        if (src !== dst || dst !== t.rows)
          throw new Error(`row count differs for ${t.name}: embedded ${src}, copied ${t.rows}, PostgreSQL ${dst}`);
      }
      const verified = await verifyAuditChain(tx, anchors.readAll());
      if (!verified.ok) throw new Error(`the audit chain does not verify on the copy: ${verified.problem?.message ?? 'unknown'}`);
      if (verified.unsealedRows > 0) throw new Error(`${verified.unsealedRows} audit rows are unsealed on the copy`);
      auditEntries = verified.sealedRows;
    });
    return { tables: result, auditEntries, seconds: (Date.now() - started) / 1000 };
  } finally {
    await target.close();
  }
}

export class MoveRefused extends Error {}

/** `gisurg move-to-postgres --to <url>`: the embedded database in DATA_DIR → an empty PostgreSQL database. */
export async function moveToPostgresCli(config: Config, args: readonly string[]): Promise<number> {
  const i = args.indexOf('--to');
  const to = i >= 0 ? args[i + 1] : undefined;
  if (!to || !/^postgres(ql)?:\/\//.test(to)) {
    process.stderr.write('Usage: gisurg move-to-postgres --to postgres://user:password@host:5432/database\n');
    return 2;
  }
  if (config.databaseUrl) {
    process.stderr.write('gisurg: move-to-postgres copies the embedded database in DATA_DIR; unset DATABASE_URL to run it.\n');
    return 2;
  }
  // Takes the data-folder lock: the app must be stopped, so nothing changes during the copy.
  const runtime = await openRuntime(config);
  try {
    line(`Copying the embedded database in ${config.dataDir} to ${maskedUrl(to)} …`);
    const anchors = AnchorFile.inDataDir(config.dataDir, config.audit.anchorCopy);
    const r = await moveToPostgres(runtime.database.db, to, anchors, line);
    const rows = r.tables.reduce((n, t) => n + t.rows, 0);
    line();
    line(
      `Copied ${rows} rows in ${r.tables.length} tables in ${r.seconds.toFixed(1)} s; row counts equal; audit chain OK: ${r.auditEntries} entries verified.`,
    );
    line();
    line('Start GISurg on PostgreSQL with (keep this DATA_DIR: it holds the session secret and the audit anchors):');
    line(`  DATABASE_URL=${maskedUrl(to)} DATA_DIR=${config.dataDir} npm start`);
    if (new URL(to).password) line('  (the password is hidden above: use your own)');
    line(`The embedded database under ${config.dataDir}/pglite is left as it was: keep it as a backup; without`);
    line('DATABASE_URL the app would start on it again, with none of the changes made on PostgreSQL.');
    return 0;
  } catch (e) {
    if (e instanceof MoveRefused) {
      process.stderr.write(`gisurg: refused: ${e.message}\n`);
      return 2;
    }
    process.stderr.write(
      `gisurg: move-to-postgres failed, nothing was committed on the target: ${e instanceof Error ? e.message : String(e)}\n`,
    );
    return 1;
  } finally {
    await runtime.close();
  }
}
