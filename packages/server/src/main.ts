import { safeError } from './http/safe-error.js';
import { auditVerify } from './cli/audit-verify.js';
import { importOncologyCli } from './cli/import-oncology.js';
import { moveToPostgresCli } from './cli/move-to-postgres.js';
import { generateCli } from './cli/generate.js';
import { resetPassword } from './cli/reset-password.js';
import { serve } from './cli/serve.js';
import { ConfigError, loadConfig } from './config.js';
import { DataDirLockedError } from './db/lock.js';
import { openRuntime } from './runtime.js';
import { BootstrapError } from './seed/bootstrap.js';

const USAGE = `Usage: gisurg <command>
  serve                      start the server (default)
  migrate                    apply database migrations and exit
  audit verify [--first-anchor]  verify the audit hash chain (exit 1 on tampering, 3 when no anchor ties it)
  reset-password <username>  set a new generated password for a user
  import oncology --file <x.xlsx|x.csv> [--dry-run] [--strict] [--user <username>] [--lang en] [--errors out.csv]
                             import historic oncology cases (docs/import-oncology.md)
  move-to-postgres --to <url> copy the embedded database (DATA_DIR) into an empty PostgreSQL database (docs/operations.md)
  generate [--hospitals 100] [--patients 1000000] [--observations-per-patient 10] [--years 20] [--mdt-percent 20]
                             synthetic scale data on PostgreSQL (docs/performance.md)
Settings come from the environment; see README.md.`;

async function main(argv: string[]): Promise<number> {
  const [cmd = 'serve', sub] = argv;
  if (cmd === 'help' || cmd === '--help' || cmd === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = loadConfig();
  switch (cmd) {
    case 'serve':
      await serve(config);
      return -1; // keeps running
    case 'migrate': {
      const rt = await openRuntime(config);
      await rt.close();
      process.stdout.write('Migrations applied.\n');
      return 0;
    }
    case 'audit':
      if (sub === 'verify') return auditVerify(config, argv.slice(2));
      break;
    case 'import':
      if (sub === 'oncology') return importOncologyCli(config, argv.slice(2));
      break;
    case 'move-to-postgres':
      return moveToPostgresCli(config, argv.slice(1));
    case 'generate':
      return generateCli(config, argv.slice(1));
    case 'reset-password':
      if (sub) return resetPassword(config, sub);
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
