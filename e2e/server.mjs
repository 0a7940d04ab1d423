// Starts the real GISurg server for the browser tests: a fresh embedded database under a temporary
// DATA_DIR, seeded with the synthetic demo data, serving the built web app.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureServerBuilt, serverBundle } from '../scripts/build-server.mjs';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'gisurg-e2e-'));
// The server bundle, as `npm start` runs it (ADR 0017).
ensureServerBuilt({ quiet: true });
const child = spawn(process.execPath, ['--enable-source-maps', serverBundle, 'serve'], {
  stdio: 'inherit',
  env: {
    ...process.env,
    PORT: process.env.E2E_PORT ?? '8790',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    GISURG_DEMO: '1',
    GISURG_DEMO_PATIENTS: '60',
    GISURG_ADMIN_PASSWORD: process.env.GISURG_DEMO_PASSWORD,
    LOG_LEVEL: 'warn',
  },
});
const stop = (signal) => {
  child.kill(signal);
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
child.on('exit', (code) => {
  rmSync(dataDir, { recursive: true, force: true });
  process.exit(code ?? 0);
});
