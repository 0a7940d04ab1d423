import cluster from 'node:cluster';
import { buildApp } from '../app.js';
import type { Config } from '../config.js';
import { openRuntime } from '../runtime.js';
import type { EarlyPglite } from '../db/early-pglite.js';
import { bootstrap } from '../seed/bootstrap.js';
import { seedDemo } from '../seed/demo/index.js';
import { systemClock } from '../clock.js';
import { PgliteMaintenance } from '../jobs/pglite-maintenance.js';
import { JobQueue } from '../jobs/queue.js';
import { scheduledJobs } from '../jobs/scheduled.js';
import { featureJobs } from '../features/index.js';
import { checkSessionSecret } from '../auth/session-secret-check.js';
import { withStartupLock } from '../db/startup-lock.js';
import { READY_MESSAGE } from './cluster.js';

function line(s = ''): void {
  process.stdout.write(`${s}\n`);
}

/**
 * `gisurg serve`: open the database, migrate, first-start setup, serve until SIGTERM/SIGINT. `early`: the embedded
 * database main.ts started opening before loading this module, and when (the progress lines count from there).
 */
export async function serve(config: Config, early?: { pglite: EarlyPglite | null; startedAt: number }): Promise<void> {
  const started = early?.startedAt ?? Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  // The HTTP app is built while the database opens, migrates and seeds (issue 18, start-up): building it queries
  // nothing, and on the embedded database the main thread would otherwise wait for the worker meanwhile.
  let building: ReturnType<typeof buildApp> | undefined;
  const runtime = await openRuntime(config, early?.pglite, {
    onDatabase: (database) => {
      building = buildApp({ config, database });
      building.catch(() => undefined); // awaited below; a failure is reported there
    },
  });
  const { database } = runtime;
  const made = { template: "new, from the build's empty-database template", initdb: 'new, initdb' } as const;
  line(`Database open and migrated (${runtime.created ? `${made[runtime.created]}, ` : ''}${elapsed()})`);
  const now = systemClock.now();
  // Several processes may start at once on one PostgreSQL: first-start setup and demo seeding run one at a
  // time (the later ones find the work done), and every process must share the session secret.
  // Statistics between the demo seed's steps (PGlite; PostgreSQL's autovacuum does this itself).
  const statistics = new PgliteMaintenance(database, () => undefined);
  const { boot, demo } = await withStartupLock(config.databaseUrl, async () => {
    const boot = await bootstrap(database.db, { adminPassword: config.adminPassword, now });
    const demo = config.demo
      ? await seedDemo(database.bulkDb ?? database.db, {
          homeOrganizationId: boot.homeOrganizationId,
          departmentId: boot.departmentId,
          demoPassword: config.demoPassword,
          patients: config.demoPatients,
          now,
          timeZone: config.timeZone,
          onProgress: line,
          afterStep: () => statistics.analyzeChanged(),
        })
      : { seeded: false, generatedDemoPassword: null };
    if (database.engine === 'postgresql') await checkSessionSecret(database.db, config.sessionSecret, config.sessionSecretRotate, now);
    return { boot, demo };
  });

  const { app, sealer, shutdown } = await building!;
  sealer.start();
  const maintenance = new PgliteMaintenance(database, (e) => app.log.error({ err: e }, 'database maintenance failed'), config.dataDir);
  // Also after a first start's seed: its steps analyzed only the tables past autovacuum's threshold, and a small
  // table never analyzed is planned on a guess of its size.
  await maintenance.start({ seeded: demo.seeded });
  const jobs = new JobQueue(database, [...scheduledJobs(config, database), ...featureJobs(config, database)], {
    clock: systemClock,
    pollMs: config.jobsPollMs,
    onError: (e, job) => app.log.error({ err: e, job }, 'scheduled job failed'),
  });
  await jobs.start();
  const address = await app.listen({ port: config.port, host: config.host });
  const port = new URL(address.replace('0.0.0.0', 'localhost')).port;
  const url = `http://localhost:${port}`;

  // Several processes on one port (GISURG_PROCESSES, cli/cluster.ts): the first tells where and how to sign in, the
  // others only that they serve; a password generated at first start is shown by whichever process made it.
  const first = !cluster.isWorker || cluster.worker?.id === 1;
  if (first) {
    line();
    line(`GISurg is running at ${url}  (API docs: ${url}/api/docs)`);
    line(
      database.engine === 'pglite'
        ? `Database: embedded PGlite (PostgreSQL ${database.version}) in ${runtime.config.dataDir}`
        : `Database: PostgreSQL ${database.version} (DATABASE_URL)`,
    );
  }
  if (boot.generatedAdminPassword) {
    line(`Sign in as "admin" with the generated password: ${boot.generatedAdminPassword}`);
    line('  (shown only now — note it down; set GISURG_ADMIN_PASSWORD to choose it, or run `npm run gisurg -- reset-password admin`)');
  } else if (first) {
    line('Sign in as "admin" (password from GISURG_ADMIN_PASSWORD or printed at first start).');
  }
  if (demo.seeded) {
    line(`Demo data seeded: ${config.demoPatients} synthetic patients, one account per role (surgeon, nurse, mdt_coordinator, …).`);
    if (demo.generatedDemoPassword)
      line(`Demo accounts' password: ${demo.generatedDemoPassword}  (shown only now; GISURG_DEMO_PASSWORD to choose it)`);
  }
  if (config.mfa.demoExempt && first) {
    line('WARNING: demo mode — no role is REQUIRED to use a second factor (MFA). A hospital installation sets');
    line('  GISURG_DEMO=0 (the administrators and external doctors must then enrol TOTP) or MFA_REQUIRED_ROLES=… (docs/security.md).');
  }
  if (cluster.isWorker) {
    line(
      `App process ${cluster.worker!.id} of ${config.processes} ready in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${process.pid}).`,
    );
    process.send?.(READY_MESSAGE);
  } else {
    line(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s. Stop with Ctrl+C.`);
    line();
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      app.log.error({ graceMs: config.shutdownGraceMs }, 'shutdown took longer than SHUTDOWN_GRACE_SECONDS; exiting');
      process.exit(1);
    }, config.shutdownGraceMs);
    force.unref();
    try {
      await shutdown();
      await jobs.stop();
      await app.close();
      // After the last request: statistics for the next start (PGlite; jobs/pglite-maintenance.ts).
      await maintenance.stop();
      await runtime.close();
      process.exit(0);
    } catch (e) {
      app.log.error({ err: e }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
