import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ROLES } from '@gisurg/contracts/auth';

/**
 * Every setting, parsed once at start. Unknown values fail fast with every problem listed.
 * Documented in README.md and .env.example.
 */
const boolish = z.enum(['0', '1', 'true', 'false', 'yes', 'no', 'on', 'off']).transform((v) => ['1', 'true', 'yes', 'on'].includes(v));

const intFrom = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);

const EnvSchema = z.object({
  PORT: intFrom(8080, 0, 65535),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /**
   * PostgreSQL only (issue 17 failure 5): the owner role that runs the migrations. The app then connects with
   * DATABASE_URL as a role that does not own the tables: it gets data rights on every table, and on audit_log only
   * SELECT, INSERT and UPDATE of the three chain columns (the sealer) — no DELETE, TRUNCATE or change of a row.
   */
  MIGRATION_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** PostgreSQL: record a changed SESSION_SECRET as the one every process must use (auth/session-secret-check.ts). */
  SESSION_SECRET_ROTATE: boolish.default(false),
  /** How often each process looks for due scheduled jobs (jobs/queue.ts). */
  JOBS_POLL_SECONDS: intFrom(30, 1, 3600),
  /**
   * On SIGTERM/SIGINT: how long in-flight requests may take to finish before the process exits anyway (P11).
   * 30 s like Kubernetes's default grace period: a report PDF on a busy machine can take over 10 s.
   */
  SHUTDOWN_GRACE_SECONDS: intFrom(30, 1, 3600),
  /** FHIR bulk exports (features/fhir/export): files and status are deleted this long after the kick-off. */
  FHIR_EXPORT_TTL_HOURS: intFrom(24, 1, 24 * 30),
  GISURG_ADMIN_PASSWORD: z.string().optional(),
  GISURG_DEMO: boolish.default(true),
  GISURG_DEMO_PASSWORD: z.string().optional(),
  GISURG_DEMO_PATIENTS: intFrom(200, 0, 1_000_000),
  GISURG_LOCALE: z.enum(['zh-CN', 'en']).default('zh-CN'),
  GISURG_TIMEZONE: z.string().default('Asia/Shanghai'),
  SESSION_IDLE_MINUTES: intFrom(15, 1, 24 * 60),
  SESSION_ABSOLUTE_HOURS: intFrom(12, 1, 24 * 7),
  LOGIN_MAX_FAILURES: intFrom(5, 1, 100),
  LOGIN_LOCK_MINUTES: intFrom(15, 1, 24 * 60),
  LOGIN_IP_MAX_FAILURES: intFrom(30, 1, 100_000),
  LOGIN_IP_WINDOW_MINUTES: intFrom(10, 1, 24 * 60),
  /**
   * Roles that must use a second factor (TOTP, issue 17): comma-separated role names, or `none`. Default: the three
   * administrator roles and external doctors — except with GISURG_DEMO on, where the default is `none` (the demo's
   * shared accounts; a loud warning at start and in the README). Any user may enrol by choice.
   */
  MFA_REQUIRED_ROLES: z
    .string()
    .regex(/^\s*(none|[a-z_]+(\s*,\s*[a-z_]+)*)\s*$/, 'comma-separated role names, or none')
    .optional(),
  /** How long a break-glass access to a patient outside one's scope lasts (issue 17). */
  BREAK_GLASS_HOURS: intFrom(4, 1, 24),
  COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
  TRUST_PROXY: boolish.default(false),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  AUDIT_SEAL_INTERVAL_MS: intFrom(1000, 50, 60_000),
  /** Anchor the chain head after this many new entries, and at least every AUDIT_ANCHOR_INTERVAL_SECONDS. */
  AUDIT_ANCHOR_EVERY_ENTRIES: intFrom(50, 1, 1_000_000),
  AUDIT_ANCHOR_INTERVAL_SECONDS: intFrom(10, 1, 3600),
  /** A second anchor file outside DATA_DIR (another disk, a mounted share): written with every anchor. */
  AUDIT_ANCHOR_COPY: z.string().optional(),
  WEB_DIST: z.string().optional(),
  /** CJK font for generated PDFs (MDT letters); Debian package fonts-noto-cjk. */
  GISURG_PDF_FONT: z.string().min(1).default('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc'),
  /** PostScript name of the face inside a font collection (.ttc). */
  GISURG_PDF_FONT_NAME: z.string().min(1).default('NotoSansCJKsc-Regular'),
  /** Largest MDT attachment (imaging / pathology report, key image), in MiB. */
  MDT_ATTACHMENT_MAX_MB: intFrom(10, 1, 100),
  /** Where new attachments go (core/attachments.ts): `files` under DATA_DIR or the `database`; default files on PGlite. */
  ATTACHMENT_STORAGE: z.enum(['files', 'database']).optional(),
  /** PGlite only: run the embedded database in a worker thread, so SQL and HTTP use both cores (ADR 0016). */
  PGLITE_WORKER: boolish.default(true),
  /** PGlite only: its buffer pool in MB, or `auto` (sized to the database, 32–128 MB; db/pglite-buffers.ts, ADR 0024). */
  PGLITE_SHARED_BUFFERS: z
    .string()
    .regex(/^\s*(auto|\d{2,5}\s*(mb)?)\s*$/i, 'auto, or a size in MB from 16 to 16384 (e.g. 256MB)')
    .default('auto')
    .transform((s) => (/auto/i.test(s) ? ('auto' as const) : parseInt(s, 10)))
    .refine((v) => v === 'auto' || (v >= 16 && v <= 16384), 'auto, or a size in MB from 16 to 16384 (e.g. 256MB)'),
  /**
   * PostgreSQL only: app processes `serve` starts on the one port (node:cluster; cli/cluster.ts), e.g. one per core —
   * the sessions, throttles, locks, audit chain and jobs are all in the database (docs/operations.md).
   */
  GISURG_PROCESSES: intFrom(1, 1, 64),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** The owner role's URL for migrations (PostgreSQL with separated roles); undefined: the app's URL migrates. */
  migrationDatabaseUrl: string | undefined;
  sessionSecret: string;
  sessionSecretRotate: boolean;
  jobsPollMs: number;
  shutdownGraceMs: number;
  adminPassword: string | undefined;
  demo: boolean;
  demoPassword: string | undefined;
  demoPatients: number;
  defaultLocale: 'zh-CN' | 'en';
  timeZone: string;
  session: { idleMs: number; absoluteMs: number };
  login: { maxFailures: number; lockMs: number; ipMaxFailures: number; ipWindowMs: number };
  /** Roles that must enrol a second factor before they can do anything else; `demoExempt`: the demo default (none) applies. */
  mfa: { requiredRoles: readonly string[]; demoExempt: boolean };
  breakGlassMs: number;
  cookieSecure: 'auto' | 'always' | 'never';
  trustProxy: boolean;
  logLevel: string;
  auditSealIntervalMs: number;
  audit: { anchorEveryEntries: number; anchorEveryMs: number; anchorCopy: string | null };
  webDist: string | undefined;
  /** Font for generated PDFs; checked when a PDF is made (features/mdt letters). */
  pdfFont: { path: string; postscriptName: string };
  mdt: { attachmentMaxBytes: number };
  attachmentStorage: 'files' | 'database';
  /** FHIR bulk exports: how long files and status are kept after the kick-off. */
  fhirExport: { ttlMs: number };
  /** PGlite in a worker thread (ADR 0016); no effect on PostgreSQL. */
  pgliteWorker: boolean;
  /** PGlite's buffer pool: `auto` (sized to the database) or MB (db/pglite-buffers.ts). */
  pgliteSharedBuffers: 'auto' | number;
  /** App processes `serve` runs on the one port (PostgreSQL only; 1 = this process serves). */
  processes: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Parse the environment. Does not touch the disk; see `ensureSessionSecret`. */
export function parseConfig(env: NodeJS.ProcessEnv = process.env): Omit<Config, 'sessionSecret'> & { sessionSecret?: string } {
  const picked = Object.fromEntries(Object.keys(EnvSchema.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = EnvSchema.safeParse(picked);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  }
  const e = parsed.data;
  if (e.MIGRATION_DATABASE_URL && !e.DATABASE_URL)
    throw new ConfigError(['MIGRATION_DATABASE_URL: needs DATABASE_URL (separated database roles exist on PostgreSQL only)']);
  const unknownRoles = mfaSetting(e.MFA_REQUIRED_ROLES, e.GISURG_DEMO).requiredRoles.filter(
    (r) => !(ROLES as readonly string[]).includes(r),
  );
  if (unknownRoles.length > 0) throw new ConfigError([`MFA_REQUIRED_ROLES: unknown role ${unknownRoles.join(', ')}`]);
  if (e.GISURG_PROCESSES > 1 && !e.DATABASE_URL)
    throw new ConfigError(['GISURG_PROCESSES: more than one process needs DATABASE_URL (the embedded database serves one process)']);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    migrationDatabaseUrl: e.MIGRATION_DATABASE_URL,
    ...(e.SESSION_SECRET ? { sessionSecret: e.SESSION_SECRET } : {}),
    sessionSecretRotate: e.SESSION_SECRET_ROTATE,
    jobsPollMs: e.JOBS_POLL_SECONDS * 1000,
    shutdownGraceMs: e.SHUTDOWN_GRACE_SECONDS * 1000,
    adminPassword: e.GISURG_ADMIN_PASSWORD,
    demo: e.GISURG_DEMO,
    demoPassword: e.GISURG_DEMO_PASSWORD,
    demoPatients: e.GISURG_DEMO_PATIENTS,
    defaultLocale: e.GISURG_LOCALE,
    timeZone: e.GISURG_TIMEZONE,
    session: { idleMs: e.SESSION_IDLE_MINUTES * 60_000, absoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000 },
    login: {
      maxFailures: e.LOGIN_MAX_FAILURES,
      lockMs: e.LOGIN_LOCK_MINUTES * 60_000,
      ipMaxFailures: e.LOGIN_IP_MAX_FAILURES,
      ipWindowMs: e.LOGIN_IP_WINDOW_MINUTES * 60_000,
    },
    mfa: mfaSetting(e.MFA_REQUIRED_ROLES, e.GISURG_DEMO),
    breakGlassMs: e.BREAK_GLASS_HOURS * 3_600_000,
    cookieSecure: e.COOKIE_SECURE,
    trustProxy: e.TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    auditSealIntervalMs: e.AUDIT_SEAL_INTERVAL_MS,
    audit: {
      anchorEveryEntries: e.AUDIT_ANCHOR_EVERY_ENTRIES,
      anchorEveryMs: e.AUDIT_ANCHOR_INTERVAL_SECONDS * 1000,
      anchorCopy: e.AUDIT_ANCHOR_COPY ? path.resolve(e.AUDIT_ANCHOR_COPY) : null,
    },
    webDist: e.WEB_DIST,
    pdfFont: { path: e.GISURG_PDF_FONT, postscriptName: e.GISURG_PDF_FONT_NAME },
    mdt: { attachmentMaxBytes: e.MDT_ATTACHMENT_MAX_MB * 1024 * 1024 },
    attachmentStorage: e.ATTACHMENT_STORAGE ?? (e.DATABASE_URL ? 'database' : 'files'),
    fhirExport: { ttlMs: e.FHIR_EXPORT_TTL_HOURS * 3_600_000 },
    pgliteWorker: e.PGLITE_WORKER,
    pgliteSharedBuffers: e.PGLITE_SHARED_BUFFERS,
    processes: e.GISURG_PROCESSES,
  };
}

/** The roles that must use MFA by default (issue 17): the administrators and external doctors. */
export const DEFAULT_MFA_REQUIRED_ROLES = ['admin', 'security_admin', 'audit_admin', 'external_doctor'] as const;

function mfaSetting(value: string | undefined, demo: boolean): Config['mfa'] {
  if (value === undefined)
    return demo ? { requiredRoles: [], demoExempt: true } : { requiredRoles: DEFAULT_MFA_REQUIRED_ROLES, demoExempt: false };
  const v = value.trim();
  if (v === 'none') return { requiredRoles: [], demoExempt: false };
  return { requiredRoles: v.split(',').map((r) => r.trim()), demoExempt: false };
}

/** The session secret comes from SESSION_SECRET, or is generated once and kept (0600) under DATA_DIR. */
export function ensureSessionSecret(dataDir: string, given: string | undefined): string {
  if (given) return given;
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const c = parseConfig(env);
  return { ...c, sessionSecret: ensureSessionSecret(c.dataDir, c.sessionSecret) };
}
