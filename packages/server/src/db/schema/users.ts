import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { recordColumns, tstz } from './common.js';
import { departments, organizations } from './organizations.js';

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Stored lower-case; unique. */
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role').notNull(),
    organizationId: uuid('organization_id')
      .notNull()
      .references(() => organizations.id),
    departmentId: uuid('department_id').references(() => departments.id),
    /** Professional title, e.g. 主任医师 / attending. */
    title: text('title'),
    specialty: text('specialty'),
    phone: text('phone'),
    passwordHash: text('password_hash').notNull(),
    passwordChangedAt: tstz('password_changed_at').notNull().defaultNow(),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    lockedUntil: tstz('locked_until'),
    lastLoginAt: tstz('last_login_at'),
    disabledAt: tstz('disabled_at'),
    /** TOTP secret (RFC 6238), AES-256-GCM encrypted (auth/mfa-crypto.ts); never returned after enrolment. */
    mfaSecret: text('mfa_secret'),
    /** When the second factor was confirmed; null = not enrolled. */
    mfaEnabledAt: tstz('mfa_enabled_at'),
    /** The last TOTP time step accepted: a code of this step or an earlier one is a replay (refused). */
    mfaLastStep: bigint('mfa_last_step', { mode: 'number' }),
    /** A secret shown during enrolment, not yet confirmed with a code (encrypted like mfa_secret). */
    mfaPendingSecret: text('mfa_pending_secret'),
    ...recordColumns,
  },
  (t) => [
    uniqueIndex('users_username_uq').on(t.username),
    index('users_org_idx').on(t.organizationId),
    check('users_username_lower_ck', sql`${t.username} = lower(${t.username})`),
  ],
);

/** Server-side sessions. Only an HMAC of the random token is stored (the cookie holds the token). */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tokenHash: text('token_hash').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    createdAt: tstz('created_at').notNull(),
    lastSeenAt: tstz('last_seen_at').notNull(),
    expiresAt: tstz('expires_at').notNull(),
    revokedAt: tstz('revoked_at'),
    revokeReason: text('revoke_reason'),
    clientIp: text('client_ip'),
    userAgent: text('user_agent'),
    /** `full`, or `mfa_pending`: password accepted, the second factor not yet (can only submit the code). */
    stage: text('stage').notNull().default('full'),
  },
  (t) => [uniqueIndex('sessions_token_hash_uq').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

/** Single-use MFA recovery codes: only a SHA-256 of each (80 random bits) is stored; shown once. */
export const mfaRecoveryCodes = pgTable(
  'mfa_recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    codeHash: text('code_hash').notNull(),
    createdAt: tstz('created_at').notNull(),
    usedAt: tstz('used_at'),
  },
  (t) => [uniqueIndex('mfa_recovery_codes_uq').on(t.userId, t.codeHash)],
);
