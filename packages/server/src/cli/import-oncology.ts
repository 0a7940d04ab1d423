import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { eq } from 'drizzle-orm';
import { organizations, users } from '../db/schema/index.js';
import type { Db } from '../db/types.js';
import type { Actor } from '../auth/actor.js';
import { isRole, permissionsOf } from '../auth/permissions.js';
import { recordAudit } from '../audit/record.js';
import { registerFeatureContent } from '../features/index.js';
import type { Config } from '../config.js';
import { systemClock } from '../clock.js';
import type { Locale } from '../i18n/messages.js';
import { importOncologyRows, type ImportReport } from '../features/oncology-record/import/import-rows.js';
import { ImportFileError, readImportFile } from '../features/oncology-record/import/read-file.js';
import { openRuntime } from '../runtime.js';

const USAGE = `Usage: gisurg import oncology --file <cases.xlsx|cases.csv> [options]
  --user <username>   who the records are attributed to (default: admin); needs oncology:write
  --dry-run           validate every row, write nothing
  --strict            write nothing if any row is bad (default: import the good rows, report the bad)
  --lang zh-CN|en     language of the row errors (default: zh-CN)
  --errors <out.csv>  also write the row errors to a CSV file
Template and columns: docs/import-oncology.md`;

export interface ImportArgs {
  file: string;
  user: string;
  dryRun: boolean;
  strict: boolean;
  lang: Locale;
  errorsFile: string | null;
}

export function parseImportArgs(argv: readonly string[]): ImportArgs | string {
  const args: ImportArgs = { file: '', user: 'admin', dryRun: false, strict: false, lang: 'zh-CN', errorsFile: null };
  for (let i = 0; i < argv.length; i += 1) {
    const a = argv[i];
    const next = () => argv[(i += 1)] ?? '';
    if (a === '--file') args.file = next();
    else if (a === '--user') args.user = next();
    else if (a === '--dry-run') args.dryRun = true;
    else if (a === '--strict') args.strict = true;
    else if (a === '--lang') args.lang = next() === 'en' ? 'en' : 'zh-CN';
    else if (a === '--errors') args.errorsFile = next();
    else return `unknown option ${a}`;
  }
  return args.file ? args : 'missing --file';
}

/** The signed-in-like actor the use cases need, for a user named on the command line. */
export async function actorFor(db: Db, username: string): Promise<Actor | null> {
  registerFeatureContent();
  const [row] = await db
    .select({ u: users, kind: organizations.kind })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .where(eq(users.username, username.toLowerCase()));
  if (!row || row.u.disabledAt || !isRole(row.u.role)) return null;
  return {
    userId: row.u.id,
    username: row.u.username,
    displayName: row.u.displayName,
    role: row.u.role,
    organizationId: row.u.organizationId,
    organizationKind: row.kind,
    permissions: permissionsOf(row.u.role),
    sessionId: null,
  };
}

/** A progress bar on stderr (a line per 10% when stderr is not a terminal). */
export function progressBar(stream: NodeJS.WriteStream = process.stderr): (done: number, total: number, failed: number) => void {
  let lastDecile = -1;
  return (done, total, failed) => {
    const ratio = total === 0 ? 1 : done / total;
    const label = `${done}/${total} rows${failed ? `, ${failed} with errors` : ''}`;
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(ratio * width);
      stream.write(
        `\r[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${Math.round(ratio * 100)}% ${label}${done === total ? '\n' : ''}`,
      );
    } else {
      const decile = Math.floor(ratio * 10);
      if (decile !== lastDecile || done === total) {
        lastDecile = decile;
        stream.write(`import: ${Math.round(ratio * 100)}% ${label}\n`);
      }
    }
  };
}

function csvCell(s: string | number): string {
  const t = String(s);
  return /[",\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
}

export function formatReport(report: ImportReport, file: string, lang: Locale): string {
  const zh = lang === 'zh-CN';
  const lines = [
    zh
      ? `${path.basename(file)}：共 ${report.total} 行，${report.dryRun ? '校验通过' : '导入'} ${report.imported} 行，失败 ${report.failed} 行${report.strict && report.failed > 0 ? '（严格模式：未写入任何行）' : ''}`
      : `${path.basename(file)}: ${report.total} rows, ${report.imported} ${report.dryRun ? 'valid' : 'imported'}, ${report.failed} failed${report.strict && report.failed > 0 ? ' (strict: nothing written)' : ''}`,
    ...report.errors.map((e) => (zh ? `  第 ${e.line} 行 [${e.column}]：${e.message}` : `  line ${e.line} [${e.column}]: ${e.message}`)),
  ];
  return `${lines.join('\n')}\n`;
}

/** `gisurg import oncology --file …`: exit 0 when every row imported (or validated), 1 when some failed, 2 on usage errors. */
export async function importOncologyCli(config: Config, argv: readonly string[]): Promise<number> {
  const args = parseImportArgs(argv);
  if (typeof args === 'string') {
    process.stderr.write(`gisurg import oncology: ${args}\n${USAGE}\n`);
    return 2;
  }
  let rows;
  try {
    rows = await readImportFile(args.file);
  } catch (e) {
    if (e instanceof ImportFileError || (e as NodeJS.ErrnoException).code === 'ENOENT') {
      process.stderr.write(`gisurg import oncology: ${args.file}: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
  const runtime = await openRuntime(config);
  try {
    const { db } = runtime.database;
    const actor = await actorFor(db, args.user);
    if (!actor || !actor.permissions.has('oncology:write') || actor.organizationKind !== 'home') {
      process.stderr.write(`gisurg import oncology: user "${args.user}" does not exist or may not write oncology records\n`);
      return 2;
    }
    const meta = { requestId: `import-${randomUUID()}`, clientIp: null, userAgent: 'gisurg-cli import oncology' };
    const report = await importOncologyRows({ db, actor, meta, locale: args.lang, clock: systemClock, timeZone: config.timeZone }, rows, {
      dryRun: args.dryRun,
      strict: args.strict,
      onProgress: progressBar(),
    });
    await recordAudit(db, meta, actor, {
      action: 'oncology.import',
      outcome: report.failed > 0 ? 'failure' : 'success',
      resourceType: 'import',
      resourceId: path.basename(args.file),
      details: { total: report.total, imported: report.imported, failed: report.failed, dryRun: report.dryRun, strict: report.strict },
    });
    process.stdout.write(formatReport(report, args.file, args.lang));
    if (args.errorsFile) {
      const csv = ['line,column,message', ...report.errors.map((e) => [e.line, e.column, e.message].map(csvCell).join(','))].join('\n');
      await writeFile(args.errorsFile, `\uFEFF${csv}\n`, 'utf8');
    }
    return report.failed > 0 ? 1 : 0;
  } finally {
    await runtime.close();
  }
}
