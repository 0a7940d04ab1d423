import { registerFeatureContent } from '../../features/index.js';
import { eq } from 'drizzle-orm';
import { appSettings } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { generatePassword, hashPassword, meetsPasswordPolicy } from '../../auth/passwords.js';
import { todayIn } from '@gisurg/contracts';
import { BootstrapError } from '../bootstrap.js';
import { Rng } from '../random.js';
import { seedFoundationDemo } from './foundation.js';
import { seedOncologyDemo } from './oncology.js';
import { seedMdtDemo } from './mdt.js';
import { seedWardDemo } from './ward.js';
import { seedFollowUpDemo } from './followup.js';
import { seedTheatreDemo } from './theatre.js';
import { seedConsultationsDemo } from './consultations.js';
import { seedConsultationReachDemo } from './consultation-reach.js';
import { seedQualityDemo } from './quality.js';
import { seedResearchDemo } from './research.js';
import { seedEducationDemo } from './education.js';
import { seedMdtHistoryDemo } from './mdt-history.js';

/** What every demo step receives. Each step runs in its own transaction with its own seeded Rng. */
export interface DemoStepContext {
  tx: Db;
  homeOrganizationId: string;
  departmentId: string;
  now: Date;
  /** The hospital's date today, YYYY-MM-DD. */
  today: string;
  /** The hospital's time zone (GISURG_TIMEZONE). */
  timeZone: string;
  rng: Rng;
  /** A fresh argon2 hash (own salt) of the demo password for each demo account a step adds. */
  passwordHash: () => Promise<string>;
  /** Number of demo patients the foundation step creates. */
  patients: number;
}

export interface DemoStep {
  /** Marker key: a step runs once per installation (`demo_seeded:<key>`), so a later feature's demo data
   *  also appears in an existing demo installation. */
  key: string;
  run: (ctx: DemoStepContext) => Promise<void>;
}

/** The demo accounts the steps make at a first start (foundation's DEMO_USERS, quality's and education's). */
export const DEMO_ACCOUNTS = 17;

/** Demo steps in order; each feature appends its own (server/src/seed/demo/<feature>.ts). */
export const DEMO_STEPS: DemoStep[] = [
  { key: 'foundation', run: seedFoundationDemo },
  { key: 'oncology', run: seedOncologyDemo },
  { key: 'mdt', run: seedMdtDemo },
  { key: 'ward', run: seedWardDemo },
  { key: 'theatre', run: seedTheatreDemo },
  { key: 'consultations', run: seedConsultationsDemo },
  { key: 'followup', run: seedFollowUpDemo },
  { key: 'quality', run: seedQualityDemo },
  { key: 'research', run: seedResearchDemo },
  { key: 'education', run: seedEducationDemo },
  { key: 'mdt-history', run: seedMdtHistoryDemo },
  { key: 'consultation-reach', run: seedConsultationReachDemo },
];

export interface DemoResult {
  seeded: boolean;
  /** Set only when the demo password was generated now: print it once. */
  generatedDemoPassword: string | null;
}

/**
 * Synthetic demo data (unless GISURG_DEMO=0). Deterministic (fixed seeds) so screenshots and walkthroughs
 * are stable. Synthetic only: no real person is described.
 */
export async function seedDemo(
  db: Db,
  opts: {
    homeOrganizationId: string;
    departmentId: string;
    demoPassword: string | undefined;
    patients: number;
    now: Date;
    timeZone: string;
    /** Told before and after each step (progress lines at first start). */
    onProgress?: (line: string) => void;
    /** Run after each step's commit — at first start, fresh planner statistics for the next step (PGlite has no autovacuum). */
    afterStep?: () => Promise<unknown>;
  },
): Promise<DemoResult> {
  // Demo steps build data through the features' use cases, which publish clinical events.
  registerFeatureContent();
  const done = new Set((await db.select({ key: appSettings.key }).from(appSettings)).map((r) => r.key));
  const pending = DEMO_STEPS.filter((s) => !done.has(`demo_seeded:${s.key}`));
  if (pending.length === 0) return { seeded: false, generatedDemoPassword: null };
  if (opts.demoPassword !== undefined && !meetsPasswordPolicy(opts.demoPassword)) {
    throw new BootstrapError(
      'GISURG_DEMO_PASSWORD does not meet the password policy (at least 8 characters from 3 of: upper-case, lower-case, digits, symbols).',
    );
  }
  const foundationPending = pending.some((s) => s.key === 'foundation');
  const generated = foundationPending && !opts.demoPassword ? generatePassword() : null;
  const demoPassword = opts.demoPassword ?? generated ?? generatePassword();
  // One hash per account: the same salt on every account would show at a glance which share a password.
  // A first start hashes the demo accounts' passwords (DEMO_ACCOUNTS, ~30 ms of argon2 each) on the thread pool
  // while the steps write, instead of one after the other in the steps (issue 18 start-up); a step that needs
  // more accounts than made ahead hashes its own.
  const ahead = Array.from({ length: foundationPending ? DEMO_ACCOUNTS : 0 }, () => hashPassword(demoPassword));
  // Each made-ahead hash is taken by one account; an unused one (a step that failed) must not reject unhandled.
  for (const h of ahead) h.catch(() => undefined);
  const passwordHash = () => ahead.shift() ?? hashPassword(demoPassword);
  const today = todayIn(opts.timeZone, opts.now);
  opts.onProgress?.(`Seeding synthetic demo data (${pending.length} steps)…`);
  for (const [i, step] of DEMO_STEPS.entries()) {
    if (done.has(`demo_seeded:${step.key}`)) continue;
    const stepStarted = Date.now();
    await db.transaction(async (tx) => {
      await step.run({
        tx,
        homeOrganizationId: opts.homeOrganizationId,
        departmentId: opts.departmentId,
        now: opts.now,
        today,
        timeZone: opts.timeZone,
        rng: new Rng(20261126 + i * 7919),
        passwordHash,
        patients: opts.patients,
      });
      await tx.insert(appSettings).values({ key: `demo_seeded:${step.key}`, value: { at: opts.now.toISOString() } });
    });
    await opts.afterStep?.();
    opts.onProgress?.(`Demo data ${i + 1}/${DEMO_STEPS.length}: ${step.key} (${((Date.now() - stepStarted) / 1000).toFixed(1)} s)`);
  }
  const [marker] = await db.select().from(appSettings).where(eq(appSettings.key, 'demo_seeded:foundation')).limit(1);
  return { seeded: Boolean(marker) && foundationPending, generatedDemoPassword: generated };
}
