// The entry: only what picks the command and reads the configuration is imported here; each command's code is
// loaded when it runs (a chunk of the bundle, ADR 0017). For `serve` on the embedded database the worker thread
// starts opening PGlite first, so the database and the server's modules load side by side (issue 18, start-up).
import { safeError } from './http/safe-error.js';
import { ConfigError, loadConfig } from './config.js';
import { openPgliteEarly } from './db/early-pglite.js';
import { DataDirLockedError } from './db/lock.js';
import { BootstrapError } from './seed/bootstrap-error.js';

const USAGE = `Usage: gisurg <command>
  serve                      start the server (default)
  migrate                    apply database migrations and exit
  audit verify [--first-anchor]  verify the audit hash chain (exit 1 on tampering, 3 when no anchor ties it)
  reset-password <username>  set a new generated password for a user
  import oncology --file <x.xlsx|x.csv> [--dry-run] [--strict] [--user <username>] [--lang en] [--errors out.csv]
                             import historic oncology cases (docs/import-oncology.md)
  move-to-postgres --to <url> copy the embedded database (DATA_DIR) into an empty PostgreSQL database (docs/operations.md)
  pglite-template            make the empty embedded database a first start copies (the build runs it)
  generate [--hospitals 100] [--patients 1000000] [--observations-per-patient 10] [--years 20] [--mdt-percent 20]
                             synthetic scale data on PostgreSQL (docs/performance.md)
Settings come from the environment; see README.md.`;

async function main(argv: string[]): Promise<number> {
  const startedAt = Date.now();
  const [cmd = 'serve', sub] = argv;
  if (cmd === 'help' || cmd === '--help' || cmd === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (cmd === 'pglite-template') {
    // Run by the build (scripts/build-server.mjs): the empty embedded database a first start copies (db/pglite-template.ts).
    const { makePgliteTemplate } = await import('./db/pglite-template.js');
    const t0 = Date.now();
    const { folder, made } = await makePgliteTemplate();
    process.stdout.write(made ? `Empty database template made in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${folder}\n` : '');
    return 0;
  }
  const config = loadConfig();
  switch (cmd) {
    case 'serve': {
      if (config.processes > 1) {
        // PostgreSQL, several processes on one port: this one supervises, its workers serve (cli/cluster.ts).
        const { default: cluster } = await import('node:cluster');
        if (cluster.isPrimary) {
          const { supervise } = await import('./cli/cluster.js');
          supervise(config);
          return -1; // keeps running
        }
      }
      const pglite = openPgliteEarly(config);
      const { serve } = await import('./cli/serve.js');
      await serve(config, { pglite, startedAt });
      return -1; // keeps running
    }
    case 'migrate': {
      const { openRuntime } = await import('./runtime.js');
      const rt = await openRuntime(config);
      await rt.close();
      process.stdout.write('Migrations applied.\n');
      return 0;
    }
    case 'audit':
      if (sub === 'verify') return (await import('./cli/audit-verify.js')).auditVerify(config, argv.slice(2));
      break;
    case 'import':
      if (sub === 'oncology') return (await import('./cli/import-oncology.js')).importOncologyCli(config, argv.slice(2));
      break;
    case 'move-to-postgres':
      return (await import('./cli/move-to-postgres.js')).moveToPostgresCli(config, argv.slice(1));
    case 'generate':
      return (await import('./cli/generate.js')).generateCli(config, argv.slice(1));
    case 'reset-password':
      if (sub) return (await import('./cli/reset-password.js')).resetPassword(config, sub);
      break;
    default:
      break;
  }
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (e: unknown) => {
    if (e instanceof ConfigError || e instanceof DataDirLockedError || e instanceof BootstrapError) {
      process.stderr.write(`gisurg: ${e.message}\n`);
    } else {
      // Through the log's own filter: a database error's message carries the statement's parameters (issue 17).
      const safe = safeError(e);
      const db = ['dbCode', 'constraint', 'table', 'column', 'routine']
        .filter((k) => typeof safe[k] === 'string')
        .map((k) => `${k} ${String(safe[k])}`);
      process.stderr.write(
        `gisurg: failed to start: ${safe.type}: ${safe.message}${db.length ? ` (${db.join(', ')})` : ''}\n${safe.stack}\n`,
      );
    }
    process.exit(1);
  },
);
